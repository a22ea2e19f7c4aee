"""The build pipeline: ontology + reference tables + articles → the store, then SHACL.

Everything streams through one N-Quads file next to the store: the ontology and tables first
(a malformed table row aborts the build before the store is touched), then each article as a
worker process extracts it. The store is then written in one go:

- a **full** build (no manifest yet, ``full=True``, or the code, tables or ontology changed)
  bulk-loads the file into a fresh directory and swaps it in (``replace_all_from_file``);
- an **incremental** build (the default when the manifest allows it) extracts only new or
  changed articles and replaces only their named graphs, dropping those of removed articles,
  in one store transaction (``update_graphs``).

Either way an interrupted build leaves the previous store as it was. An article that cannot
be read is skipped and reported (it does not abort) and makes the build's outcome a failure.
People who share a name but are tied to different provinces, or whose spellings differ by a
diacritic with nothing tying them, get distinct keys across the whole corpus (the manifest
keeps what that rule reads of each article); an article whose renames change because another
article arrived is redone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph, URIRef

from tdkt import manifest
from tdkt.extraction import Extracted, Job, extract_all, to_nquads
from tdkt.loaders import NamedGraph
from tdkt.manifest import GraphRecord, Manifest, SourceRecord
from tdkt.spool import Spool, remove_stale, spool_file

if TYPE_CHECKING:
    from tdkt.store.base import Store
    from tdkt.validate import Changes, Report

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
    full: bool = True  # False: only ``extracted`` articles were redone
    extracted: int = 0
    unread: dict[str, int] = field(default_factory=dict)  # article -> sentences read in vain

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


def shacl_report(store: Store, changes: Changes | None = None) -> Report:
    """SHACL on what the store holds (inside the store); with ``changes``, only what the
    changed graphs can affect is checked again (:func:`tdkt.validate.validate_store`)."""
    from tdkt import validate

    return validate.validate_store(store, changes=changes)


def fixed_graphs(
    data_dir: Path | None = None, progress: Progress | None = None
) -> list[NamedGraph]:
    """The ontology and every reference table, each its own named graph."""
    from tdkt import iris, validate
    from tdkt.loaders.tables import load_tables

    step = progress or (lambda *_: None)
    step(STEPS[0], 0, len(STEPS))
    graphs = [NamedGraph(iris.ontology_graph(), validate.load_ontology(), "ontology")]
    step(STEPS[1], 1, len(STEPS))
    return graphs + load_tables(data_dir)


def load_sources(
    corpus_dirs: Iterable[Path] = (),
    data_dir: Path | None = None,
    progress: Progress | None = None,
) -> tuple[list[NamedGraph], list[SkippedFile]]:
    """Every named graph a build stores, in memory and in a stable order (for tests and small
    corpora: ``build`` streams instead), and the skipped articles."""
    graphs = fixed_graphs(data_dir, progress)
    (progress or (lambda *_: None))(STEPS[2], 2, len(STEPS))
    dirs = [Path(d) for d in corpus_dirs]
    skipped: list[SkippedFile] = []
    if dirs:
        from tdkt.loaders.articles import load_corpus

        corpus = load_corpus(dirs)
        graphs += corpus.graphs
        skipped = [SkippedFile(str(s.path), s.reason) for s in corpus.skipped]
    return sorted(graphs, key=lambda g: str(g.iri)), skipped


# --- the streaming build ---------------------------------------------------------------------


def article_paths(corpus_dirs: Iterable[Path]) -> list[Path]:
    from tdkt.loaders.articles.corpus import article_files

    dirs = [Path(d) for d in corpus_dirs]
    return [p.resolve() for p in article_files(dirs)] if dirs else []


def _record(result: Extracted, renames: dict[str, str]) -> SourceRecord:
    return SourceRecord(
        sha256=result.sha256,
        graph=result.graph,
        triples=result.triples,
        seen=result.seen,
        renames=renames,
        skipped=result.skipped,
        unread=result.unread,
    )


def _extract_into(
    spool: Spool, jobs: list[Job], workers: int | None, records: dict[str, SourceRecord]
) -> None:
    renames = {job.path: dict(job.renames) for job in jobs}
    for result in extract_all(jobs, workers):
        if result.nquads:
            spool.write(result.nquads, result.path)
        records[str(result.path)] = _record(result, renames[result.path])


def build(
    store_path: str | Path,
    corpus_dirs: Iterable[Path] = (),
    data_dir: Path | None = None,
    progress: Progress | None = None,
    *,
    full: bool = False,
    workers: int | None = None,
) -> BuildSummary:
    """Build or update the store at ``store_path``, validate it, and return the summary.

    Incremental unless ``full`` or the manifest is missing or stale (see the module doc).
    """
    from tdkt.store.layout import writing
    from tdkt.store.open import is_remote

    fixed = fixed_graphs(data_dir, progress)
    if is_remote(store_path):  # the endpoint guards its own writes; no manifest: always full
        args = (corpus_dirs, data_dir, progress, True, workers)
        return _build_locked(str(store_path), None, fixed, *args)
    local = Path(store_path)
    with writing(local):
        remove_stale(local)
        return _build_locked(local, local, fixed, corpus_dirs, data_dir, progress, full, workers)


def _build_locked(
    location: str | Path,
    local: Path | None,
    fixed: list[NamedGraph],
    corpus_dirs: Iterable[Path],
    data_dir: Path | None,
    progress: Progress | None,
    full: bool,
    workers: int | None,
) -> BuildSummary:
    """The build, holding the store's writer lock (so the manifest cannot change under it);
    ``local`` is the store's directory, None for a remote endpoint."""
    from tdkt.store.open import open_store

    step = progress or (lambda *_: None)
    step(STEPS[2], 2, len(STEPS))
    paths = article_paths(corpus_dirs)
    stamp = manifest.fingerprint(data_dir)
    store = open_store(location)
    previous = None if full or local is None or not store.exists() else manifest.read(local)
    if previous is not None and previous.fingerprint != stamp:
        previous = None
    todo, removed = manifest.changed(previous, paths)
    records = {} if previous is None else dict(previous.sources)
    for key in removed:
        del records[key]
    try:
        with spool_file(local) as handle:
            spool = Spool(handle)
            if previous is None:
                for named in fixed:
                    spool.write(to_nquads(named))
            _extract_into(spool, [Job(p) for p in todo], workers, records)
            renames = manifest.renames_of(records)
            redo = [Path(k) for k, r in records.items() if r.renames != renames[k]]
            cuts = [spool.ranges.pop(p) for p in redo if p in spool.ranges]
            _extract_into(spool, [Job(p, renames[str(p)]) for p in redo], workers, records)
            step(STEPS[3], 3, len(STEPS))
            old, new = _replaced(previous, records, removed, todo + redo)
            before = _subjects(store, previous, old)
            with spool_file(local) as final:
                if cuts:
                    spool.copy_without(cuts, final)
                    source = final
                else:
                    source = handle
                source.flush()
                _write_store(store, previous is None, Path(source.name), old + new)
        step(STEPS[4], 4, len(STEPS))
        changes = _changes(previous, before, _subjects(store, previous, new))
        report = shacl_report(store, changes)
        counts = report.counts()
        fixed_records = tuple(GraphRecord(str(g.iri), g.origin, len(g.graph)) for g in fixed)
        if local is not None:
            by_shape = {k: tuple(asdict(f) for f in v) for k, v in report.by_shape.items()}
            manifest.write(local, Manifest(stamp, fixed_records, records, by_shape or None))
    finally:
        store.close()
    step("done", len(STEPS), len(STEPS))
    return _summary(str(location), fixed_records, records, counts, previous is None, len(todo))


def _replaced(
    previous: Manifest | None,
    records: dict[str, SourceRecord],
    removed: list[str],
    redone: list[Path],
) -> tuple[list[URIRef], list[URIRef]]:
    """The graphs an incremental build drops (of removed and redone articles, as they were)
    and those it writes (of redone articles)."""
    if previous is None:
        return [], []
    old = [previous.sources[k].graph for k in removed]
    old += [previous.sources[str(p)].graph for p in redone if str(p) in previous.sources]
    new = [records[str(p)].graph for p in redone]
    return [URIRef(g) for g in old if g], [URIRef(g) for g in new if g]


def _write_store(store: Store, full: bool, nquads: Path, replaced: list[URIRef]) -> None:
    """One bulk load into a fresh store (full build) or one transaction (incremental) that
    replaces the graphs of redone articles and drops those of removed ones."""
    if full:
        store.replace_all_from_file(nquads)
    else:
        store.update_graphs(sorted(set(replaced)), nquads)


def _subjects(
    store: Store, previous: Manifest | None, graphs: list[URIRef]
) -> frozenset[URIRef] | None:
    """The subjects of ``graphs`` as the store now holds them; None when the next validation
    must be full anyway (a full build, or no findings kept from the last one)."""
    from tdkt.validate import changed_subjects

    if previous is None or previous.findings is None:
        return None
    return changed_subjects(store, graphs)


def _changes(
    previous: Manifest | None,
    before: frozenset[URIRef] | None,
    after: frozenset[URIRef] | None,
) -> Changes | None:
    """What the validation may take as unchanged: nothing unless both sides are known."""
    from tdkt.validate import Changes, Finding

    if previous is None or previous.findings is None or before is None or after is None:
        return None
    kept = {k: tuple(Finding(**f) for f in v) for k, v in previous.findings.items()}
    return Changes(before | after, kept)


def _summary(
    location: str,
    fixed: tuple[GraphRecord, ...],
    records: dict[str, SourceRecord],
    counts: dict[str, int],
    full: bool,
    extracted: int,
) -> BuildSummary:
    graphs = [GraphSummary(URIRef(g.graph), g.origin, g.triples) for g in fixed]
    graphs += [
        GraphSummary(URIRef(r.graph), path, r.triples) for path, r in records.items() if r.graph
    ]
    return BuildSummary(
        store=location,
        graphs=sorted(graphs, key=lambda g: str(g.iri)),
        skipped=[SkippedFile(path, r.skipped) for path, r in sorted(records.items()) if r.skipped],
        violations=counts["Violation"],
        warnings=counts["Warning"],
        infos=counts["Info"],
        full=full,
        extracted=extracted,
        unread={path: r.unread for path, r in sorted(records.items()) if r.unread},
    )
