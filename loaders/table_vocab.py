"""Award types (a SKOS scheme), nationwide emulation campaigns, and national bodies."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef

from tdkt import iris
from tdkt.iris import ORG, RDF, RDFS, SCHEMA, SKOS, TDKT
from tdkt.text import slug

from .literals import vi, xsd_date
from .table_rdf import Triple, derived, fact
from .table_rows import Row

if TYPE_CHECKING:
    from .table_context import Context

AWARD_KINDS = {
    "danh hiệu thi đua": TDKT.EmulationTitle,
    "hình thức khen thưởng": TDKT.CommendationForm,
}
RECIPIENT_KINDS = {"tập thể": TDKT.Collective, "cá nhân": TDKT.Individual}
LEVELS = ("trung ương",)  # organizations.csv holds national bodies only; not mapped (no term)
AWARD_SCHEME = iris.concept_scheme("award-types")


def award_type_triples(row: Row, ctx: Context) -> Iterator[Triple]:
    name = row.text("name_vi")
    node = iris.award_type(name)
    yield from fact(node, TDKT.AwardType, row)
    yield node, SKOS.prefLabel, vi(name)
    yield node, SKOS.inScheme, AWARD_SCHEME
    yield node, TDKT.awardKind, _lookup(row, "kind", AWARD_KINDS)
    for recipient in row.items("recipient", required=True):
        yield node, TDKT.recipientKind, _lookup(row, "recipient", RECIPIENT_KINDS, recipient)
    if authority := row.optional("conferring_authority"):
        yield node, TDKT.conferringAuthorityAsStated, vi(authority)
        if org := ctx.organization(authority):
            yield node, TDKT.conferredBy, org
    if basis := row.optional("legal_basis_2022_law"):
        yield node, TDKT.legalBasisAsStated, vi(basis)
    yield from _scheme_triples(node, row)


def _scheme_triples(concept: URIRef, row: Row) -> Iterator[Triple]:
    """The scheme is made of its rows: each row adds its concept and its sources."""
    yield AWARD_SCHEME, RDF.type, SKOS.ConceptScheme
    yield AWARD_SCHEME, SKOS.prefLabel, vi("Danh hiệu thi đua và hình thức khen thưởng")
    yield (
        AWARD_SCHEME,
        SKOS.prefLabel,
        Literal("Emulation titles and commendation forms", lang="en"),
    )
    yield AWARD_SCHEME, SKOS.hasTopConcept, concept
    yield from derived(AWARD_SCHEME, row)


def campaign_triples(row: Row, ctx: Context) -> Iterator[Triple]:
    name = row.text("name_vi")
    campaign_id = row.key("campaign_id")
    if campaign_id != slug(name):
        raise row.error(
            "campaign_id", f"{campaign_id!r} is not the slug of name_vi ({slug(name)!r})"
        )
    node = iris.campaign(name)
    yield from fact(node, TDKT.EmulationCampaign, row)
    yield node, RDFS.label, vi(name)
    for alias in row.items("aliases"):
        yield node, SKOS.altLabel, vi(alias)
    if row.optional("launched_by"):
        yield node, TDKT.launchedBy, ctx.organization_id(row, "launched_by")
    if launched := row.date("launch_date"):
        yield node, SCHEMA.startDate, xsd_date(launched)


def organization_triples(row: Row, ctx: Context) -> Iterator[Triple]:
    node = iris.organization(row.key("org_id"))
    if row.text("level") not in LEVELS:
        raise row.error("level", f"{row.text('level')!r} is not one of: {', '.join(LEVELS)}")
    yield from fact(node, ORG.Organization, row)
    yield node, RDFS.label, vi(row.text("name_vi"))
    for alias in row.items("aliases"):
        yield node, SKOS.altLabel, vi(alias)


def _lookup(row: Row, field: str, table: dict[str, URIRef], value: str | None = None) -> URIRef:
    value = row.text(field) if value is None else value
    if value not in table:
        raise row.error(field, f"{value!r} is not one of: {', '.join(table)}")
    return table[value]
