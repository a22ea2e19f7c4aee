"""Reads from a SPARQL engine stream: a graph of 100 k triples is exported from Oxigraph server
and from Virtuoso exactly as from the embedded store, and reading it takes no more Python
memory than reading one of 10 k (tracemalloc peaks; no timed asserts)."""

from __future__ import annotations

import dataclasses
import http.server
import io
import threading
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

import engines
import pytest
from conftest import tdkt
from engines import Engine

from tdkt import export as exporter
from tdkt import iris
from tdkt.errors import StoreError
from tdkt.store.embedded import EmbeddedStore
from tdkt.store.endpoints import Endpoint, endpoint_for
from tdkt.store.remote import BATCH_TRIPLES, RemoteStore

SMALL, LARGE = 10_000, 100_000
SMALL_GRAPH, LARGE_GRAPH = iris.table_graph("stream-small"), iris.table_graph("stream-large")
_XSD = "http://www.w3.org/2001/XMLSchema#"


def _triples(graph: str, count: int) -> Iterator[str]:
    """``count`` N-Quads lines in ``graph``: IRIs, Vietnamese language strings, escapes,
    integers and dates, every subject and value distinct (so a reader holding them would grow)."""
    for i in range(count):
        subject = f"<https://example.org/stream/{graph[-5:]}/{i}>"
        kind = i % 4
        if kind == 0:
            value = f"<https://example.org/stream/value/{i}>"
        elif kind == 1:
            value = f'"Cụm thi đua số {i} \\"Đồng Nai\\"\\n"@vi'
        elif kind == 2:
            value = f'"{i}"^^<{_XSD}integer>'
        else:
            value = f'"{2000 + i % 25}-0{1 + i % 9}-1{i % 10}"^^<{_XSD}date>'
        yield f"{subject} <https://example.org/stream/p{kind}> {value} <{graph}> .\n"


@pytest.fixture(scope="module")
def nquads(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("stream") / "stream.nq"
    with path.open("w", encoding="utf-8") as out:
        out.writelines(_triples(str(SMALL_GRAPH), SMALL))
        out.writelines(_triples(str(LARGE_GRAPH), LARGE))
    return path


@pytest.fixture(scope="module")
def embedded(nquads: Path, tmp_path_factory) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore(tmp_path_factory.mktemp("embedded") / "kg")
    store.replace_all_from_file(nquads)
    yield store
    store.close()


@pytest.fixture(scope="module")
def embedded_export(embedded: EmbeddedStore) -> bytes:
    return _exported(embedded, "nq")


@pytest.fixture(scope="module")
def loaded(engine: Engine, nquads: Path) -> RemoteStore:
    """The engine holding both graphs, sent by the Graph Store Protocol in the remote store's
    batches straight to their graphs (the staged load's final MOVE is tested elsewhere and
    would dominate the time here)."""
    store = RemoteStore(endpoint_for(engine.url, engine.env))
    for graph, size in ((SMALL_GRAPH, SMALL), (LARGE_GRAPH, LARGE)):
        lines = [line.rsplit(" <", 1)[0] + " ." for line in _triples(str(graph), size)]
        for start in range(0, size, BATCH_TRIPLES):
            store._put_batch(graph, lines[start : start + BATCH_TRIPLES], start == 0)
    assert store.graphs() == [LARGE_GRAPH, SMALL_GRAPH]
    return store


def _exported(store, fmt: str) -> bytes:
    out = io.BytesIO()
    exporter.export(store, out, fmt)
    return out.getvalue()


def test_an_export_from_the_engine_is_the_embedded_export(
    loaded, embedded_export, monkeypatch
) -> None:
    """Byte for byte, and straight from the engine's terms: no rdflib term is made."""

    def refused(*_args, **_kwargs):
        raise AssertionError("export must stream the engine's terms, not rdflib's")

    monkeypatch.setattr(RemoteStore, "quads", refused)
    monkeypatch.setattr("tdkt.store.remote.to_rdflib", refused)
    there = _exported(loaded, "nq")
    assert there.count(b"\n") == SMALL + LARGE
    assert there == embedded_export


def _peak(read: Callable[[], int]) -> tuple[int, int]:
    """(items read, peak bytes of Python memory allocated while reading)."""
    tracemalloc.start()
    try:
        count = read()
        return count, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_reading_a_graph_takes_the_same_memory_whatever_its_size(loaded) -> None:
    """rdflib terms, made one quad at a time (what the server's pages and dumps read)."""
    read = loaded.quads
    small, small_peak = _peak(lambda: sum(1 for _ in read(SMALL_GRAPH)))
    large, large_peak = _peak(lambda: sum(1 for _ in read(LARGE_GRAPH)))
    assert (small, large) == (SMALL, LARGE)
    # 9 times the triples; a reader holding them would need ~9 times the memory
    print(f"peak Python memory: {small_peak} B for {SMALL}, {large_peak} B for {LARGE} triples")
    assert large_peak < 1.5 * small_peak + 256 * 1024, (small_peak, large_peak)
    assert large_peak < 4 * 1024 * 1024, large_peak


def test_rdflib_quads_are_the_embedded_stores(loaded, embedded) -> None:
    assert set(loaded.quads(SMALL_GRAPH)) == set(embedded.quads(SMALL_GRAPH))


def test_an_engine_without_a_graph_store_streams_a_construct(loaded, embedded) -> None:
    endpoint = dataclasses.replace(loaded.endpoint, graph_store=None)
    store = RemoteStore(endpoint)
    assert set(store.engine_quads(SMALL_GRAPH)) == set(loaded.engine_quads(SMALL_GRAPH))
    assert set(store.quads(SMALL_GRAPH)) == set(embedded.quads(SMALL_GRAPH))


def test_an_engine_capping_its_answer_is_an_error(tmp_path, monkeypatch) -> None:
    """Virtuoso cuts a Graph Store answer at ResultSetMaxRows (10,000 in Debian's stock
    virtuoso.ini), and a list of graphs too, and says nothing: the counts it holds are
    checked, so an export fails with a clear error instead of coming out silently short."""
    capped = engines.VIRTUOSO_INI.replace("ResultSetMaxRows = 1000000", "ResultSetMaxRows = 999")
    monkeypatch.setattr(engines, "VIRTUOSO_INI", capped)
    engine = engines.virtuoso(tmp_path / "db").start()
    try:
        store = RemoteStore(endpoint_for(engine.url, engine.env))
        lines = [line.rsplit(" <", 1)[0] + " ." for line in _triples(str(SMALL_GRAPH), 3000)]
        store._put_batch(SMALL_GRAPH, lines, True)
        with pytest.raises(StoreError, match="of the 3000 triples of"):
            sum(1 for _ in store.quads(SMALL_GRAPH))
        result = tdkt("--store", engine.url, "export", "--format", "nq")
        assert result.exit_code == 2 and "of the 3000 triples" in result.output, result.output
        many = " ".join(
            f"GRAPH <{iris.table_graph(f'stream-{i:04d}')}> {{ <urn:x:s> <urn:x:p> {i} }}"
            for i in range(1200)
        )
        store._update(f"INSERT DATA {{ {many} }}")
        result = tdkt("--store", engine.url, "export", "--format", "nq")
        assert result.exit_code == 2, result.output
        assert "of the 1201 named graphs" in result.output and "ResultSetMaxRows" in result.output
    finally:
        engine.stop()


def test_a_graph_the_engine_does_not_hold_is_empty(loaded) -> None:
    assert list(loaded.quads(iris.table_graph("stream-absent"))) == []


class _Broken(http.server.BaseHTTPRequestHandler):
    """An engine whose Graph Store answer promises more than it sends, or is not N-Triples
    (``GET``), and that holds nothing by its count (``POST``: queries)."""

    def do_GET(self) -> None:  # noqa: N802  (the http.server name)
        body = '<urn:x:a> <urn:x:p> "Đ" .\n'.encode()
        if "bad" in self.path:
            body += b"<urn:x:a> <urn:x:p> this is not RDF .\n"
        self.send_response(200)
        self.send_header("Content-Type", "application/n-triples")
        self.send_header("Content-Length", str(len(body) + (1000 if "short" in self.path else 0)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:  # noqa: N802
        """Every query (the triple counts) has no rows."""
        self.rfile.read(int(self.headers["Content-Length"]))
        body = b'{"head": {"vars": ["g", "n"]}, "results": {"bindings": []}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args) -> None:
        """Quiet."""


@pytest.fixture
def broken() -> Iterator[RemoteStore]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Broken)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    endpoint = Endpoint(url, "generic", query=f"{url}/query", update=None, graph_store=f"{url}/")
    yield RemoteStore(endpoint)
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    ("graph", "error"), [("short", "broke off"), ("bad", "came back as unreadable RDF")]
)
def test_an_answer_that_breaks_off_or_is_not_rdf_is_one_clear_error(broken, graph, error):
    with pytest.raises(StoreError, match=error):
        list(broken.quads(iris.table_graph(graph)))
