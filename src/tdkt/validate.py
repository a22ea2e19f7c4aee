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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node
from rdflib.util import guess_format

from tdkt.errors import InputError
from tdkt.iris import SH
from tdkt.shacl import Result, ShaclError, Shapes
from tdkt.shacl import validate as run_shapes
from tdkt.shacl.data import MemoryData, OxigraphData
from tdkt.shacl.paths import to_text
from tdkt.shacl.report import from_graph
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
    """All findings; the data conforms when none is a Violation (warnings are allowed)."""

    conforms: bool
    findings: list[Finding]

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


def validate_store(store: Store, shapes: Graph | None = None) -> Report:
    """Validate the union of the store's named graphs, inside the store's own SPARQL engine."""
    shapes = load_shapes() if shapes is None else shapes
    return report_of(check_store(store, shapes), shapes)


def check_store(store: Store, shapes: Graph) -> list[Result]:
    """Raw results of the shapes on the store's data (for a standard report).

    An embedded store is queried through its open handle, in this process: the query guard's
    child process per query (for users' queries) would cost more than most of these queries.
    """
    raw = getattr(store, "raw", None)
    source = OxigraphData(raw(), union=True) if raw is not None else store
    return run_shapes(Shapes(shapes), source)


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
    return report_of(run_shapes(Shapes(shapes), memory), shapes)


def check_files(data: Sequence[Path], shapes: Path | None = None) -> tuple[list[Result], Graph]:
    """Raw results of validating RDF files, and the shapes graph (tdkt's own when None)."""
    graph = load_shapes() if shapes is None else parse_shapes(shapes)
    memory = MemoryData()
    for path in data:
        memory.add_file(Path(path))
    shapes_graph = memory.add_shapes_graph(graph)
    try:
        return run_shapes(Shapes(graph), memory, shapes_graph), graph
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
    findings = sorted(found, key=_order)
    return Report(conforms=not any(f.severity == "Violation" for f in findings), findings=findings)


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
