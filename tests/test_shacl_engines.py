"""The SHACL engine gives the same results on every SPARQL engine it runs on: the embedded store
(Oxigraph), Oxigraph server and Virtuoso 7, each started by the tests (tests/engines.py).

The compiled queries must mean the same everywhere, and violations must still be found where
the engine is not Oxigraph: a shapes file that uses every SHACL Core component, the path forms
and a SPARQL constraint runs on data breaking each of them; tdkt's own shapes run on every
shape fixture and on seeded mutations of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FIXTURES
from engines import Engine
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import SH
from test_shacl_differential import _mutated
from test_shapes import union

from tdkt import iris
from tdkt.shacl import Shapes
from tdkt.shacl import validate as run_shapes
from tdkt.shacl.data import MemoryData
from tdkt.shacl.shapes import CORE
from tdkt.store.embedded import EmbeddedStore
from tdkt.store.endpoints import endpoint_for
from tdkt.store.remote import RemoteStore
from tdkt.validate import check_store, load_ontology, load_shapes, validate_store

HERE = FIXTURES / "shacl-engines"
SHAPE_FIXTURES = FIXTURES / "shapes"
CASE_GRAPH = iris.table_graph("shacl-case")


def _nquads(quads: Iterator[tuple], path: Path) -> Path:
    path.write_text("".join(f"{s.n3()} {p.n3()} {o.n3()} <{g}> .\n" for s, p, o, g in quads))
    return path


def _with_ontology(graph: Graph) -> Iterator[tuple]:
    """The data in one tdkt graph and the ontology in its own, as a build stores them."""
    yield from ((s, p, o, CASE_GRAPH) for s, p, o in graph)
    yield from ((s, p, o, iris.ontology_graph()) for s, p, o in load_ontology())


@pytest.fixture(scope="module")
def remote(engine: Engine) -> Iterator[RemoteStore]:
    with pytest.MonkeyPatch.context() as patch:
        for name, value in engine.env.items():
            patch.setenv(name, value)
        yield RemoteStore(endpoint_for(engine.url))


def _both(tmp_path: Path, remote: RemoteStore, nquads: Path) -> tuple[EmbeddedStore, RemoteStore]:
    embedded = EmbeddedStore(tmp_path / "embedded")
    embedded.replace_all_from_file(nquads)
    remote.replace_all_from_file(nquads)
    return embedded, remote


def _results(store, shapes: Graph) -> set[tuple]:
    return {
        (r.focus, r.path, r.value, r.shape, r.component, r.severity)
        for r in check_store(store, shapes)
    }


def test_every_core_component_answers_alike(tmp_path: Path, remote: RemoteStore) -> None:
    shapes = Graph().parse(HERE / "shapes.ttl")
    dataset = Dataset()
    dataset.parse(HERE / "data.trig", format="trig")
    nquads = _nquads(dataset.quads(), tmp_path / "data.nq")
    embedded, there = _both(tmp_path, remote, nquads)
    try:
        here = _results(embedded, shapes)
        assert _results(there, shapes) == here
    finally:
        embedded.close()
    components = {component for _, _, _, _, component, _ in here}
    expected = {
        *CORE.values(),
        SH.QualifiedMaxCountConstraintComponent,
        SH.SPARQLConstraintComponent,
    }
    assert expected <= components, expected - components
    focuses = {focus for focus, *_ in here}
    assert URIRef("http://example.org/engines#good") not in focuses


@pytest.mark.parametrize(
    "name", sorted(p.name for p in SHAPE_FIXTURES.glob("*.trig") if p.name != "context.trig")
)
def test_tdkt_shapes_report_alike_on_each_fixture(
    tmp_path: Path, remote: RemoteStore, name: str
) -> None:
    data = union(SHAPE_FIXTURES / "context.trig", SHAPE_FIXTURES / name)
    embedded, there = _both(tmp_path, remote, _nquads(_with_ontology(data), tmp_path / "d.nq"))
    try:
        here = validate_store(embedded)
    finally:
        embedded.close()
    assert validate_store(there).findings == here.findings
    assert bool(here.findings) == name.endswith(".bad.trig")


@pytest.mark.parametrize("seed", range(4))
def test_tdkt_shapes_report_alike_on_mutated_data(
    tmp_path: Path, remote: RemoteStore, seed: int
) -> None:
    data = _mutated(seed)
    embedded, there = _both(tmp_path, remote, _nquads(_with_ontology(data), tmp_path / "d.nq"))
    try:
        here = set(validate_store(embedded).findings)
    finally:
        embedded.close()
    assert here
    assert set(validate_store(there).findings) == here


@pytest.mark.parametrize("seed", range(2))
def test_class_membership_forms_agree(seed: int) -> None:
    """Oxigraph gets class membership as the path rdf:type/rdfs:subClassOf*, other engines as
    rdf:type over the subclasses read first: the two forms find the same results."""
    dataset = Dataset()
    dataset.parse(HERE / "data.trig", format="trig")
    for shapes, graphs in (
        (Graph().parse(HERE / "shapes.ttl"), [g for g in dataset.graphs() if len(g)]),
        (load_shapes(), [_mutated(seed), load_ontology()]),
    ):
        memory = MemoryData()
        for graph in graphs:
            memory.add_graph(graph)
        forms = [
            {(r.focus, r.path, r.value, r.shape, r.component) for r in found}
            for found in (
                run_shapes(Shapes(shapes), memory, class_paths=True),
                run_shapes(Shapes(shapes), memory, class_paths=False),
            )
        ]
        assert forms[0] == forms[1]
        assert forms[0]
