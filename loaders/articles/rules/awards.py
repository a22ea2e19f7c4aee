"""Awards proposed or conferred: type, recipients or counts, merit year, authority, decision.

An award name ("Cờ Thi đua của Chính phủ", "Bằng khen của Thủ tướng Chính phủ") resolves
through the award-type table; a bare "Bằng khen" / "Cờ thi đua" resolves from the authority
that gives it ("Chủ tịch UBND tỉnh Hà Nam … tặng Bằng khen" → Bằng khen của Chủ tịch UBND
cấp tỉnh). Recipients follow "cho" ("cho hai tỉnh Bình Định, Đắk Lắk", "cho 7 tập thể, 15 cá
nhân") or precede "đạt" / "nhận" ("tỉnh Bắc Giang đạt Cờ thi đua"). An award without a
named or counted recipient yields nothing.

Status: a proposal cue before it (đề nghị, đề xuất) → proposed, unless a conferral ("đã
tặng", a Quyết định) stands between; a giving verb (tặng, trao) or a decision → conferred;
else stated. Merit year: the year written after the award in its clause, else before it,
else the year the event reviews; a span of years ("giai đoạn 2021 - 2023") gives the year it
ends, when the achievement it rewards is complete.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from tdkt.loaders.articles.dates import find_dates
from tdkt.loaders.articles.facts import CONFERRED, PROPOSED, STATED, Award, Decision
from tdkt.loaders.articles.numbers import find_documents
from tdkt.loaders.articles.reader import Article
from tdkt.loaders.articles.rules.common import (
    Context,
    Span,
    evidence,
    listed,
    periods_in,
    sentences,
    status_cue,
)
from tdkt.loaders.gazetteer import Entry, Gazetteer, Match
from tdkt.text import slug

_BARE = re.compile(r"(?<!\w)(?:bằng\s+khen|cờ\s+thi\s+đua|giấy\s+khen)(?!\w)", re.IGNORECASE)
_FOR = re.compile(r"\s*(?:năm\s+\d{4}\s*)?(?:cho|tới|đến)\s+", re.IGNORECASE)
_COUNT_WORD = r"(?:tập\s+thể|cá\s+nhân|hộ\s+gia\s+đình|gia\s+đình|đơn\s+vị|doanh\s+nghiệp)"
_COUNT = re.compile(
    rf"(?P<n>\d+)\s+(?P<what>{_COUNT_WORD}(?:\s*,\s*{_COUNT_WORD}(?!\s*\d))*(?:\s+và\s+{_COUNT_WORD})?)",
    re.IGNORECASE,
)
_TRAILING = re.compile(r"(?:\s|[,;./]|\bvà\b|\bcùng\b)+$", re.IGNORECASE)
_NUMBER_WORD = r"(?:hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|các|\d+)"
_FIRST_GAP = re.compile(rf"\s*(?:{_NUMBER_WORD}\s+)?", re.IGNORECASE)
_LIST_GAP = re.compile(r"\s*(?:,|và)\s*", re.IGNORECASE)
_RECEIVE = re.compile(r"\s+(?:đạt|nhận|được\s+(?:tặng|nhận|trao(?:\s+tặng)?))\s+$", re.IGNORECASE)
_GIVE = re.compile(r"(?<!\w)(?:tặng|trao|khen\s+thưởng)(?!\w)", re.IGNORECASE)
_CONFERRAL = re.compile(r"(?<!\w)(?:đã\s+tặng|đã\s+trao|quyết\s+định)(?!\w)", re.IGNORECASE)
_AUTHORITY = re.compile(
    r"(?P<ubnd>(?:chủ\s+tịch\s+)?(?:ubnd|ủy\s+ban\s+nhân\s+dân|uỷ\s+ban\s+nhân\s+dân))"
    r"|(?P<ttg>thủ\s+tướng\s+chính\s+phủ)|(?P<ctn>chủ\s+tịch\s+nước)",
    re.IGNORECASE,
)
# Which award a bare name means, by who gives it.
_BY_AUTHORITY = {
    ("ubnd", "bằng khen"): "Bằng khen của Chủ tịch Ủy ban nhân dân cấp tỉnh",
    ("ubnd", "cờ thi đua"): "Cờ thi đua của Ủy ban nhân dân tỉnh",
    ("ttg", "bằng khen"): "Bằng khen của Thủ tướng Chính phủ",
}


class _Authority(NamedTuple):
    """Who gives an award: "ubnd", "ttg" (Thủ tướng) or "ctn" (Chủ tịch nước), the
    organisation key and, for a UBND, its province."""

    kind: str
    key: str | None
    province: Entry | None


# Counts read after "cho": (collectives, individuals, recipients of any kind).
_Counts = tuple[int | None, int | None, int | None]


@dataclass(frozen=True)
class _Mention:
    """An award name in a sentence; ``entry`` is None for a bare "Bằng khen"."""

    start: int
    end: int
    text: str
    entry: Entry | None
    begin: int  # where its clause starts: the previous award name's end or ";", whichever is later
    stop: int  # where it ends: the next award name's start or ";", whichever is earlier


def extract(article: Article, context: Context, gazetteer: Gazetteer) -> list[Award]:
    facts: list[Award] = []
    for sentence in sentences(article):
        provinces = gazetteer.find_provinces(sentence.text, context.date, sentence.start)
        for mention in _award_mentions(sentence, gazetteer):
            facts += _awards(article, context, gazetteer, sentence, provinces, mention)
    return facts


def _award_mentions(sentence: Span, gazetteer: Gazetteer) -> list[_Mention]:
    """Named award types, and bare "Bằng khen" / "Cờ thi đua" not part of a name."""
    typed = gazetteer.find_award_types(sentence.text, sentence.start)
    found = [(m.start, m.end, m.text, m.entry) for m in typed]
    for bare in _BARE.finditer(sentence.text):
        start, end = sentence.start + bare.start(), sentence.start + bare.end()
        if not any(m.start <= start < m.end for m in typed):
            found.append((start, end, bare.group(), None))
    found.sort(key=lambda f: f[0])
    bounds = [sentence.start] + [f[1] for f in found]
    stops = [f[0] for f in found[1:]] + [sentence.end]
    return [
        _Mention(*f, max(b, _clause_start(sentence, f[0])), min(e, _clause_end(sentence, f[1])))
        for f, b, e in zip(found, bounds, stops, strict=False)
    ]


def _clause_start(sentence: Span, at: int) -> int:
    """Just after the last ";" before ``at`` (absolute offsets), else the sentence start."""
    return sentence.start + sentence.text.rfind(";", 0, at - sentence.start) + 1


def _clause_end(sentence: Span, at: int) -> int:
    """The first ";" after ``at`` (absolute offsets), else the sentence end."""
    found = sentence.text.find(";", at - sentence.start)
    return sentence.end if found < 0 else sentence.start + found


def _awards(
    article: Article,
    context: Context,
    gazetteer: Gazetteer,
    sentence: Span,
    provinces: list[Match],
    match: _Mention,
) -> list[Award]:
    authority = _authority(sentence, provinces, match.start, context)
    award_type = match.entry or _type_from_authority(match.text, authority, gazetteer)
    if award_type is None:
        return []
    recipients, counts, description, last = _recipients(sentence, provinces, match)
    if not recipients and counts is None:
        return []
    first = min([match.start] + [r.start for r in recipients])
    status = _status(sentence, first, match.start)
    decision = _decision(sentence, match.start, authority, context, gazetteer)
    if decision is not None:
        status = CONFERRED
    year, period = _merit(sentence, match, context)
    quote = evidence(article, first, max(match.end, last))
    common = dict(
        award_type=award_type,
        status=status,
        merit_year=year,
        merit_period=period,
        authority_key=authority.key if authority and status == CONFERRED else None,
        decision=decision,
        evidence=quote,
    )
    if counts is not None:
        collectives, individuals, total = counts
        return [
            Award(
                recipient=None,
                count_collectives=collectives,
                count_individuals=individuals,
                count_recipients=total,
                recipient_description=description,
                **common,
            )
        ]
    return [
        Award(
            recipient=r.entry,
            count_collectives=None,
            count_individuals=None,
            count_recipients=None,
            recipient_description=None,
            **common,
        )
        for r in recipients
    ]


def _status(sentence: Span, first: int, award_start: int) -> str:
    text, base = sentence.text, sentence.start
    cue = status_cue(sentence, first)
    if (
        cue
        and cue[0] == PROPOSED
        and not _CONFERRAL.search(text[cue[1] - base : award_start - base])
    ):
        return PROPOSED
    if _GIVE.search(text[: award_start - base]):
        return CONFERRED
    return STATED


def _recipients(
    sentence: Span, provinces: list[Match], match: _Mention
) -> tuple[list[Match], _Counts | None, str | None, int]:
    """(provinces, counts, description, end of what was read)."""
    text, base = sentence.text, sentence.start
    head = _FOR.match(text, match.end - base)
    if head is not None:
        counts = _counts(text, head.end(), match.stop - base)
        if counts is not None:
            numbers, count_start, count_end = counts
            description = _TRAILING.sub("", text[count_start : match.stop - base])
            return [], numbers, description, base + count_end
        found = listed(sentence, provinces, base + head.end(), _FIRST_GAP, _LIST_GAP, match.stop)
        if found:
            return found, None, None, found[-1].end
    before = [p for p in provinces if p.end <= match.start]
    if before and _RECEIVE.fullmatch(text[before[-1].end - base : match.start - base]):
        found = [before[-1]]
        for province in reversed(before[:-1]):
            if not _LIST_GAP.fullmatch(text[province.end - base : found[0].start - base]):
                break
            found.insert(0, province)
        return found, None, None, match.end
    return [], None, None, match.end


def _counts(text: str, at: int, stop: int) -> tuple[_Counts, int, int] | None:
    """ "7 tập thể, 15 cá nhân" → (7, 15, None); "106 tập thể, hộ gia đình, cá nhân" →
    (None, None, 106)."""
    collectives = individuals = total = None
    position, end = at, None
    while True:
        match = _COUNT.match(text, position)
        if match is None or match.end() > stop:
            break
        n, what = int(match.group("n")), slug(match.group("what"))
        if what == "tap-the":
            collectives = n
        elif what == "ca-nhan":
            individuals = n
        else:
            total = n
        end = match.end()
        gap = _LIST_GAP.match(text, end)
        position = gap.end() if gap else end
    if end is None:
        return None
    return (collectives, individuals, total), at, end


def _authority(
    sentence: Span, provinces: list[Match], before: int, context: Context
) -> _Authority | None:
    """The last authority named before ``before``."""
    found = None
    for match in _AUTHORITY.finditer(sentence.text, 0, before - sentence.start):
        if match.group("ubnd"):
            end = sentence.start + match.end()
            named = [p for p in provinces if end <= p.start <= end + 1 + len("tỉnh ")]
            province = named[0].entry if named else context.host
            found = _Authority("ubnd", f"ubnd-{province.key}" if province else None, province)
        elif match.group("ttg"):
            found = _Authority("ttg", "thu-tuong-chinh-phu", None)
        else:
            found = _Authority("ctn", "chu-tich-nuoc", None)
    return found


def _type_from_authority(
    name: str, authority: _Authority | None, gazetteer: Gazetteer
) -> Entry | None:
    if authority is None:
        return None
    full = _BY_AUTHORITY.get((authority.kind, " ".join(name.lower().split())))
    return gazetteer.award_type(full) if full else None


def _decision(
    sentence: Span,
    before: int,
    authority: _Authority | None,
    context: Context,
    gazetteer: Gazetteer,
) -> Decision | None:
    """The Quyết định that gives the award, written before it in the sentence."""
    documents = [
        d
        for d in find_documents(sentence.text, sentence.start)
        if d.doc_type == "Decision" and d.number and d.end <= before
    ]
    if not documents:
        return None
    document = documents[-1]
    when = document.date or _date_before(sentence, document.start, context)
    province = authority.province if authority else context.host
    return Decision(document.number, document_key(document.number, province, when, gazetteer), when)


def document_key(
    number: str, province: Entry | None, when: date | None, gazetteer: Gazetteer
) -> str:
    """The table's key, else ``{number}-{province}-{year}`` for a local decision (its number
    repeats across provinces and years), else the slug of the number."""
    known = gazetteer.document(number)
    if known is not None:
        return known.key
    if "UBND" in number.upper() and province is not None and when is not None:
        return f"{slug(number)}-{province.key}-{when.year}"
    return slug(number)


def _date_before(sentence: Span, start: int, context: Context) -> date | None:
    dates = [d for d in find_dates(sentence.text, context.date, sentence.start) if d.end <= start]
    return dates[-1].value if dates else None


def _merit(sentence: Span, match: _Mention, context: Context) -> tuple[int | None, str | None]:
    """(merit year, period as written). A span of years ("giai đoạn 2021 - 2023") has no single
    merit year: the graph keeps the period as stated rather than pick a year."""
    periods = periods_in(sentence)
    after = [p for p in periods if match.end <= p.start < match.stop]
    if after:
        return (after[0].year, None) if after[0].year else (None, after[0].text)
    before = [p for p in periods if match.begin <= p.start and p.end <= match.start and p.year]
    return (before[-1].year if before else context.default_year), None
