"""Write the whole store as ttl, trig, nq or jsonld, streaming, the same bytes for the same store.

The engine's own serialisers (pyoxigraph ``serialize``) write the quads as the store yields
them, graph by graph in IRI order, so memory stays constant however big the store is:

- ``nq``: N-Quads lines, sorted (by code point: an external merge sort through scratch files,
  so only one chunk of lines is in memory at a time).
- ``ttl``: every named graph merged into one graph of triples (Turtle has no graphs), each
  triple once (the same external sort, on N-Triples lines), subjects in N-Triples order.
- ``trig``: one ``GRAPH`` block per named graph, prefixes declared once at the top.
- ``jsonld``: one named-graph object per graph, in graph order (pyoxigraph's JSON-LD writer).

Within a graph the order is the engine's. The embedded store's is its index order, a function
of the stored terms alone, so the same store gives the same bytes in any process; a remote
engine's is the order it sends its answer in (read as it arrives, never held whole). N-Quads
and Turtle are sorted, so they are the same bytes from any store holding the same quads.
"""

from __future__ import annotations

import heapq
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from typing import IO

import pyoxigraph as ox

from tdkt import iris
from tdkt.store.base import Store

FORMATS = ("ttl", "trig", "nq", "jsonld")
SORT_CHUNK_LINES = 200_000  # lines sorted in memory at once by the N-Quads writer

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


def triples(store: Store) -> Iterator[ox.Triple]:
    """The union of the named graphs, each triple once, in N-Triples order: deduplicated by
    the same external sort as N-Quads (the engine's union query keeps a set in memory)."""
    with tempfile.TemporaryFile() as unsorted, tempfile.TemporaryFile() as merged:
        every = (ox.Triple(q.subject, q.predicate, q.object) for q in quads(store))
        ox.serialize(every, unsorted, ox.RdfFormat.N_TRIPLES)
        unsorted.seek(0)
        sorted_lines(unsorted, merged, unique=True)
        merged.seek(0)
        yield from ox.parse(merged, ox.RdfFormat.N_TRIPLES)


def sorted_lines(
    lines: Iterable[bytes], out: IO[bytes], chunk: int = SORT_CHUNK_LINES, unique: bool = False
) -> None:
    """Write ``lines`` to ``out`` sorted (``unique``: each once), holding at most ``chunk`` of
    them in memory: sorted runs go to scratch files, then one merge reads them all back a line
    at a time."""
    with ExitStack() as stack:
        runs: list[IO[bytes]] = []
        batch: list[bytes] = []
        for line in lines:
            batch.append(line)
            if len(batch) >= chunk:
                runs.append(_run(sorted(batch), stack))
                batch = []
        batch.sort()
        if runs:
            runs.append(_run(batch, stack))
        merged = heapq.merge(*runs) if runs else iter(batch)
        out.writelines(_distinct(merged) if unique else merged)


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


def export(store: Store, stream: IO[bytes], fmt: str) -> None:
    """Serialise the store to ``stream`` (binary) in ``fmt`` (one of ``FORMATS``)."""
    if fmt not in _FORMAT:
        raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    if fmt == "nq":
        with tempfile.TemporaryFile() as unsorted:
            ox.serialize(quads(store), unsorted, _FORMAT[fmt])
            unsorted.seek(0)
            sorted_lines(unsorted, stream)
        return
    source = triples(store) if fmt == "ttl" else quads(store)
    prefixes = _PREFIXES if fmt != "jsonld" else None
    ox.serialize(source, stream, _FORMAT[fmt], prefixes=prefixes)
