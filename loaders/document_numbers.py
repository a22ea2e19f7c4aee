"""The grammar of one document number ("91/2017/NĐ-CP", "34-CT/TW"), below articles and tables.

The gazetteer resolves numbers the tables list and the article rules read numbers in text; both
need the same canonical form, so the grammar lives here, beneath both layers.
"""

from __future__ import annotations

import re

# One segment after the leading number: a year, or a code of capitals ("QĐ", "TTg", "QH15").
_SEG = r"(?:\d{4}(?![\w])|\d{4}(?=[A-ZĐÐ])|[A-ZĐÐ][A-ZĐÐa-zđ0-9]*(?![\w]))"
# A separator may carry a stray space on one side ("34 -CT/TW"), never on both.
_SEP = r"(?:\s?[/\-–](?!\s)|[/\-–]\s?)"
NUMBER = rf"\d{{1,5}}(?:{_SEP}{_SEG}|(?<=\d{{4}}){_SEG})+"
BARE = r"\d{1,5}(?![\w/.,]|\s*[-–]\s*\w)"


def normalise_number(raw: str) -> str | None:
    """The canonical number: "91/2017NĐ-CP" -> "91/2017/NĐ-CP", "34 -CT/TW" -> "34-CT/TW"."""
    match = re.search(NUMBER, raw) or re.search(rf"(?<=số)\s*{BARE}", raw)
    if match is None:
        return None
    number = re.sub(r"\s+", "", match.group()).replace("–", "-").replace("Ð", "Đ")
    number = re.sub(r"(/\d{4})(?=[A-ZĐ])", r"\1/", number)
    return re.sub(r"[A-Za-z]+", lambda code: _SPELLINGS.get(code.group(), code.group()), number)


# Codes spelled with D by a writer without a Vietnamese keyboard ("736/QD-TTg"), or in capitals
# ("TTG"): one spelling each, so that every spelling lands on the same document and number.
_SPELLINGS = {
    "TTG": "TTg",
    "TTR": "TTr",
    "QD": "QĐ",
    "ND": "NĐ",
    "TDKT": "TĐKT",
    "BTDKT": "BTĐKT",
    "HDND": "HĐND",
    "HDTDKT": "HĐTĐKT",
    "CTD": "CTĐ",
}
# The code that says what kind of text a number belongs to ("946/QĐ-UBND", "34-CT/TW"), after
# Nghị định 30/2020/NĐ-CP (văn thư): a letter (công văn) has no such code ("2490/BTĐKT-VII").
TYPE_CODES = {
    "CT": "Directive",
    "NĐ": "Decree",
    "TT": "Circular",
    "TTLT": "Circular",
    "QĐ": "Decision",
    "NQ": "Resolution",
    "KL": "Conclusion",
    "HD": "Guidance",
    "KH": "Plan",
    "TTr": "Submission",
    "TB": "Notice",
    "CV": "OfficialLetter",
}
_STATE_CODE = re.compile(r"^\d+(?:/\d{4})?/(?P<code>[^/\-]+)")
_PARTY_CODE = re.compile(r"^\d+-(?P<code>[^/\-]+)/")
_ASSEMBLY = re.compile(r"^\d+/\d{4}/(?:UBTV)?QH\d+$")


def type_of_number(number: str) -> str | None:
    """The document type a canonical number's code states: "OfficialLetter" when the first code
    is an issuer's (a letter has no type code); None for a National Assembly number (a law or a
    resolution: the text says which) and for a bare number."""
    if _ASSEMBLY.match(number):
        return None
    party = _PARTY_CODE.match(number)
    if party:
        return TYPE_CODES.get(party.group("code"))
    state = _STATE_CODE.match(number)
    if state is None:
        return None
    return TYPE_CODES.get(state.group("code"), "OfficialLetter")
