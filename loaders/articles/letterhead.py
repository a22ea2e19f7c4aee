"""The letterhead of an administrative document, when the text is one (a decision, a plan …).

Vietnamese official documents share one layout (thể thức văn bản): the issuing body and the
national motto side by side, then "Số: <number>" and "<Place>, ngày … tháng … năm …", then
the document type in capitals ("QUYẾT ĐỊNH") and its subject (trích yếu: "Về việc …").
Legal-database pages keep that layout, sometimes as table rows ("Số: … | Huế, ngày … |").
The letterhead gives the text its own date, its number and its headline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from tdkt.loaders.articles.boilerplate import date_line
from tdkt.loaders.articles.numbers import DOC_TYPES
from tdkt.loaders.document_numbers import NUMBER
from tdkt.text import match_key

# How far into the text a letterhead may start (page debris comes first on portals).
_MAX_LINES = 20
_NUMBER_LINE = re.compile(rf"Số\s*:?\s*(?P<number>{NUMBER})", re.IGNORECASE)
_MOTTO = re.compile(r"CỘNG\s+HÒA\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM", re.IGNORECASE)
_SUBJECT = re.compile(r"V[ỀỀ]\s*VIỆC\b", re.IGNORECASE)
_TYPE_KEYS = {match_key(word): concept for word, concept in DOC_TYPES.items()}


class Line(Protocol):
    """A line of the text with its offsets (the reader's lines)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Letterhead:
    """What a document's letterhead states, and where: ``text[start:end]`` runs from the
    number to the date; ``subject`` indexes the lines given."""

    number: str
    issued: date | None
    doc_type: str | None  # a DOC_TYPES concept ("Decision"), from the type line
    subject: int | None  # index of the subject line: the document's headline
    start: int
    end: int


def letterhead(lines: Sequence[Line]) -> Letterhead | None:
    """The letterhead among the first lines, if the text opens like an official document: a
    "Số:" number line and, near it, the motto or a place-and-date line."""
    head = [line.text for line in lines[:_MAX_LINES]]
    number_at = next((i for i, line in enumerate(head) if _number(line)), None)
    if number_at is None:
        return None
    first = max(0, number_at - 4)
    near = head[first : number_at + 3]
    dated = next(((i, d) for i, d in enumerate(map(_date, near)) if d is not None), None)
    if dated is None and not any(_MOTTO.search(line) for line in near):
        return None
    doc_type, subject = _type_and_subject(head, number_at)
    span = [lines[number_at]] + ([lines[first + dated[0]]] if dated else [])
    return Letterhead(
        number=_number(head[number_at]) or "",
        issued=dated[1] if dated else None,
        doc_type=doc_type,
        subject=subject,
        start=min(line.start for line in span),
        end=max(line.end for line in span),
    )


def _number(line: str) -> str | None:
    for cell in line.split("|"):
        match = _NUMBER_LINE.fullmatch(cell.strip())
        if match:
            return re.sub(r"\s+", "", match.group("number"))
    return None


def _date(line: str) -> date | None:
    stamp = date_line(line)
    return stamp.date() if isinstance(stamp, datetime) else stamp


def _type_and_subject(head: list[str], number_at: int) -> tuple[str | None, int | None]:
    """The type line ("QUYẾT ĐỊNH") after the number, and the subject line after it (or a
    "Về việc …" line where the type line is missing)."""
    for i in range(number_at + 1, len(head)):
        line = head[i].strip()
        concept = _TYPE_KEYS.get(match_key(line.rstrip(":")))
        if concept is not None and line.isupper():
            after = i + 1 if i + 1 < len(head) and _is_subject(head[i + 1]) else None
            return concept, after
        if _SUBJECT.match(line) or (line.isupper() and _is_subject(line) and i > number_at + 1):
            return None, i
    return None, None


def _is_subject(line: str) -> bool:
    words = line.split()
    return 3 <= len(words) <= 60 and not line.rstrip().endswith((".", ";", ":"))
