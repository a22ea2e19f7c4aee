"""A separate process for the concurrency tests: writes, reads in a loop, or holds a store.

    python concurrency_worker.py write STORE VARIANT [--wait]
    python concurrency_worker.py read STORE SECONDS     # prints one line per read, then "done"

Each variant is a deterministic dataset whose per-graph quad counts identify it, so a reader
can tell a whole generation from a mix. Exit 0 = ok, 3 = writer lock busy, 4 = inconsistent.
"""

from __future__ import annotations

import sys
import time

from rdflib import Graph, Literal, URIRef

from tdkt.errors import StoreError
from tdkt.loaders import NamedGraph
from tdkt.store.embedded import EmbeddedStore

VARIANTS = {"a": (4, 1500), "b": (3, 2500), "c": (6, 700)}  # graphs × triples per graph
COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def dataset(variant: str) -> list[NamedGraph]:
    graphs, triples = VARIANTS[variant]
    out = []
    for g in range(graphs):
        graph = Graph()
        for t in range(triples):
            graph.add((URIRef(f"urn:x:{variant}/{g}/{t}"), URIRef("urn:x:p"), Literal(t)))
        out.append(NamedGraph(URIRef(f"urn:g:{variant}/{g}"), graph, variant))
    return out


def expected() -> dict[str, dict[str, int]]:
    """Each variant's {graph IRI: quad count}."""
    return {
        v: {f"urn:g:{v}/{g}": triples for g in range(graphs)}
        for v, (graphs, triples) in VARIANTS.items()
    }


def which(counts: dict[str, int]) -> str | None:
    """The variant these counts are exactly, or None (a mix, a half-written store)."""
    return next((v for v, want in expected().items() if want == counts), None)


def read_counts(store: EmbeddedStore) -> dict[str, int]:
    return {str(g): int(n) for g, n in store.select(COUNTS).rows}


def write(path: str, variant: str, wait: bool) -> int:
    try:
        EmbeddedStore(path, wait=wait).replace_all(dataset(variant))
    except StoreError as e:
        print(f"busy: {e}", flush=True)
        return 3
    print(f"wrote {variant}", flush=True)
    return 0


def read_loop(path: str, seconds: float) -> int:
    end = time.monotonic() + seconds
    bad = 0
    while time.monotonic() < end:
        store = EmbeddedStore(path)
        try:
            counts = read_counts(store)
        finally:
            store.close()
        variant = which(counts)
        print(variant or f"MIX {sorted(counts.items())}", flush=True)
        bad += variant is None
    print("done", flush=True)
    return 4 if bad else 0


if __name__ == "__main__":
    command, store_path, arg = sys.argv[1:4]
    if command == "write":
        sys.exit(write(store_path, arg, "--wait" in sys.argv))
    sys.exit(read_loop(store_path, float(arg)))
