"""Legal and party documents (ELI) and the unnumbered names that resolve to them by date."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef

from tdkt import iris
from tdkt.iris import ELI, RDFS, TDKT, document_alias

from .literals import vi, xsd_date
from .table_rdf import Triple, derived, fact
from .table_rows import Row

if TYPE_CHECKING:
    from .table_context import Context

# 34-CT/TW, 60-NQ/TW · 15/2003/QH11, 91/2017/NĐ-CP, 08/2017/TT-BNV · 1479/HD-BTĐKT
_NUMBER = r"\d+(?:-[A-ZĐ]+/[A-ZĐ]+|/\d{4}/[A-ZĐ]+\d*(?:-[A-ZĐ]+)?|/[A-ZĐ]+-[A-ZĐ]+)"
_WHOLE_NUMBER = re.compile(rf"^{_NUMBER}$")
_NUMBER_IN_TEXT = re.compile(rf"(?<![\w/-]){_NUMBER}(?![\w/-])")
_RELATION = re.compile(rf"^(amends|replaces)\s+({_NUMBER})(?:\s*\(.*\))?$")

DOCUMENT_TYPES = {
    "Chỉ thị": TDKT.Directive,
    "Luật": TDKT.Law,
    "Nghị định": TDKT.Decree,
    "Thông tư": TDKT.Circular,
    "Quyết định": TDKT.Decision,
    "Nghị quyết": TDKT.Resolution,
    "Kết luận": TDKT.Conclusion,
    "Hướng dẫn": TDKT.Guidance,
    "Kế hoạch": TDKT.Plan,
    "Tờ trình": TDKT.Submission,
    "Thông báo": TDKT.Notice,
    "Công văn": TDKT.OfficialLetter,
}


def document_number(row: Row, field: str) -> str:
    """A required, well-formed document number as the tables write it ("91/2017/NĐ-CP")."""
    number = row.text(field)
    if not _WHOLE_NUMBER.match(number):
        raise row.error(field, f"{number!r} is not a document number (e.g. 34-CT/TW, 06/2022/QH15)")
    return number


def document_numbers_in(text: str) -> list[str]:
    """Every document number cited in a free-text cell, in order."""
    return _NUMBER_IN_TEXT.findall(text)


def legal_document_triples(row: Row, ctx: Context) -> Iterator[Triple]:
    number = document_number(row, "number")
    node = iris.document(number)
    doc_type = row.text("doc_type")
    if doc_type not in DOCUMENT_TYPES:
        raise row.error("doc_type", f"unknown document type {doc_type!r}")
    issuer = row.text("issuer")
    yield from fact(node, ELI.LegalResource, row)
    yield node, ELI.id_local, Literal(number)
    yield node, ELI.type_document, DOCUMENT_TYPES[doc_type]
    yield node, ELI.title, vi(row.text("title_vi"))
    yield node, ELI.passed_by, ctx.organization_named(row, "issuer")
    yield node, TDKT.issuerAsStated, vi(issuer)
    if issued := row.date("date_issued"):
        yield node, ELI.date_document, xsd_date(issued)
    in_force = row.date("date_in_force")
    if in_force:
        yield node, ELI.first_date_entry_in_force, xsd_date(in_force)
    yield from _relation_triples(row, node, in_force)


def _relation_triples(row: Row, node: URIRef, in_force: date | None) -> Iterator[Triple]:
    """``amends X`` → eli:amends; ``replaces X`` → eli:repeals, X no longer in force after."""
    relation = row.optional("replaces_or_amends")
    if not relation:
        return
    match = _RELATION.match(relation)
    if not match:
        raise row.error(
            "replaces_or_amends", f"{relation!r} is not 'amends <number>' or 'replaces <number>'"
        )
    verb, target_number = match.groups()
    target = iris.document(target_number)
    if verb == "amends":
        yield node, ELI.amends, target
        return
    yield node, ELI.repeals, target
    if in_force:
        yield target, ELI.date_no_longer_in_force, xsd_date(in_force - timedelta(days=1))
        yield from derived(target, row)


def document_alias_triples(row: Row, ctx: Context) -> Iterator[Triple]:
    alias = row.text("alias_vi")
    number = document_number(row, "number")
    if number not in ctx.documents:
        raise row.error("number", f"{number!r} is not in legal_documents.csv")
    valid_from, valid_until = row.date("valid_from"), row.date("valid_until")
    if valid_from and valid_until and valid_until < valid_from:
        raise row.error("valid_until", "valid_until is before valid_from")
    node = document_alias(alias, number)
    yield from fact(node, TDKT.DocumentAlias, row)
    yield node, RDFS.label, vi(alias)
    yield node, TDKT.aliasOf, iris.document(number)
    if valid_from:
        yield node, TDKT.validFrom, xsd_date(valid_from)
    if valid_until:
        yield node, TDKT.validUntil, xsd_date(valid_until)
