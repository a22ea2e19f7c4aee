"""Read one article file into its text, metadata and content paragraphs.

Bytes are decoded (UTF-8, UTF-16, Windows-1258) and HTML is flattened (``html.py``); lines
that are portal chrome are set aside (``boilerplate.py``). What is left is the title, the date
line, the byline/source lines and the body.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from tdkt.errors import InputError
from tdkt.iris import source_key
from tdkt.loaders.articles.boilerplate import (
    date_line,
    is_chrome,
    is_tail_heading,
    is_weekday_line,
    iso_stamp,
    metadata_stamp,
)
from tdkt.loaders.articles.dates import FULL_DATE, find_periods, month_end, parse_date
from tdkt.loaders.articles.html import HtmlMeta, html_text, is_html
from tdkt.loaders.articles.letterhead import Letterhead, letterhead
from tdkt.text import match_key, nfc

MAX_BYTES = 5_000_000
# Share of control characters above which decoded bytes are not text.
_MAX_CONTROL_SHARE = 0.01
# Marks only Vietnamese uses among Latin scripts (breve, horn, hook above, dot below) and
# đ: a Windows-1258 decoding must contain them to be taken for Vietnamese.
_VIETNAMESE_MARKS = set("\u0306\u031b\u0309\u0323đĐ")
_MIN_VIETNAMESE_SHARE = 0.01


@dataclass(frozen=True)
class Paragraph:
    """One block of content; ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Article:
    """An article as read: metadata and content paragraphs with offsets into ``text``.

    ``text`` is the decoded file (or, for HTML, the extracted text) in NFC with line ends
    normalised to "\\n"; every offset (title, paragraphs, evidence) indexes into it.
    """

    path: Path
    key: str  # the source key (``iris.source_key`` of the file stem)
    sha256: str
    text: str
    title: str | None
    title_span: tuple[int, int] | None
    published: date | None
    published_at: datetime | None
    byline: str | None
    publisher: str | None
    paragraphs: list[Paragraph]
    # The month the page gives for itself when it gives no day ("date 2023-12"): its first day.
    published_month: date | None = None
    # The text is an official document: its number, date, type and headline line.
    letterhead: Letterhead | None = None

    @property
    def reference(self) -> date | None:
        """What a day and month without a year are read against: the publication date, else
        the last day of the month the page states (no later day can have been meant)."""
        if self.published is not None or self.published_month is None:
            return self.published
        return month_end(self.published_month)


def read_article(path: Path) -> Article:
    """Read and parse one article file; every failure is an InputError naming the file."""
    path = Path(path)
    try:
        if not path.is_file():
            raise InputError(path, "not a file")
        if path.stat().st_size > MAX_BYTES:
            raise InputError(path, f"file is larger than {MAX_BYTES} bytes")
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read file: {exc.strerror or exc}") from exc
    return parse_article(raw, path)


def parse_article(raw: bytes, path: Path) -> Article:
    """Parse the bytes of an article file (plain text or HTML) named ``path``."""
    path = Path(path)
    if len(raw) > MAX_BYTES:
        raise InputError(path, f"file is larger than {MAX_BYTES} bytes")
    decoded = _decode(raw, path)
    html_meta: HtmlMeta | None = None
    if is_html(decoded, path):
        decoded, html_meta = html_text(decoded)
    text = nfc(decoded.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise InputError(path, "no text: the file is empty or holds only whitespace")
    layout = _layout(text, html_meta)
    return Article(
        path=path,
        key=source_key(path.stem),
        sha256=hashlib.sha256(raw).hexdigest(),
        text=text,
        title=layout.title,
        title_span=layout.title_span,
        published=layout.published,
        published_at=layout.published_at,
        byline=layout.byline,
        publisher=layout.publisher,
        paragraphs=layout.paragraphs,
        published_month=layout.published_month,
        letterhead=layout.letterhead,
    )


# --------------------------------------------------------------------------- decoding


def _decode(raw: bytes, path: Path) -> str:
    if not raw.strip():
        raise InputError(path, "no text: the file is empty or holds only whitespace")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _strict(raw, "utf-16", path, "not UTF-16 text despite its byte-order mark")
    elif raw.startswith(b"\xef\xbb\xbf"):
        text = _strict(raw, "utf-8-sig", path, "not UTF-8 text despite its byte-order mark")
    elif b"\x00" in raw:
        raise InputError(path, "binary file (NUL bytes), not an article")
    else:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            text = _legacy(raw)
            if text is None:
                raise InputError(
                    path,
                    f"not UTF-8 text (invalid byte at offset {exc.start}) "
                    "nor Vietnamese in Windows-1258; save the file as UTF-8",
                ) from exc
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise InputError(path, "binary file (control characters), not an article")
    return text


def _strict(raw: bytes, codec: str, path: Path, reason: str) -> str:
    try:
        return raw.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"{reason} (invalid byte at offset {exc.start})") from exc


def _legacy(raw: bytes) -> str | None:
    """Windows-1258, the legacy Vietnamese code page, when the result reads as Vietnamese."""
    try:
        text = nfc(raw.decode("cp1258"))
    except UnicodeDecodeError:
        return None
    letters = [ch for ch in text if ch.isalpha()]
    vietnamese = sum(
        1 for ch in text if _VIETNAMESE_MARKS.intersection(unicodedata.normalize("NFD", ch))
    )
    if not letters or vietnamese / len(letters) < _MIN_VIETNAMESE_SHARE:
        return None
    return text


# Exactly the control characters (category Cc) other than tab, newline, carriage return, form
# feed: one regex scan instead of a category look-up per character.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _control_share(text: str) -> float:
    controls = len(_CONTROL.findall(text))
    return controls / max(len(text), 1)


# "Nguồn: Báo X", "(Theo TTXVN)": a short name, not a sentence opening with "Theo …, …".
_SOURCE = re.compile(
    r"\(?\s*(?:Nguồn|Theo)\s*:?\s+(?P<name>[^(),\n]{2,80}?)\s*\.?\s*\)?", re.IGNORECASE
)
_MAX_SOURCE_WORDS = 8
_NAME_AGENCY = re.compile(
    r"(?P<name>[^\W\d_][\w\s.]{1,40}?)\s*/\s*(?P<agency>[^\W\d_][^/\n]{1,60})"
)
_NAME_PAREN = re.compile(r"(?P<name>[^\W\d_][\w\s.]{1,40}?)\s*\((?P<agency>[^()\n]{2,60})\)")
# Credits before a name: "Tin, ảnh: Hương Dịu", "Bài và ảnh: Ngọc Tú".
_CREDIT = re.compile(
    r"(?:Tin|Bài|Ảnh|Video)(?:\s*(?:,|và|/|-)\s*(?:ảnh|video|clip))?\s*:\s*(?P<name>.+)",
    re.IGNORECASE,
)
_END_OF_BODY = re.compile(r"\./\.\s*$")
_MAX_NAME_WORDS = 5
_MAX_AFFILIATION_WORDS = 14


# --------------------------------------------------------------------------- layout


@dataclass
class _Line:
    start: int
    end: int
    text: str


@dataclass
class _Layout:
    title: str | None = None
    title_span: tuple[int, int] | None = None
    published: date | None = None
    published_at: datetime | None = None
    byline: str | None = None
    publisher: str | None = None
    paragraphs: list[Paragraph] | None = None
    published_month: date | None = None
    letterhead: Letterhead | None = None
    # The published date came from a weekday widget line: a crawl stamp if the story is older.
    from_weekday: bool = False


def _lines(text: str) -> list[_Line]:
    """Non-blank lines, trimmed, with offsets into text."""
    lines = []
    for match in re.finditer(r"[^\n]+", text):
        raw = match.group()
        left = len(raw) - len(raw.lstrip())
        body = raw.strip()
        if body:
            start = match.start() + left
            lines.append(_Line(start, start + len(body), body))
    return lines


def _layout(text: str, meta: HtmlMeta | None) -> _Layout:
    lines = _lines(text)
    layout = _Layout()
    content: list[_Line] = []
    for index, line in enumerate(lines):
        body_ended = any(_END_OF_BODY.search(c.text) for c in content[-3:])
        if is_tail_heading(line.text) and content and (body_ended or 2 * index >= len(lines)):
            break
        line = _after_metadata(line, layout)
        stamp = date_line(line.text)
        if stamp is not None:
            if layout.published is None:
                _set_published(layout, stamp)
                layout.from_weekday = is_weekday_line(line.text)
            continue
        if is_chrome(line.text):
            continue
        content.append(line)
    if layout.from_weekday and _is_crawl_stamp(layout, content):
        layout.published = layout.published_at = None
    if meta is not None and meta.published:
        stamp = iso_stamp(meta.published.strip())
        if stamp is not None:
            _set_published(layout, stamp)
    layout.letterhead = letterhead(lines)
    title_line = _title_line(content, text, meta, _subject_line(lines, layout.letterhead))
    if title_line is not None:
        layout.title, layout.title_span = title_line.text, (title_line.start, title_line.end)
        content = [line for line in content if line is not title_line]
    elif meta is not None:
        layout.title = meta.h1 or meta.og_title or meta.title
    content = _take_signature(content, layout)
    layout.paragraphs = _paragraphs(text, content)
    return layout


def _after_metadata(line: _Line, layout: _Layout) -> _Line:
    """A line opening with a metadata stamp ("date 2023-12 Headline"): record the stamp and
    keep the rest of the line (often the headline) as a line of its own."""
    found = metadata_stamp(line.text)
    if found is None:
        return line
    year, month, day, rest = found
    if layout.published is None and layout.published_month is None:
        if day is None:
            layout.published_month = date(year, month, 1)
        else:
            with contextlib.suppress(ValueError):
                _set_published(layout, date(year, month, day))
    return _Line(line.start + rest, line.end, line.text[rest:])


def _is_crawl_stamp(layout: _Layout, content: list[_Line]) -> bool:
    """A weekday date line more than a year after every year the story names is the day the
    page was saved, not the day it was written."""
    assert layout.published is not None
    days = (parse_date(m.group()) for c in content for m in FULL_DATE.finditer(c.text))
    years = [day.year for day in days if day is not None]
    years += [p.last_year for c in content for p in find_periods(c.text)]
    return bool(years) and max(years) < layout.published.year - 1


def _set_published(layout: _Layout, stamp: datetime | date) -> None:
    if isinstance(stamp, datetime):
        layout.published_at, layout.published = stamp, stamp.date()
    else:
        layout.published_at, layout.published = None, stamp


def _subject_line(lines: list[_Line], head: Letterhead | None) -> _Line | None:
    return lines[head.subject] if head is not None and head.subject is not None else None


def _title_line(
    content: list[_Line], text: str, meta: HtmlMeta | None, subject: _Line | None
) -> _Line | None:
    """The headline: a document's subject line, the HTML title where it appears as a line,
    else the first heading-like line before the body starts."""
    if subject is not None and subject in content:
        return subject
    if meta is not None:
        for candidate in (meta.h1, meta.og_title, meta.title):
            if not candidate:
                continue
            key = match_key(candidate)
            for line in content[:10]:
                if match_key(line.text) == key or (
                    key and key.startswith(match_key(line.text)) and len(line.text) > 20
                ):
                    return line
    sentences = 0
    for line in content[:5]:
        if _heading_like(line.text):
            return line
        sentences += _sentence_like(line.text)
        if sentences == _MAX_LEAD_SENTENCES:
            return None  # the body has begun: a text cut before its headline has none
    return None


# Portals may print the lead before the headline, but never two body sentences.
_MAX_LEAD_SENTENCES = 2
# A photo caption: "(Ảnh: X)", "Ảnh: X" at the end, "Ảnh minh họa".
_CAPTION = re.compile(r"\(?\s*Ảnh\s*(?::|minh\s+họa)|\bPhoto\s*:", re.IGNORECASE)


def _heading_like(line: str) -> bool:
    """A headline: a few words, no sentence or list ending, not a caption, a parenthesised
    note or a table row."""
    words = line.split()
    return (
        4 <= len(words) <= 60
        and not line.endswith((".", ",", ";", "./.", ":", "…", "..."))
        and ";" not in line
        and "|" not in line
        and not (line.startswith("(") and line.endswith(")"))
        and _CAPTION.search(line) is None
        and any(ch.isalpha() for ch in line)
    )


def _sentence_like(line: str) -> bool:
    return len(line.split()) > 12 and line.endswith((".", ":", ";", "…", "./."))


def _take_signature(content: list[_Line], layout: _Layout) -> list[_Line]:
    """Remove the byline and source lines at the end (at most three) and record them."""
    end = len(content)
    while end > 0 and end > len(content) - 3:
        line = content[end - 1].text
        signed = _signature(line)
        if signed is None and end >= 2 and _is_name(content[end - 2].text):
            signed = (None, line) if _is_affiliation(line) else None
        if signed is None:
            break
        byline, publisher = signed
        if (byline and layout.byline) or (publisher and layout.publisher):
            break  # a second signature is body text
        layout.byline = layout.byline or byline
        layout.publisher = layout.publisher or publisher
        end -= 1
        if end and _END_OF_BODY.search(content[end - 1].text):
            break
    return content[:end]


def _signature(line: str) -> tuple[str | None, str | None] | None:
    """(byline, publisher) of a signature line: "Nguồn: X", "Name/AGENCY", "Tin, ảnh: Name"."""
    source = _SOURCE.fullmatch(line)
    if source and len(source.group("name").split()) <= _MAX_SOURCE_WORDS:
        return None, source.group("name").strip().rstrip(".")
    credit = _CREDIT.fullmatch(line)
    name = credit.group("name").strip() if credit else line
    agency = _NAME_AGENCY.fullmatch(name) or _NAME_PAREN.fullmatch(name)
    if agency and _is_name(agency.group("name")):
        return agency.group("name").strip(), agency.group("agency").strip().rstrip(".")
    return (name, None) if _is_name(name) else None


def _is_name(line: str) -> bool:
    """A person's name as a byline: 1–5 capitalised words, nothing else."""
    words = line.strip().split()
    return (
        0 < len(words) <= _MAX_NAME_WORDS
        and all(w[0].isupper() and w.isalpha() for w in words)
        and not is_chrome(line)
    )


def _is_affiliation(line: str) -> bool:
    """A unit line under a byline ("Ban Thi đua, Khen thưởng - Sở Nội vụ")."""
    words = line.split()
    return (
        0 < len(words) <= _MAX_AFFILIATION_WORDS
        and line[0].isupper()
        and not line.endswith((".", "./.", ":", ";"))
        and not any(ch.isdigit() for ch in line)
    )


def _paragraphs(text: str, content: list[_Line]) -> list[Paragraph]:
    """Join a line to the one before when it continues it (a caption broken mid-sentence)."""
    blocks: list[list[int]] = []
    previous: _Line | None = None
    for line in content:
        continues = (
            previous is not None
            and "\n\n" not in text[previous.end : line.start]
            and text[previous.end : line.start].count("\n") == 1
            and (line.text[0].islower() or previous.text.endswith(","))
        )
        if continues:
            blocks[-1][1] = line.end
        else:
            blocks.append([line.start, line.end])
        previous = line
    return [Paragraph(s, e, text[s:e]) for s, e in blocks]
