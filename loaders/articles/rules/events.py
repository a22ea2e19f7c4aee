"""The event an article reports: kind, date, host, cluster, period, who presided and attended.

``setting`` reads what the other rules need first (date, host, cluster: the ``Context``);
``extract`` then adds the people, who are known only once the officials rule has run.

A text that is an official document reports its own issuing (dated by its letterhead). A
day and month without a year take it from the article's date, else from what the meeting
reviews; a cited document's date is never the event's; an undated meeting is kept, and says
so (docs/extraction.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from tdkt.loaders.articles.dates import (
    DateMention,
    DayMonth,
    MonthMention,
    PeriodMention,
    find_dates,
    find_day_months,
    find_months,
)
from tdkt.loaders.articles.facts import (
    ANNUAL,
    CEREMONY,
    CONGRESS,
    COUNCIL,
    COVENANT,
    DATE_NOT_STATED,
    ISSUANCE,
    MID_YEAR,
    YEAR_INFERRED,
    Event,
)
from tdkt.loaders.articles.numbers import find_documents
from tdkt.loaders.articles.reader import Article
from tdkt.loaders.articles.rules import clusters
from tdkt.loaders.articles.rules.common import (
    PRESIDED,
    Context,
    Span,
    evidence,
    folded,
    periods_in,
    sentences,
    taking_part,
)
from tdkt.loaders.document_numbers import NUMBER
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
            r"|\ble trao\b|\btrao tang (?:huan chuong|huy chuong|co|bang khen|danh hieu)"
        ),
    ),
    (CONGRESS, re.compile(r"\bdai hoi thi dua\b")),
)
KIND_SLUGS = {
    MID_YEAR: "so-ket",
    ANNUAL: "tong-ket",
    COVENANT: "ky-ket-giao-uoc",
    CEREMONY: "bieu-duong",
    CONGRESS: "dai-hoi-thi-dua",
    COUNCIL: "hop-hoi-dong-thi-dua-khen-thuong",
    ISSUANCE: "ban-hanh",
}
_REVIEWS = (MID_YEAR, ANNUAL, CEREMONY)
# A council of emulation and commendation that meets to consider awards: its meeting is the
# event, whatever review ("xét thưởng tổng kết năm 2022") it considers awards for.
_COUNCIL = re.compile(r"\bhoi dong (?:thi dua\W+(?:va\W+)?khen thuong|tdkt)\b")
_DELIBERATES = re.compile(r"\b(?:hop|xet|binh xet|thong qua)\b")
_MEETING = re.compile(
    r"(?<!\w)(?:hội\s+nghị|sơ\s+kết|tổng\s+kết|giao\s+ước|biểu\s+dương|tuyên\s+dương|lễ"
    r"|họp|kỳ\s+họp|đại\s+hội|trao\s+tặng)(?!\w)",
    re.IGNORECASE,
)
# What a meeting reviews or awards for, on folded text: the period after it dates the meeting.
_REVIEWED = re.compile(r"\b(?:tong ket|so ket|xet|khen thuong|giao uoc)\b")
# From this month on, a review of year N is held in N itself (December), before in N + 1.
_LATE_MONTH = 10
# A date right after a document's number is that document's date ("số 297/TB-CTĐ ngày 15/6").
_AFTER_NUMBER = re.compile(
    rf"(?<![\w/.\-])(?=\S*[A-ZĐ]){NUMBER}[ \t]*\)?[ \t]*,?[ \t]*"
    rf"(?:(?:ban[ \t]+hành|ký)[ \t]+)?(?:ngày[ \t]*)?$"
)
_NUMBER_REACH = 60
_HOSTING = re.compile(
    r"^[^,.;]{0,40}?\b(?:dang cai|to chuc (?:thanh cong |chu dao |tot )?hoi nghi)\b"
)
# What _HOSTING must find in a sentence (its words, without the boundary before them, which
# the text after a province's name has at its start and the sentence may not).
_HOSTING_WORDS = re.compile(r"(?:dang cai|to chuc (?:thanh cong |chu dao |tot )?hoi nghi)\b")
_AT = re.compile(r"\btai\s*$")
# "tại thành phố X": a province's chief town bears the province's name ("thành phố Lào Cai").
_AT_TOWN = re.compile(
    r"(?<!\w)tại\s+(?:thành\s+phố|TP\.?)\s*(?P<name>[A-ZĐÀ-Ỹ]\w*(?:\s+[A-ZĐÀ-Ỹ]\w*){0,3})"
)
_PUBLISHER = re.compile(r"^(?:Báo|Cổng\s+thông\s+tin\s+điện\s+tử(?:\s+tỉnh)?)\s+(?P<name>.+)$")


@dataclass(frozen=True)
class _Found:
    """The sentence that reports the event, its kinds and its date (None when unstated)."""

    sentence: Span
    kinds: tuple[str, ...]
    when: DateMention | None
    inferred: bool
    month: MonthMention | None = None  # undated, but in this month ("tháng 6/2023")


def setting(article: Article, gazetteer: Gazetteer) -> Context:
    """The article's date, its cluster and the host province, before any person is known."""
    found = _event_sentence(article)
    day = found.when.value if found and found.when else None
    cluster = clusters.main_cluster(article, gazetteer)
    host = _host(article, found.sentence if found else None, day, gazetteer)
    return Context(date=day or _own_date(article), cluster=cluster, host=host)


def extract(article: Article, context: Context, gazetteer: Gazetteer) -> list[Event]:
    """The event the article reports: the issuing of the document it is, else the meeting
    of a known kind its first dated (or, failing that, first) meeting sentence names."""
    if article.letterhead is not None:
        return [_issuance(article)]
    found = _event_sentence(article)
    if found is None:
        return []
    sentence, kinds = found.sentence, found.kinds
    period = _period(sentence, kinds)
    presided, attended = _participants(article, context)
    return [
        Event(
            kinds=kinds,
            date=found.when.value if found.when else None,
            label=article.title or sentence.text.strip(),
            cluster=context.cluster,
            host=context.host,
            reporting_year=period.year if period else None,
            reporting_period=period.text if period else None,
            presided_by=presided,
            attended_by=tuple(p for p in attended if p not in presided),
            evidence=evidence(article, sentence.start, sentence.end),
            notes=_notes(found),
            not_after=found.month.last if found.month else None,
        )
    ]


def event_slug(event: Event) -> str:
    """``{kind}-{cluster}``, ``{kind}-{host}`` or, for a document, ``ban-hanh-{number}``."""
    where = event.cluster or event.host
    key = event.document or (where.key if where else None)
    return KIND_SLUGS[event.kinds[0]] + (f"-{key}" if key else "")


def _own_date(article: Article) -> date | None:
    if article.letterhead is not None and article.letterhead.issued is not None:
        return article.letterhead.issued
    return article.published


def _issuance(article: Article) -> Event:
    head = article.letterhead
    assert head is not None
    return Event(
        kinds=(ISSUANCE,),
        date=head.issued,
        label=article.title or head.number,
        cluster=None,
        host=None,
        reporting_year=None,
        reporting_period=None,
        presided_by=(),
        attended_by=(),
        evidence=evidence(article, head.start, head.end),
        document=head.number,
        notes=() if head.issued else (DATE_NOT_STATED,),
    )


def _notes(found: _Found) -> tuple[str, ...]:
    if found.when is None:
        return (DATE_NOT_STATED,)
    return (YEAR_INFERRED,) if found.inferred else ()


# ------------------------------------------------------------------ kind, date and sentence


def _kinds(article: Article, sentence: Span) -> tuple[str, ...]:
    text = folded(article.title or "") + " " + sentence.folded()
    if _COUNCIL.search(text) and _DELIBERATES.search(text):
        return (COUNCIL,)
    return tuple(kind for kind, pattern in KINDS if pattern.search(text))


def _event_sentence(article: Article) -> _Found | None:
    """The first sentence that names a meeting of a known kind and a date, else the first
    that names one without a date. The date is the one nearest before the
    meeting word, outside parentheses and not a cited document's date."""
    undated: _Found | None = None
    for sentence in sentences(article):
        meeting = _MEETING.search(sentence.text)
        kinds = _kinds(article, sentence) if meeting else ()
        if meeting is None or not kinds:
            continue
        dates, inferred = _dates(article, sentence, kinds)
        if not dates:
            if undated is None:
                months = find_months(sentence.text, sentence.start)
                undated = _Found(sentence, kinds, None, False, months[0] if months else None)
            continue
        position = sentence.start + meeting.start()
        before = [d for d in dates if d.end <= position]
        when = before[-1] if before else dates[0]
        return _Found(sentence, kinds, when, when.partial and when.start in inferred)
    return undated


def _dates(
    article: Article, sentence: Span, kinds: tuple[str, ...]
) -> tuple[list[DateMention], set[int]]:
    """The sentence's candidate event dates, and the starts of those whose year was inferred
    from what the meeting reviews (no article date to read them against)."""
    reference = article.reference
    found = find_dates(sentence.text, reference, sentence.start)
    inferred: set[int] = set()
    if reference is None:
        for dm in find_day_months(sentence.text, sentence.start):
            year = _review_year(dm, _reviewed(article, sentence), kinds)
            value = dm.in_year(year) if year else None
            if value is not None:
                found.append(DateMention(dm.start, dm.end, dm.text, value, True))
                inferred.add(dm.start)
    cited = [(m.start, m.end) for m in find_documents(sentence.text, sentence.start)]
    kept = [
        d
        for d in sorted(found, key=lambda d: d.start)
        if not _in_parentheses(sentence, d.start)
        and not any(s <= d.start < e for s, e in cited)
        and not _after_number(article, d.start)
    ]
    return kept, inferred


def _after_number(article: Article, start: int) -> bool:
    return _AFTER_NUMBER.search(article.text[max(0, start - _NUMBER_REACH) : start]) is not None


def _reviewed(article: Article, sentence: Span) -> PeriodMention | None:
    """The single year or half-year the meeting reviews or awards for: the first after a
    review word in the sentence, else in the headline."""
    spans = [sentence]
    if article.title_span is not None:
        spans.append(Span(*article.title_span, article.title or ""))
    for span in spans:
        cue = _REVIEWED.search(span.folded())
        if cue is None:
            continue
        after = [p for p in periods_in(span) if p.start >= span.start + cue.start() and p.year]
        if after:
            return after[0]
    return None


def _review_year(dm: DayMonth, period: PeriodMention | None, kinds: tuple[str, ...]) -> int | None:
    """The year a meeting on day/month is held, from the period it reviews: a first half of
    N is reviewed in N; a year N (or its second half) late in N or early in N + 1; a covenant
    for N is signed early in N or late in N - 1."""
    if period is None or period.year is None:
        return None
    if period.half == "first":
        return period.year
    late = dm.month >= _LATE_MONTH
    if COVENANT in kinds and not any(k in _REVIEWS for k in kinds):
        return period.year - 1 if late else period.year
    return period.year if late else period.year + 1


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
    """ "tại tỉnh X" (or "tại thành phố X") in the event sentence; else the one province the
    event sentence names outside cluster names; else "tỉnh X … tổ chức Hội nghị"; else the
    publisher "Báo X"."""
    if sentence is not None:
        named = gazetteer.find_provinces(sentence.text, day, sentence.start)
        for match in named:
            if _AT.search(folded(_before(article.text, sentence.start, match.start))):
                return match.entry
        town = _AT_TOWN.search(sentence.text)
        host = gazetteer.province(town.group("name"), day) if town else None
        if host is not None:
            return host
        taken = gazetteer.find_clusters(sentence.text, sentence.start)
        outside = {
            m.entry.key: m.entry
            for m in named
            if not any(c.start <= m.start < c.end for c in taken)
        }
        if len(outside) == 1:
            return next(iter(outside.values()))
    for span in sentences(article):
        if not _HOSTING_WORDS.search(span.folded()):
            continue  # no hosting words, so no host: spare the place-name search
        for match in gazetteer.find_provinces(span.text, day, span.start):
            # _HOSTING reads at most 40 characters and a few words after the name
            if _HOSTING.search(folded(article.text[match.end : min(span.end, match.end + 200)])):
                return match.entry
    publisher = _PUBLISHER.match(article.publisher or "")
    return gazetteer.province(publisher.group("name"), day) if publisher else None


def _before(text: str, start: int, end: int) -> str:
    """The last word before ``end`` (not before ``start``) and the spaces after it: all that
    ``_AT`` reads, so each province costs its own neighbourhood, not the sentence."""
    trimmed = end
    while trimmed > start and text[trimmed - 1].isspace():
        trimmed -= 1
    return text[max(start, trimmed - 8) : end]


# ------------------------------------------------------------------ people


def _participants(article: Article, context: Context) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Person keys of those who presided ("chủ trì", "Dự và chủ trì") and attended ("dự",
    "tham dự", "Tới dự"), taken from the sentence that lists them."""
    presided: list[str] = []
    attended: list[str] = []
    for sentence in sentences(article):
        part = taking_part(sentence.text)
        if part is None:
            continue
        target = presided if part == PRESIDED else attended
        for official in context.officials:
            if official.key not in target and any(
                sentence.start <= m.start < sentence.end for m in official.mentions
            ):
                target.append(official.key)
    return tuple(presided), tuple(attended)
