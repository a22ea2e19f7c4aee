"""Small RDF helpers shared by the table mappers: typed literals, fact nodes, local IRIs."""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Literal, URIRef
from rdflib.term import Node

from tdkt import iris
from tdkt.iris import OA, PROV, RDF, SKOS, TDKT

from .table_rows import Row

Triple = tuple[Node, Node, Node]


def fact(node: URIRef, cls: URIRef, row: Row) -> Iterator[Triple]:
    """Type a node and record where it came from: every source address, and the row's note."""
    yield node, RDF.type, cls
    yield from derived(node, row)
    if note := row.optional("note"):
        yield node, SKOS.editorialNote, Literal(note, lang="en")


def derived(node: URIRef, row: Row) -> Iterator[Triple]:
    for source in row.sources():
        yield node, PROV.wasDerivedFrom, source


def quote_evidence(node: URIRef, stem: str, row: Row, quote: str) -> Iterator[Triple]:
    """A table row's quote as evidence (model.md: quote selector only, source = first address)."""
    evidence = iris.table_evidence(stem, row.number)
    selector = iris.quote_selector(evidence)
    yield node, TDKT.evidence, evidence
    yield evidence, RDF.type, OA.SpecificResource
    yield evidence, OA.hasSource, row.sources()[0]
    yield evidence, OA.hasSelector, selector
    yield from derived(evidence, row)
    yield selector, RDF.type, OA.TextQuoteSelector
    yield selector, OA.exact, Literal(quote)
    yield from derived(selector, row)
