"""What the pages need from the store beyond the named queries: one resource's triples (out
and in, with labels), its evidence, labels to search, and cluster membership by year.

The SPARQL texts are constants; the resource IRI is bound by the engine (``bindings``), never
pasted into the text. Oxigraph binds only projected variables, so each query projects its
parameter as its last column.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.term import Identifier

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
INCOMING = _PREFIXES + """SELECT ?x ?p ?g ?s WHERE { GRAPH ?g { ?x ?p ?s } }"""
LABELS = (
    _PREFIXES
    + """SELECT ?r ?label WHERE {
  { ?r rdfs:label ?label } UNION { ?r skos:prefLabel ?label } UNION { ?r foaf:name ?label }
  UNION { ?r dcterms:title ?label } UNION { ?r eli:id_local ?label }
  FILTER(isIRI(?r))
}"""
)
EVIDENCE = (
    _PREFIXES
    + """SELECT ?fact ?source ?exact ?start ?end ?title ?date ?s WHERE {
  ?fact (!tdkt:evidence)? ?s .
  ?fact tdkt:evidence ?evidence .
  ?evidence oa:hasSource ?source ; oa:hasSelector ?quote .
  ?quote oa:exact ?exact .
  OPTIONAL { ?evidence oa:hasSelector ?position . ?position oa:start ?start ; oa:end ?end }
  OPTIONAL { ?source dcterms:title ?title }
  OPTIONAL { ?source dcterms:date ?date }
}
ORDER BY ?date ?source ?start"""
)
MEMBERSHIP = (
    _PREFIXES
    + """SELECT ?year ?province ?status ?s WHERE {
  ?m a tdkt:ClusterMembership ; org:organization ?s ; org:member ?province ; tdkt:year ?year .
  OPTIONAL { ?m tdkt:status ?status }
}
ORDER BY ?year ?province"""
)


@dataclass(frozen=True)
class Statement:
    """One triple about (or pointing at) a resource, in the named graph that asserts it."""

    predicate: URIRef
    value: Identifier
    graph: URIRef


@dataclass
class Resource:
    """Everything the store says with ``iri`` as subject (``out``) or object (``incoming``)."""

    iri: URIRef
    out: list[Statement] = field(default_factory=list)
    incoming: list[Statement] = field(default_factory=list)

    @property
    def exists(self) -> bool:
        return bool(self.out or self.incoming)

    def values(self, predicate: URIRef) -> list[Identifier]:
        return [s.value for s in self.out if s.predicate == predicate]


@dataclass(frozen=True)
class Evidence:
    """A quote that supports a fact about the resource, with its source article."""

    fact: URIRef
    source: URIRef
    exact: str
    start: int | None
    end: int | None
    title: str | None
    date: str | None


def resource(store: Store, iri: URIRef) -> Resource:
    """The resource's outgoing and incoming statements, each with its graph, in a stable order."""
    out = store.select(OUTGOING, {"s": iri}).rows
    incoming = store.select(INCOMING, {"s": iri}).rows
    found = Resource(iri)
    found.out = sorted(
        (Statement(p, o, g) for p, o, g, _ in out), key=lambda s: (s.predicate, str(s.value))
    )
    found.incoming = sorted(
        (Statement(p, x, g) for x, p, g, _ in incoming), key=lambda s: (s.predicate, str(s.value))
    )
    return found


def evidence(store: Store, iri: URIRef) -> list[Evidence]:
    """Quotes for the resource itself and for the facts that point at it."""
    rows = store.select(EVIDENCE, {"s": iri}).rows
    seen: dict[tuple, Evidence] = {}
    for fact, source, exact, start, end, title, date, _ in rows:
        key = (fact, source, str(exact))
        if key not in seen:
            seen[key] = Evidence(
                fact=fact,
                source=source,
                exact=str(exact),
                start=int(start) if start is not None else None,
                end=int(end) if end is not None else None,
                title=str(title) if title is not None else None,
                date=str(date) if date is not None else None,
            )
    return list(seen.values())


def labels(store: Store) -> dict[URIRef, dict[str, str]]:
    """Every IRI's labels by language tag ("" for none); the first one seen per language wins.

    A legal document's number (``eli:id_local``, untagged) names it where nothing else does.
    """
    found: dict[URIRef, dict[str, str]] = {}
    for r, label in store.select(LABELS).rows:
        if isinstance(label, Literal):
            found.setdefault(r, {}).setdefault(label.language or "", str(label))
    return found


def membership(store: Store, cluster: URIRef) -> list[tuple[str, URIRef, URIRef | None]]:
    """(year, province, status) of each membership of ``cluster``, by year."""
    rows = store.select(MEMBERSHIP, {"s": cluster}).rows
    return [(str(year), province, status) for year, province, status, _ in rows]


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
