"""The build pipeline: ontology + reference tables + articles → a fresh store, then SHACL.

Everything is read and converted in memory first, so a malformed table row aborts the build
before the store is touched; the store is then replaced as a whole (``Store.replace_all``),
so an interrupted build leaves the previous store as it was. An article that cannot be read
is skipped and reported (it does not abort), and makes the build's outcome a failure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph, URIRef

from tdkt.loaders import NamedGraph

if TYPE_CHECKING:
    from tdkt.store.base import Store
    from tdkt.validate import Report

# progress(step description, steps done, total steps)
Progress = Callable[[str, int, int], None]

STEPS = ("ontology", "reference tables", "articles", "store", "validation")


@dataclass(frozen=True)
class GraphSummary:
    iri: URIRef
    origin: str
    triples: int


@dataclass(frozen=True)
class SkippedFile:
    path: str
    reason: str


@dataclass
class BuildSummary:
    """What a build loaded, what it skipped and what SHACL found."""

    store: str
    graphs: list[GraphSummary] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)
    violations: int = 0
    warnings: int = 0
    infos: int = 0

    @property
    def triples(self) -> int:
        return sum(g.triples for g in self.graphs)

    @property
    def ok(self) -> bool:
        """True when nothing was skipped and SHACL found no violation (warnings are fine)."""
        return not self.skipped and self.violations == 0


def validate_graphs(graphs: Iterable[NamedGraph]) -> Report:
    """SHACL over the union of the data graphs; the ontology graph goes in apart (``ontology``)."""
    from tdkt import iris, validate

    data, ontology = Graph(), Graph()
    for named in graphs:
        if named.iri == iris.ontology_graph():
            ontology += named.graph
        else:
            data += named.graph
    return validate.validate(data, ontology=ontology if len(ontology) else None)


def stored_graphs(store: Store) -> list[NamedGraph]:
    """The store's named graphs read back, so SHACL checks what users query and export.

    A build validates these, not the graphs it has just loaded, so that it reports exactly
    what ``tdkt validate`` (which has only the store) reports. The two can differ: Oxigraph
    keeps a typed literal in canonical form (``"01"^^xsd:integer`` reads back as ``"1"``,
    ``"1"^^xsd:boolean`` as ``"true"``, ``xsd:nonNegativeInteger`` as ``xsd:integer``).
    """
    from tdkt.export import graphs_of

    return [NamedGraph(iri, graph, str(iri)) for iri, graph in graphs_of(store).items()]


def load_sources(
    corpus_dirs: Iterable[Path] = (),
    data_dir: Path | None = None,
    progress: Progress | None = None,
) -> tuple[list[NamedGraph], list[SkippedFile]]:
    """Every named graph the build stores, in a stable order, and the skipped articles."""
    from tdkt import iris, validate
    from tdkt.loaders.tables import load_tables

    step = progress or (lambda *_: None)
    step(STEPS[0], 0, len(STEPS))
    graphs = [NamedGraph(iris.ontology_graph(), validate.load_ontology(), "ontology")]
    step(STEPS[1], 1, len(STEPS))
    graphs += load_tables(data_dir)
    step(STEPS[2], 2, len(STEPS))
    dirs = [Path(d) for d in corpus_dirs]
    skipped: list[SkippedFile] = []
    if dirs:
        from tdkt.loaders.articles import load_corpus

        corpus = load_corpus(dirs)
        graphs += corpus.graphs
        skipped = [SkippedFile(str(s.path), s.reason) for s in corpus.skipped]
    return sorted(graphs, key=lambda g: str(g.iri)), skipped


def build(
    store_path: str | Path,
    corpus_dirs: Iterable[Path] = (),
    data_dir: Path | None = None,
    progress: Progress | None = None,
) -> BuildSummary:
    """Load, replace the store at ``store_path`` as a whole, validate; return the summary."""
    from tdkt.store.open import open_store

    step = progress or (lambda *_: None)
    graphs, skipped = load_sources(corpus_dirs, data_dir, progress)
    step(STEPS[3], 3, len(STEPS))
    store = open_store(store_path)
    try:
        store.replace_all(graphs)
        step(STEPS[4], 4, len(STEPS))
        counts = validate_graphs(stored_graphs(store)).counts()
    finally:
        store.close()
    step("done", len(STEPS), len(STEPS))
    return BuildSummary(
        store=str(store_path),
        graphs=[GraphSummary(g.iri, g.origin, len(g.graph)) for g in graphs],
        skipped=skipped,
        violations=counts["Violation"],
        warnings=counts["Warning"],
        infos=counts["Info"],
    )
