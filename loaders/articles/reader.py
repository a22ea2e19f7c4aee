"""Read one article file into its text, metadata and content paragraphs.

Portals wrap an article in widgets: toolbars, calendars, comment forms, rating boxes, view
counters. They are recognised by their shape (a line of small numbers, a weekday header, a
CMS block id) and their vocabulary (a line made only of widget words), not by the exact pages
seen so far. What is left is the title, the date line, the byline/source lines and the body.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time
from html.parser import HTMLParser
from pathlib import Path

from tdkt.errors import InputError
from tdkt.iris import source_key
from tdkt.loaders.articles.dates import FULL_DATE, parse_date
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
    key: str
    sha256: str
    text: str
    title: str | None
    title_span: tuple[int, int] | None
    published: date | None
    published_at: datetime | None
    byline: str | None
    publisher: str | None
    paragraphs: list[Paragraph]


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
    html_meta: _HtmlMeta | None = None
    if _is_html(decoded, path):
        decoded, html_meta = _html_text(decoded)
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


def _control_share(text: str) -> float:
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f")
    return controls / max(len(text), 1)


# --------------------------------------------------------------------------- HTML


def _is_html(text: str, path: Path) -> bool:
    if path.suffix.lower() in {".html", ".htm", ".xhtml"}:
        return True
    head = text.lstrip("\ufeff \t\r\n")[:1024].lower()
    return head.startswith("<!doctype html") or "<html" in head


@dataclass
class _HtmlMeta:
    title: str | None = None  # <title>
    og_title: str | None = None
    h1: str | None = None
    published: str | None = None  # article:published_time or itemprop=datePublished


_SKIPPED = {"script", "style", "nav", "form", "aside", "noscript", "template", "svg", "iframe"}
# A page's header and footer are chrome; an article's own <header> holds its title and date.
_CHROME = {"header", "footer"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6", "title"}
_LISTS = {"dd", "dl", "dt", "li", "ol", "ul", "table", "tr"}
_SECTIONS = {"address", "article", "blockquote", "div", "figcaption", "figure", "main", "section"}
_BLOCKS = _HEADINGS | _LISTS | _SECTIONS | {"br", "hr", "p", "pre"}
_CELLS = {"td", "th"}
_VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source"}


class _TextExtractor(HTMLParser):
    """Block structure to line breaks, skipped elements dropped, entities unescaped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.meta = _HtmlMeta()
        self._open: list[str] = []
        self._skip_depth = 0
        self._capture: str | None = None
        self._captured: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            self._read_meta(dict(attrs))
            return
        if tag in _VOID:
            if tag in _BLOCKS and not self._skip_depth:
                self.parts.append("\n")
            return
        in_content = "article" in self._open or "main" in self._open
        self._open.append(tag)
        if self._skip_depth or tag in _SKIPPED or (tag in _CHROME and not in_content):
            self._skip_depth += 1
            return
        if tag in {"title", "h1"} and self._capture is None:
            self._capture, self._captured = tag, []
        if tag == "time" and not self.meta.published:
            self.meta.published = dict(attrs).get("datetime") or None
        self._break(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self._open:
            return
        while self._open:
            closed = self._open.pop()
            if self._skip_depth:
                self._skip_depth -= 1
            else:
                self._end_capture(closed)
                self._break(closed)
            if closed == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._skip_depth:
            return
        text = data if "pre" in self._open else re.sub(r"\s+", " ", data)
        if self._capture:
            self._captured.append(text)
        if "title" not in self._open:
            self.parts.append(text)

    def _break(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")
        elif tag in _CELLS:
            self.parts.append(" ")

    def _end_capture(self, tag: str) -> None:
        if tag != self._capture:
            return
        value = re.sub(r"\s+", " ", "".join(self._captured)).strip() or None
        if tag == "title":
            self.meta.title = value
        elif self.meta.h1 is None:
            self.meta.h1 = value
        self._capture = None

    def _read_meta(self, attrs: dict[str, str | None]) -> None:
        name = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        content = (attrs.get("content") or "").strip() or None
        if name == "og:title":
            self.meta.og_title = content
        elif name in {"article:published_time", "datepublished"}:
            self.meta.published = content


def _html_text(markup: str) -> tuple[str, _HtmlMeta]:
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    lines = [line.strip() for line in "".join(parser.parts).split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return text, parser.meta


# --------------------------------------------------------------------------- line shapes

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

_SOURCE = re.compile(r"\(?\s*(?:Nguồn|Theo)\s*:?\s+(?P<name>[^()\n]{2,80}?)\s*\.?\s*\)?", re.I)
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


def _is_chrome(line: str) -> bool:
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


def _is_tail_heading(line: str) -> bool:
    return tuple(match_key(line.strip().rstrip(":")).split()) in _TAIL_KEYS


def _date_line(line: str) -> datetime | date | None:
    """The date (with time when given) that a date-only line states, else None."""
    stripped = line.strip()
    if _ISO_STAMP.fullmatch(stripped):
        return _iso(stripped)
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


def _iso(value: str) -> datetime | date | None:
    try:
        stamp = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return stamp if re.search(r"[T ]\d", value) else stamp.date()


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


def _layout(text: str, meta: _HtmlMeta | None) -> _Layout:
    lines = _lines(text)
    layout = _Layout()
    content: list[_Line] = []
    for index, line in enumerate(lines):
        body_ended = any(_END_OF_BODY.search(c.text) for c in content[-3:])
        if _is_tail_heading(line.text) and content and (body_ended or 2 * index >= len(lines)):
            break
        stamp = _date_line(line.text)
        if stamp is not None:
            if layout.published is None:
                _set_published(layout, stamp)
            continue
        if _is_chrome(line.text):
            continue
        content.append(line)
    if meta is not None and meta.published:
        stamp = _iso(meta.published.strip())
        if stamp is not None:
            _set_published(layout, stamp)
    title_line = _title_line(content, text, meta)
    if title_line is not None:
        layout.title, layout.title_span = title_line.text, (title_line.start, title_line.end)
        content = [line for line in content if line is not title_line]
    elif meta is not None:
        layout.title = meta.h1 or meta.og_title or meta.title
    content = _take_signature(content, layout)
    layout.paragraphs = _paragraphs(text, content)
    return layout


def _set_published(layout: _Layout, stamp: datetime | date) -> None:
    if isinstance(stamp, datetime):
        layout.published_at, layout.published = stamp, stamp.date()
    else:
        layout.published_at, layout.published = None, stamp


def _title_line(content: list[_Line], text: str, meta: _HtmlMeta | None) -> _Line | None:
    """The heading: the HTML title where it appears as a line, else the first heading-like line."""
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
    for line in content[:5]:
        if _heading_like(line.text):
            return line
    return None


def _heading_like(line: str) -> bool:
    words = line.split()
    return (
        4 <= len(words) <= 60
        and not line.endswith((".", ",", ";", "./."))
        and any(ch.isalpha() for ch in line)
    )


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
    if source:
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
        and not _is_chrome(line)
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
