"""Write the whole store as ttl, trig, nq or jsonld, streaming, the same bytes for the same store.

The embedded store is read by the engine's own writer (``Store.dump``, one named graph at a
time, in IRI order): no Python object per quad, and the engine reads without holding the GIL,
so a few threads read graphs ahead of the one writing the output. Each graph's text goes
through a scratch file, so memory stays constant however big the store or a graph is. The
time is the engine's: decoding each quad's terms (RocksDB look-ups) costs far more than any
writing or sorting here, so reading graphs in parallel is what shortens an export.

- ``nq``: N-Quads lines, sorted (by code point: an external merge sort through scratch files,
  so only one run of lines is in memory at a time).
- ``ttl``: every named graph merged into one graph of triples (Turtle has no graphs), each
  triple once (the same external sort, on N-Triples lines), subjects in N-Triples order.
- ``trig``: one ``GRAPH`` block per named graph, prefixes declared once at the top.
- ``jsonld``: one named-graph object per graph, in graph order (pyoxigraph's JSON-LD writer).

TriG and JSON-LD are framed from the engine's per-graph Turtle and JSON-LD with the opening
the same writer gives that graph, so the bytes are those ``pyoxigraph.serialize`` writes for
the quads in that order. Within a graph the order is the engine's. The embedded store's is
its index order, a function of the stored terms alone, so the same store gives the same bytes
in any process; a remote engine's is the order it sends its answer in (read as it arrives,
never held whole). N-Quads and Turtle are sorted, so they are the same bytes from any store
holding the same quads.
"""

from __future__ import annotations

import heapq
import os
import shutil
import tempfile
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from tdkt import iris
from tdkt.store.base import Store

FORMATS = ("ttl", "trig", "nq", "jsonld")
RUN_BYTES = 32 * 2**20  # bytes of lines sorted in memory at once (one run of the merge sort)
BLOCK_BYTES = 2**20  # bytes read from a scratch file at a time
READERS = max(1, min(4, os.cpu_count() or 1))  # threads reading graphs from the engine
AHEAD = 4  # graphs each reader may dump ahead of the writer (bounds the scratch space)

_FORMAT = {
    "nq": ox.RdfFormat.N_QUADS,
    "ttl": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
}
_PREFIXES = {prefix: str(namespace) for prefix, namespace in iris.PREFIXES.items()}


def _engine(store: Store) -> ox.Store | None:
    """The embedded store's own engine, read-only; None for a store that is not embedded."""
    from tdkt.store.embedded import EmbeddedStore

    return store.raw() if isinstance(store, EmbeddedStore) else None


def quads(store: Store) -> Iterator[ox.Quad]:
    """Every quad of every named graph, graph by graph in IRI order, as engine terms: the
    embedded engine's own, or a remote engine's as its answer is parsed (never rdflib terms)."""
    from tdkt.store.remote import RemoteStore
    from tdkt.store.terms import to_ox

    if isinstance(store, RemoteStore):
        yield from store.engine_quads()
        return
    engine = _engine(store)
    for name in store.graphs():
        node = ox.NamedNode(str(name))
        if engine is not None:
            yield from engine.quads_for_pattern(None, None, None, node)
        else:
            for s, p, o, _ in store.quads(name):
                yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), node)


def export(store: Store, stream: IO[bytes], fmt: str) -> None:
    """Serialise the store to ``stream`` (binary) in ``fmt`` (one of ``FORMATS``)."""
    if fmt not in _FORMAT:
        raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    engine = _engine(store)
    with tempfile.TemporaryDirectory(prefix="tdkt-export-") as tmp:
        scratch = Path(tmp)
        if fmt in ("nq", "ttl"):
            _sorted(store, engine, stream, fmt, scratch)
        elif engine is None:
            prefixes = _PREFIXES if fmt == "trig" else None
            ox.serialize(quads(store), stream, _FORMAT[fmt], prefixes=prefixes)
        elif fmt == "trig":
            _trig(engine, store.graphs(), stream, scratch)
        else:
            _jsonld(engine, store.graphs(), stream, scratch)


def _sorted(store: Store, engine: ox.Store | None, out: IO[bytes], fmt: str, scratch: Path) -> None:
    """N-Quads sorted, or Turtle of the sorted distinct N-Triples lines of every graph."""
    lines = _lines(store, engine, with_graph=fmt == "nq", scratch=scratch)
    if fmt == "nq":
        sorted_lines(lines, out)
        return
    merged = scratch / "merged.nt"
    with merged.open("wb") as distinct:
        sorted_lines(lines, distinct, unique=True)
    parsed = ox.parse(path=str(merged), format=ox.RdfFormat.N_TRIPLES)
    ox.serialize(parsed, out, ox.RdfFormat.TURTLE, prefixes=_PREFIXES)


def _lines(
    store: Store, engine: ox.Store | None, with_graph: bool, scratch: Path
) -> Iterator[bytes]:
    """Every quad (``with_graph``: N-Quads) or triple (N-Triples) of the named graphs, in
    blocks of whole lines, in no particular order."""
    if engine is None:
        whole = scratch / "whole"
        if with_graph:
            ox.serialize(quads(store), str(whole), ox.RdfFormat.N_QUADS)
        else:
            every = (ox.Triple(q.subject, q.predicate, q.object) for q in quads(store))
            ox.serialize(every, str(whole), ox.RdfFormat.N_TRIPLES)
        yield from _blocks(whole)
        return
    dumped = _graph_files(engine, store.graphs(), ox.RdfFormat.N_TRIPLES, None, scratch)
    for node, path in dumped:
        # Each N-Triples line ends " .\n" (a newline inside a literal is escaped).
        end = b" " + str(node).encode() + b" .\n"
        for block in _blocks(path):
            yield block.replace(b" .\n", end) if with_graph else block


def _trig(engine: ox.Store, names: list[str], out: IO[bytes], scratch: Path) -> None:
    """One block per graph: the writer's opening line for it, the engine's Turtle of the
    graph indented by a tab (the TriG writer's layout), then ``}``."""
    header = _prefix_lines(ox.RdfFormat.TRIG)
    turtle_header = _prefix_lines(ox.RdfFormat.TURTLE)
    started = False
    for node, path in _graph_files(engine, names, ox.RdfFormat.TURTLE, _PREFIXES, scratch):
        if not started:
            out.write(header)
            started = True
        out.write(_opening(node, ox.RdfFormat.TRIG))
        blocks = _blocks(path)
        first = next(blocks)
        if not first.startswith(turtle_header):
            raise RuntimeError(f"the engine's Turtle of <{node.value}> lacks the prefix lines")
        for block in _chained(first[len(turtle_header) :], blocks):
            out.write(b"\t" + block[:-1].replace(b"\n", b"\n\t") + b"\n")
        out.write(b"}\n")


def _jsonld(engine: ox.Store, names: list[str], out: IO[bytes], scratch: Path) -> None:
    """A JSON array of one object per graph: the writer's opening for it (its ``@id``), then
    the engine's JSON-LD array of the graph's nodes as its ``@graph``."""
    out.write(b"[")
    separator = b""
    for node, path in _graph_files(engine, names, ox.RdfFormat.JSON_LD, None, scratch):
        out.write(separator + _opening(node, ox.RdfFormat.JSON_LD))
        with path.open("rb") as graph:
            shutil.copyfileobj(graph, out, BLOCK_BYTES)
        out.write(b"}")
        separator = b","
    out.write(b"]")


def _opening(node: ox.NamedNode, fmt: ox.RdfFormat) -> bytes:
    """What the writer puts before a graph's triples: ``<g> {`` in TriG (abbreviated as the
    prefixes allow), ``{"@id":"g","@graph":`` in JSON-LD; taken from the writer itself."""
    text = ox.serialize([ox.Quad(node, node, node, node)], None, fmt, prefixes=_PREFIXES)
    if fmt == ox.RdfFormat.TRIG:
        return next(line for line in text.splitlines(keepends=True) if line.endswith(b" {\n"))
    start = text.index(b"{")
    return text[start : text.index(b'"@graph":') + len(b'"@graph":')]


def _prefix_lines(fmt: ox.RdfFormat) -> bytes:
    """The ``@prefix`` lines the Turtle or TriG writer opens a document with."""
    node = ox.NamedNode("urn:tdkt:export")
    text = ox.serialize([ox.Triple(node, node, node)], None, fmt, prefixes=_PREFIXES)
    return b"".join(line for line in text.splitlines(keepends=True) if line.startswith(b"@prefix"))


def _chained(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    if first:
        yield first
    yield from rest


def _graph_files(
    engine: ox.Store,
    names: list[str],
    fmt: ox.RdfFormat,
    prefixes: dict[str, str] | None,
    scratch: Path,
) -> Iterator[tuple[ox.NamedNode, Path]]:
    """Each non-empty named graph of ``names`` as the engine writes it in ``fmt``, in a
    scratch file removed once the caller moves on, in the order of ``names``.

    ``READERS`` threads dump graphs ahead of the caller (the engine does not hold the GIL
    while it reads and writes a file), at most ``AHEAD`` each, so the scratch space stays
    bounded by a few graphs."""
    empty = ox.serialize([], None, fmt) if fmt == ox.RdfFormat.JSON_LD else b""

    def dump(node: ox.NamedNode, path: Path) -> Path:
        engine.dump(str(path), fmt, from_graph=node, prefixes=prefixes)
        return path

    with ThreadPoolExecutor(READERS, thread_name_prefix="tdkt-export") as pool:
        pending: deque[tuple[ox.NamedNode, Future[Path]]] = deque()
        nodes = (ox.NamedNode(str(name)) for name in names)
        for index, node in enumerate(nodes):
            pending.append((node, pool.submit(dump, node, scratch / f"graph-{index}")))
            if len(pending) >= READERS * AHEAD:
                yield from _done(pending.popleft(), empty)
        while pending:
            yield from _done(pending.popleft(), empty)


def _done(
    item: tuple[ox.NamedNode, Future[Path]], empty: bytes
) -> Iterator[tuple[ox.NamedNode, Path]]:
    """The dumped graph once its reader is done, unless it holds nothing; then its file goes."""
    node, future = item
    path = future.result()
    if path.stat().st_size > len(empty):
        yield node, path
    path.unlink()


def _blocks(path: Path) -> Iterator[bytes]:
    """The file's bytes in blocks of whole lines (about ``BLOCK_BYTES`` each)."""
    with path.open("rb") as file:
        rest = b""
        while data := file.read(BLOCK_BYTES):
            data = rest + data
            cut = data.rfind(b"\n") + 1
            rest = data[cut:]
            if cut:
                yield data[:cut]
        if rest:
            yield rest


def sorted_lines(
    blocks: Iterable[bytes], out: IO[bytes], run_bytes: int = RUN_BYTES, unique: bool = False
) -> None:
    """Write the lines of ``blocks`` (each whole lines, ending in a newline) to ``out`` sorted
    (``unique``: each once), holding about ``run_bytes`` of them in memory at a time: sorted
    runs go to scratch files, then one merge reads them all back a line at a time."""
    with ExitStack() as stack:
        runs: list[IO[bytes]] = []
        batch: list[bytes] = []
        size = 0
        for block in blocks:
            batch.extend(block.splitlines(keepends=True))
            size += len(block)
            if size >= run_bytes:
                runs.append(_run(_ordered(batch, unique), stack))
                batch, size = [], 0
        batch = _ordered(batch, unique)
        if runs and batch:
            runs.append(_run(batch, stack))
        if len(runs) <= 1:
            out.writelines(runs[0] if runs else batch)
            return
        merged = heapq.merge(*runs)
        out.writelines(_distinct(merged) if unique else merged)


def _ordered(lines: list[bytes], unique: bool) -> list[bytes]:
    lines.sort()
    return list(dict.fromkeys(lines)) if unique else lines


def _distinct(lines: Iterator[bytes]) -> Iterator[bytes]:
    """Sorted lines without repeats."""
    previous = None
    for line in lines:
        if line != previous:
            yield line
        previous = line


def _run(lines: list[bytes], stack: ExitStack) -> IO[bytes]:
    run = stack.enter_context(tempfile.TemporaryFile())  # noqa: SIM115  (closed by the stack)
    run.writelines(lines)
    run.seek(0)
    return run
