"""The grammar of legal and party document mentions in news text.

A mention is a type word ("Chỉ thị", "Nghị định", …), an optional "số", a number in the
State form ("91/2017/NĐ-CP", "946/QĐ-UBND") or the Party form ("34-CT/TW"), then an optional
issue date ("ngày 07/4/2014") and issuer ("của Bộ Chính trị"). Laws are mostly cited by name
("Luật Thi đua, khen thưởng năm 2022"), Party resolutions by plenum ("Nghị quyết Trung ương 4
khóa XII"); those are mentions without a number. Reporters' typos ("34 -CT/TW",
"91/2017NĐ-CP") are read and normalised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from tdkt.loaders.articles.dates import FULL_DATE, parse_date

# Type words and the model.md concept each stands for ("Plan" is not in model.md yet).
DOC_TYPES: dict[str, str] = {
    "chỉ thị": "Directive",
    "luật": "Law",
    "nghị định": "Decree",
    "thông tư liên tịch": "Circular",
    "thông tư": "Circular",
    "quyết định": "Decision",
    "nghị quyết": "Resolution",
    "kết luận": "Conclusion",
    "hướng dẫn": "Guidance",
    "kế hoạch": "Plan",
}
_TYPE = "|".join(w.replace(" ", r"\s+") for w in DOC_TYPES)

# One segment after the leading number: a year, or a code of capitals ("QĐ", "TTg", "QH15").
_SEG = r"(?:\d{4}(?![\w])|\d{4}(?=[A-ZĐ])|[A-ZĐ][A-ZĐa-zđ0-9]*(?![\w]))"
# A separator may carry a stray space on one side ("34 -CT/TW"), never on both.
_SEP = r"(?:\s?[/\-–](?!\s)|[/\-–]\s?)"
_NUMBER = rf"\d{{1,5}}(?:{_SEP}{_SEG}|(?<=\d{{4}}){_SEG})+"
_BARE = r"\d{1,5}(?![\w/.,]|\s*[-–]\s*\w)"

_MENTION = re.compile(
    rf"(?<!\w)(?P<type>(?i:{_TYPE}))\s+(?:(?P<so>số)\s*:?\s*)?"
    rf"(?:(?P<number>{_NUMBER})|(?P<bare>{_BARE}))",
)
_DATE_AFTER = re.compile(rf",?\s*(?:ban\s+hành\s+|ký\s+)?(?:ngày\s+)?(?P<date>{FULL_DATE.pattern})")
_ISSUER = re.compile(
    r",?\s*(?P<issuer>(?:của|do)\s+(?P<body>[A-ZĐÀ-Ỹ][^,;.:()\n\"“”]*?))"
    r"(?=\s+(?:về|và|nhằm|để|đã|với|trong|tại|quy\s+định|hướng\s+dẫn|ban\s+hành|năm|ngày|"
    r"sửa\s+đổi|thì|là|được|có|cho|theo|đến|từ)\b|[,;.:()\n\"“”]|$)"
)
_NAMED_LAW = re.compile(r"(?<!\w)Luật\s+(?=[A-ZĐÀ-Ỹ])")
_PLENUM = re.compile(
    r"(?<!\w)Nghị\s+quyết\s+(?:Hội\s+nghị\s+)?(?:lần\s+thứ\s+)?(?:Trung\s+ương|TW)\s+"
    r"(?:\d{1,2}|[IVX]+)(?:\s*\(?\s*khó[aá]\s+[IVX]+\)?)?"
    r"|(?<!\w)Nghị\s+quyết\s+Đại\s+hội\s+[^,;.()\n]{0,60}?lần\s+thứ\s+[IVX]+"
)
_DOC_TYPE_WORD = re.compile(rf"(?:{_TYPE})(?!\w)", re.IGNORECASE)
_YEAR_HINT = re.compile(r"\s+năm\s+(?P<year>(?:19|20)\d\d)(?!\d)")
# Words that end a law's name: the name is capitalised, then sentence text resumes.
_STOP_WORDS = (
    "và các để nhằm cho của đã được có trong thì là với theo tại từ đến năm số về hiện mới "
    "này đó ngày"
)
_NAME_STOP = frozenset(_STOP_WORDS.split())
_WORD_OR_PUNCT = re.compile(r"\w+|[^\w\s]")
_MAX_AFTER_COMMA = 3
_MAX_NAME_WORDS = 10


@dataclass(frozen=True)
class DocumentMention:
    """One cited document as written, with what the text says about it."""

    start: int
    end: int
    text: str
    doc_type: str | None
    number_as_written: str | None = None
    number: str | None = None
    date_text: str | None = None
    date: date | None = None
    issuer_text: str | None = None
    name_text: str | None = None
    year_hint: int | None = None


def normalise_number(raw: str) -> str | None:
    """The canonical number: "91/2017NĐ-CP" -> "91/2017/NĐ-CP", "34 -CT/TW" -> "34-CT/TW"."""
    match = re.search(_NUMBER, raw) or re.search(rf"(?<=số)\s*{_BARE}", raw)
    if match is None:
        return None
    number = re.sub(r"\s+", "", match.group()).replace("–", "-")
    return re.sub(r"(/\d{4})(?=[A-ZĐ])", r"\1/", number)


def find_documents(text: str, offset: int = 0) -> list[DocumentMention]:
    """Every numbered or named document mention in text order (offsets shifted by offset)."""
    found = _numbered(text)
    found += [m for m in (*_named_laws(text), *_plenums(text)) if not _overlaps(m, found)]
    found.sort(key=lambda m: m.start)
    if offset:
        found = [_shift(m, offset) for m in found]
    return found


def _numbered(text: str) -> list[DocumentMention]:
    mentions = []
    for match in _MENTION.finditer(text):
        raw = match.group("number") or match.group("bare")
        end = match.end()
        if match.group("bare") and not (match.group("so") or _bare_is_citation(text, end)):
            continue
        date_text, value, end = _date_after(text, end)
        issuer, end = _issuer_after(text, end)
        doc_type = DOC_TYPES[re.sub(r"\s+", " ", match.group("type").lower())]
        number = normalise_number(raw) if match.group("number") else raw
        mentions.append(
            DocumentMention(
                match.start(),
                end,
                text[match.start() : end],
                doc_type,
                raw,
                number,
                date_text,
                value,
                issuer,
            )
        )
    return mentions


def _bare_is_citation(text: str, end: int) -> bool:
    """A bare number ("Chỉ thị 34") cites a document only when a date or issuer follows."""
    rest = text[end : end + 12]
    return re.match(r"\s*(?:,\s*)?(?:ngày|của)\s", rest) is not None


def _date_after(text: str, end: int) -> tuple[str | None, date | None, int]:
    match = _DATE_AFTER.match(text, end)
    if match is None:
        return None, None, end
    written = text[match.start("date") : match.end()]
    if not written.lower().startswith("ngày"):
        before = text[match.start() : match.start("date")].rstrip()
        if before.lower().endswith("ngày"):
            written = text[match.start() + before.lower().rfind("ngày") : match.end()]
    return written, parse_date(match.group("date")), match.end()


def _issuer_after(text: str, end: int) -> tuple[str | None, int]:
    match = _ISSUER.match(text, end)
    if match is None or len(match.group("body").split()) > 10:
        return None, end
    return match.group("issuer"), match.end("issuer")


def _named_laws(text: str) -> list[DocumentMention]:
    mentions = []
    for match in _NAMED_LAW.finditer(text):
        name_end = _law_name_end(text, match.end())
        if name_end is None:
            continue
        end, year = name_end, None
        hint = _YEAR_HINT.match(text, end)
        if hint:
            end, year = hint.end(), int(hint.group("year"))
        name = text[match.start() : name_end]
        mentions.append(
            DocumentMention(
                match.start(),
                end,
                text[match.start() : end],
                "Law",
                name_text=name,
                year_hint=year,
            )
        )
    return mentions


def _law_name_end(text: str, start: int) -> int | None:
    """Where a law's name ends: at a stop word, punctuation or the next document type."""
    end = None
    words = 0
    after_comma: int | None = None
    comma_at = None
    for token in _WORD_OR_PUNCT.finditer(text, start):
        word = token.group()
        if token.start() > start and "\n" in text[end or start : token.start()]:
            break
        if word == ",":
            if after_comma is not None:
                break
            after_comma, comma_at = 0, token.start()
            continue
        if not word[0].isalnum() or word.lower() in _NAME_STOP or _starts_doc_type(text, token):
            break
        words += 1
        if after_comma is not None:
            after_comma += 1
        if words > _MAX_NAME_WORDS or (after_comma or 0) > _MAX_AFTER_COMMA:
            return comma_at
        end = token.end()
    if after_comma == 0:
        return comma_at
    return end


def _starts_doc_type(text: str, token: re.Match[str]) -> bool:
    return _DOC_TYPE_WORD.match(text, token.start()) is not None


def _plenums(text: str) -> list[DocumentMention]:
    return [
        DocumentMention(m.start(), m.end(), m.group(), "Resolution", name_text=m.group())
        for m in _PLENUM.finditer(text)
    ]


def _overlaps(mention: DocumentMention, others: list[DocumentMention]) -> bool:
    return any(o.start < mention.end and mention.start < o.end for o in others)


def _shift(m: DocumentMention, offset: int) -> DocumentMention:
    return replace(m, start=m.start + offset, end=m.end + offset)
