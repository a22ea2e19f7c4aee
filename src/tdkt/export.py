"""Write the whole store as ttl, trig, nq or jsonld, the same bytes for the same store.

rdflib serialises one graph deterministically (Turtle sorts subjects and predicates) but not
the order of a dataset's graphs, so graphs are written one at a time in IRI order:

- ``nq``: N-Quads lines, sorted.
- ``ttl``: every named graph merged into one graph of triples (Turtle has no graphs).
- ``trig``: one ``GRAPH`` block per named graph, prefixes declared once at the top.
- ``jsonld``: expanded JSON-LD, one named-graph object per graph, nodes sorted by ``@id``.
"""

from __future__ import annotations

import json
from typing import IO

from rdflib import Dataset, Graph, URIRef

from tdkt import iris
from tdkt.store.base import Store

FORMATS = ("ttl", "trig", "nq", "jsonld")


def graphs_of(store: Store) -> dict[URIRef | None, Graph]:
    """The store's graphs (``None`` = default graph), each with the project's prefixes."""
    graphs: dict[URIRef | None, Graph] = {}
    for s, p, o, g in store.quads():
        if g not in graphs:
            graphs[g] = Graph(identifier=g) if g is not None else Graph()
            iris.bind_prefixes(graphs[g])
        graphs[g].add((s, p, o))
    return dict(sorted(graphs.items(), key=lambda item: str(item[0] or "")))


def _nquads(graphs: dict[URIRef | None, Graph]) -> str:
    dataset = Dataset()
    for name, graph in graphs.items():
        target = dataset.graph(name) if name is not None else dataset.default_graph
        for triple in graph:
            target.add(triple)
    lines = dataset.serialize(format="nquads").splitlines()
    return "\n".join(sorted(line for line in lines if line)) + "\n"


def _turtle(graphs: dict[URIRef | None, Graph]) -> str:
    merged = Graph()
    iris.bind_prefixes(merged)
    for graph in graphs.values():
        merged += graph
    return merged.serialize(format="turtle")


def _trig(graphs: dict[URIRef | None, Graph]) -> str:
    prefixes: set[str] = set()
    blocks: list[str] = []
    for graph in graphs.values():
        dataset = Dataset()
        iris.bind_prefixes(dataset)
        target = (
            dataset.graph(graph.identifier)
            if isinstance(graph.identifier, URIRef)
            else dataset.default_graph
        )
        for triple in graph:
            target.add(triple)
        lines = dataset.serialize(format="trig").splitlines()
        prefixes.update(line for line in lines if line.startswith("@prefix"))
        blocks.append("\n".join(line for line in lines if not line.startswith("@prefix")).strip())
    return "\n".join(sorted(prefixes)) + "\n\n" + "\n\n".join(blocks) + "\n"


def _canonical(value, ordered: bool = False):
    """JSON with every unordered array sorted (node objects, values); ``@list`` keeps order."""
    if isinstance(value, list):
        items = [_canonical(v) for v in value]
        if ordered:
            return items
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    if isinstance(value, dict):
        return {k: _canonical(v, ordered=k == "@list") for k, v in value.items()}
    return value


def _jsonld(graphs: dict[URIRef | None, Graph]) -> str:
    document = []
    for name, graph in graphs.items():
        nodes = _canonical(json.loads(graph.serialize(format="json-ld")))
        document.append({"@id": str(name), "@graph": nodes} if name is not None else nodes)
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


_WRITERS = {"nq": _nquads, "ttl": _turtle, "trig": _trig, "jsonld": _jsonld}


def export(store: Store, stream: IO[bytes], fmt: str) -> None:
    """Serialise the store to ``stream`` (binary) in ``fmt`` (one of ``FORMATS``)."""
    if fmt not in _WRITERS:
        raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    stream.write(_WRITERS[fmt](graphs_of(store)).encode("utf-8"))
