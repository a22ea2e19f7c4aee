"""Lines that are portal chrome, not article: widgets, calendars, CMS ids, date-only lines.

Recognised by shape (a row of small numbers, a weekday header, a block id) and by vocabulary
(a line made only of widget phrases), never by the exact pages seen so far.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from tdkt.loaders.articles.dates import FULL_DATE, parse_date
from tdkt.text import match_key, nfc

# Widget vocabulary by kind: a line made only of these phrases is chrome, whatever the portal.
_WIDGETS = {
    "toolbar": "tăng cỡ chữ, giảm cỡ chữ, cỡ chữ, in bài, in bài viết, in trang, bản in, "
    "gửi email, gửi bài, gửi cho bạn bè, chia sẻ, chia sẻ bài viết, lưu bài, lưu bài viết, "
    "quay lại, trở về, về đầu trang, đầu trang, xem thêm, facebook, twitter, zalo, print, share, "
    "trang chủ, google news, theo dõi, theo dõi chúng tôi trên",
    "comments": "ý kiến bình luận, bình luận, gửi bình luận, viết bình luận, họ và tên, họ tên, "
    "email, e-mail, địa chỉ, điện thoại, lời bình, xác thực, mã xác thực, mã xác nhận, nhập mã, "
    "gửi, hủy, làm lại, ý kiến bạn đọc",
    "rating": "click để đánh giá bài viết, đánh giá bài viết, đánh giá",
    "related": "tin liên quan, tin khác, các tin khác, tin cùng chuyên mục, bài viết liên quan, "
    "các tin đã đưa ngày, tin mới, tin mới nhất, tin đọc nhiều, từ khóa, tags",
}
# Headings after which a page holds only other articles, calendars and forms; they end the
# article only once its body has ended ("./.") or in the second half of the page.
_TAIL_HEADINGS = (
    "các tin đã đưa ngày, tin liên quan, tin khác, các tin khác, tin cùng chuyên mục, "
    "bài viết liên quan, ý kiến bình luận, ý kiến bạn đọc, gửi bình luận, viết bình luận, "
    "tin đọc nhiều"
)
# Sentences only widgets say (rating boxes, login timers, counters, footers).
_WIDGET_SENTENCE = re.compile(
    r"tổng số điểm của bài viết|để đánh giá bài viết|trạng thái đăng nhập|thời gian chờ\s*:"
    r"|bạn đã không sử dụng|lượt xem\s*:|số lượt xem|bản quyền thuộc|ghi rõ nguồn"
    r"|giấy phép (?:số|xuất bản|hoạt động)|copyright|©|đang tải|vui lòng chờ|gói cước",
    re.IGNORECASE,
)
# "Theo dõi Báo X trên" (follow the paper on …), a follow button whatever the paper's name.
_FOLLOW = re.compile(r"theo\s+dõi\s+.{1,40}?\s+trên(?:\s+google\s+news)?", re.IGNORECASE)
# A saved page's own address ("URL: https://…") and a portal's banner ("Site.vn - slogan").
_ADDRESS = re.compile(r"(?:(?:URL|Link|Nguồn)\s*:\s*)?https?://\S+", re.IGNORECASE)
_BANNER = re.compile(
    r"(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:vn|com|net|org|info)\s*[-–|:]\s*[^.!?()\n]{1,60}",
    re.IGNORECASE,
)
_BREADCRUMB = re.compile(r"[^>»›\n]{1,40}(?:\s[>»›]\s[^>»›\n]{1,40})+")
_CMS_MARKER = re.compile(r"[A-Za-z0-9]_[A-Za-z]|[a-z][A-Z][a-z]")
_CALENDAR_ROW = re.compile(r"(?:\d{1,2}\s+){4,}\d{1,2}")
_WEEKDAY = r"(?:CN|Chủ\s+nhật|T[2-7]|Th[2-7]|Thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7]))"
_WEEKDAY_ROW = re.compile(rf"(?:{_WEEKDAY}\s+){{4,}}{_WEEKDAY}", re.IGNORECASE)
_MONTH_ROW = re.compile(r"(?:Tháng\s+\d{1,2}|T\d{1,2})\s*[,/\-]?\s*\d{4}", re.IGNORECASE)

_TIME = r"(?P<hh>\d{1,2})\s*[:hg]\s*(?P<mm>\d{2})(?::\d{2})?(?:\s*(?P<ap>SA|CH|AM|PM))?"
_TIME2 = _TIME.replace("hh", "h2").replace("mm", "m2").replace("ap", "a2")
_DATE_LINE = re.compile(
    rf"(?:(?:{_WEEKDAY}|Ngày\s+đăng|Đăng\s+ngày|Cập\s+nhật(?:\s+lúc)?|Ngày\s+cập\s+nhật"
    rf"|Xuất\s+bản|Đăng\s+lúc)\s*[:,\-–|]?\s*)*"
    rf"(?:(?P<time1>{_TIME})\s*[,\-–|]?\s*(?:ngày\s+)?)?"
    rf"(?P<date>{FULL_DATE.pattern})"
    rf"(?:\s*[,\-–|]?\s*(?:lúc\s+)?(?P<time2>{_TIME2}))?"
    rf"(?:\s*\(?GMT\s*[+-]\d{{1,2}}(?::?\d{{2}})?\)?)?"
    rf"(?:\s*[|\-–]?\s*(?:lượt\s+xem\s*:?\s*)?\d+)*",  # view and comment counters
    re.IGNORECASE,
)
# A metadata field opening a line ("date 2023-12 Headline…"): a stamp to the day or the month.
_META_STAMP = re.compile(
    r"(?:date|published|updated|ngày\s+đăng|ngày\s+xuất\s+bản|cập\s+nhật)\s*:?\s*"
    r"(?P<y>\d{4})-(?P<m>\d{2})(?:-(?P<d>\d{2}))?(?![\d:T])\s*",
    re.IGNORECASE,
)
# Who or where before the date on a byline or a document's place-date line: "Việt Nam
# 22/03/2025", "Hà Nội, ngày 09 tháng 6 năm 2008", "Minh Anh - 10:03 22/03/2025".
# Words of letters (dots inside: "TP.HCM") joined by single spaces, so the match stays linear.
_WORD = r"[^\W\d_]+(?:\.[^\W\d_]+)*"
_WHO = re.compile(
    rf"(?P<who>{_WORD}(?: {_WORD}){{0,5}})(?:\s*[,|\-–]\s*|\s*)(?=\d|ngày\s)", re.IGNORECASE
)
_MAX_WHO_WORDS = 6
_LEADING_WEEKDAY = re.compile(rf"\s*{_WEEKDAY}(?!\w)", re.IGNORECASE)
_ISO_STAMP = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?"
)


# No widget line or tail heading is this long; longer lines are never matched word by word.
_MAX_WIDGET_LINE = 200
_MAX_TAIL_HEADING = 80


def _phrase_keys(phrases: list[str]) -> list[tuple[str, ...]]:
    return sorted({tuple(match_key(p).split()) for p in phrases}, key=len, reverse=True)


def _by_first_word(phrases: list[tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
    """Phrases by their first word, longest first: a line's words meet only their own."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        index.setdefault(phrase[0], []).append(phrase)
    return index


_WIDGET_KEYS = _by_first_word(
    _phrase_keys([p for group in _WIDGETS.values() for p in group.split(", ")])
)
_TAIL_KEYS = set(_phrase_keys(_TAIL_HEADINGS.split(", ")))
_TAIL_FIRST_KEYS = {key[0] for key in _TAIL_KEYS if key}
_WORD = re.compile(r"\w+")  # a word as ``match_key`` reads one


def _covered(words: list[str], phrases: dict[str, list[tuple[str, ...]]]) -> bool:
    """True when the words are a sequence of the given phrases (greedy, longest first)."""
    i = 0
    while i < len(words):
        candidates = phrases.get(words[i], ())
        step = next((len(p) for p in candidates if tuple(words[i : i + len(p)]) == p), 0)
        if not step:
            return False
        i += step
    return True


def is_chrome(line: str) -> bool:
    """A line no article body contains: a widget, a calendar row, a CMS block id."""
    stripped = line.strip()
    if not any(ch.isalnum() for ch in stripped):
        return True  # lone punctuation ("/", "|", "…")
    if len(stripped) < _MAX_WIDGET_LINE:  # body paragraphs are longer: skip the word checks
        # Widget phrases cover the whole line: one whose first word opens none is not one
        # (most lines), and its other words need no key.
        if _first_key(stripped) in _WIDGET_KEYS and _covered(
            match_key(stripped).split(), _WIDGET_KEYS
        ):
            return True
        if _WIDGET_SENTENCE.search(stripped):
            return True
        cms = stripped.isascii() and _CMS_MARKER.search(stripped)
        if cms and len(_WORD.findall(stripped)) <= 8:
            return True
    shapes = (_CALENDAR_ROW, _WEEKDAY_ROW, _MONTH_ROW, _BREADCRUMB, _FOLLOW, _ADDRESS, _BANNER)
    return any(p.fullmatch(stripped) for p in shapes)


def is_tail_heading(line: str) -> bool:
    if len(line) > _MAX_TAIL_HEADING:
        return False
    heading = line.strip().rstrip(":")
    if _first_key(heading) not in _TAIL_FIRST_KEYS:
        return False
    return tuple(match_key(heading).split()) in _TAIL_KEYS


def _first_key(text: str) -> str | None:
    """The match key of the first word ``match_key`` reads in ``text``."""
    first = _WORD.search(nfc(text))
    return match_key(first.group()) if first else None


def date_line(line: str) -> datetime | date | None:
    """The date (with time when given) a date line states, else None: a date alone, with a
    weekday, time or counters, after a byline or a place ("Hà Nội, ngày 9 tháng 6 năm 2008"),
    or in one cell of a table row ("Số: 12/QĐ-UBND | Huế, ngày 3 tháng 5 năm 2015 |")."""
    stamp = _bare_date_line(line) or _placed_date(line)
    if stamp is None and "|" in line:  # a table row: only a place-and-date cell dates the page
        cells = (_placed_date(cell) for cell in line.split("|") if cell.strip())
        stamp = next((stamp for stamp in cells if stamp is not None), None)
    return stamp


def _placed_date(line: str) -> datetime | date | None:
    who = _WHO.match(line.strip())
    if who is None or not _is_who(who.group("who")):
        return None
    return _bare_date_line(line.strip()[who.end() :])


def _is_who(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= _MAX_WHO_WORDS and all(w[0].isupper() for w in words)


def is_weekday_line(line: str) -> bool:
    """A date line led by a weekday: what a page widget shows for the day it was saved."""
    return _LEADING_WEEKDAY.match(line) is not None


def metadata_stamp(line: str) -> tuple[int, int, int | None, int] | None:
    """(year, month, day or None, where the rest of the line starts) of a line that opens with
    a metadata field ("date 2023-12 …", "published 2025-11-25 …"), else None."""
    match = _META_STAMP.match(line)
    if match is None or not 1 <= int(match.group("m")) <= 12:
        return None
    day = int(match.group("d")) if match.group("d") else None
    return int(match.group("y")), int(match.group("m")), day, match.end()


def _bare_date_line(line: str) -> datetime | date | None:
    stripped = line.strip()
    if _ISO_STAMP.fullmatch(stripped):
        return iso_stamp(stripped)
    match = _DATE_LINE.fullmatch(stripped)
    if match is None:
        return None
    day = parse_date(match.group("date"))
    if day is None:
        return None
    for hh, mm, ap in (("hh", "mm", "ap"), ("h2", "m2", "a2")):
        if match.group(hh):
            hour = int(match.group(hh))
            if (match.group(ap) or "").upper() in {"PM", "CH"} and hour < 12:
                hour += 12  # CH (chiều) is p.m.
            try:
                return datetime.combine(day, time(hour, int(match.group(mm))))
            except ValueError:
                return day
    return day


def iso_stamp(value: str) -> datetime | date | None:
    try:
        stamp = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return stamp if re.search(r"[T ]\d", value) else stamp.date()
