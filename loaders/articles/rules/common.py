"""What several rules share: the reading context, sentences, folded text, evidence, cues."""

from __future__ import annotations

import re
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
from tdkt.text import fold_chars


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
        if self.event is not None and self.event.reporting_year:
            return self.event.reporting_year
        if self.event is not None and self.event.date:
            return self.event.date.year
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
    return fold_chars(text)


# A sentence ends at . ! ? (or "./.") before a space and a capital, an opening quote, or the
# end; so not inside numbers ("1.1.2024"), and not after "TP.".
_SENTENCE_END = re.compile(r"(?<!\bTP)[.!?…]+(?:/\.)?[”\"’)]*(?=\s+[“\"(]?[A-ZĐÀ-Ỹ]|\s*$)")


# How a sentence says the people it names took part in the event: presiding ("chủ trì", "Dự
# và chủ trì") or attending ("dự", "tham dự", "Tới dự", "… cùng dự").
PRESIDED, ATTENDED = "presided", "attended"
_PRESIDE = re.compile(
    r"^\s*(?:dự\s+và\s+)?chủ\s+trì|chủ\s+trì(?:\s+hội\s+nghị)?\s*[.;]?\s*$", re.IGNORECASE
)
_ATTEND_LEAD = re.compile(
    r"^\s*(?:(?:tới|về|đến|tham)\s+)?dự(?!\s+(?:án|kiến|thảo|báo|toán))\b", re.IGNORECASE
)
_ATTEND_TAIL = re.compile(
    r"(?<!đại biểu )(?:cùng\s+)?(?:tham\s+)?dự(?:\s+và\s+chỉ\s+đạo)?"
    r"(?:\s+(?:hội\s+nghị|buổi\s+lễ|lễ))?\s*[.;]?\s*$",
    re.IGNORECASE,
)


def taking_part(text: str) -> str | None:
    """PRESIDED or ATTENDED when a sentence lists who presided over or attended the event."""
    if _PRESIDE.search(text):
        return PRESIDED
    if _ATTEND_LEAD.search(text) or _ATTEND_TAIL.search(text):
        return ATTENDED
    return None


def paragraphs(article: Article) -> list[Span]:
    """The article's content paragraphs."""
    return [Span(p.start, p.end, p.text) for p in article.paragraphs]


def sentences(article: Article) -> tuple[Span, ...]:
    """Every sentence of every content paragraph, in text order. Several rules walk the same
    article's sentences: the last article's are kept (one entry, checked by identity)."""
    cached = _last_sentences.get(id(article))
    if cached is None or cached[0] is not article:
        spans = tuple(s for p in paragraphs(article) for s in split_sentences(p))
        _last_sentences.clear()
        _last_sentences[id(article)] = cached = (article, spans)
    return cached[1]


_last_sentences: dict[int, tuple[Article, tuple[Span, ...]]] = {}


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


# "X được bầu …, thay Y là Cụm trưởng năm 2023": what follows "thay" is a fact about Y, not
# governed by the cue before it.
_REPLACES = re.compile(r"\bthay(?: cho| the)?\b")


def status_cue(span: Span, position: int) -> tuple[str, int] | None:
    """The status cue nearest before ``position`` in the span, and where it ends."""
    text = span.folded()[: position - span.start]
    replaced = [m.end() for m in _REPLACES.finditer(text)]
    floor = replaced[-1] if replaced else 0
    best: tuple[int, int, str] | None = None
    for pattern, status in _STATUS_CUES:
        for match in pattern.finditer(text, floor):
            if best is None or match.start() > best[0]:
                best = (match.start(), span.start + match.end(), status)
    return (best[2], best[1]) if best else None


def status_before(span: Span, position: int) -> str | None:
    """The status the nearest cue before ``position`` gives, if any."""
    cue = status_cue(span, position)
    return cue[0] if cue else None


# A sector body that holds a look-alike cluster's role or names its cluster: a department
# (Sở), an inspectorate, a broadcaster (Đài), an alliance or union of associations, an
# association (Hội …, not "hội nghị", "hội đồng"), the Fatherland Front, a Party committee,
# a mass organisation, a branch of a ministry. Not the province itself (UBND, tỉnh, thành phố).
_SECTOR_HEAD = (
    r"sở|thanh\s+tra|đài|liên\s+minh|liên\s+hiệp|hội(?!\s+(?:nghị|đồng|thảo))|mặt\s+trận"
    r"|[uủ]\s*[yỷ]\s+ban\s+(?:mttq|mặt\s+trận)|mttq|đảng\s+[uủ][yỷ]|công\s+an|bộ\s+chỉ\s+huy"
    r"|cục|kho\s+bạc|ngân\s+hàng|bảo\s+hiểm|t[oò]a\s+án|viện\s+kiểm\s+sát|liên\s+đoàn"
    r"|công\s+đoàn|tỉnh\s+đoàn|đoàn\s+thanh\s+niên"
)
_SECTOR_BEFORE = re.compile(
    rf"(?<!\w)(?:{_SECTOR_HEAD})(?!\w)"
    r"(?:(?!\b(?:ubnd|ủy ban nhân dân|uỷ ban nhân dân|là|làm|được|giao|bầu|suy tôn|cho|với)\b)"
    r"[^\n;.()])*$",
    re.IGNORECASE,
)
_SECTOR_REACH = 60
SECTOR_AFTER = re.compile(rf"\s*,?\s*(?:của|thuộc)\s+(?:các\s+)?(?:{_SECTOR_HEAD})(?!\w)", re.I)


def sector_held(text: str, start: int) -> bool:
    """Whether the unit named at ``start`` ("tỉnh X") is written as part of a sector body
    ("Hội CCB tỉnh X", "Sở VHTTDL tỉnh X", "Thanh tra tỉnh X"): then a cluster role or
    membership is that body's, in a look-alike cluster, never the province's."""
    return _SECTOR_BEFORE.search(text[max(0, start - _SECTOR_REACH) : start]) is not None
