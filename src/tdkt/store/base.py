"""The one small interface between tdkt and a triple store.

Two implementations sit behind it: embedded Oxigraph on disk (the default, ``embedded``) and
any SPARQL 1.1 engine (``remote``). Query text comes from ``queries/*.rq``; parameters arrive as
RDF terms in ``bindings`` and are bound as a leading VALUES block of escaped terms
(``prebind``), never pasted into the text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from rdflib import Graph, URIRef
from rdflib.term import Identifier

from tdkt.loaders import NamedGraph


@dataclass(frozen=True)
class SelectResult:
    """Rows of a SELECT: ``variables`` in query order, each row a tuple (None = unbound)."""

    variables: list[str]
    rows: list[tuple[Identifier | None, ...]]


class Store(Protocol):
    def select(self, query: str, bindings: Mapping[str, Identifier] | None = None) -> SelectResult:
        """Run a SELECT over the union of all named graphs."""

    def ask(self, query: str, bindings: Mapping[str, Identifier] | None = None) -> bool:
        """Run an ASK over the union of all named graphs."""

    def construct(self, query: str, bindings: Mapping[str, Identifier] | None = None) -> Graph:
        """Run a CONSTRUCT or DESCRIBE over the union of all named graphs."""

    def replace_graph(self, graph: NamedGraph) -> None:
        """Replace one named graph, atomically: readers see the old or the new, never half."""

    def replace_all(self, graphs: Iterable[NamedGraph]) -> None:
        """Replace the whole store with these graphs; a failure leaves the old store intact."""

    def replace_all_from_file(self, nquads: Path) -> None:
        """Replace the whole store with the graphs of an N-Quads file, streamed; a failure
        leaves the old store intact."""

    def update_graphs(self, remove: Iterable[URIRef], nquads: Path | None) -> None:
        """Drop the graphs ``remove`` and load those of ``nquads``, as one unit; other graphs
        stay as they are."""

    def graphs(self) -> list[URIRef]:
        """The named graphs the store holds."""

    def quads(self, graph: URIRef | None = None) -> Iterable[tuple]:
        """Every (s, p, o, g) as rdflib terms, optionally of one graph (for export and SHACL)."""

    def close(self) -> None:
        """Release the store (file locks)."""
