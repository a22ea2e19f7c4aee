"""Lines that are portal chrome, not article: widgets, calendars, CMS ids, date-only lines.

Recognised by shape (a row of small numbers, a weekday header, a block id) and by vocabulary
(a line made only of widget phrases), never by the exact pages seen so far.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from tdkt.loaders.articles.dates import FULL_DATE, parse_date
from tdkt.text import match_key

# Widget vocabulary by kind: a line made only of these phrases is chrome, whatever the portal.
_WIDGETS = {
    "toolbar": "tăng cỡ chữ, giảm cỡ chữ, cỡ chữ, in bài, in bài viết, in trang, bản in, "
    "gửi email, gửi bài, gửi cho bạn bè, chia sẻ, chia sẻ bài viết, lưu bài, lưu bài viết, "
    "quay lại, trở về, về đầu trang, đầu trang, xem thêm, facebook, twitter, zalo, print, share, "
    "trang chủ",
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
    r"|giấy phép (?:số|xuất bản|hoạt động)|copyright|©",
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
_ISO_STAMP = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?"
)


def _phrase_keys(phrases: list[str]) -> list[tuple[str, ...]]:
    return sorted({tuple(match_key(p).split()) for p in phrases}, key=len, reverse=True)


_WIDGET_KEYS = _phrase_keys([p for group in _WIDGETS.values() for p in group.split(", ")])
_TAIL_KEYS = set(_phrase_keys(_TAIL_HEADINGS.split(", ")))


def _covered(words: list[str], phrases: list[tuple[str, ...]]) -> bool:
    """True when the words are a sequence of the given phrases (greedy, longest first)."""
    i = 0
    while i < len(words):
        step = next((len(p) for p in phrases if tuple(words[i : i + len(p)]) == p), 0)
        if not step:
            return False
        i += step
    return True


def is_chrome(line: str) -> bool:
    """A line no article body contains: a widget, a calendar row, a CMS block id."""
    stripped = line.strip()
    words = match_key(stripped).split()
    if not words:
        return True  # lone punctuation ("/", "|", "…")
    if _covered(words, _WIDGET_KEYS):
        return True
    if len(stripped) < 200 and _WIDGET_SENTENCE.search(stripped):
        return True
    if stripped.isascii() and _CMS_MARKER.search(stripped) and len(words) <= 8:
        return True
    shapes = (_CALENDAR_ROW, _WEEKDAY_ROW, _MONTH_ROW, _BREADCRUMB)
    return any(p.fullmatch(stripped) for p in shapes)


def is_tail_heading(line: str) -> bool:
    return tuple(match_key(line.strip().rstrip(":")).split()) in _TAIL_KEYS


def date_line(line: str) -> datetime | date | None:
    """The date (with time when given) that a date-only line states, else None."""
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
