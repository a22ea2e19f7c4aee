"""What several rules share: the reading context, sentences, folded text, evidence, cues."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from tdkt.loaders.articles.dates import PeriodMention, find_periods
from tdkt.loaders.articles.facts import (
    ASSIGNED,
    ELECTED,
    PROPOSED,
    Event,
    Evidence,
    Official,
)
from tdkt.loaders.articles.reader import Article
from tdkt.loaders.gazetteer import Entry, Match


@dataclass(frozen=True)
class Context:
    """What several rules need to know about the article as a whole."""

    date: date | None
    cluster: Entry | None = None
    host: Entry | None = None
    event: Event | None = None
    officials: tuple[Official, ...] = ()

    @property
    def default_year(self) -> int | None:
        """The emulation year a fact refers to when its sentence names none: the year the
        event reviews (a review held in March 2024 is run by the 2023 office-holders and
        proposes awards for 2023), else the year of the event, else of the article."""
        if self.event is not None:
            return self.event.reporting_year or self.event.date.year
        return self.date.year if self.date else None


@dataclass(frozen=True)
class Span:
    """A stretch of the article text (a sentence or paragraph) with its offset."""

    start: int
    end: int
    text: str

    def folded(self) -> str:
        return folded(self.text)


def evidence(article: Article, start: int, end: int) -> Evidence:
    """Evidence for ``article.text[start:end]``, trimmed of surrounding space."""
    while start < end and article.text[start].isspace():
        start += 1
    while end > start and article.text[end - 1].isspace():
        end -= 1
    return Evidence(start, end, article.text[start:end])


def folded(text: str) -> str:
    """``text`` lower-cased without diacritics (đ → d), one character per character, so
    regex offsets on the folded form are offsets into ``text``."""
    return "".join(map(_folded_char, text))


@functools.cache
def _folded_char(ch: str) -> str:
    """One character folded; kept as is where folding would not give one character."""
    if ch in "đĐ":
        return "d"
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    base = base.lower()
    return base if len(base) == 1 else ch


# A sentence ends at . ! ? (or "./.") before a space and a capital, an opening quote, or the
# end; so not inside numbers ("1.1.2024"), and not after "TP.".
_SENTENCE_END = re.compile(r"(?<!\bTP)[.!?…]+(?:/\.)?[”\"’)]*(?=\s+[“\"(]?[A-ZĐÀ-Ỹ]|\s*$)")


def paragraphs(article: Article) -> list[Span]:
    """The article's content paragraphs."""
    return [Span(p.start, p.end, p.text) for p in article.paragraphs]


def sentences(article: Article) -> list[Span]:
    """Every sentence of every content paragraph, in text order."""
    return [s for p in paragraphs(article) for s in split_sentences(p)]


def split_sentences(paragraph: Span) -> Iterator[Span]:
    begin = 0
    for match in _SENTENCE_END.finditer(paragraph.text):
        end = match.end()
        if paragraph.text[begin:end].strip():
            yield Span(paragraph.start + begin, paragraph.start + end, paragraph.text[begin:end])
        begin = end
    if paragraph.text[begin:].strip():
        yield Span(paragraph.start + begin, paragraph.end, paragraph.text[begin:])


def enclosing(spans: Iterable[Span], start: int) -> Span | None:
    """The span containing offset ``start``."""
    return next((s for s in spans if s.start <= start < s.end), None)


def listed(
    span: Span,
    matches: list[Match],
    at: int,
    first_gap: re.Pattern[str],
    gap: re.Pattern[str],
    stop: int | None = None,
) -> list[Match]:
    """The names that follow one another from offset ``at`` ("tỉnh A, B và C"): the text
    before the first must fit ``first_gap``, the text between two ``gap``; a name ending
    after ``stop`` is passed over."""
    found: list[Match] = []
    position = at
    for match in matches:
        if match.start < position or (stop is not None and match.end > stop):
            continue
        between = span.text[position - span.start : match.start - span.start]
        if not (gap if found else first_gap).fullmatch(between):
            break
        found.append(match)
        position = match.end
    return found


def periods_in(span: Span) -> list[PeriodMention]:
    """Periods in a span, absolute offsets."""
    return find_periods(span.text, span.start)


def years_in(span: Span) -> list[PeriodMention]:
    """Single years ("năm 2023", "6 tháng đầu năm 2022") in a span, absolute offsets."""
    return [p for p in periods_in(span) if p.year is not None]


def year_near(span: Span, start: int, end: int) -> PeriodMention | None:
    """The year a phrase at [start, end) refers to: the first year after it, else the last
    year before it, within the span."""
    years = years_in(span)
    after = [p for p in years if p.start >= end]
    if after:
        return after[0]
    before = [p for p in years if p.end <= start]
    return before[-1] if before else None


# Status cues on folded text: what the meeting did with a chair or an award.
_STATUS_CUES = (
    (re.compile(r"\b(?:de xuat|de nghi|kien nghi)\b"), PROPOSED),
    (re.compile(r"\b(?:suy ton|bau|bau chon)\b"), ELECTED),
    (re.compile(r"\b(?:duoc giao|giao nhiem vu|ban giao|tiep nhan|phan cong)\b"), ASSIGNED),
)


def status_cue(span: Span, position: int) -> tuple[str, int] | None:
    """The status cue nearest before ``position`` in the span, and where it ends."""
    text = span.folded()[: position - span.start]
    best: tuple[int, int, str] | None = None
    for pattern, status in _STATUS_CUES:
        for match in pattern.finditer(text):
            if best is None or match.start() > best[0]:
                best = (match.start(), span.start + match.end(), status)
    return (best[2], best[1]) if best else None


def status_before(span: Span, position: int) -> str | None:
    """The status the nearest cue before ``position`` gives, if any."""
    cue = status_cue(span, position)
    return cue[0] if cue else None
