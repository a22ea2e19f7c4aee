"""Dates and periods as Vietnamese news articles write them.

Full dates ("07/4/2014", "7.2.2014", "2024-01-01", "ngày 5 tháng 6 năm 2023") stand alone.
A day and month without a year ("Sáng 28/7", "ngày 29/3") is resolved against the article's
own date, because reporters leave the year out when it is the year of the event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

# Day, month and year share one separator: "07/4/2014", "7.2.2014", "05-6-1998".
_DMY = r"(?P<d>\d{1,2})(?P<sep>[/.\-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})"
_ISO = r"(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})"
_WORDS = r"ngày\s+(?P<wd>\d{1,2})\s+tháng\s+(?P<wm>\d{1,2})\s+năm\s+(?P<wy>\d{4})"
# Not glued to other digits or number punctuation ("12.000.000", "91/2017/NĐ-CP").
_BEFORE = r"(?<![\w.,/])"
_AFTER = r"(?![\w]|[.,/]\d)"
FULL_DATE = re.compile(rf"{_BEFORE}(?:{_WORDS}|{_ISO}|{_DMY}){_AFTER}", re.IGNORECASE)

# A partial day/month needs a word that says "this is a day": a bare "3/4" may be a fraction.
# "/" is the usual separator; "-" and "." ("Sáng 27-3", "ngày 9.3") only after a word that
# names a day or a time of day, since "từ 3-5 ngày" is a count. A day range ("28 - 29/7")
# is read as its first day.
_CUE = r"(?:ngày|hôm|sáng|chiều|tối|trưa|đêm|từ|đến|tới|trước|sau|vào|lúc)"
_DAY_CUE = r"(?:ngày|hôm|sáng|chiều|tối|trưa|đêm)"
_RANGE_TAIL = r"(?:\s*[-–]\s*\d{1,2})?"
_NOT_A_COUNT = r"(?![\w]|[/.\-]\d|\s+(?:ngày|tháng|năm|giờ|người|lần|%))"
_PARTIAL_SLASH = re.compile(
    rf"(?<!\w){_CUE}\s+(?:ngày\s+)?(?P<d>\d{{1,2}}){_RANGE_TAIL}\s*/\s*(?P<m>\d{{1,2}})"
    rf"(?![\w]|[/.\-]\d)",
    re.IGNORECASE,
)
_PARTIAL_DASH = re.compile(
    rf"(?<!\w){_DAY_CUE}\s+(?:ngày\s+)?(?P<d>\d{{1,2}})(?:\s*[-–]\s*\d{{1,2}}(?=\s*/))?"
    rf"\s*[-–./]\s*(?P<m>\d{{1,2}}){_NOT_A_COUNT}",
    re.IGNORECASE,
)
_PARTIAL_WORDS = re.compile(
    r"(?<!\w)ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})(?!\d|\s*(?:năm|/)\s*\d)",
    re.IGNORECASE,
)
# A day range before a full date: "ngày 28 - 29/7/2023" starts on the 28th.
_RANGE_HEAD = re.compile(rf"(?<!\w){_DAY_CUE}\s+(?P<d>\d{{1,2}})\s*[-–]\s*$", re.IGNORECASE)

_YEAR = r"(?:1[89]\d\d|20\d\d|2100)"
_HALF = re.compile(
    rf"(?<!\w)(?:6|sáu)\s+tháng\s+(?P<which>đầu|cuối)\s+năm\s+(?P<year>{_YEAR})(?!\d)",
    re.IGNORECASE,
)
_RANGE = re.compile(
    rf"(?<![\w/.])(?:(?:giai\s+đoạn|nhiệm\s+kỳ|thời\s+kỳ|từ\s+năm|năm)\s+)?"
    rf"(?P<first>{_YEAR})\s*(?:[-–—]|đến(?:\s+năm)?)\s*(?P<last>{_YEAR})(?![\w/]|\.\d)",
    re.IGNORECASE,
)
# A month of a year: "tháng 6/2023", "tháng 06-2023", "tháng 6 năm 2023".
_MONTH = re.compile(
    rf"(?<!\w)tháng\s+(?P<m>\d{{1,2}})\s*(?:[/\-.]\s*|\s+năm\s+)(?P<y>{_YEAR})(?![\w/]|\.\d)",
    re.IGNORECASE,
)
_DAY_BEFORE = re.compile(r"(?<!\w)ngày\s+\d{1,2}\s*,?\s*$", re.IGNORECASE)  # in a full date
# A year may end a sentence ("năm 2024."), but "2024.5" or "2024/…" is something else.
_SINGLE = re.compile(rf"(?<!\w)năm\s+(?P<year>{_YEAR})(?![\w/]|\.\d|\s*[-–—]\s*\d)", re.IGNORECASE)

# How far into the future a partial date may still be read as "coming up" rather than
# "last year": an article published 29/3 announcing "ngày 5/4" means the coming 5 April.
_FUTURE_WINDOW = timedelta(days=60)


@dataclass(frozen=True)
class DateMention:
    """A date in the text; ``partial`` when the year was inferred from the reference date."""

    start: int
    end: int
    text: str
    value: date
    partial: bool


@dataclass(frozen=True)
class DayMonth:
    """A day and month written without a year ("Sáng 27-3"): the year is for the caller to
    infer (the article's date, or what the meeting reviews)."""

    start: int
    end: int
    text: str
    day: int
    month: int

    def in_year(self, year: int) -> date | None:
        return _make(year, self.month, self.day)


@dataclass(frozen=True)
class MonthMention:
    """A month of a year ("tháng 6/2023"): ``first`` and ``last`` are its first and last day."""

    start: int
    end: int
    text: str
    first: date
    last: date


@dataclass(frozen=True)
class PeriodMention:
    """A year, half-year or span of years ("6 tháng đầu năm 2022", "giai đoạn 2021 - 2023").

    ``year`` is set for a single year (with ``half`` "first"/"second" for a half-year);
    ``first_year``/``last_year`` bound every period (equal for a single year).
    """

    start: int
    end: int
    text: str
    year: int | None
    first_year: int
    last_year: int
    half: str | None


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _full_value(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    for d, m, y in (("wd", "wm", "wy"), ("id", "im", "iy"), ("d", "m", "y")):
        if groups.get(y):
            return _make(int(groups[y]), int(groups[m]), int(groups[d]))
    return None


def parse_date(text: str) -> date | None:
    """The date a string consists of ("07/4/2014", "ngày 7 tháng 2 năm 2014"), else None."""
    match = FULL_DATE.fullmatch(text.strip())
    return _full_value(match) if match else None


def resolve_partial(day: int, month: int, reference: date) -> date | None:
    """The year that puts day/month nearest to ``reference``, preferring the past."""
    candidates = [_make(y, month, day) for y in (reference.year - 1, reference.year)]
    past = [c for c in candidates if c is not None and c <= reference]
    upcoming = [
        c
        for c in (_make(y, month, day) for y in (reference.year, reference.year + 1))
        if c is not None and reference < c <= reference + _FUTURE_WINDOW
    ]
    nearest_past = max(past) if past else None
    if upcoming and (nearest_past is None or reference - nearest_past > timedelta(days=183)):
        return min(upcoming)
    return nearest_past


def find_dates(text: str, reference: date | None, offset: int = 0) -> list[DateMention]:
    """Every full date, and (given a reference date) every cued day/month, in text order."""
    found = _full_dates(text, offset)
    if reference is not None:
        for dm in find_day_months(text, offset):
            value = resolve_partial(dm.day, dm.month, reference)
            if value is not None:
                found.append(DateMention(dm.start, dm.end, dm.text, value, True))
    return sorted(found, key=lambda m: m.start)


def _full_dates(text: str, offset: int) -> list[DateMention]:
    found = []
    for match in FULL_DATE.finditer(text):
        value = _full_value(match)
        if value is None:
            continue
        start = match.start()
        head = _RANGE_HEAD.search(text, max(0, start - 16), start)
        if head is not None and _make(value.year, value.month, int(head.group("d"))):
            start, value = head.start(), value.replace(day=int(head.group("d")))
        found.append(
            DateMention(
                start + offset, match.end() + offset, text[start : match.end()], value, False
            )
        )
    return found


def find_day_months(text: str, offset: int = 0) -> list[DayMonth]:
    """Every cued day and month without a year, outside full dates, in text order."""
    taken = [(m.start, m.end) for m in _full_dates(text, 0)]
    found: list[DayMonth] = []
    patterns = (_PARTIAL_SLASH, _PARTIAL_DASH, _PARTIAL_WORDS)
    for match in (m for p in patterns for m in p.finditer(text)):
        lead = match.group().lower()
        start = match.start() if lead.startswith(("ngày", "hôm")) else match.start("d")
        if any(s < match.end() and start < e for s, e in taken):
            continue
        day, month = int(match.group("d")), int(match.group("m"))
        if _make(2000, month, day) is None:  # a leap year: 29/2 is a day
            continue
        found.append(
            DayMonth(start + offset, match.end() + offset, text[start : match.end()], day, month)
        )
        taken.append((start, match.end()))
    return sorted(found, key=lambda m: m.start)


def find_months(text: str, offset: int = 0) -> list[MonthMention]:
    """Every month of a year written without a day, in text order."""
    found = []
    for match in _MONTH.finditer(text):
        year, month = int(match.group("y")), int(match.group("m"))
        if 1 <= month <= 12 and not _DAY_BEFORE.search(text, 0, match.start()):
            first = date(year, month, 1)
            end = month_end(first)
            found.append(
                MonthMention(
                    match.start() + offset, match.end() + offset, match.group(), first, end
                )
            )
    return found


def month_end(day: date) -> date:
    """The last day of ``day``'s month."""
    following = day.replace(day=28) + timedelta(days=4)
    return following - timedelta(days=following.day)


def find_periods(text: str, offset: int = 0) -> list[PeriodMention]:
    """Half-years, year spans and single years ("năm 2023"); overlapping shorter ones dropped."""
    found: list[PeriodMention] = []

    def add(
        match: re.Match[str], year: int | None, first: int, last: int, half: str | None
    ) -> None:
        s, e = match.span()
        if any(p.start - offset < e and s < p.end - offset for p in found):
            return
        found.append(PeriodMention(s + offset, e + offset, match.group(), year, first, last, half))

    for match in _HALF.finditer(text):
        year = int(match.group("year"))
        half = "first" if match.group("which").lower() == "đầu" else "second"
        add(match, year, year, year, half)
    for match in _RANGE.finditer(text):
        first, last = int(match.group("first")), int(match.group("last"))
        if first < last:
            add(match, None, first, last, None)
    for match in _SINGLE.finditer(text):
        year = int(match.group("year"))
        add(match, year, year, year, None)
    return sorted(found, key=lambda p: p.start)
