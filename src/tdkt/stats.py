"""How big the store is: named graphs, triples, instances per class and triples per graph."""

from __future__ import annotations

from dataclasses import dataclass

from tdkt.store.base import Store


@dataclass(frozen=True)
class Stats:
    graphs: int
    triples: int
    per_graph: list[tuple[str, int]]  # graph IRI, triples
    per_class: list[tuple[str, int]]  # class IRI, distinct instances


def _counts(store: Store, name: str) -> list[tuple[str, int]]:
    from tdkt import catalogue

    result = catalogue.run(store, catalogue.named(name))
    return [(str(key), int(count)) for key, count in result.rows]


def stats(store: Store) -> Stats:
    """Counts from the store itself (two named queries: graph-counts, class-counts)."""
    per_graph = _counts(store, "graph-counts")
    return Stats(
        graphs=len(store.graphs()),
        triples=sum(n for _, n in per_graph),
        per_graph=per_graph,
        per_class=_counts(store, "class-counts"),
    )
