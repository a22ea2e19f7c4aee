"""SHACL property paths as SPARQL property paths, and as short text for a report line."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from tdkt.errors import TdktError

_UNARY = {
    SH.inversePath: ("^", ""),
    SH.zeroOrMorePath: ("", "*"),
    SH.oneOrMorePath: ("", "+"),
    SH.zeroOrOnePath: ("", "?"),
}


class PathError(TdktError):
    """A ``sh:path`` that is not a well-formed SHACL property path."""


def _members(graph: Graph, node: Node) -> list[Node] | None:
    """The members of an RDF list, or None when ``node`` is not one."""
    if node == RDF.nil or graph.value(node, RDF.first) is not None:
        return list(Collection(graph, node))
    return None


def parts(graph: Graph, path: Node) -> tuple[str, list[Node]]:
    """The kind of a path ("iri", "sequence", "alternative" or a unary key) and its operands."""
    if isinstance(path, URIRef):
        return "iri", []
    sequence = _members(graph, path)
    if sequence is not None:
        if len(sequence) < 2:
            raise PathError(f"a sequence path needs two or more members: {path.n3()}")
        return "sequence", sequence
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        members = _members(graph, alternatives)
        if not members or len(members) < 2:
            raise PathError(f"sh:alternativePath needs a list of two or more: {path.n3()}")
        return "alternative", members
    for predicate in _UNARY:
        inner = graph.value(path, predicate)
        if inner is not None:
            return str(predicate), [inner]
    raise PathError(f"not a SHACL property path: {path.n3()}")


def to_sparql(graph: Graph, path: Node) -> str:
    """The path in SPARQL syntax, fully bracketed."""
    kind, operands = parts(graph, path)
    if kind == "iri":
        return path.n3()
    inner = [to_sparql(graph, p) for p in operands]
    if kind == "sequence":
        return "(" + "/".join(inner) + ")"
    if kind == "alternative":
        return "(" + "|".join(inner) + ")"
    before, after = _UNARY[URIRef(kind)]
    return f"{before}({inner[0]}){after}"


def to_text(graph: Graph, path: Node | None) -> str | None:
    """The path as a user reads it: an IRI as is, ``a | b`` for alternatives, ``^p``, ``a / b``."""
    if path is None:
        return None
    kind, operands = parts(graph, path)
    if kind == "iri":
        return str(path)
    inner = [to_text(graph, p) or "" for p in operands]
    if kind == "sequence":
        return " / ".join(inner)
    if kind == "alternative":
        return " | ".join(inner)
    before, after = _UNARY[URIRef(kind)]
    return f"{before}({inner[0]}){after}"


def copy(source: Graph, path: Node, target: Graph) -> None:
    """Copy the triples that spell a blank-node path from ``source`` into ``target``."""
    if isinstance(path, URIRef):
        return
    for p, o in source.predicate_objects(path):
        target.add((path, p, o))
        copy(source, o, target)
