"""RDF files (or an rdflib graph) as a SPARQL source: an in-memory Oxigraph store.

Files are parsed by Oxigraph itself (fast; no rdflib objects per triple). Blank nodes become
skolem IRIs (:mod:`tdkt.shacl.terms`) so that nested shapes can name them; each file keeps its
own blank nodes apart. Named graphs of TriG or N-Quads files join the one data graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal
from rdflib.term import Identifier

from tdkt.errors import InputError
from tdkt.shacl.shapes import ShaclError
from tdkt.shacl.terms import SKOLEM
from tdkt.store.base import SelectResult
from tdkt.store.terms import to_ox, to_rdflib

FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".turtle": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
    ".n3": ox.RdfFormat.N3,
}
SHAPES_GRAPH = "urn:x-tdkt-shacl:shapes-graph"


def _term(term) -> Identifier | None:
    """As ``to_rdflib``, but an ill-formed typed literal keeps its lexical form (rdflib would
    turn ``"none"^^xsd:boolean`` into ``"false"``, another term)."""
    converted = to_rdflib(term)
    if isinstance(converted, Literal) and converted.ill_typed:
        return Literal(term.value, datatype=converted.datatype, normalize=False)
    return converted


class OxigraphData:
    """A pyoxigraph store as a SPARQL source, queried in this process (the engine's queries
    are its own, and SHACL-SPARQL's are screened by :mod:`tdkt.shacl.sparql`)."""

    def __init__(self, store: ox.Store, union: bool = False) -> None:
        self.store = store
        self.union = union  # the data is the union of the named graphs (a tdkt store)

    def select(self, query: str, bindings: object = None) -> SelectResult:
        try:
            result = self.store.query(query, use_default_graph_as_union=self.union)
        except SyntaxError as e:
            raise ShaclError(f"SPARQL the shapes produced is not valid: {e}") from None
        variables = [v.value for v in result.variables]
        rows = [tuple(_term(solution[v]) for v in variables) for solution in result]
        return SelectResult(variables=variables, rows=rows)


class MemoryData(OxigraphData):
    """An in-memory store whose default graph is the data to validate."""

    skolemised = True  # its blank nodes are skolem IRIs (see _skolemised)

    def __init__(self) -> None:
        super().__init__(ox.Store())
        self._files = 0

    def add_file(self, path: Path) -> None:
        """Parse one RDF file into the data graph; a syntax error names the file and line."""
        fmt = FORMATS.get(path.suffix.lower())
        if fmt is None:
            known = ", ".join(sorted(FORMATS))
            raise InputError(path, f"unknown RDF format (file name ends in one of {known})")
        self._files += 1
        try:
            with path.open("rb") as stream:
                quads = ox.parse(stream, fmt, base_iri=path.resolve().as_uri())
                self.store.bulk_extend(self._skolemised(quads, f"f{self._files}-"))
        except SyntaxError as e:
            raise InputError(path, f"not valid RDF: {e}") from None

    def add_graph(self, graph: Graph) -> None:
        """Add an rdflib graph's triples; its blank nodes keep the names the shapes use."""
        quads = (ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph)
        self.store.bulk_extend(self._skolemised(quads, ""))

    def add_shapes_graph(self, graph: Graph) -> str:
        """Put the shapes in a named graph of their own, for ``$shapesGraph``; return its IRI."""
        name = ox.NamedNode(SHAPES_GRAPH)
        quads = (ox.Quad(to_ox(s), to_ox(p), to_ox(o), name) for s, p, o in graph)
        self.store.bulk_extend(self._skolemised(quads, ""))
        return SHAPES_GRAPH

    @staticmethod
    def _skolemised(quads: Iterable[ox.Quad], prefix: str) -> Iterator[ox.Quad]:
        def name(term):
            if isinstance(term, ox.BlankNode):
                return ox.NamedNode(f"{SKOLEM}{prefix}{term.value}")
            return term

        for q in quads:
            graph = q.graph_name if isinstance(q.graph_name, ox.NamedNode) else ox.DefaultGraph()
            if graph == ox.NamedNode(SHAPES_GRAPH):
                yield ox.Quad(name(q.subject), q.predicate, name(q.object), graph)
            else:
                yield ox.Quad(name(q.subject), q.predicate, name(q.object))
