"""SHACL validation of the knowledge graph against ``ontology/shapes.ttl``.

The shapes are compiled to SPARQL by :mod:`tdkt.shacl` and run where the data is: in the
store (:func:`validate_store`, nothing is read back into rdflib) or in an in-memory Oxigraph
loaded from RDF files or an rdflib graph. pyshacl stays the reference: ``reference=True`` runs
it instead, and :func:`findings_from_pyshacl` reads its report into the same findings, so the
two can be compared exactly (tests/test_shacl_differential.py, the benchmark).

Messages come from the shapes graph, not from a report, because pyshacl drops the language
tag of a SPARQL constraint's message; reading ``sh:message`` by language keeps both the
Vietnamese and the English text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS
from rdflib.term import Node
from rdflib.util import guess_format

from tdkt.errors import InputError
from tdkt.iris import SH
from tdkt.shacl import Result, ShaclError, Shapes, parallel, scope
from tdkt.shacl import validate as run_shapes
from tdkt.shacl.data import MemoryData, OxigraphData
from tdkt.shacl.engine import Engine, Source
from tdkt.shacl.paths import to_text
from tdkt.shacl.report import from_graph
from tdkt.shacl.terms import values
from tdkt.store.base import Store

SHAPES_FILE = "shapes.ttl"
SEVERITIES = ("Violation", "Warning", "Info")


@dataclass(frozen=True)
class Finding:
    """One validation result, in the terms a user reads."""

    severity: str  # "Violation" | "Warning" | "Info"
    focus: str
    path: str | None
    value: str | None
    shape: str
    message_vi: str
    message_en: str


@dataclass(frozen=True)
class Report:
    """All findings; the data conforms when none is a Violation (warnings are allowed).

    ``by_shape`` holds the findings of each targeted shape (by IRI) where the report comes from
    the store: what an incremental build keeps for the next one (:class:`Changes`).
    """

    conforms: bool
    findings: list[Finding]
    by_shape: Mapping[str, tuple[Finding, ...]] = field(default_factory=dict, compare=False)

    def counts(self) -> dict[str, int]:
        """Number of findings per severity, every severity present (zero when none)."""
        counted = Counter(f.severity for f in self.findings)
        return {severity: counted.get(severity, 0) for severity in SEVERITIES}


def load_shapes() -> Graph:
    """The SHACL shapes, read from the package data ``tdkt.ontology/shapes.ttl``."""
    text = files("tdkt.ontology").joinpath(SHAPES_FILE).read_text("utf-8")
    return Graph().parse(data=text, format="turtle")


def load_ontology() -> Graph:
    """Every ``tdkt.ontology/*.ttl`` except the shapes: the vocabulary and concept schemes."""
    graph = Graph()
    for resource in sorted(files("tdkt.ontology").iterdir(), key=lambda r: r.name):
        if resource.name.endswith(".ttl") and resource.name != SHAPES_FILE:
            graph.parse(data=resource.read_text("utf-8"), format="turtle")
    return graph


@dataclass(frozen=True)
class Changes:
    """What an incremental build changed, so that validation checks again only what that can
    affect: the subjects of every triple it added or removed, and the store's report before."""

    subjects: frozenset[URIRef]
    before: Mapping[str, tuple[Finding, ...]]


def validate_store(
    store: Store, shapes: Graph | None = None, *, changes: Changes | None = None, workers: int = 1
) -> Report:
    """Validate the union of the store's named graphs, inside the store's own SPARQL engine.

    With ``changes``, a shape whose reach is bounded (:mod:`tdkt.shacl.scope`) is checked only
    on the focus nodes within its reach of a changed subject, and keeps its findings from
    ``changes.before`` on the others; every other shape is checked in full. The findings are
    those a full validation gives (tests/test_incremental.py compares them).

    ``workers`` > 1 shares a full validation of an embedded store out between that many
    processes (:mod:`tdkt.shacl.parallel`): worth its start-up only on a large store.
    """
    shapes = load_shapes() if shapes is None else shapes
    source, on_oxigraph = _source(store)
    engine = Engine(Shapes(shapes), source, class_paths=on_oxigraph)
    targeted = engine.shapes.targeted()
    if changes is None or any(not isinstance(t, URIRef) for t in targeted):
        generation = getattr(store, "generation", None)
        if workers > 1 and generation is not None and all(isinstance(t, URIRef) for t in targeted):
            return _by_shape(parallel.run_each(str(generation), shapes, targeted, workers), shapes)
        return _by_shape(engine.run_each(), shapes)
    reaches = {t: scope.reach(engine.shapes, t) for t in targeted}
    known = {t: r for t, r in reaches.items() if r is not None and str(t) in changes.before}
    rings = scope.rings(source, changes.subjects, max(known.values(), default=0))
    report = _by_shape(engine.run_each({t: rings[r] for t, r in known.items()}), shapes)
    affected = {t: {str(n) for n in rings[r]} for t, r in known.items()}
    merged = dict(report.by_shape)
    for shape, nodes in affected.items():
        kept = [f for f in changes.before[str(shape)] if f.focus not in nodes]
        merged[str(shape)] = tuple(sorted({*kept, *merged[str(shape)]}, key=_order))
    return _report({f for found in merged.values() for f in found}, merged)


def changed_subjects(store: Store, graphs: Iterable[URIRef]) -> frozenset[URIRef] | None:
    """The subjects of the triples in ``graphs``; None when one of them states a class link
    (``rdfs:subClassOf``), which moves class targets everywhere: validate it all then."""
    graphs = sorted(set(graphs))
    if not graphs:
        return frozenset()
    listed = values("?g", graphs)
    links = f"SELECT ?s WHERE {{ {listed} GRAPH ?g {{ ?s {RDFS.subClassOf.n3()} ?o }} }} LIMIT 1"
    if store.select(links).rows:
        return None
    query = f"SELECT DISTINCT ?s WHERE {{ {listed} GRAPH ?g {{ ?s ?p ?o }} }}"
    return frozenset(row[0] for row in store.select(query).rows if isinstance(row[0], URIRef))


def check_store(store: Store, shapes: Graph) -> list[Result]:
    """Raw results of the shapes on the store's data (for a standard report).

    An embedded store is queried through its open handle, in this process: the query guard's
    child process per query (for users' queries) would cost more than most of these queries.
    """
    source, on_oxigraph = _source(store)
    return run_shapes(Shapes(shapes), source, class_paths=on_oxigraph)


def _source(store: Store) -> tuple[Source, bool]:
    """Where the engine's queries go, and whether that engine is Oxigraph (see
    :class:`tdkt.shacl.engine.Engine`): an embedded store's open handle, or the store."""
    raw = getattr(store, "raw", None)
    source = OxigraphData(raw(), union=True) if raw is not None else store
    endpoint = getattr(store, "endpoint", None)
    return source, raw is not None or getattr(endpoint, "engine", None) == "oxigraph"


def validate(
    data: Graph,
    shapes: Graph | None = None,
    ontology: Graph | None = None,
    *,
    reference: bool = False,
) -> Report:
    """Validate an rdflib graph (the union of all named graphs) against the shapes.

    ``ontology``, when given, is added to the data so that ``sh:class`` also sees its subclass
    links. ``reference`` runs pyshacl instead of the engine (the oracle of the tests).
    """
    shapes = load_shapes() if shapes is None else shapes
    if reference:
        results, report = pyshacl_results(data if ontology is None else data + ontology, shapes)
        return report_of(results, shapes, report)
    memory = MemoryData()
    memory.add_graph(data)
    if ontology is not None:
        memory.add_graph(ontology)
    return report_of(run_shapes(Shapes(shapes), memory, class_paths=True), shapes)


def check_files(data: Sequence[Path], shapes: Path | None = None) -> tuple[list[Result], Graph]:
    """Raw results of validating RDF files, and the shapes graph (tdkt's own when None)."""
    graph = load_shapes() if shapes is None else parse_shapes(shapes)
    memory = MemoryData()
    for path in data:
        memory.add_file(Path(path))
    shapes_graph = memory.add_shapes_graph(graph)
    try:
        return run_shapes(Shapes(graph), memory, shapes_graph, class_paths=True), graph
    except ShaclError as e:  # name the shapes file the user gave
        raise InputError(shapes or SHAPES_FILE, e.reason) from None


def parse_shapes(path: Path) -> Graph:
    """A shapes file, parsed by rdflib; a syntax error names the file."""
    try:
        return Graph().parse(path, format=guess_format(str(path)) or "turtle")
    except (SyntaxError, ValueError) as e:
        raise InputError(path, f"not valid RDF: {_one_line(e)}") from None
    except Exception as e:  # rdflib's parsers raise their own types (BadSyntax, …)
        if isinstance(e, OSError):
            raise
        raise InputError(path, f"not valid RDF: {_one_line(e)}") from None


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())


# ---- results as findings ----------------------------------------------------------------------


def report_of(results: Iterable[Result], shapes: Graph, report: Graph | None = None) -> Report:
    """Findings of engine or pyshacl results, sorted; paths are read from ``report`` if given."""
    paths_graph = shapes if report is None else report
    texts: dict[tuple, tuple[str | None, str, str]] = {}  # per (shape, constraint, path)
    found = set()
    for r in results:
        key = (r.shape, r.constraint, r.path)
        if key not in texts:
            messages = _messages(shapes, r.constraint) or _messages(shapes, r.shape)
            texts[key] = (
                to_text(paths_graph, r.path),
                messages.get("vi", ""),
                messages.get("en", ""),
            )
        path, vi, en = texts[key]
        found.add(
            Finding(
                severity=str(r.severity).removeprefix(str(SH)),
                focus=_text(r.focus) or "",
                path=path,
                value=_text(r.value),
                shape=str(r.shape),
                message_vi=vi,
                message_en=en,
            )
        )
    return _report(found)


def _report(found: Iterable[Finding], by_shape: Mapping | None = None) -> Report:
    findings = sorted(set(found), key=_order)
    conforms = not any(f.severity == "Violation" for f in findings)
    return Report(conforms=conforms, findings=findings, by_shape=by_shape or {})


def _by_shape(results: Mapping[Node, list[Result]], shapes: Graph) -> Report:
    """One report of every targeted shape's results, keeping each shape's findings apart."""
    by_shape = {str(s): tuple(report_of(found, shapes).findings) for s, found in results.items()}
    return _report({f for found in by_shape.values() for f in found}, by_shape)


def pyshacl_results(data: Graph, shapes: Graph) -> tuple[list[Result], Graph]:
    """pyshacl's results on ``data`` (no inference, so validating in place leaves it as it
    was and spares a copy), and its report graph."""
    from pyshacl import validate as shacl_validate

    _, graph, _ = shacl_validate(
        data, shacl_graph=shapes, inference="none", allow_warnings=True, inplace=True
    )
    return from_graph(graph)[1], graph


def findings_from_pyshacl(report: Graph, shapes: Graph) -> list[Finding]:
    """A pyshacl results graph as the same sorted findings :func:`validate_store` gives."""
    return report_of(from_graph(report)[1], shapes, report).findings


def same_report(a: Report, b: Report) -> bool:
    """Whether two reports hold exactly the same findings (and so the same verdict)."""
    return a.findings == b.findings and a.conforms == b.conforms


def _messages(shapes: Graph, node: Node | None) -> dict[str, str]:
    """The ``sh:message`` of a shape or constraint, by language tag."""
    if node is None:
        return {}
    return {
        m.language: str(m)
        for m in shapes.objects(node, SH.message)
        if isinstance(m, Literal) and m.language
    }


def _text(node: Node | None) -> str | None:
    """A value as text: an IRI or a literal's lexical form."""
    if node is None:
        return None
    return str(node) if isinstance(node, URIRef | Literal) else node.n3()


def _order(finding: Finding) -> tuple:
    rank = SEVERITIES.index(finding.severity) if finding.severity in SEVERITIES else 3
    return (rank, finding.shape, finding.focus, finding.path or "", finding.value or "")
