"""The engine against pyshacl, the reference: identical findings on every shape fixture and on
generated variants of them.

Generated data starts from the shared context and every good fixture and applies seeded
mutations that the shapes care about (a triple dropped, a second value, a wrong datatype or
language, a node typed as another class, a value pointing at a node of the wrong kind). Both
validators see the same rdflib graph; findings compare on focus node, path, value, shape,
severity and messages.
"""

from __future__ import annotations

import random
from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from test_shapes import union

from tdkt.validate import load_ontology, load_shapes, same_report, validate

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "shapes"
SHAPES = load_shapes()
FIXTURE_NAMES = sorted(p.name for p in FIXTURES.glob("*.trig") if p.name != "context.trig")


@cache
def _ontology() -> Graph:
    return load_ontology()


def _agree(data: Graph) -> None:
    ours = validate(data, SHAPES, _ontology())
    theirs = validate(data, SHAPES, _ontology(), reference=True)
    assert ours.findings == theirs.findings
    assert same_report(ours, theirs)


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixture_agrees_with_pyshacl(name: str) -> None:
    _agree(union(FIXTURES / "context.trig", FIXTURES / name))


# ---- generated data ---------------------------------------------------------------------------

_ODD_LITERALS = (
    Literal("not a date", datatype=XSD.date),
    Literal("2024", datatype=XSD.gYear),
    Literal("-3", datatype=XSD.integer),
    Literal("7", datatype=XSD.integer),
    Literal("x"),
    Literal("một giá trị", lang="vi"),
    Literal("a value", lang="en"),
    Literal("2024-02-30", datatype=XSD.date),
)


def _mutated(seed: int, mutations: int = 25) -> Graph:
    """The context and all good fixtures, changed in ``mutations`` seeded ways."""
    rng = random.Random(seed)
    graph = union(FIXTURES / "context.trig", *sorted(FIXTURES.glob("*.good.trig")))
    nodes = sorted({s for s in graph.subjects() if isinstance(s, URIRef)})
    classes = sorted(set(graph.objects(None, RDF.type)))
    for _ in range(mutations):
        triples = sorted(graph)
        s, p, o = rng.choice(triples)
        kind = rng.randrange(5)
        if kind == 0:
            graph.remove((s, p, o))
        elif kind == 1:
            graph.add((s, p, rng.choice(_ODD_LITERALS)))
        elif kind == 2:
            graph.add((s, p, rng.choice(nodes)))
        elif kind == 3:
            graph.add((rng.choice(nodes), RDF.type, rng.choice(classes)))
        else:
            graph.remove((s, p, o))
            graph.add(
                (s, p, rng.choice(_ODD_LITERALS) if isinstance(o, URIRef) else rng.choice(nodes))
            )
    return graph


@pytest.mark.parametrize("seed", range(3))
def test_generated_data_agrees_with_pyshacl(seed: int) -> None:
    data = _mutated(seed)
    report = validate(data, SHAPES, _ontology())
    assert report.findings, "the mutations should break some shape"
    _agree(data)
