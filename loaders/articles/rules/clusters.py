"""Clusters under the names the article gives them, and member lists it enumerates."""

from __future__ import annotations

import re

from tdkt.loaders.articles.facts import DATE_NOT_STATED, STATED, ClusterMention, Membership
from tdkt.loaders.articles.reader import Article
from tdkt.loaders.articles.rules.common import (
    SECTOR_AFTER,
    Context,
    Span,
    evidence,
    listed,
    paragraphs,
)
from tdkt.loaders.gazetteer import Entry, Gazetteer, Match
from tdkt.text import match_key

# "<cluster> gồm (các tỉnh) A, B và C": the list must follow the name directly.
_LIST_HEAD = re.compile(r"\s*\(?\s*(?:bao\s+gồm|gồm\s+có|gồm)(?:\s+các)?\s*:?\s*", re.IGNORECASE)
# Before the first name: "tỉnh", "thành phố" or "tỉnh, thành phố" (the gazetteer's match
# already includes a unit word written right before a name).
_FIRST_GAP = re.compile(r"\s*(?:(?:tỉnh|thành\s+phố)(?:\s*,\s*thành\s+phố)?\s*)?", re.IGNORECASE)
_BARE_CLUSTER = re.compile(r"(?<!\w)cụm(?:\s+thi\s+đua)?(?!\w)", re.IGNORECASE)
_LIST_GAP = re.compile(r"\s*(?:,|;|\bvà\b)\s*", re.IGNORECASE)


def spans(article: Article) -> list[Span]:
    """Where cluster names may appear: the title, then the content paragraphs."""
    title = []
    if article.title_span is not None:
        start, end = article.title_span
        title = [Span(start, end, article.text[start:end])]
    return title + paragraphs(article)


def find(article: Article, gazetteer: Gazetteer) -> list[Match]:
    """Every cluster name in the title and the content, in that order; a name a sector body
    borrows ("Cụm thi đua các tỉnh Tây Nam Bộ của Hội CCB") is a look-alike, not the cluster."""
    return [
        m
        for s in spans(article)
        for m in gazetteer.find_clusters(s.text, s.start)
        if not SECTOR_AFTER.match(article.text, m.end, s.end)
    ]


def main_cluster(article: Article, gazetteer: Gazetteer) -> Entry | None:
    """The cluster the article is about: the first one it names (title first)."""
    found = find(article, gazetteer)
    return found[0].entry if found else None


def mentions(article: Article, context: Context, gazetteer: Gazetteer) -> list[ClusterMention]:
    """One fact per distinct name of a cluster, with its first occurrence."""
    seen: set[tuple[str, str]] = set()
    facts = []
    for match in find(article, gazetteer):
        key = (match.entry.key, match_key(match.text))
        if key not in seen:
            seen.add(key)
            facts.append(
                ClusterMention(match.entry, match.text, evidence(article, match.start, match.end))
            )
    return facts


def extract(article: Article, context: Context, gazetteer: Gazetteer) -> list[Membership]:
    """Members of a cluster where the article lists them, for the year of the event (a text
    with no date at all keeps them undated): after a cluster's name, or after a bare "Cụm"
    that means the article's cluster."""
    day = context.event.date if context.event and context.event.date else context.date
    year = day.year if day else None
    notes = () if year is not None else (DATE_NOT_STATED,)  # kept, undated, and says so
    facts: list[Membership] = []
    for span in paragraphs(article):
        named = [
            m
            for m in gazetteer.find_clusters(span.text, span.start)
            if not SECTOR_AFTER.match(article.text, m.end, span.end)
        ]
        heads = [(m.entry, m.start, m.end) for m in named]
        if context.cluster is not None:
            heads += [
                (context.cluster, span.start + m.start(), span.start + m.end())
                for m in _BARE_CLUSTER.finditer(span.text)
                if not any(c.start <= span.start + m.start() < c.end for c in named)
            ]
        provinces = None  # read only where a cluster's name opens a list
        for cluster, start, end in heads:
            head = _LIST_HEAD.match(span.text, end - span.start)
            if head is None:
                continue
            if provinces is None:
                provinces = gazetteer.find_provinces(span.text, context.date, span.start)
            members = listed(span, provinces, span.start + head.end(), _FIRST_GAP, _LIST_GAP)
            for province in members:
                quote = evidence(article, start, members[-1].end)
                facts.append(Membership(cluster, province.entry, year, STATED, quote, notes))
    return facts
