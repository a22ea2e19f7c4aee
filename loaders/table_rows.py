"""Reading reference tables: one validated ``Row`` per CSV record, errors naming file/line/field.

Every table in ``data/`` is UTF-8 CSV with a header row. Cells are stored NFC and stripped;
lists inside a cell use ``;`` and several source addresses are separated by `` ; ``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rdflib import URIRef

from tdkt import iris
from tdkt.errors import InputError
from tdkt.text import nfc

COLUMNS: dict[str, tuple[str, ...]] = {
    "provinces_2008_2025": (
        "code",
        "name_vi",
        "full_name_vi",
        "type",
        "region",
        "wikidata_qid",
        "source",
        "note",
    ),
    "provinces_2025": (
        "code_2025",
        "name_vi",
        "full_name_vi",
        "type",
        "merged_from",
        "merged_from_codes",
        "admin_centre",
        "source",
        "note",
    ),
    "legal_documents": (
        "number",
        "doc_type",
        "issuer",
        "title_vi",
        "date_issued",
        "date_in_force",
        "replaces_or_amends",
        "source",
        "note",
    ),
    "document_aliases": ("alias_vi", "number", "valid_from", "valid_until", "source", "note"),
    "award_types": (
        "name_vi",
        "kind",
        "recipient",
        "conferring_authority",
        "legal_basis_2022_law",
        "source",
        "note",
    ),
    "clusters": ("cluster_id", "name_vi", "members", "member_count", "period", "source", "note"),
    "cluster_names": ("cluster_id", "name_vi", "source", "note"),
    "cluster_chairs": ("cluster", "year", "role", "province", "source", "quote", "note"),
    "campaigns": (
        "campaign_id",
        "name_vi",
        "aliases",
        "launched_by",
        "launch_date",
        "source",
        "note",
    ),
    "organizations": ("org_id", "name_vi", "aliases", "level", "source", "note"),
}

_SOURCE_SEPARATOR = re.compile(r"\s+;\s+")
_URL = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
_CORPUS = re.compile(r"^corpus:([A-Za-z0-9_-]+)$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")
_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
YEARS = range(1945, 2101)  # the emulation movement's era; anything outside is a typo


@dataclass(frozen=True)
class Row:
    """One CSV record with typed, validating accessors."""

    path: Path
    line: int  # 1-based file line where the record starts
    number: int  # 1-based data row (the header is not counted)
    cells: dict[str, str]

    def error(self, field: str, reason: str) -> InputError:
        return InputError(self.path, reason, line=self.line, field=field)

    def optional(self, field: str) -> str | None:
        return self.cells[field] or None

    def text(self, field: str) -> str:
        value = self.cells[field]
        if not value:
            raise self.error(field, "required value is empty")
        return value

    def items(self, field: str, *, required: bool = False) -> list[str]:
        """A ``;``-separated list cell (no item: an empty list, or an error when required)."""
        items = [item.strip() for item in self.cells[field].split(";") if item.strip()]
        if required and not items:
            raise self.error(field, "required value is empty")
        return items

    def key(self, field: str) -> str:
        """A required IRI key: lower-case ASCII words joined by hyphens."""
        value = self.text(field)
        if not _KEY.match(value):
            raise self.error(field, f"{value!r} is not a key (lower-case a-z0-9 and hyphens)")
        return value

    def date(self, field: str) -> date | None:
        value = self.cells[field]
        if not value:
            return None
        try:
            if not _DATE.match(value):
                raise ValueError
            return date.fromisoformat(value)
        except ValueError:
            raise self.error(field, f"{value!r} is not a date (YYYY-MM-DD)") from None

    def year(self, field: str) -> int:
        return self.check_year(field, self.text(field))

    def check_year(self, field: str, value: str) -> int:
        if not _YEAR.match(value) or int(value) not in YEARS:
            raise self.error(field, f"{value!r} is not a year between {YEARS[0]} and {YEARS[-1]}")
        return int(value)

    def sources(self) -> list[URIRef]:
        """The row's source addresses: URLs, or ``corpus:{file stem}`` for a corpus article."""
        sources = []
        for token in _SOURCE_SEPARATOR.split(self.text("source")):
            if corpus := _CORPUS.match(token):
                sources.append(iris.source(corpus.group(1)))
            elif _URL.match(token):
                sources.append(URIRef(token))
            else:
                raise self.error("source", f"{token!r} is neither an http(s) URL nor corpus:<stem>")
        return sources


def read_table(path: Path, columns: tuple[str, ...]) -> list[Row]:
    """Read and shape-check a table; values are NFC-normalised and stripped."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(path, "table not found") from None
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8 ({exc.reason})") from None
    reader = csv.reader(nfc(text).splitlines(keepends=True))
    try:
        header = [cell.strip() for cell in next(reader, [])]
        _check_header(path, header, columns)
        rows: list[Row] = []
        start = reader.line_num + 1
        for cells in reader:
            if any(cell.strip() for cell in cells):
                if len(cells) != len(header):
                    raise InputError(
                        path, f"expected {len(header)} cells, found {len(cells)}", line=start
                    )
                values = {name: cell.strip() for name, cell in zip(header, cells, strict=True)}
                rows.append(Row(path, start, len(rows) + 1, values))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(path, f"malformed CSV: {exc}", line=reader.line_num) from None
    return rows


def _check_header(path: Path, header: list[str], columns: tuple[str, ...]) -> None:
    missing = [name for name in columns if name not in header]
    if missing:
        raise InputError(path, f"missing column(s): {', '.join(missing)}", line=1, field=missing[0])
    unexpected = [name for name in header if name not in columns]
    if unexpected:
        raise InputError(path, f"unexpected column {unexpected[0]!r}", line=1, field=unexpected[0])
    if len(set(header)) != len(header):
        raise InputError(path, "a column name is repeated", line=1)
