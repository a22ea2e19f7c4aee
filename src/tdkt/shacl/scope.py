"""Which focus nodes a change of some triples can affect: what an incremental validation may
leave as it was.

A shape evaluated on a focus node reads the triples of the nodes it walks to: the focus node
itself, the nodes along its paths, the value nodes and, for nested shapes, theirs. When only
forward steps are walked, every triple read has a subject at most :func:`reach` forward steps
from the focus node. So a changed triple (added or removed) can affect a focus node only if
the triple's subject is within that many steps of it; walking back from the changed subjects
through the store (before or after the change: the first changed triple on a walk is reached
over unchanged ones) finds every such focus node. A shape for which no bound holds (a SPARQL
constraint or component, an inverse, ``*`` or ``+`` path, ``sh:targetObjectsOf``) is checked in
full. Changes to ``rdfs:subClassOf`` links move class targets and ``sh:class`` everywhere:
the caller validates everything then.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rdflib import URIRef
from rdflib.namespace import SH
from rdflib.term import Identifier, Node

from tdkt.shacl.engine import Source
from tdkt.shacl.paths import parts
from tdkt.shacl.shapes import SHAPE_LISTS, Shapes
from tdkt.shacl.terms import values

# Constraints that read the value nodes' own triples (their types, or nested shapes).
_ON_VALUES = (SH["class"],)
_NESTED = (SH.node, SH["not"], SH.qualifiedValueShape)
BATCH = 2000  # nodes per VALUES block when walking back


def _length(shapes: Shapes, path: Node) -> int | None:
    """Forward steps a path walks; None when unbounded or backwards."""
    kind, operands = parts(shapes.graph, path)
    if kind == "iri":
        return 1
    lengths = [_length(shapes, p) for p in operands]
    if None in lengths:
        return None
    if kind == "sequence":
        return sum(lengths)
    if kind == "alternative" or kind == str(SH.zeroOrOnePath):
        return max(lengths)
    return None  # inverse, zeroOrMore, oneOrMore


def reach(shapes: Shapes, shape: Node, _seen: tuple[Node, ...] = ()) -> int | None:
    """Forward steps from a focus node to the farthest node whose triples ``shape`` reads, or
    None when there is no such bound."""
    g = shapes.graph
    if shape in _seen:
        return None
    if (shape, SH.sparql, None) in g or (shape, SH.targetObjectsOf, None) in g:
        return None
    if any(shapes.objects(shape, p) for c in shapes.components for p in c.parameters):
        return None
    path = shapes.path(shape)
    steps = 0 if path is None else _length(shapes, path)
    if steps is None:
        return None
    found = [max(steps - 1, 0)]  # the walk itself reads the triples of the nodes before the end
    if any((shape, p, None) in g for p in _ON_VALUES) or (shape, SH.closed, None) in g:
        found.append(steps)
    nested = [n for p in _NESTED for n in shapes.objects(shape, p)]
    nested += [
        m for p in SHAPE_LISTS for head in shapes.objects(shape, p) for m in shapes.members(head)
    ]
    nested += shapes.objects(shape, SH.property)
    for inner in nested:
        far = reach(shapes, inner, (*_seen, shape))
        if far is None:
            return None
        found.append(steps + far)
    return max(found)


def rings(source: Source, nodes: Iterable[Identifier], hops: int) -> list[frozenset[Identifier]]:
    """``rings[k]``: the nodes with a forward path of at most ``k`` steps to one of ``nodes``
    (``rings[0]`` is the nodes themselves), found by walking back through ``source``."""
    found = frozenset(n for n in nodes if isinstance(n, URIRef))
    levels = [found]
    frontier = found
    for _ in range(hops):
        before = set()
        for batch in _batches(sorted(frontier), BATCH):
            query = f"SELECT DISTINCT ?s WHERE {{ {values('?o', batch)} ?s ?p ?o . }}"
            before |= {row[0] for row in source.select(query).rows if isinstance(row[0], URIRef)}
        frontier = frozenset(before) - found
        found = found | frontier
        levels.append(found)
    return levels


def _batches(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
