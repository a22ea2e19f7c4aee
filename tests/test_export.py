"""Export streams through the engine's own writers: every quad once, the same bytes for the same
store, N-Quads sorted even when the sort spills to scratch files."""

from __future__ import annotations

import io

import pytest
from conftest import all_quads, sample_graphs, sample_store
from rdflib import Dataset, Graph

from tdkt import export as exporter
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
    exporter.sorted_lines(iter(lines), out, chunk=64)  # 16 runs merged
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
    exporter.sorted_lines(iter(lines), out, chunk=30, unique=True)
    assert out.getvalue() == b"".join(sorted(set(lines)))
