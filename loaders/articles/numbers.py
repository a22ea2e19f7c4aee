"""The grammar of legal and party document mentions in news text.

A mention is a type word ("Chỉ thị", "Nghị định", …), an optional "số", a number in the
State form ("91/2017/NĐ-CP", "946/QĐ-UBND") or the Party form ("34-CT/TW"), then an optional
issue date ("ngày 07/4/2014") and issuer ("của Bộ Chính trị"). Laws are mostly cited by name
("Luật Thi đua, khen thưởng năm 2022"), Party resolutions by plenum ("Nghị quyết Trung ương 4
khóa XII"); those are mentions without a number. Reporters' typos ("34 -CT/TW",
"91/2017NĐ-CP", "QD-TTg") are read and normalised. What a numbered text is comes from its
number's type code, not the word before it ("Công văn số 297/TB-CTĐ" is a notice). A legal
text names its own number in its header ("Số: 736/QĐ-TTg"): ``find_headers``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from tdkt.loaders.articles.dates import FULL_DATE, parse_date
from tdkt.loaders.document_numbers import BARE as _BARE
from tdkt.loaders.document_numbers import NUMBER as _NUMBER
from tdkt.loaders.document_numbers import normalise_number, type_of_number

# Type words and the model.md concept each stands for.
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
    "tờ trình": "Submission",
    "thông báo": "Notice",
    "công văn": "OfficialLetter",
}
# "văn bản số 2490/BTĐKT-VII": a text of any kind; its number says which. Not a type word
# inside a law's name ("Luật Ban hành văn bản quy phạm pháp luật").
_ANY_TEXT = r"văn\s+bản"
_TYPE = "|".join(w.replace(" ", r"\s+") for w in DOC_TYPES)
_MENTION_TYPE = rf"{_TYPE}|{_ANY_TEXT}"


_MENTION = re.compile(
    rf"(?<!\w)(?P<type>(?i:{_MENTION_TYPE}))\s+(?:(?P<so>số)\s*:?\s*)?"
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
_HEADER = re.compile(
    rf"^[ \t|]*(?P<label>Số(?:\s+hiệu)?)\s*:\s*(?:\|\s*)?(?P<number>{_NUMBER})",
    re.MULTILINE,
)
_STATED_TYPE = re.compile(rf"Loại\s+văn\s+bản\s*:\s*(?:\|\s*)?(?P<word>{_TYPE})", re.IGNORECASE)
# The date under a header number: "Hà Nội, ngày 09 tháng 6 năm 2008" or "Ngày ban hành: |
# 15/06/2022", within the few lines before the text's body.
_HEADER_DATE = re.compile(
    rf"(?:,\s*|Ngày\s+ban\s+hành\s*:\s*(?:\|\s*)?)(?P<date>{FULL_DATE.pattern})", re.IGNORECASE
)
_HEADER_REACH = 200
_ASSEMBLY_CODE = re.compile(r"/(?:UBTV)?QH\d+$")
_DOC_TYPE_WORD = re.compile(rf"(?:{_TYPE})(?!\w)", re.IGNORECASE)
# "… năm 2022" or a bare "… 2022" after a law's name: the year it was passed.
_YEAR_HINT = re.compile(r"\s+(?:năm\s+)?(?P<year>(?:19|20)\d\d)(?![\d/.\-])")
_YEAR = re.compile(r"(?:19|20)\d\d")
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
        number = normalise_number(raw) if match.group("number") else raw
        doc_type = document_type(_type_word(match.group("type")), number)
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


def _type_word(word: str) -> str | None:
    return DOC_TYPES.get(re.sub(r"\s+", " ", word.lower()))


def document_type(word: str | None, number: str | None) -> str | None:
    """What a cited text is. The number's type code decides ("Công văn số 297/TB-CTĐ" is a
    notice); a National Assembly or bare number takes the word ("Luật", "Nghị quyết"); a number
    without a type code is a letter unless the word names another kind, and then the two
    disagree: None, as when nothing says."""
    coded = type_of_number(number) if number else None
    if coded == "OfficialLetter" and word not in (None, coded):
        return None
    if coded is not None:
        return coded
    if number and _ASSEMBLY_CODE.search(number):
        return word if word in ("Law", "Resolution") else None
    return word


def find_headers(text: str) -> list[DocumentMention]:
    """A legal text's own number in its header ("Số: 736/QĐ-TTg", "Số hiệu: | 06/2022/QH15 |
    Loại văn bản: | Luật |"), dated by the place-and-date line or the metadata below it."""
    mentions = []
    for match in _HEADER.finditer(text):
        raw = match.group("number")
        number = normalise_number(raw)
        line_end = text.find("\n", match.end())
        line = text[match.end() : len(text) if line_end < 0 else line_end]
        stated = _STATED_TYPE.search(line)
        word = _type_word(stated.group("word")) if stated else None
        doc_type = document_type(word, number)
        if doc_type is None:
            continue
        dated = _HEADER_DATE.search(text[match.end() : match.end() + _HEADER_REACH])
        start = match.start("label")
        mentions.append(
            DocumentMention(
                start,
                match.end(),
                text[start : match.end()],
                doc_type,
                raw,
                number,
                dated.group("date") if dated else None,
                parse_date(dated.group("date")) if dated else None,
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
        date_text, value, end = _date_after(text, end) if year is None else (None, None, end)
        name = text[match.start() : name_end]
        mentions.append(
            DocumentMention(
                match.start(),
                end,
                text[match.start() : end],
                "Law",
                date_text=date_text,
                date=value,
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
        if (
            not word[0].isalnum()
            or word.lower() in _NAME_STOP
            or _YEAR.fullmatch(word)
            or _starts_doc_type(text, token)
        ):
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
    """A capitalised type word starts the next document ("… và Luật sửa đổi …"); a lower-case
    one is part of the name ("Luật Ban hành văn bản quy phạm pháp luật")."""
    return token.group()[0].isupper() and _DOC_TYPE_WORD.match(text, token.start()) is not None


def _plenums(text: str) -> list[DocumentMention]:
    return [
        DocumentMention(m.start(), m.end(), m.group(), "Resolution", name_text=m.group())
        for m in _PLENUM.finditer(text)
    ]


def _overlaps(mention: DocumentMention, others: list[DocumentMention]) -> bool:
    return any(o.start < mention.end and mention.start < o.end for o in others)


def _shift(m: DocumentMention, offset: int) -> DocumentMention:
    return replace(m, start=m.start + offset, end=m.end + offset)
