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


@functools.lru_cache(maxsize=1 << 14)  # IRI keys: the same names, over and over
def slug(text: str) -> str:
    """IRI key: NFC, no diacritics, đ → d, lower case, runs of other characters → one hyphen."""
    return _NOT_KEY.sub("-", fold(text)).strip("-")
