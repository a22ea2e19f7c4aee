"""HTML pages to plain text with line breaks where blocks end, plus the metadata a page carries.

Scripts, styles, navigation, forms and asides are dropped; header and footer too, unless they
sit inside <article> or <main>. Uses only the standard library's parser.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path


def is_html(text: str, path: Path) -> bool:
    if path.suffix.lower() in {".html", ".htm", ".xhtml"}:
        return True
    head = text.lstrip("\ufeff \t\r\n")[:1024].lower()
    return head.startswith("<!doctype html") or "<html" in head


@dataclass
class HtmlMeta:
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
        self.meta = HtmlMeta()
        self._open: list[str] = []
        # how many of each tag are open: membership tests in O(1), so deep or unclosed
        # nesting (40,000 <div>) stays linear instead of rescanning the stack per tag
        self._depth: Counter[str] = Counter()
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
        in_content = self._is_open("article") or self._is_open("main")
        self._open.append(tag)
        self._depth[tag] += 1
        if self._skip_depth or tag in _SKIPPED or (tag in _CHROME and not in_content):
            self._skip_depth += 1
            return
        if tag in {"title", "h1"} and self._capture is None:
            self._capture, self._captured = tag, []
        if tag == "time" and not self.meta.published:
            self.meta.published = dict(attrs).get("datetime") or None
        self._break(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self._is_open(tag):
            return
        while self._open:
            closed = self._open.pop()
            self._depth[closed] -= 1
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
        text = data if self._is_open("pre") else re.sub(r"\s+", " ", data)
        if self._capture:
            self._captured.append(text)
        if not self._is_open("title"):
            self.parts.append(text)

    def _is_open(self, tag: str) -> bool:
        return self._depth[tag] > 0

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


def _unclosed_tags_as_text(markup: str) -> str:
    """Escape every ``<`` after the last ``>``: none of them can open a tag.

    The standard library's parser reads each such ``<`` as text only after scanning to the
    end of the input for its ``>``, which is quadratic (100,000 ``<a `` took minutes).
    Escaped, they read as the same text in one pass.
    """
    last = markup.rfind(">")
    head, tail = markup[: last + 1], markup[last + 1 :]
    return head + tail.replace("&", "&amp;").replace("<", "&lt;")


def html_text(markup: str) -> tuple[str, HtmlMeta]:
    parser = _TextExtractor()
    parser.feed(_unclosed_tags_as_text(markup))
    parser.close()
    lines = [line.strip() for line in "".join(parser.parts).split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return text, parser.meta
