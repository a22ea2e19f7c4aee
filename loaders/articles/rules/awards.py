"""Awards proposed or conferred: type, recipients or counts, merit year, authority, decision.

The award's name is read by ``award_forms`` (form × giver) and resolves through the award-type
table; a form not in the table is declared by the article ("Huân chương Độc lập hạng Ba"). A
bare "Bằng khen" / "Cờ thi đua" takes the giver named before it ("Chủ tịch UBND tỉnh Hà Nam …
tặng Bằng khen" → Bằng khen của Chủ tịch UBND cấp tỉnh). Recipients follow "cho" / "lên" /
":" / "(" — counts ("7 tập thể, 15 cá nhân", "1.250 cá nhân", "hai đơn vị"), provinces, the
text's officials, a placed organisation ("Sở Tài chính tỉnh Ninh Bình"), or the numbered
lines after "gồm:" — or precede the award: "tỉnh A (vinh dự) nhận …", "14 tập thể đã được …
tặng …", "suy tôn X là đơn vị dẫn đầu, đề nghị tặng …". An award without a named or counted
recipient yields nothing.

Status: a proposal cue before it (đề nghị, đề xuất), or one between its recipients and it
(trình, xét tặng), → proposed, unless a conferral ("đã tặng", a Quyết định) stands between; a
giving verb (tặng, trao) or a decision → conferred; else stated. Merit year: the year written
after the award in its clause, else before it, else the year the event reviews; a span of
years ("giai đoạn 2021 - 2023") is kept as written. A later figure for the same described
group revises the earlier one (``revised``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from tdkt import iris
from tdkt.loaders.articles.dates import find_dates
from tdkt.loaders.articles.facts import CONFERRED, PROPOSED, STATED, Award, Decision
from tdkt.loaders.articles.numbers import find_documents
from tdkt.loaders.articles.reader import Article
from tdkt.loaders.articles.rules.award_forms import AwardForm, canonical, find_forms
from tdkt.loaders.articles.rules.common import (
    Context,
    Span,
    evidence,
    listed,
    paragraphs,
    periods_in,
    sentences,
)
from tdkt.loaders.gazetteer import Entry, Gazetteer, Match
from tdkt.text import slug

# What introduces the recipients after an award: "cho", "tới", "lên" (a total raised to), ":".
_FOR = re.compile(
    r"\s*(?:năm\s+\d{4}\s*)?(?:(?:cho|tới|đến|lên)(?:\s+các)?(?:\s*:\s*|\s+)|:\s*|\(\s*)",
    re.IGNORECASE,
)
_COUNT_WORD = (
    r"(?:tập\s+thể|cá\s+nhân|hộ\s+gia\s+đình|gia\s+đình|đơn\s+vị|doanh\s+nghiệp|cơ\s+quan|"
    r"trường\s+hợp)"
)
# Small counts are often written out ("cho hai tập thể").
_ONE_TO_TEN = ("một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười")
_NUMBER_WORDS = {word: n for n, word in enumerate(_ONE_TO_TEN, start=1)}
_NUMERAL = rf"\d{{1,3}}(?:\.\d{{3}})+(?!\d)|\d+|{'|'.join(_ONE_TO_TEN)}"
_COUNT = re.compile(
    rf"(?<![\w.])(?P<n>{_NUMERAL})\s+(?P<what>{_COUNT_WORD}(?:\s*,\s*{_COUNT_WORD}(?!\s*\d))*"
    rf"(?:\s+và\s+{_COUNT_WORD})?)",
    re.IGNORECASE,
)
# Units counted as collectives (tập thể) in the law's sense.
_COLLECTIVE = {"tap-the", "don-vi", "doanh-nghiep", "co-quan"}
# A sentence the splitter missed ("… 441 cá nhân.Ngày 12/12 …") ends the description.
_SENTENCE_END = re.compile(r"\.(?=\s*[A-ZĐÀ-Ỹ])")
_TRAILING = re.compile(r"(?:\s|[,;./]|\bvà\b|\bcùng\b)+$", re.IGNORECASE)
_NUMBER_WORD = r"(?:hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|các|\d+)"
_FIRST_GAP = re.compile(rf"\s*(?:{_NUMBER_WORD}\s+)?", re.IGNORECASE)
_LIST_GAP = re.compile(r"\s*(?:,|và)\s*(?:(?:tỉnh|thành\s+phố)\s+)?", re.IGNORECASE)
_UNIT_GAP = re.compile(r"\s*(?:(?:hai|ba|các)\s+)?(?:(?:tỉnh|thành\s+phố)\s+)?", re.IGNORECASE)
_PEOPLE_GAP = re.compile(r"\s*(?:(?:các\s+)?(?:đồng\s+chí|ông|bà)\s*:?\s*)?", re.IGNORECASE)
_RECEIVE = re.compile(
    r"\s+(?:(?:đã|vừa|sẽ|vinh\s+dự|được\s+vinh\s+dự)\s+)*"
    r"(?:đạt|nhận|đón\s+nhận|được\s+(?:tặng|nhận|trao(?:\s+tặng)?))\s+$",
    re.IGNORECASE,
)
# Counted recipients before a passive award: "14 tập thể đã được UBND tỉnh trình … tặng".
_PASSIVE = re.compile(
    r"\s+(?:(?:đã|sẽ|vừa)\s+)?(?:được|nhận|đạt)\b[^;:]{0,80}?(?:tặng|trao|nhận|khen\s+thưởng)?"
    r"(?:\s+thưởng)?\s*$",
    re.IGNORECASE,
)
_GIVE = re.compile(r"(?<!\w)(?:tặng|trao|khen\s+thưởng)(?!\w)", re.IGNORECASE)
_CONFERRAL = re.compile(r"(?<!\w)(?:đã\s+tặng|đã\s+trao|quyết\s+định)(?!\w)", re.IGNORECASE)
# A proposal, or sending one up ("đề nghị tặng", "trình Thủ tướng tặng", "xét tặng"):
# proposed, not yet conferred.
_PROPOSAL = re.compile(
    r"(?<!\w)(?:trình|xét\s+tặng|xét\s+khen\s+thưởng|đề\s+nghị|đề\s+xuất|kiến\s+nghị)(?!\w)",
    re.IGNORECASE,
)
_AUTHORITY = re.compile(
    r"(?P<ubnd>(?:chủ\s+tịch\s+)?(?:ubnd|ủy\s+ban\s+nhân\s+dân|uỷ\s+ban\s+nhân\s+dân))"
    r"|(?P<ttg>thủ\s+tướng\s+chính\s+phủ)|(?P<ctn>chủ\s+tịch\s+nước)",
    re.IGNORECASE,
)
# An organisation named as a recipient starts with the word for its kind.
_ORG_HEAD = re.compile(
    r"(?:Sở|Ban|Văn\s+phòng|Công\s+ty|Tổng\s+công\s+ty|Hội|Liên\s+minh|Liên\s+đoàn|Nhân\s+dân|"
    r"Trường|Bệnh\s+viện|Báo|Đài|Huyện\s+ủy|Huyện\s+uỷ|Thành\s+ủy|Thành\s+uỷ|Tỉnh\s+ủy|"
    r"Tỉnh\s+uỷ|Đảng\s+bộ|Đảng\s+ủy|Ủy\s+ban|Uỷ\s+ban|UBND|Phòng|Cục|Chi\s+cục|Tổng\s+cục|Viện|"
    r"Trung\s+tâm|Hợp\s+tác\s+xã|Ngân\s+hàng|Kho\s+bạc|Công\s+an|Bộ\s+Chỉ\s+huy|Đoàn|Cán\s+bộ)"
    r"(?!\w)"
)
# Where an organisation's name ends: a clause that says what it did, or the sentence goes on.
_ORG_END = re.compile(
    r"\s*(?:[;.:]|,(?!\s*(?:xã|phường|thị\s+trấn|huyện|quận|thị\s+xã|thành\s+phố|tỉnh)\s)"
    r"|\s(?:đã|vì|có|năm|do|với|về|trong)\s|$)"
)
# A meeting's choice of the leading unit, which the award that follows is proposed for.
_NOMINATED = re.compile(
    r"(?<!\w)(?:suy\s+tôn|bình\s+chọn|bầu\s+chọn|lựa\s+chọn)\s+(?P<who>[^;:]{3,120}?)\s+"
    r"(?:là|làm)\s+(?:đơn\s+vị|tập\s+thể|tỉnh|thành\s+phố)\s+(?:dẫn\s+đầu|xuất\s+sắc|tiêu\s+biểu)",
    re.IGNORECASE,
)
# A place in an organisation's name: a unit word and a proper name ("huyện Bắc Trà My").
_PLACE = re.compile(
    r"(?<!\w)(?i:xã|phường|thị\s+trấn|huyện|quận|thị\s+xã|thành\s+phố|tỉnh|thành)"
    r"(?:\s+(?i:ủy|uỷ))?\s+[A-ZĐÀ-Ỹ]"
)
# A numbered or dashed line of a list that follows "gồm:" / "cho:".
_ITEM = re.compile(r"\s*(?:\d{1,3}\s*[.)]|[-–+•])\s*(?P<name>[^;\n]+)")
_LIST_OPEN = re.compile(r"(?:gồm|sau|như\s+sau)?\s*:\s*$", re.IGNORECASE)
_MAX_ORG_WORDS = 20
_GROUP_WORDS = 3  # a group description of fewer words says nothing beyond its counts
# Which award a bare name means, by who gives it.
_GIVERS = {"ubnd": "ubnd", "ttg": "ttg", "ctn": "ctn"}
# Another body giving a bare award right before it ("Bộ trưởng Bộ Nội vụ tặng Bằng khen …",
# "Ban Thường vụ Tỉnh ủy trao Giấy khen …"): the award is that body's.
_GIVING_BODY = re.compile(
    r"(?P<body>(?:Bộ\s+trưởng\s+)?Bộ\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:,?\s+[\wÀ-ỹ]+){0,7}?"
    r"|(?:Ban\s+Thường\s+vụ\s+)?(?:Tỉnh|Thành)\s+(?:ủy|uỷ)(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){0,3}"
    r"|Ủy\s+ban\s+Trung\s+ương\s+Mặt\s+trận\s+Tổ\s+quốc\s+Việt\s+Nam"
    r"|Tổng\s+Liên\s+đoàn\s+Lao\s+động\s+Việt\s+Nam|Trung\s+ương\s+Đoàn)"
    r"\s+(?:đã\s+|vừa\s+)?(?:quyết\s+định\s+)?(?:trao\s+tặng|tặng|trao)\s+$"
)


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
    """An award name in a sentence, read by the award-name grammar."""

    form: AwardForm
    begin: int  # where its clause starts: the previous award name's end or ";", whichever is later
    stop: int  # where it ends: the next award name's start or ";", whichever is earlier
    after: int  # where the next award name starts (or the sentence ends)

    @property
    def start(self) -> int:
        return self.form.start

    @property
    def end(self) -> int:
        return self.form.end


@dataclass(frozen=True)
class _Recipient:
    """A named recipient: a province, an organisation (with its province) or a person."""

    entry: Entry
    province: Entry | None
    start: int
    end: int


@dataclass(frozen=True)
class _Read:
    """What was read around an award: named recipients, or counts and their wording."""

    recipients: tuple[_Recipient, ...] = ()
    counts: _Counts | None = None
    description: str | None = None
    first: int | None = None  # where the recipients start, when before the award
    last: int | None = None  # where what was read ends


def extract(article: Article, context: Context, gazetteer: Gazetteer) -> list[Award]:
    facts: list[Award] = []
    content = paragraphs(article)
    for sentence in sentences(article):
        mentions = _award_mentions(sentence)
        if not mentions:
            continue
        provinces = gazetteer.find_provinces(sentence.text, context.date, sentence.start)
        for mention in mentions:
            facts += _awards(article, context, gazetteer, sentence, provinces, mention, content)
    return revised(facts)


def revised(awards: list[Award]) -> list[Award]:
    """Counted awards without the figures a later sentence repeats or revises: the same award
    for the same described group ("… cho 69 đơn vị dẫn đầu các cụm, khối …", then, after the
    vote, "… cho 48 đơn vị dẫn đầu các cụm, khối …") is one proposal, and the last figure
    stands. A group described by its count alone ("3 tập thể") is the same group only when
    the count is the same too."""
    last: dict[tuple[str, int | None, str], int] = {}
    for index, award in enumerate(awards):
        group = _group(award)
        if group:
            last[(award.award_type.key, award.merit_year, group)] = index
    return [
        a
        for i, a in enumerate(awards)
        if not _group(a) or last[(a.award_type.key, a.merit_year, _group(a))] == i
    ]


def _group(award: Award) -> str:
    """The words that describe a counted group beyond its counts, folded; the whole
    description, counts included, when nothing else describes it; "" for a named recipient."""
    if award.recipient_description is None:
        return ""
    words = _COUNT.sub(" ", award.recipient_description)
    words = slug(re.sub(r"\b(?:và|cùng)\b|[,;]", " ", words))
    return words if len(words.split("-")) >= _GROUP_WORDS else slug(award.recipient_description)


def _award_mentions(sentence: Span) -> list[_Mention]:
    """Award names in the sentence, each with the clause it governs."""
    found = find_forms(sentence.text, sentence.start)
    if not found:
        return []
    bounds = [sentence.start] + [f.end for f in found[:-1]]
    nexts = [f.start for f in found[1:]] + [sentence.end]
    return [
        _Mention(
            f, max(b, _clause_start(sentence, f.start)), min(n, _clause_end(sentence, f.end)), n
        )
        for f, b, n in zip(found, bounds, nexts, strict=True)
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
    content: list[Span],
) -> list[Award]:
    authority = _authority(sentence, provinces, match.start, context)
    award_type, minted = _award_type(match.form, authority, sentence, gazetteer)
    read = _recipients(sentence, provinces, match, context, gazetteer, content)
    if not read.recipients and read.counts is None:
        return []
    first = min([match.start] + [r.start for r in read.recipients] + [read.first or match.start])
    status = _status(sentence, match.start)
    decision = _decision(sentence, match.start, authority, context, gazetteer)
    if decision is not None:
        status = CONFERRED
    year, period = _merit(sentence, match, context)
    quote_end = max(match.end, read.last or match.end)
    common = dict(
        award_type=award_type,
        status=status,
        merit_year=year,
        merit_period=period,
        authority_key=authority.key if authority and status == CONFERRED else None,
        decision=decision,
        type_kind=match.form.kind if minted else None,
        type_recipients=match.form.recipients if minted else (),
    )
    if read.counts is not None:
        collectives, individuals, total = read.counts
        return [
            Award(
                recipient=None,
                count_collectives=collectives,
                count_individuals=individuals,
                count_recipients=total,
                recipient_description=read.description,
                evidence=evidence(article, first, quote_end),
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
            recipient_province=r.province,
            evidence=evidence(article, first, max(match.end, r.end)),
            **common,
        )
        for r in (_at_home(r, authority) for r in read.recipients)
    ]


def _at_home(recipient: _Recipient, authority: _Authority | None) -> _Recipient:
    """An organisation whose name places it in no province ("Huyện ủy Yên Thế") belongs to the
    province whose People's Committee awards it; its key then carries that province, as a
    district's name can recur in another province."""
    entry = recipient.entry
    if recipient.province or entry.kind != "organization" or authority is None:
        return recipient
    if authority.kind != "ubnd" or authority.province is None:
        return recipient
    key = f"{entry.key}-{authority.province.key}"
    moved = Entry(entry.kind, key, iris.organization(key), entry.label)
    return _Recipient(moved, authority.province, recipient.start, recipient.end)


def _award_type(
    form: AwardForm, authority: _Authority | None, sentence: Span, gazetteer: Gazetteer
) -> tuple[Entry, bool]:
    """The table's award type, else one read from the name (``True``: the article declares
    it). A flag or Bằng khen that names no giver takes the one named before it."""
    name = form.name
    bare = form.giver is None and form.form in ("flag", "merit", "paper")
    body = _GIVING_BODY.search(sentence.text, 0, form.start - sentence.start) if bare else None
    if body is not None:
        name = canonical(form.form, None, "body", " ".join(body.group("body").split()))
    elif bare and authority is not None:
        name = canonical(form.form, None, _GIVERS[authority.kind], None)
    known = gazetteer.award_type(name)
    if known is not None:
        return known, False
    iri = iris.award_type(name)
    return Entry("award-type", iri.rsplit("/", 1)[1], iri, name), True


def _status(sentence: Span, award_start: int) -> str:
    """Proposed when a proposal cue (đề nghị, trình, xét tặng …) stands before the award with no
    conferral ("đã tặng", a decision) after it; conferred after a giving verb; else stated."""
    text, base = sentence.text, sentence.start
    before = text[: award_start - base]
    proposals = list(_PROPOSAL.finditer(before))
    if proposals and not _CONFERRAL.search(before, proposals[-1].end()):
        return PROPOSED
    if _GIVE.search(before):
        return CONFERRED
    return STATED


def _recipients(
    sentence: Span,
    provinces: list[Match],
    match: _Mention,
    context: Context,
    gazetteer: Gazetteer,
    content: list[Span],
) -> _Read:
    """Who receives the award, read after it ("cho 7 tập thể", "cho tỉnh A và B", "cho đồng
    chí X", "cho Sở Y tỉnh Z", "cho: 1. … 2. …"), else before it ("tỉnh A đạt …", "14 tập
    thể đã được … tặng …")."""
    text, base = sentence.text, sentence.start
    head = _FOR.match(text, match.end - base)
    if head is not None:
        at = base + head.end()
        counts = _counts(text, head.end(), match.stop - base)
        items = _listed_items(content, sentence, at, match)
        placed = [o for o in (_organisation(i, gazetteer, context) for i in items) if o]
        if placed:
            return _Read(recipients=tuple(placed), last=placed[-1].end)
        if counts is not None:
            numbers, count_start, count_end = counts
            said = _SENTENCE_END.split(text[count_start : match.stop - base], 1)[0]
            description = _TRAILING.sub("", said)
            return _Read(counts=numbers, description=description, last=base + count_end)
        found = listed(sentence, provinces, at, _FIRST_GAP, _LIST_GAP, match.stop)
        if found:
            named = tuple(_Recipient(p.entry, None, p.start, p.end) for p in found)
            return _Read(recipients=named, last=found[-1].end)
        people = _people(sentence, context, at, match.after)
        if people:
            return _Read(recipients=people, last=people[-1].end)
        organisation = _organisation_at(sentence, at, match.stop, gazetteer, context)
        if organisation is not None:
            return _Read(recipients=(organisation,), last=organisation.end)
    return _before(sentence, provinces, match, context, gazetteer)


def _before(
    sentence: Span,
    provinces: list[Match],
    match: _Mention,
    context: Context,
    gazetteer: Gazetteer,
) -> _Read:
    """Recipients written before the award: provinces before a receiving verb, a count before
    a passive one, or the unit a meeting nominated ("suy tôn X là đơn vị dẫn đầu … đề nghị
    tặng …")."""
    text, base = sentence.text, sentence.start
    nominated = _nominated(sentence, provinces, match, context, gazetteer)
    if nominated:
        return _Read(recipients=nominated, first=nominated[0].start, last=match.end)
    before = [p for p in provinces if p.end <= match.start]
    if before and _RECEIVE.fullmatch(text[before[-1].end - base : match.start - base]):
        found = [before[-1]]
        for province in reversed(before[:-1]):
            if not _LIST_GAP.fullmatch(text[province.end - base : found[0].start - base]):
                break
            found.insert(0, province)
        named = tuple(_Recipient(p.entry, None, p.start, p.end) for p in found)
        return _Read(recipients=named, last=match.end)
    counted = list(_COUNT.finditer(text, match.begin - base, match.start - base))
    if not counted or not _PASSIVE.fullmatch(text[counted[-1].end() : match.start - base]):
        return _Read()
    # the whole run of counts that ends there ("15 tập thể, 20 cá nhân được tặng …")
    runs = (_counts(text, c.start(), match.start - base) for c in counted)
    run = next(r for r in runs if r is not None and r[2] == counted[-1].end())
    numbers, count_start, count_end = run
    return _Read(
        counts=numbers,
        description=_TRAILING.sub("", text[count_start:count_end]),
        first=base + count_start,
        last=match.end,
    )


def _nominated(
    sentence: Span,
    provinces: list[Match],
    match: _Mention,
    context: Context,
    gazetteer: Gazetteer,
) -> tuple[_Recipient, ...]:
    """The provinces or the organisation named as the leading unit, when the award is what
    that choice is proposed for."""
    text, base = sentence.text, sentence.start
    choices = list(_NOMINATED.finditer(text, match.begin - base, match.start - base))
    if not choices or not _GIVE.search(text, choices[-1].end(), match.start - base):
        return ()
    who = (base + choices[-1].start("who"), base + choices[-1].end("who"))
    named = listed(sentence, provinces, who[0], _UNIT_GAP, _LIST_GAP, who[1])
    if named and named[-1].end == who[1]:
        return tuple(_Recipient(p.entry, None, p.start, p.end) for p in named)
    if _ORG_HEAD.match(text, who[0] - base):
        span = Span(who[0], who[1], text[who[0] - base : who[1] - base])
        organisation = _organisation(span, gazetteer, context)
        return (organisation,) if organisation else ()
    return ()


def _people(sentence: Span, context: Context, at: int, stop: int) -> tuple[_Recipient, ...]:
    """Officials named right after "cho" ("cho đồng chí X", "cho các đồng chí: X - …; Y - …")."""
    named = sorted(
        (m.start, m.end, official)
        for official in context.officials
        for m in official.mentions
        if at <= m.start < stop
    )
    if not named or not _PEOPLE_GAP.fullmatch(
        sentence.text[at - sentence.start : named[0][0] - sentence.start]
    ):
        return ()
    seen: dict[str, _Recipient] = {}
    for start, end, official in named:
        entry = Entry("person", official.key, iris.person(official.key), official.name)
        seen.setdefault(official.key, _Recipient(entry, official.province, start, end))
    return tuple(seen.values())


def _organisation_at(
    sentence: Span, at: int, stop: int, gazetteer: Gazetteer, context: Context
) -> _Recipient | None:
    """One organisation named right after "cho", up to what it did ("…, đã hoàn thành …")."""
    text, base = sentence.text, sentence.start
    if not _ORG_HEAD.match(text, at - base):
        return None
    end = _ORG_END.search(text, at - base, stop - base)
    name_end = base + (end.start() if end else stop - base)
    span = Span(at, name_end, text[at - base : name_end - base])
    if not span.text or len(span.text.split()) > _MAX_ORG_WORDS:
        return None
    return _organisation(span, gazetteer, context)


def _listed_items(content: list[Span], sentence: Span, at: int, match: _Mention) -> list[Span]:
    """The numbered lines after a sentence that ends its award clause with ":" ("cho:", "…
    04 tập thể, …, gồm:"): each line's name up to its first ";"."""
    rest = sentence.text[match.end - sentence.start : match.stop - sentence.start]
    if match.stop != sentence.end or not _LIST_OPEN.search(rest.rstrip()):
        return []
    items = []
    for paragraph in content:
        if paragraph.start < sentence.end:
            continue
        line = _ITEM.match(paragraph.text)
        if line is None:
            break
        name = _TRAILING.sub("", line.group("name"))
        start = paragraph.start + line.start("name")
        items.append(Span(start, start + len(name), name))
    return items


def _organisation(span: Span, gazetteer: Gazetteer, context: Context) -> _Recipient | None:
    """An organisation recipient keyed by its name, tied to the province its name ends with.
    A name that places it nowhere ("Văn phòng UBND tỉnh", "Sở Nội vụ") is shared by many
    bodies: no key can tell them apart, so it is not a recipient."""
    name = " ".join(span.text.split())
    named = gazetteer.find_provinces(span.text, context.date, span.start)
    province = named[-1].entry if named else None
    if province is None and not _PLACE.search(name):
        return None
    key = slug(name)
    entry = Entry("organization", key, iris.organization(key), name)
    return _Recipient(entry, province, span.start, span.end)


def _number(written: str) -> int:
    """ "1.250" → 1250, "hai" → 2."""
    return _NUMBER_WORDS.get(written.lower()) or int(written.replace(".", ""))


def _counts(text: str, at: int, stop: int) -> tuple[_Counts, int, int] | None:
    """ "7 tập thể, 15 cá nhân" → (7, 15, None); "106 tập thể, hộ gia đình, cá nhân" →
    (None, None, 106); "12.345 cá nhân" → (None, 12345, None)."""
    collectives = individuals = total = None
    position, end = at, None
    while True:
        match = _COUNT.match(text, position)
        if match is None or match.end() > stop:
            break
        n, what = _number(match.group("n")), slug(match.group("what"))
        if what in _COLLECTIVE:
            collectives = (collectives or 0) + n
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
