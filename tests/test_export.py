"""Export streams through the engine's own writers: every quad once, the same bytes for the same
store, N-Quads sorted even when the sort spills to scratch files."""

from __future__ import annotations

import io
import tempfile

import pyoxigraph as ox
import pytest
from conftest import all_quads, sample_graphs, sample_store
from rdflib import RDF, RDFS, BNode, Dataset, Graph, Literal, URIRef

from tdkt import export as exporter
from tdkt.iris import TDKT
from tdkt.loaders import NamedGraph
from tdkt.store.embedded import EmbeddedStore


@pytest.fixture
def store(tmp_path):
    kg = sample_store(tmp_path / "kg")
    yield kg
    kg.close()


def exported(store: EmbeddedStore, fmt: str) -> bytes:
    out = io.BytesIO()
    exporter.export(store, out, fmt)
    return out.getvalue()


def test_export_reads_the_engine_not_rdflib_terms(store, monkeypatch):
    def refused(*_args, **_kwargs):
        raise AssertionError("export must not read the store quad by quad into rdflib terms")

    monkeypatch.setattr(EmbeddedStore, "quads", refused)
    for fmt in exporter.FORMATS:
        assert exported(store, fmt)


@pytest.mark.parametrize("fmt", ["nq", "trig", "jsonld"])
def test_every_quad_is_exported_once(store, fmt):
    parsed = Dataset()
    parsed.parse(
        data=exported(store, fmt), format={"nq": "nquads", "jsonld": "json-ld"}.get(fmt, fmt)
    )
    got = [(s, p, o, g) for s, p, o, g in parsed.quads() if g != parsed.default_graph.identifier]
    assert set(got) == all_quads(store)
    assert len(got) == sum(len(g.graph) for g in sample_graphs())


def test_trig_writes_graphs_in_iri_order(store):
    text = exported(store, "trig").decode()
    blocks = [line.split()[0] for line in text.splitlines() if line.endswith("{")]
    assert blocks == sorted(blocks) and len(blocks) == len(sample_graphs())


def test_turtle_holds_a_triple_two_graphs_share_once(tmp_path):
    graphs = sample_graphs()
    shared = next(iter(graphs[0].graph))
    graphs[1].graph.add(shared)
    kg = EmbeddedStore(tmp_path / "twice")
    kg.replace_all(graphs)
    text = exported(kg, "ttl")
    kg.close()
    merged = Graph().parse(data=text, format="turtle")
    assert shared in merged
    assert len(merged) == len({(s, p, o) for g in graphs for s, p, o in g.graph})


def test_sorted_lines_spilling_to_scratch_files_equals_an_in_memory_sort():
    lines = [
        f'<urn:x:{(i * 7919) % 1000:04d}> <urn:p> "Đ{i}" <urn:g> .\n'.encode() for i in range(1000)
    ]
    out = io.BytesIO()
    exporter.sorted_lines(iter(lines), out, run_bytes=64 * 40)  # about 16 runs merged
    assert out.getvalue() == b"".join(sorted(lines))


def test_nquads_are_sorted_and_the_same_for_the_same_store(store, tmp_path):
    first = exported(store, "nq")
    lines = first.decode().splitlines()
    assert lines == sorted(lines)
    again = EmbeddedStore(tmp_path / "again")
    again.replace_all(reversed(sample_graphs()))
    assert exported(again, "nq") == first
    again.close()


def test_sorted_lines_can_drop_repeats_across_runs():
    lines = [f"<urn:x:{i % 50:03d}> <urn:p> <urn:o> .\n".encode() for i in range(400)]
    out = io.BytesIO()
    exporter.sorted_lines(iter(lines), out, run_bytes=30 * 36, unique=True)
    assert out.getvalue() == b"".join(sorted(set(lines)))


# --- the engine's writer, graph by graph, gives the bytes of one writer over every quad --------


def _tricky_graphs() -> list[NamedGraph]:
    """Graphs whose text tests the framing: escapes, language tags, typed and abbreviated
    literals, object lists, blank nodes, a graph named inside a declared prefix, an empty graph."""
    node = BNode()
    first = Graph()
    first.add((TDKT.x, RDF.type, TDKT.Province))
    first.add((TDKT.x, RDFS.label, Literal('Tỉnh thứ nhất\ncó dòng mới, "ngoặc" và \\', lang="vi")))
    first.add((TDKT.x, RDFS.label, Literal("tab\there")))
    first.add((TDKT.x, TDKT.memberCount, Literal(12)))
    first.add((TDKT.x, TDKT.active, Literal(True)))
    first.add((TDKT.x, TDKT.hasMember, node))
    first.add((node, RDFS.label, Literal("vô danh", lang="vi")))
    first.add((URIRef("https://w3id.org/tdkt/id/a(b)c"), RDFS.label, Literal("odd name")))
    graphs = [
        NamedGraph(TDKT["graph-in-a-prefix"], first, "tricky"),
        NamedGraph(URIRef("https://w3id.org/tdkt/graph/empty"), Graph(), "tricky"),
    ]
    for i in range(9):  # more graphs than the readers run ahead
        graph = Graph()
        graph.add((URIRef(f"https://w3id.org/tdkt/id/p/{i}"), RDFS.label, Literal(f"Số {i}")))
        graph.add((TDKT.x, RDFS.label, Literal("tab\there")))  # one triple in every graph
        graphs.append(NamedGraph(URIRef(f"https://w3id.org/tdkt/graph/g{i}"), graph, "tricky"))
    return graphs


@pytest.fixture
def tricky(tmp_path, monkeypatch):
    monkeypatch.setattr(exporter, "READERS", 2)
    monkeypatch.setattr(exporter, "AHEAD", 1)
    kg = EmbeddedStore(tmp_path / "tricky")
    kg.replace_all(_tricky_graphs())
    yield kg
    kg.close()


def _one_writer(store: EmbeddedStore, fmt: str) -> bytes:
    """What pyoxigraph's writer gives for every quad of the store, graph by graph in order."""
    prefixes = exporter._PREFIXES if fmt == "trig" else None
    return ox.serialize(exporter.quads(store), None, exporter._FORMAT[fmt], prefixes=prefixes)


@pytest.mark.parametrize("fmt", ["trig", "jsonld"])
def test_graph_by_graph_framing_is_the_writers_own_bytes(tricky, fmt):
    assert exported(tricky, fmt) == _one_writer(tricky, fmt)


def test_a_graph_named_inside_a_prefix_opens_with_the_prefixed_name(tricky):
    text = exported(tricky, "trig").decode()
    assert "\ntdkt:graph-in-a-prefix {\n" in text
    assert text.count("@prefix tdkt:") == 1 and "empty" not in text


def test_nquads_are_every_quad_sorted(tricky):
    lines = exported(tricky, "nq").splitlines(keepends=True)
    every = ox.serialize(exporter.quads(tricky), None, ox.RdfFormat.N_QUADS)
    assert lines == sorted(every.splitlines(keepends=True))


def test_turtle_is_the_distinct_triples_in_ntriples_order(tricky):
    triples = (ox.Triple(q.subject, q.predicate, q.object) for q in exporter.quads(tricky))
    lines = ox.serialize(triples, None, ox.RdfFormat.N_TRIPLES).splitlines(keepends=True)
    distinct = sorted(set(lines))
    assert len(distinct) < len(lines)  # the triple every graph shares is written once
    parsed = ox.parse(b"".join(distinct), ox.RdfFormat.N_TRIPLES)
    expected = ox.serialize(parsed, None, ox.RdfFormat.TURTLE, prefixes=exporter._PREFIXES)
    assert exported(tricky, "ttl") == expected


class _NotEmbedded:
    """A store that is not the embedded one: export reads it quad by quad (the generic path)."""

    def __init__(self, inner: EmbeddedStore) -> None:
        self.inner = inner

    def graphs(self):
        return self.inner.graphs()

    def quads(self, graph=None):
        return self.inner.quads(graph)


@pytest.mark.parametrize("fmt", exporter.FORMATS)
def test_any_store_gives_the_bytes_of_the_embedded_one(tricky, fmt):
    assert exported(_NotEmbedded(tricky), fmt) == exported(tricky, fmt)


@pytest.mark.parametrize("fmt", exporter.FORMATS)
def test_an_empty_store_exports_what_the_writer_gives_for_nothing(tmp_path, fmt):
    kg = EmbeddedStore(tmp_path / "empty")
    kg.replace_all([])
    expected = b"" if fmt == "nq" else _one_writer(kg, fmt)
    assert exported(kg, fmt) == expected
    kg.close()


def test_readers_stay_a_bounded_number_of_graphs_ahead(tricky, tmp_path, monkeypatch):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    most = 0
    real = exporter._done

    def counted(item, empty):
        nonlocal most
        most = max(most, len(list(scratch.glob("*/graph-*"))))
        yield from real(item, empty)

    monkeypatch.setattr(exporter, "_done", counted)
    for fmt in exporter.FORMATS:
        assert exported(tricky, fmt)
    assert 0 < most <= exporter.READERS * exporter.AHEAD
    assert not list(scratch.iterdir())  # every scratch file is gone


def test_an_unknown_format_is_refused(store):
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        exported(store, "xml")
