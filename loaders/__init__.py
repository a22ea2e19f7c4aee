"""Loaders turn sources into RDF: one named graph per source (see docs/model.md).

- ``tables``: the reference tables in ``data/*.csv``.
- ``articles``: news articles (plain text or HTML) from any corpus directory.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, URIRef


@dataclass(frozen=True)
class NamedGraph:
    """One source's triples and the named graph they live in; re-loading replaces exactly it."""

    iri: URIRef
    graph: Graph
    origin: str  # what it was read from (a path), for summaries and errors
