"""Validation results as a standard ``sh:ValidationReport`` graph, and back.

Reading a report back (pyshacl's, or the expected report of a W3C test) gives the same
:class:`~tdkt.shacl.engine.Result` values the engine produces, so reports compare as data.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal
from rdflib.namespace import RDF, SH, XSD
from rdflib.term import Node

from tdkt.shacl import paths
from tdkt.shacl.engine import Result
from tdkt.store.terms import to_ox

_BY_VALUE = {XSD.decimal, XSD.integer, XSD.double, XSD.float, XSD.boolean, XSD.date, XSD.dateTime}


def conforms(results: Iterable[Result]) -> bool:
    """SHACL's own definition: no result at all, whatever its severity."""
    return not any(True for _ in results)


def to_graph(results: list[Result], shapes: Graph) -> Graph:
    """The results as a ``sh:ValidationReport`` (paths copied from the shapes graph)."""
    graph = Graph()
    graph.bind("sh", SH)
    report = BNode()
    graph.add((report, RDF.type, SH.ValidationReport))
    graph.add((report, SH.conforms, Literal(conforms(results))))
    for r in results:
        node = BNode()
        graph.add((report, SH.result, node))
        graph.add((node, RDF.type, SH.ValidationResult))
        graph.add((node, SH.focusNode, r.focus))
        graph.add((node, SH.sourceShape, r.shape))
        graph.add((node, SH.sourceConstraintComponent, r.component))
        graph.add((node, SH.resultSeverity, r.severity))
        if r.path is not None:
            graph.add((node, SH.resultPath, r.path))
            paths.copy(shapes, r.path, graph)
        if r.value is not None:
            graph.add((node, SH.value, r.value))
        if r.constraint is not None:
            graph.add((node, SH.sourceConstraint, r.constraint))
        for message in r.messages:
            graph.add((node, SH.resultMessage, message))
    return graph


def to_turtle(graph: Graph) -> str:
    """Turtle written by Oxigraph: rdflib's writer prints an ill-formed typed literal bare."""
    reports = set(graph.subjects(RDF.type, SH.ValidationReport))
    ordered = sorted(
        graph, key=lambda t: (t[0] not in reports, str(t[0]), t[1] != RDF.type, t[1], t[2])
    )
    triples = (ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in ordered)
    prefixes = {"sh": str(SH), "xsd": str(XSD), "rdf": str(RDF)}
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes).decode("utf-8")


def from_graph(report: Graph) -> tuple[bool | None, list[Result]]:
    """``sh:conforms`` and the results of a report graph (messages as the report gives them)."""
    flag = next(report.objects(None, SH.conforms), None)
    verdict = (
        flag.toPython() if isinstance(flag, Literal) and flag.datatype == XSD.boolean else None
    )
    results = [
        Result(
            focus=report.value(node, SH.focusNode),
            path=report.value(node, SH.resultPath),
            value=report.value(node, SH.value),
            shape=report.value(node, SH.sourceShape),
            component=report.value(node, SH.sourceConstraintComponent),
            severity=report.value(node, SH.resultSeverity),
            constraint=report.value(node, SH.sourceConstraint),
            messages=tuple(sorted(report.objects(node, SH.resultMessage))),
        )
        for node in report.objects(None, SH.result)
    ]
    return verdict, results


def comparable(results: Iterable[Result], graph: Graph) -> Counter:
    """Results as the W3C suite compares them: no messages; paths by structure; any blank
    node (a focus, value or shape with no name) only as "a blank node"; typed literals by
    value, as the store keeps numbers and dates in canonical form."""

    def key(term: Node | None) -> object:
        if isinstance(term, BNode):
            return "_:"
        if isinstance(term, Literal) and not term.ill_typed and term.datatype in _BY_VALUE:
            return (term.datatype, term.value)  # Oxigraph stores "4.0"^^xsd:decimal as "4"
        return None if term is None else term.n3()

    return Counter(
        (
            key(r.focus),
            paths.to_text(graph, r.path),
            key(r.value),
            key(r.shape),
            key(r.component),
            key(r.severity),
        )
        for r in results
    )
