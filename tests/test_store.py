"""The embedded store: union queries, bound parameters, graph replacement, atomic rebuilds."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import all_quads, one_graph, sample_graphs, sample_store
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, XSD

from tdkt import iris
from tdkt.errors import StoreError
from tdkt.loaders import NamedGraph
from tdkt.store.embedded import EmbeddedStore
from tdkt.store.open import open_store


@pytest.fixture
def store(tmp_path: Path) -> EmbeddedStore:
    s = sample_store(tmp_path / "kg")
    yield s
    s.close()


def test_store_holds_every_graph_and_quad_of_the_input(store):
    expected = {(s, p, o, g.iri) for g in sample_graphs() for s, p, o in g.graph}
    assert all_quads(store) == expected
    assert store.graphs() == sorted(g.iri for g in sample_graphs())


def test_select_runs_over_the_union_of_named_graphs(store):
    # the chair claim lives in one graph, the province label in another
    result = store.select(
        "SELECT ?label WHERE { ?t <http://www.w3.org/ns/org#member> ?p . "
        "?p <http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?label"
    )
    assert result.variables == ["label"]
    assert Literal("Lào Cai", lang="vi") in [row[0] for row in result.rows]


def test_bindings_are_terms_not_text(store):
    query = "SELECT ?p ?label WHERE { ?p <http://www.w3.org/2000/01/rdf-schema#label> ?label }"
    bound = store.select(query, {"p": iris.province("Lào Cai")})
    assert bound.rows == [(iris.province("lao-cai"), Literal("Lào Cai", lang="vi"))]
    hostile = Literal('"} } ; DROP ALL ; SELECT * { ?s ?p ?o')
    assert store.select(query, {"label": hostile}).rows == []
    assert len(all_quads(store)) == sum(len(g.graph) for g in sample_graphs())


def test_ask_and_construct(store):
    assert store.ask("ASK { ?s a <http://data.europa.eu/eli/ontology#LegalResource> }")
    graph = store.construct(
        "CONSTRUCT { ?d <urn:x:number> ?n } WHERE "
        "{ ?d <http://data.europa.eu/eli/ontology#id_local> ?n }"
    )
    assert (iris.document("34-CT/TW"), URIRef("urn:x:number"), Literal("34-CT/TW")) in graph


def test_literals_round_trip_with_language_and_datatype(store):
    quads = all_quads(store)
    assert any(o == Literal("2024", datatype=XSD.gYear) for _, _, o, _ in quads)
    assert any(o == Literal("Cao Bằng", lang="vi") for _, _, o, _ in quads)
    assert any(o == Literal("34-CT/TW") and o.datatype is None for _, _, o, _ in quads)


def test_replace_graph_replaces_exactly_that_graph(store):
    before = all_quads(store)
    target = iris.table_graph("provinces-2025")
    replacement = one_graph("provinces-2025", "Thái Nguyên (mới)")
    store.replace_graph(NamedGraph(target, replacement.graph, "test"))
    after = all_quads(store)
    assert {q for q in after if q[3] == target} == {(*t, target) for t in replacement.graph}
    assert {q for q in after if q[3] != target} == {q for q in before if q[3] != target}


def test_replace_graph_with_hostile_literal(store):
    text = 'a "quoted" } GRAPH <urn:evil> { <urn:a> <urn:b> <urn:c> } \n and \\ more'
    graph = Graph()
    graph.add((iris.province("x"), RDFS.label, Literal(text, lang="vi")))
    store.replace_graph(NamedGraph(iris.table_graph("x"), graph, "test"))
    assert URIRef("urn:evil") not in store.graphs()
    assert (iris.province("x"), RDFS.label, Literal(text, lang="vi"), iris.table_graph("x")) in (
        all_quads(store)
    )


def test_replace_all_interrupted_leaves_the_old_store(tmp_path: Path):
    store = sample_store(tmp_path / "kg")
    before = all_quads(store)
    listing = sorted(p.name for p in (tmp_path / "kg").iterdir())

    def loader():
        yield one_graph("first", "Một")
        raise RuntimeError("loader failed half-way")

    with pytest.raises(RuntimeError, match="half-way"):
        store.replace_all(loader())
    assert all_quads(store) == before
    store.close()
    reopened = EmbeddedStore(tmp_path / "kg")
    assert all_quads(reopened) == before
    reopened.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kg"]  # nothing beside the store
    assert sorted(p.name for p in (tmp_path / "kg").iterdir()) == listing  # nor in it


def test_replace_all_swaps_in_the_new_content(tmp_path: Path):
    store = sample_store(tmp_path / "kg")
    store.replace_all([one_graph("only", "Chỉ một")])
    assert store.graphs() == [iris.table_graph("only")]
    assert len(all_quads(store)) == 1
    store.close()


def test_missing_store_is_a_clear_error(tmp_path: Path):
    store = EmbeddedStore(tmp_path / "nothing")
    with pytest.raises(StoreError, match="no store at .*nothing/ — run `tdkt build` first"):
        store.select("SELECT * WHERE { ?s ?p ?o }")
    assert not (tmp_path / "nothing").exists()


def test_readers_do_not_lock_each_other_out(tmp_path: Path):
    first = sample_store(tmp_path / "kg")
    first.close()
    readers = [EmbeddedStore(tmp_path / "kg") for _ in range(4)]
    counts = [len(r.graphs()) for r in readers]  # all four hold the store open at once
    assert counts == [len(sample_graphs())] * 4
    for r in readers:
        r.close()


def test_bad_sparql_is_a_store_error(store):
    with pytest.raises(StoreError, match="syntax"):
        store.select("SELECT WHERE {")


def test_open_store_chooses_embedded_for_a_path_only(tmp_path: Path):
    assert isinstance(open_store(tmp_path / "kg"), EmbeddedStore)
    assert isinstance(open_store(str(tmp_path / "kg")), EmbeddedStore)
    assert not isinstance(open_store("https://example.org/sparql"), EmbeddedStore)


def test_oxigraph_stores_derived_integer_types_as_xsd_integer(tmp_path: Path):
    """A known Oxigraph behaviour the shapes and the export must live with (see build.py)."""
    graph = Graph()
    start = URIRef(iris.OA.start)
    graph.add((iris.evidence("s", 1, 2), start, Literal("1", datatype=XSD.nonNegativeInteger)))
    store = EmbeddedStore(tmp_path / "kg")
    store.replace_all([NamedGraph(iris.article_graph("s"), graph, "test")])
    [(_, _, value, _)] = list(store.quads())
    store.close()
    assert value == Literal("1", datatype=XSD.integer)
