"""Personal names: the grammar the officials rule uses to find the name a title belongs to.

A name is 2–4 capitalised syllables separated by single spaces ("Nguyễn Văn An", "Điểu
K’Ré", "Y Mửi"). Where the text around it does not already mark the slot as a name, its first
syllable must be a Vietnamese surname (Kinh or of a minority people), compared without
diacritics so that a typo such as "Đăng" for "Đặng" still reads as a surname. In a *marked*
slot — after an honorific ("đồng chí", "ông", "bà") or at the head of a list item (after ":",
";" or the start of a paragraph) — any capitalised syllables are a name, which is how names
without a listed surname ("Kring Ba") are read. A run whose first word is a post word
("Trưởng Đoàn", "Phó Giám đốc") or an honorific ("Ông Lê Văn An") is never a name.

Every search here looks at a bounded window of text, so the work per title is constant.
"""

from __future__ import annotations

import re

from tdkt.text import fold

# Common surnames (general knowledge), compared folded: Kinh first, then those of minority
# peoples (Tày, Thái, H'Mông, Ê Đê, Xơ Đăng, Stiêng …).
_SURNAME_LIST = (
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Lương "
    "Trương Đào Đoàn Vương Trịnh Mai Tô Tôn Hà Lâm Phùng Cao Châu Tạ Thái Lưu Kiều Quách "
    "Triệu Hứa La Lại Mạc Nông Chu Thân Phương Khúc Tăng Lục Giang Âu Hầu Lò Quan Nghiêm "
    "Kim Doãn Diệp Đàm Đồng Bạch Ông Ninh Từ Trang Lã Vi Khổng Hàn Thạch Tống Đường Quang "
    "Sầm Cù Ma Đới Văn "
    "Cầm Giàng Sùng Thào Vàng Lầu Mùa Hờ Điểu Ksor Siu Rơ Rah Kpă Bế Lường Lộc Mông Y "
    "Kring Bhríu Mấu Nay Niê Byă Êban"
)
SURNAME_WORDS = tuple(_SURNAME_LIST.split())
SURNAMES = frozenset(map(fold, SURNAME_WORDS))

# Words that start a title, never a name ("Trưởng" folds like the surname "Trương").
_POST_WORD_LIST = (
    "Trưởng Phó Chủ Bí Giám Thứ Chánh Tổng Quyền Nguyên Ủy Uỷ Cụm Vụ Cục Bộ Sở Ban Hội "
    "Tỉnh Thành Huyện Đảng Đại Thường Lãnh"
)
# Post words, and the honorifics "Ông" / "Bà" that open a sentence before a name.
_NOT_FIRST = frozenset([*_POST_WORD_LIST.split(), "Ông", "Bà"])
# A syllable: letters, optionally joined by an apostrophe ("K’Ré", "H'Hen").
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
HONORIFIC = re.compile(r"(?<!\w)(?:đồng\s+chí|đ/c|ông|bà)\s+$", re.IGNORECASE)
# What opens a list item: a colon or semicolon (then spaces), or nothing (paragraph start).
_ITEM_START = re.compile(r"(?:^|[:;]\s*|^\s*[-–+•]\s*)$")
_WINDOW = 80  # characters looked at around a name: four syllables and an honorific fit


def capitalised(word: str) -> bool:
    """ "Nguyễn", "K’Ré", "Y": each apostrophe part starts upper-case, the rest is lower."""
    parts = re.split(r"['’]", word)
    return all(p[0].isupper() and (p[1:].islower() or not p[1:]) for p in parts if p)


def is_name(words: list[str], marked: bool) -> bool:
    """2–4 capitalised syllables, the first a surname unless the slot is ``marked``."""
    return (
        2 <= len(words) <= 4
        and words[0] not in _NOT_FIRST
        and (marked or fold(words[0]) in SURNAMES)
        and all(capitalised(w) for w in words)
    )


def marked_before(text: str, start: int) -> bool:
    """Whether the text before ``start`` marks a name slot (honorific or list-item start)."""
    head = text[max(0, start - _WINDOW) : start]
    if start <= _WINDOW and not head.strip():
        return True
    return bool(HONORIFIC.search(head) or _ITEM_START.search(head.rstrip(" ")))


def run_after(text: str, start: int) -> list[re.Match[str]]:
    """Up to four capitalised syllables separated by single spaces, from ``start`` on."""
    words: list[re.Match[str]] = []
    for w in WORD.finditer(text, start, min(len(text), start + _WINDOW)):
        expected = start if not words else words[-1].end() + 1
        if w.start() != expected or not w.group()[0].isupper() or len(words) == 4:
            break
        words.append(w)
    return words


def run_before(text: str, end: int) -> list[re.Match[str]]:
    """Up to four capitalised syllables separated by single spaces, ending at ``end``."""
    low = max(0, end - _WINDOW)
    run: list[re.Match[str]] = []
    for w in reversed(list(WORD.finditer(text, low, end))):
        if w.end() != end or not w.group()[0].isupper() or len(run) == 4 or w.start() == low > 0:
            break
        run.insert(0, w)
        end = w.start() - 1
        if end < 0 or text[end] != " ":
            break
    return run
