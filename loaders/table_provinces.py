"""Provincial units: the 63 of 2008–2025, the 34 of 2025, and the change events between them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef

from tdkt import iris
from tdkt.iris import DCTERMS, ORG, RDFS, TDKT, change_event

from .literals import vi, xsd_date
from .table_lineage import Change, Unit
from .table_rdf import Triple, derived, fact
from .table_rows import Row

if TYPE_CHECKING:
    from .table_context import Context

UNIT_TYPES = {"tỉnh": TDKT.TinhType, "thành phố trực thuộc trung ương": TDKT.CityType}


def province_63_triples(row: Row, ctx: Context) -> Iterator[Triple]:
    node = iris.province(row.text("name_vi"))
    yield from _unit_triples(node, row, "code")
    yield node, TDKT.region, vi(row.text("region"))


def province_2025_triples(row: Row, ctx: Context) -> Iterator[Triple]:
    unit = ctx.lineage.by_row[row.number]
    node = iris.province(unit.key)
    yield from _unit_triples(node, row, "code_2025")
    if centre := row.optional("admin_centre"):
        yield node, TDKT.administrativeCentre, vi(centre)
    for change in ctx.lineage.changes:
        if change.resulting == unit:
            yield from _change_triples(change)


def _unit_triples(node: URIRef, row: Row, code_field: str) -> Iterator[Triple]:
    code = row.text(code_field)
    if not (code.isascii() and code.isdigit() and len(code) == 2):
        raise row.error(code_field, f"{code!r} is not a two-digit GSO code")
    unit_type = row.text("type")
    if unit_type not in UNIT_TYPES:
        raise row.error("type", f"unknown unit type {unit_type!r}")
    yield from fact(node, TDKT.Province, row)
    yield node, RDFS.label, vi(row.text("name_vi"))
    yield node, TDKT.fullName, vi(row.text("full_name_vi"))
    yield node, TDKT.unitType, UNIT_TYPES[unit_type]
    yield node, TDKT.gsoCode, Literal(code)


def _change_triples(change: Change) -> Iterator[Triple]:
    """The event, its legal basis, and the validity it gives the units on both sides."""
    resulting = iris.province(change.resulting.key)
    event = change_event(change.day, change.resulting.key)
    yield from fact(event, ORG.ChangeEvent, change.resulting.row)
    yield from derived(event, change.basis)
    yield event, DCTERMS.date, xsd_date(change.day)
    yield event, TDKT.legalBasis, iris.document(change.basis.text("number"))
    yield event, ORG.resultingOrganization, resulting
    yield resulting, ORG.resultedFrom, event
    yield resulting, TDKT.validFrom, xsd_date(change.day)
    for original in change.originals:
        yield from _ended_triples(iris.province(original.key), original, event, change)


def _ended_triples(node: URIRef, original: Unit, event: URIRef, change: Change) -> Iterator[Triple]:
    yield event, ORG.originalOrganization, node
    yield node, ORG.changedBy, event
    if original.valid_until is not None:
        yield node, TDKT.validUntil, xsd_date(original.valid_until)
    yield from derived(node, change.resulting.row)
    yield from derived(node, change.basis)
