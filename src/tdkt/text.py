"""Vietnamese text normalisation: store what the source wrote (NFC), match on a normalised key.

Three levels, from strict to lenient:

- ``nfc``: the canonical Unicode form every stored string uses.
- ``match_key``: ignores case, spacing and *where* the tone mark sits ("Hòa" = "Hoà",
  "Thủy" = "Thuỷ"), but keeps which tone it is and the vowel shapes (ă, â, ê, ô, ơ, ư, đ).
- ``fold``: drops every diacritic ("Đăng" = "Đặng" = "Dang"); for the odd missing
  diacritic, used only as a fallback after ``match_key`` found nothing.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Combining marks that carry the tone (thanh điệu); the others (circumflex, breve, horn)
# change the vowel itself and must survive ``match_key``.
_TONE_MARKS = {"\u0300": "2", "\u0301": "1", "\u0303": "4", "\u0309": "3", "\u0323": "5"}
_WORD = re.compile(r"\w+", re.UNICODE)
_SPACE = re.compile(r"\s+")
_NOT_KEY = re.compile(r"[^a-z0-9]+")


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC, the form every stored string uses."""
    return unicodedata.normalize("NFC", text)


@functools.lru_cache(maxsize=1 << 16)  # syllables repeat: a language has a few thousand
def _syllable_key(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.lower())
    tone = ""
    kept = []
    for ch in decomposed:
        if ch in _TONE_MARKS:
            tone = _TONE_MARKS[ch]
        else:
            kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)) + tone


def match_key(text: str) -> str:
    """A key equal for spellings that differ only in case, spacing or tone-mark placement."""
    return " ".join(_syllable_key(w) for w in _WORD.findall(nfc(text)))


def fold(text: str) -> str:
    """Lower-case ASCII-like form without any diacritic (đ → d), spaces collapsed."""
    decomposed = unicodedata.normalize("NFD", nfc(text).replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACE.sub(" ", stripped.lower()).strip()


def fold_chars(text: str) -> str:
    """``fold`` one character per character (spaces kept), so offsets into the result are
    offsets into ``text``; a character whose fold is not one character is kept as written.
    A translation table in C: cheap enough to test whole paragraphs before tokenising them."""
    table = _fold_table()
    for ch in set(_OUTSIDE_TABLE.findall(text)):  # a script the table was not built for
        table.setdefault(ord(ch), _folded_char(ch))
    return text.translate(table)


# The table covers what Vietnamese text is written in: Latin (with Latin Extended Additional,
# where the Vietnamese letters are), combining marks, punctuation and currency signs. A plain
# dict, built once: ``str.translate`` looks a plain dict up in C, ten times faster than a dict
# subclass that fills itself on a miss.
_TABLE_RANGES = ((0x0000, 0x024F), (0x0300, 0x036F), (0x1E00, 0x1EFF), (0x2000, 0x20CF))
_OUTSIDE_TABLE = re.compile(
    "[^" + "".join(rf"\u{lo:04x}-\u{hi:04x}" for lo, hi in _TABLE_RANGES) + "]"
)


@functools.cache
def _fold_table() -> dict[int, str]:
    return {c: _folded_char(chr(c)) for lo, hi in _TABLE_RANGES for c in range(lo, hi + 1)}


def _folded_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    base = base.lower()
    return base if len(base) == 1 else ch


# Telex, the usual Vietnamese typing scheme: every diacritic as ASCII letters ("Bính" → binhs).
_TELEX_TONES = {"\u0300": "f", "\u0301": "s", "\u0309": "r", "\u0303": "x", "\u0323": "j"}
_TELEX_SHAPES = {"\u0306": "w", "\u031b": "w"}  # breve (ă), horn (ơ, ư); circumflex doubles


def telex(text: str) -> str:
    """The words in lower-case Telex ("Lê Văn Bính" → "lee vawn binhs"): an ASCII form that,
    unlike ``fold``, keeps every diacritic, so two spellings ``fold`` equates stay apart."""
    words = []
    for word in _WORD.findall(nfc(text).lower()):
        letters, tone = [], ""
        for ch in unicodedata.normalize("NFD", word.replace("đ", "dd")):
            if ch in _TELEX_TONES:
                tone = _TELEX_TONES[ch]
            elif ch in _TELEX_SHAPES:
                letters.append(_TELEX_SHAPES[ch])
            elif ch == "\u0302" and letters:
                letters.append(letters[-1])  # â, ê, ô → aa, ee, oo
            elif not unicodedata.combining(ch):
                letters.append(ch)
        words.append("".join(letters) + tone)
    return " ".join(words)


@functools.lru_cache(maxsize=1 << 14)  # IRI keys: the same names, over and over
def slug(text: str) -> str:
    """IRI key: NFC, no diacritics, đ → d, lower case, runs of other characters → one hyphen."""
    return _NOT_KEY.sub("-", fold(text)).strip("-")
