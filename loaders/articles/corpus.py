"""Articles to facts: one article (``extract``), or every article in some directories
(``load_corpus``), where one bad file is skipped and the rest still load."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from tdkt.errors import InputError
from tdkt.loaders import NamedGraph
from tdkt.loaders.articles.budget import within_budget
from tdkt.loaders.articles.facts import ArticleFacts
from tdkt.loaders.articles.reader import Article, read_article
from tdkt.loaders.articles.rules import (
    awards,
    campaigns,
    citations,
    clusters,
    events,
    officials,
    roles,
)
from tdkt.loaders.articles.to_rdf import facts_to_graph
from tdkt.loaders.gazetteer import Gazetteer

SUFFIXES = (".txt", ".html", ".htm")


@dataclass
class Skipped:
    """A file that was not loaded, and why."""

    path: Path
    reason: str


@dataclass
class CorpusResult:
    graphs: list[NamedGraph] = field(default_factory=list)
    facts: list[ArticleFacts] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def extract(path: Path, gazetteer: Gazetteer | None = None) -> ArticleFacts:
    """Read one article file and every fact it states (raises InputError on a bad file)."""
    return extract_article(read_article(Path(path)), gazetteer or Gazetteer.load())


def extract_article(article: Article, gazetteer: Gazetteer) -> ArticleFacts:
    """Every fact of ``article``; one that takes longer than the time budget per article is
    stopped with an InputError naming it (``budget``), so it is skipped like a bad file."""
    with within_budget(article.path):
        return _run_rules(article, gazetteer)


def _run_rules(article: Article, gazetteer: Gazetteer) -> ArticleFacts:
    """Run the rules in the order their context needs: setting, people, event, the rest."""
    context = events.setting(article, gazetteer)
    people = tuple(officials.extract(article, context, gazetteer))
    context = replace(context, officials=people)
    found = tuple(events.extract(article, context, gazetteer))
    context = replace(context, event=found[0] if found else None)
    return ArticleFacts(
        article=article,
        events=found,
        clusters=tuple(clusters.mentions(article, context, gazetteer)),
        memberships=tuple(clusters.extract(article, context, gazetteer)),
        roles=tuple(roles.extract(article, context, gazetteer)),
        awards=tuple(awards.extract(article, context, gazetteer)),
        citations=tuple(citations.extract(article, context, gazetteer)),
        officials=people,
        campaigns=tuple(campaigns.extract(article, context, gazetteer)),
    )


def article_graph(path: Path) -> NamedGraph:
    """One article's named graph (``graph/source/{key}``)."""
    return facts_to_graph(extract(path))


def article_files(dirs: Iterable[Path]) -> list[Path]:
    """``*.txt``, ``*.html``, ``*.htm`` in each directory, sorted; directories in order."""
    files = []
    for directory in dirs:
        directory = Path(directory)
        if not directory.is_dir():
            raise InputError(directory, "not a directory")
        files += sorted(
            p for p in directory.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES
        )
    return files


def load_corpus(dirs: Iterable[Path], gazetteer: Gazetteer | None = None) -> CorpusResult:
    """Every article's facts and graph. People who share a name but are tied to different
    provinces, or whose spellings differ by a diacritic with nothing tying them, get distinct
    keys across the whole corpus (``rules.officials.corpus_keys``)."""
    gazetteer = gazetteer or Gazetteer.load()
    result = CorpusResult()
    for path in article_files(dirs):
        try:
            result.facts.append(extract_article(read_article(path), gazetteer))
        except InputError as error:
            result.skipped.append(Skipped(path, error.reason))
        except (OSError, UnicodeError) as error:
            result.skipped.append(Skipped(path, f"cannot read: {error}"))
    renames = officials.corpus_keys(
        {i: officials.seen(f.officials) for i, f in enumerate(result.facts)}
    )
    result.facts = [f.with_person_keys(renames[i]) for i, f in enumerate(result.facts)]
    result.graphs = [facts_to_graph(f) for f in result.facts]
    return result
