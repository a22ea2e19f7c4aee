"""Provincial units over time: the 63 units of 2008–2025, the 34 of 2025, and the changes between.

Derived from ``provinces_2025.merged_from_codes`` (old GSO codes of the predecessors):

- two or more predecessors: a unit created by the 2025 merger, keyed ``{slug}-2025``. Its legal
  basis is Nghị quyết 202/2025/QH15; it starts on 2025-07-01, the day the new provincial
  governments began to operate. That start is a project decision (the resolution was in force
  from 2025-06-12): the ``legal_documents.csv`` row of 202/2025/QH15 states both dates, and its
  sources are cited on every merger event.
- one predecessor of the same name: the unit is unchanged and keeps its IRI.
- one predecessor of another name (Thừa Thiên Huế → Huế): a renamed unit. Its legal basis is
  the resolution cited in the predecessor's note, and the change date is that resolution's
  ``date_in_force`` (175/2024/QH15 → 2025-01-01).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from tdkt.errors import InputError
from tdkt.text import match_key, slug

from .table_documents import document_numbers_in
from .table_rows import Row

MERGER_BASIS = "202/2025/QH15"
MERGER_START = date(2025, 7, 1)


def within(day: date, start: date | None, until: date | None) -> bool:
    """``start <= day <= until``, an open end (None) bounding nothing."""
    return (start is None or start <= day) and (until is None or day <= until)


@dataclass(frozen=True)
class Unit:
    """A provincial-level unit as it existed between two dates (None: not stated)."""

    key: str
    name: str
    row: Row
    valid_from: date | None = None
    valid_until: date | None = None

    def exists_on(self, day: date) -> bool:
        return within(day, self.valid_from, self.valid_until)


@dataclass(frozen=True)
class Change:
    """An administrative change: predecessors → one resulting unit, on a date, by a resolution."""

    day: date
    resulting: Unit
    originals: tuple[Unit, ...]
    basis: Row  # the legal_documents.csv row of the resolution


@dataclass
class Lineage:
    units: list[Unit] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    by_row: dict[int, Unit] = field(default_factory=dict)  # provinces_2025 row number → unit

    def named(self, name: str, day: date) -> list[Unit]:
        key = match_key(name)
        return [u for u in self.units if match_key(u.name) == key and u.exists_on(day)]


def derive_lineage(old_rows: list[Row], new_rows: list[Row], documents: dict[str, Row]) -> Lineage:
    """Units with their validity, and the changes, from the two province tables."""
    old: dict[str, Unit] = {}
    for row in old_rows:
        if row.text("code") in old:
            raise row.error("code", f"code {row.text('code')!r} is repeated")
        old[row.text("code")] = Unit(slug(row.text("name_vi")), row.text("name_vi"), row)
    plans = [(row, _predecessors(row, old)) for row in new_rows]
    kinds = {row.number: _change_kind(row, codes, old, documents) for row, codes in plans}
    ends: dict[str, date] = {}
    for row, codes in plans:
        if kind := kinds[row.number]:
            ends.update(dict.fromkeys(codes, kind[1] - timedelta(days=1)))
    units = {code: replace(unit, valid_until=ends.get(code)) for code, unit in old.items()}
    lineage = Lineage(units=list(units.values()))
    for row, codes in plans:
        kind = kinds[row.number]
        if kind is None:
            lineage.by_row[row.number] = units[codes[0]]
            continue
        basis, day, key = kind
        unit = Unit(key, row.text("name_vi"), row, valid_from=day)
        lineage.units.append(unit)
        lineage.by_row[row.number] = unit
        lineage.changes.append(Change(day, unit, tuple(units[c] for c in codes), basis))
    return lineage


def _predecessors(row: Row, old: dict[str, Unit]) -> list[str]:
    """The old codes a 2025 unit comes from, checked against the names the row gives."""
    codes = row.items("merged_from_codes", required=True)
    unknown = [code for code in codes if code not in old]
    if unknown:
        raise row.error("merged_from_codes", f"unknown old code {unknown[0]!r}")
    originals = [old[code] for code in codes]
    known = {match_key(u.name) for u in originals} | {match_key(row.text("name_vi"))}
    names = row.items("merged_from")
    if len(names) != len(codes) or any(match_key(n) not in known for n in names):
        raise row.error("merged_from", "names do not match merged_from_codes")
    return codes


def _change_kind(
    row: Row, codes: list[str], old: dict[str, Unit], documents: dict[str, Row]
) -> tuple[Row, date, str] | None:
    """(basis row, first day, unit key) of a merger or a renaming; None for an unchanged unit."""
    name = row.text("name_vi")
    originals = [old[code] for code in codes]
    if len(originals) == 1 and match_key(originals[0].name) == match_key(name):
        return None
    if len(originals) > 1:
        if MERGER_BASIS not in documents:
            raise InputError(
                row.path,
                f"legal_documents.csv has no row {MERGER_BASIS}",
                line=row.line,
                field="merged_from_codes",
            )
        return documents[MERGER_BASIS], MERGER_START, f"{slug(name)}-2025"
    note = originals[0].row.optional("note") or ""
    cited = [
        documents[n]
        for n in document_numbers_in(note)
        if n in documents and documents[n].date("date_in_force")
    ]
    if len(cited) != 1:
        raise row.error(
            "merged_from_codes",
            f"renaming {originals[0].name!r} to {name!r}: the predecessor's note must cite exactly "
            "one resolution of legal_documents.csv that has a date_in_force",
        )
    return cited[0], cited[0].date("date_in_force"), slug(name)
