"""What the pages need from the store beyond the named queries: one resource's triples (out,
and a window of those coming in), a window of its evidence, and labels to search.

The SPARQL texts are constants; the resource IRI is bound by the engine (``bindings``), never
pasted into the text. Oxigraph binds only projected variables, so each query projects its
parameter as its last column.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from tdkt.serve.paging import Slice, Window
from tdkt.store.base import Store

_PREFIXES = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX tdkt: <https://w3id.org/tdkt/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
"""

OUTGOING = _PREFIXES + """SELECT ?p ?o ?g ?s WHERE { GRAPH ?g { ?s ?p ?o } }"""
# Incoming links and evidence are lists without bound: each query is cut to one window
# (``_window``) and the list counted by a query of its own. Windows follow the order in which
# the engine reads the list (one pass over its indexes, the same on every read of the store's
# snapshot), not an ORDER BY: sorting costs the whole list (about 1 s per 7,000 rows at M)
# where an unsorted window costs its own rows; the page sorts the rows it shows.
INCOMING = _PREFIXES + """SELECT ?x ?p ?g ?s WHERE { GRAPH ?g { ?x ?p ?s } }"""
INCOMING_COUNT = (
    _PREFIXES + """SELECT (COUNT(*) AS ?n) ?s WHERE { GRAPH ?g { ?x ?p ?s } } GROUP BY ?s"""
)
LABELS = (
    _PREFIXES
    + """SELECT ?r ?label WHERE {
  { ?r rdfs:label ?label } UNION { ?r skos:prefLabel ?label } UNION { ?r foaf:name ?label }
  UNION { ?r dcterms:title ?label } UNION { ?r eli:id_local ?label }
  FILTER(isIRI(?r))
}"""
)
# One row per quote of a fact: the fact (the resource itself or one that points at it) and
# an evidence node (a span of a source: ``id/evidence/{source}/{start}-{end}``), however many
# graphs state it. Counted as distinct solutions (``COUNT(DISTINCT *)``: term identities, no
# text to compare). The quote, its source's title and date are read for the window's rows only.
_EVIDENCE = """WHERE {
  ?fact (!tdkt:evidence)? ?s .
  ?fact tdkt:evidence ?evidence .
}"""
EVIDENCE = _PREFIXES + "SELECT DISTINCT ?fact ?evidence ?s " + _EVIDENCE
EVIDENCE_COUNT = _PREFIXES + "SELECT (COUNT(DISTINCT *) AS ?n) ?s " + _EVIDENCE + " GROUP BY ?s"
# A selector's position is read through a path: as a join of two patterns, the engine would
# read every position in the store.
EVIDENCE_DETAIL = (
    _PREFIXES
    + """SELECT ?source ?exact ?start ?end ?title ?date ?evidence WHERE {
  OPTIONAL { ?evidence oa:hasSource ?source
             OPTIONAL { ?source dcterms:title ?title }
             OPTIONAL { ?source dcterms:date ?date } }
  OPTIONAL { ?evidence oa:hasSelector/oa:exact ?exact }
  OPTIONAL { ?evidence oa:hasSelector/oa:start ?start }
  OPTIONAL { ?evidence oa:hasSelector/oa:end ?end }
}
LIMIT 1"""
)


@dataclass(frozen=True)
class Statement:
    """One triple about (or pointing at) a resource, in the named graph that asserts it."""

    predicate: URIRef
    value: Identifier
    graph: URIRef


@dataclass
class Resource:
    """What the store says with ``iri`` as subject (``out``, all of it) or as object
    (``incoming``: one window of that list, which has no bound)."""

    iri: URIRef
    out: list[Statement]
    incoming: Slice[Statement]

    @property
    def exists(self) -> bool:
        return bool(self.out or self.incoming.total)

    def values(self, predicate: URIRef) -> list[Identifier]:
        return [s.value for s in self.out if s.predicate == predicate]


@dataclass(frozen=True)
class Evidence:
    """A quote that supports a fact about the resource, with its source article."""

    fact: URIRef
    source: URIRef | None
    exact: str
    start: int | None
    end: int | None
    title: str | None
    date: str | None


def _window(query: str, window: Window) -> str:
    """``query`` cut to ``window``'s rows (two integers: no text from a request)."""
    return f"{query}\nLIMIT {int(window.size)} OFFSET {int(window.start)}"


def _total(store: Store, query: str, iri: URIRef, window: Window, shown: int) -> int:
    """The list's length: known from a window that is not full, else counted by ``query``."""
    if shown < window.size and (shown or window.start == 0):
        return window.start + shown
    rows = store.select(query, {"s": iri}).rows
    return int(rows[0][0]) if rows else 0


def _by_property(statements: Iterable[Statement]) -> list[Statement]:
    return sorted(statements, key=lambda s: (s.predicate, str(s.value)))


def resource(store: Store, iri: URIRef, window: Window | None = None) -> Resource:
    """The resource's outgoing statements and a window of its incoming ones (the first page
    by default), each with its graph, by property."""
    window = window or Window()
    out = store.select(OUTGOING, {"s": iri}).rows
    incoming = store.select(_window(INCOMING, window), {"s": iri}).rows
    return Resource(
        iri,
        _by_property(Statement(p, o, g) for p, o, g, _ in out),
        Slice(
            _by_property(Statement(p, x, g) for x, p, g, _ in incoming),
            _total(store, INCOMING_COUNT, iri, window, len(incoming)),
            window,
        ),
    )


def evidence(store: Store, iri: URIRef, window: Window | None = None) -> Slice[Evidence]:
    """A window of the quotes for the resource itself and for the facts that point at it,
    by source date and position."""
    window = window or Window()
    rows = store.select(_window(EVIDENCE, window), {"s": iri}).rows
    found = sorted(
        (_detail(store, fact, node) for fact, node, _ in rows),
        key=lambda e: (e.date or "", str(e.source), e.start or 0, str(e.fact), e.exact),
    )
    return Slice(found, _total(store, EVIDENCE_COUNT, iri, window, len(found)), window)


def _detail(store: Store, fact: URIRef, node: URIRef) -> Evidence:
    """The quote an evidence node holds (as far as the store says), for one fact."""
    source, exact, start, end, title, date, _ = store.select(
        EVIDENCE_DETAIL, {"evidence": node}
    ).rows[0]
    return Evidence(
        fact=fact,
        source=source,
        exact=str(exact) if exact is not None else "",
        start=int(start) if start is not None else None,
        end=int(end) if end is not None else None,
        title=str(title) if title is not None else None,
        date=str(date) if date is not None else None,
    )


def labels(store: Store) -> dict[URIRef, dict[str, str]]:
    """Every IRI's labels by language tag ("" for none); the first one seen per language wins.

    A legal document's number (``eli:id_local``, untagged) names it where nothing else does.
    """
    found: dict[URIRef, dict[str, str]] = {}
    for r, label in store.select(LABELS).rows:
        if isinstance(label, Literal):
            found.setdefault(r, {}).setdefault(label.language or "", str(label))
    return found


INSTANCES = (
    _PREFIXES
    + """SELECT DISTINCT ?r ?class WHERE { ?r a ?class . FILTER(isIRI(?r)) } ORDER BY ?r"""
)
IRIS = """SELECT DISTINCT ?r WHERE {
  { GRAPH ?g { ?r ?p ?o } } UNION { GRAPH ?g { ?s ?p ?r } } FILTER(isIRI(?r))
}"""


def instances(store: Store, class_iri: URIRef) -> list[URIRef]:
    """The IRIs typed ``class_iri``, in IRI order."""
    return [row[0] for row in store.select(INSTANCES, {"class": class_iri}).rows]


def all_iris(store: Store) -> list[URIRef]:
    """Every IRI the store uses as a subject or object (the static site's pages)."""
    return sorted(row[0] for row in store.select(IRIS).rows)
