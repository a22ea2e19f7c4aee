"""Serialise what a URL stands for in the negotiated RDF format.

Triple formats get the union of the statements (a resource's outgoing triples, or one named
graph); TriG and N-Quads keep each statement in the named graph that asserts it. JSON-LD is
compacted against the published context (``/context.jsonld``) and refers to it by URL.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from rdflib import Dataset, Graph, URIRef
from rdflib.term import Identifier

from tdkt import iris
from tdkt.serve.formats import JSONLD, Format

Quad = tuple[Identifier, Identifier, Identifier, URIRef | None]


def context() -> dict:
    """The JSON-LD context published at ``/context.jsonld``: the project's prefixes."""
    return {"@context": {prefix: str(ns) for prefix, ns in sorted(iris.PREFIXES.items())}}


def serialize(quads: Iterable[Quad], fmt: Format, context_url: str) -> bytes:
    """``quads`` in ``fmt`` (UTF-8); graph names are dropped by triple formats."""
    if fmt.quads:
        dataset = Dataset()
        iris.bind_prefixes(dataset)
        for s, p, o, g in quads:
            target = dataset.graph(g) if g is not None else dataset.default_graph
            target.add((s, p, o))
        return dataset.serialize(format=fmt.rdflib).encode("utf-8")
    graph = Graph()
    iris.bind_prefixes(graph)
    for s, p, o, _ in quads:
        graph.add((s, p, o))
    if fmt == JSONLD:
        document = json.loads(
            graph.serialize(format="json-ld", context=context()["@context"], auto_compact=True)
        )
        document["@context"] = context_url
        return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
    return graph.serialize(format=fmt.rdflib, encoding="utf-8")
