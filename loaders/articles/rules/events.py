"""The event an article reports: kind, date, host, cluster, period, who presided and attended.

``setting`` reads what the other rules need first (date, host, cluster: the ``Context``);
``extract`` then adds the people, who are known only once the officials rule has run.
"""

from __future__ import annotations

import re
from datetime import date

from tdkt.loaders.articles.dates import DateMention, PeriodMention, find_dates
from tdkt.loaders.articles.facts import ANNUAL, CEREMONY, COVENANT, MID_YEAR, Event
from tdkt.loaders.articles.reader import Article
from tdkt.loaders.articles.rules import clusters
from tdkt.loaders.articles.rules.common import (
    Context,
    Span,
    evidence,
    folded,
    periods_in,
    sentences,
)
from tdkt.loaders.gazetteer import Entry, Gazetteer

# Kinds, on folded text, in the order that names an event ("tổng kết … ký kết giao ước").
KINDS = (
    (MID_YEAR, re.compile(r"\bso ket\b")),
    (ANNUAL, re.compile(r"\btong ket\b")),
    (COVENANT, re.compile(r"\bky(?: ket)? giao uoc\b")),
    (
        CEREMONY,
        re.compile(
            r"\b(?:hoi nghi|le|chuong trinh) (?:bieu duong|tuyen duong|vinh danh|trao tang)\b"
        ),
    ),
)
KIND_SLUGS = {
    MID_YEAR: "so-ket",
    ANNUAL: "tong-ket",
    COVENANT: "ky-ket-giao-uoc",
    CEREMONY: "bieu-duong",
}
_REVIEWS = (MID_YEAR, ANNUAL, CEREMONY)
_MEETING = re.compile(
    r"(?<!\w)(?:hội\s+nghị|sơ\s+kết|tổng\s+kết|giao\s+ước|biểu\s+dương|tuyên\s+dương|lễ)(?!\w)",
    re.IGNORECASE,
)
_HOSTING = re.compile(
    r"^[^,.;]{0,40}?\b(?:dang cai|to chuc (?:thanh cong |chu dao |tot )?hoi nghi)\b"
)
_AT = re.compile(r"\btai\s*$")
_PUBLISHER = re.compile(r"^(?:Báo|Cổng\s+thông\s+tin\s+điện\s+tử(?:\s+tỉnh)?)\s+(?P<name>.+)$")
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


def setting(article: Article, gazetteer: Gazetteer) -> Context:
    """The article's date, its cluster and the host province, before any person is known."""
    found = _event_sentence(article)
    day = found[1].value if found else article.published
    cluster = clusters.main_cluster(article, gazetteer)
    host = _host(article, found[0] if found else None, day, gazetteer)
    return Context(date=day or article.published, cluster=cluster, host=host)


def extract(article: Article, context: Context, gazetteer: Gazetteer) -> list[Event]:
    """The event, if the article reports one of the known kinds."""
    found = _event_sentence(article)
    if found is None:
        return []
    sentence, when = found
    text = _title(article) + " " + sentence.folded()
    kinds = tuple(kind for kind, pattern in KINDS if pattern.search(text))
    if not kinds:
        return []
    period = _period(sentence, kinds)
    presided, attended = _participants(article, context)
    return [
        Event(
            kinds=kinds,
            date=when.value,
            label=article.title or sentence.text.strip(),
            cluster=context.cluster,
            host=context.host,
            reporting_year=period.year if period else None,
            reporting_period=period.text if period else None,
            presided_by=presided,
            attended_by=tuple(p for p in attended if p not in presided),
            evidence=evidence(article, sentence.start, sentence.end),
        )
    ]


def event_slug(event: Event) -> str:
    """``{kind}-{cluster}`` or ``{kind}-{host}`` (docs/model.md)."""
    where = event.cluster or event.host
    return KIND_SLUGS[event.kinds[0]] + (f"-{where.key}" if where else "")


# ------------------------------------------------------------------ date and sentence


def _title(article: Article) -> str:
    return folded(article.title or "")


def _event_sentence(article: Article) -> tuple[Span, DateMention] | None:
    """The first sentence that names a meeting and a date; the date nearest before the
    meeting word, outside parentheses ("(11/6/1948 - 11/6/2023), sáng 2/6, … tổ chức Hội
    nghị")."""
    for sentence in sentences(article):
        meeting = _MEETING.search(sentence.text)
        if meeting is None:
            continue
        dates = [
            d
            for d in find_dates(sentence.text, article.published, sentence.start)
            if not _in_parentheses(sentence, d.start)
        ]
        if not dates:
            continue
        position = sentence.start + meeting.start()
        before = [d for d in dates if d.end <= position]
        return sentence, (before[-1] if before else dates[0])
    return None


def _in_parentheses(span: Span, start: int) -> bool:
    head = span.text[: start - span.start]
    return head.count("(") > head.count(")")


def _period(sentence: Span, kinds: tuple[str, ...]) -> PeriodMention | None:
    """The period the event reviews: the first one after the review word."""
    if not any(k in _REVIEWS for k in kinds):
        return None
    folded_text = sentence.folded()
    starts = [m.start() for kind, p in KINDS if kind in _REVIEWS for m in p.finditer(folded_text)]
    first = min(starts) + sentence.start if starts else sentence.start
    periods = [p for p in periods_in(sentence) if p.start >= first]
    return periods[0] if periods else None


# ------------------------------------------------------------------ host


def _host(
    article: Article, sentence: Span | None, day: date | None, gazetteer: Gazetteer
) -> Entry | None:
    """ "tại tỉnh X" in the event sentence; else the one province the event sentence names
    outside cluster names; else "tỉnh X … tổ chức Hội nghị"; else the publisher "Báo X"."""
    if sentence is not None:
        named = gazetteer.find_provinces(sentence.text, day, sentence.start)
        for match in named:
            if _AT.search(folded(article.text[sentence.start : match.start])):
                return match.entry
        taken = gazetteer.find_clusters(sentence.text, sentence.start)
        outside = {
            m.entry.key: m.entry
            for m in named
            if not any(c.start <= m.start < c.end for c in taken)
        }
        if len(outside) == 1:
            return next(iter(outside.values()))
    for span in sentences(article):
        for match in gazetteer.find_provinces(span.text, day, span.start):
            if _HOSTING.search(folded(article.text[match.end : span.end])):
                return match.entry
    publisher = _PUBLISHER.match(article.publisher or "")
    return gazetteer.province(publisher.group("name"), day) if publisher else None


# ------------------------------------------------------------------ people


def _participants(article: Article, context: Context) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Person keys of those who presided ("chủ trì", "Dự và chủ trì") and attended ("dự",
    "tham dự", "Tới dự"), taken from the sentence that lists them."""
    presided: list[str] = []
    attended: list[str] = []
    for sentence in sentences(article):
        text = sentence.text
        if _PRESIDE.search(text):
            target = presided
        elif _ATTEND_LEAD.search(text) or _ATTEND_TAIL.search(text):
            target = attended
        else:
            continue
        for official in context.officials:
            if official.key not in target and any(
                sentence.start <= m.start < sentence.end for m in official.mentions
            ):
                target.append(official.key)
    return tuple(presided), tuple(attended)
