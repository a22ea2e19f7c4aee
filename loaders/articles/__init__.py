"""Reading news articles into sourced facts (see docs/model.md).

Public API (the ``tdkt extract`` / ``tdkt build`` commands call these):

- ``extract(path, gazetteer=None) -> ArticleFacts``: every fact one article states.
- ``article_graph(path) -> NamedGraph``: those facts as the article's named graph.
- ``load_corpus(dirs) -> CorpusResult``: every article in some directories; a bad file is
  skipped with its reason and the rest load.
- ``render_text(facts)`` / ``render_json(facts)``: the facts for people and for programs.
"""

from __future__ import annotations

from dataclasses import asdict, fields, is_dataclass
from datetime import date
from typing import Any

from tdkt.loaders.articles.corpus import (
    CorpusResult,
    Skipped,
    article_graph,
    extract,
    extract_article,
    load_corpus,
)
from tdkt.loaders.articles.facts import ArticleFacts, Decision, Evidence, Post
from tdkt.loaders.articles.to_rdf import facts_to_graph
from tdkt.loaders.gazetteer import Entry

__all__ = [
    "ArticleFacts",
    "CorpusResult",
    "Skipped",
    "article_graph",
    "extract",
    "extract_article",
    "facts_to_graph",
    "load_corpus",
    "render_json",
    "render_text",
]


# ---------------------------------------------------------------- rendering

_SECTIONS = (
    ("events", "Event"),
    ("clusters", "Cluster"),
    ("memberships", "Member"),
    ("roles", "Cluster role"),
    ("awards", "Award"),
    ("citations", "Citation"),
    ("officials", "Official"),
    ("campaigns", "Campaign"),
)


def render_json(facts: ArticleFacts) -> dict[str, Any]:
    """The facts as JSON-ready data: entities by key, dates ISO, quotes with offsets."""
    article = facts.article
    result: dict[str, Any] = {
        "source": article.key,
        "path": str(article.path),
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
    }
    for name, _ in _SECTIONS:
        result[name] = [_jsonable(fact) for fact in getattr(facts, name)]
    return result


def _jsonable(value: Any) -> Any:
    if isinstance(value, Entry):
        return {"kind": value.kind, "key": value.key, "iri": str(value.iri), "label": value.label}
    if isinstance(value, Evidence):
        return asdict(value)
    if is_dataclass(value):
        return {f.name: _jsonable(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def render_text(facts: ArticleFacts) -> str:
    """What ``tdkt extract`` prints: each fact on a line, then the quote it was read from."""
    article = facts.article
    lines = [f"{article.path.name}  {article.title or ''}  ({article.published or 'no date'})"]
    for name, heading in _SECTIONS:
        for fact in getattr(facts, name):
            lines.append(f"{heading}: {_summary(fact)}")
            ev = fact.evidence
            lines.append(f"    [{ev.start}:{ev.end}] “{' '.join(ev.quote.split())}”")
    return "\n".join(lines)


def _summary(fact: Any) -> str:
    parts = []
    for f in fields(fact):
        value = getattr(fact, f.name)
        if f.name in ("evidence", "mentions") or value in (None, (), ""):
            continue
        if isinstance(value, Entry):
            value = value.label
        elif isinstance(value, tuple):
            value = ", ".join(_short(v) for v in value)
        elif is_dataclass(value):
            value = _short(value)
        parts.append(f"{f.name}={value}")
    return "; ".join(parts)


def _short(value: Any) -> str:
    if isinstance(value, Post):
        return f"{value.title} [{value.organization_key or '?'}]"
    if isinstance(value, Decision):
        return f"{value.number} ({value.date or 'no date'})"
    return str(value)
