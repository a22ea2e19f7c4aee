"""SHACL validation of the knowledge graph against ``ontology/shapes.ttl``.

pyshacl runs the core constraints on an in-memory rdflib graph (never on an oxrdflib store:
ten times slower), without inference: the shapes target the classes the data asserts.

SHACL-SPARQL constraints of shapes that target classes run as one query per constraint
(``$this`` joined with its target classes, the same meaning as pre-binding ``$this`` per focus
node) in an in-memory Oxigraph copy of the data. pyshacl re-parses such a query for every focus
node (0.01–0.14 s each) and rdflib's engine is slow on their joins: a synthetic graph of 10 k
triples took 175 s through pyshacl alone, 38 s with single rdflib queries, 3 s this way.
``reference=True`` runs everything through pyshacl; the tests check both paths agree.
Data must have no blank nodes (docs/model.md): the copy would rename them.

Messages come from the shapes graph, not from pyshacl's report, because pyshacl drops the
language tag of a SPARQL constraint's message; reading ``sh:message`` by language keeps both
the Vietnamese and the English text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from importlib.resources import files

from pyoxigraph import RdfFormat, Store
from pyshacl import validate as shacl_validate
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from tdkt.iris import SH

SHAPES_FILE = "shapes.ttl"
SEVERITIES = ("Violation", "Warning", "Info")
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_THIS = re.compile(r"\$this\b")


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


def validate(
    data: Graph,
    shapes: Graph | None = None,
    ontology: Graph | None = None,
    *,
    reference: bool = False,
) -> Report:
    """Validate ``data`` (the union of all named graphs) against the shapes.

    ``ontology``, when given, is added to a copy of the data so that ``sh:class`` also sees
    its subclass links; the shapes do not need it. ``reference`` runs every constraint
    through pyshacl (slow on SPARQL constraints; the oracle for the fast path).
    """
    shapes = load_shapes() if shapes is None else shapes
    graph = data if ontology is None else data + ontology
    compiled = [] if reference else _compilable(shapes)
    core = shapes
    if compiled:
        core = Graph() + shapes
        for shape, constraint in compiled:
            core.remove((shape, SH.sparql, constraint))
    _, report, _ = shacl_validate(
        graph, shacl_graph=core, inference="none", allow_warnings=True, inplace=True
    )
    found = {_finding(report, result, shapes) for result in report.objects(None, SH.result)}
    if compiled:
        store = _sparql_store(graph)
        for shape, constraint in compiled:
            found.update(_run_sparql_constraint(store, shapes, shape, constraint))
    findings = sorted(found, key=_order)
    return Report(conforms=not any(f.severity == "Violation" for f in findings), findings=findings)


# ---- SHACL-SPARQL constraints as one query each ---------------------------------------------


def _compilable(shapes: Graph) -> list[tuple[Node, Node]]:
    """(shape, constraint) pairs whose shape targets classes only and whose query can be joined."""
    pairs = []
    for shape, constraint in sorted(shapes.subject_objects(SH.sparql)):
        targets = {
            p for p, _ in shapes.predicate_objects(shape) if str(p).startswith(str(SH) + "target")
        }
        select = shapes.value(constraint, SH.select)
        if targets == {SH.targetClass} and select is not None and _WHERE.search(str(select)):
            pairs.append((shape, constraint))
    return pairs


def _sparql_store(graph: Graph) -> Store:
    """An in-memory Oxigraph copy of the data: rdflib's engine took minutes on these joins."""
    store = Store()
    store.load(graph.serialize(format="nt", encoding="utf-8"), format=RdfFormat.N_TRIPLES)
    return store


def _run_sparql_constraint(
    store: Store, shapes: Graph, shape: Node, constraint: Node
) -> list[Finding]:
    """Solutions of the constraint for every target node: ``$this`` becomes a joined ``?this``."""
    classes = " ".join(c.n3() for c in sorted(shapes.objects(shape, SH.targetClass)))
    target = (
        "{ VALUES ?tdktTargetClass { " + classes + " } "
        "?this <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
        "/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* ?tdktTargetClass . } "
    )
    text = _THIS.sub("?this", str(shapes.value(constraint, SH.select)))
    text = _WHERE.sub(lambda m: m.group(0) + " " + target, text, count=1)
    severity = shapes.value(shape, SH.severity) or SH.Violation
    messages = _messages(shapes, constraint) or _messages(shapes, shape)
    return [
        Finding(
            severity=_severity_name(severity),
            focus=solution["this"].value,
            path=_term_text(solution["path"]),
            value=_term_text(solution["value"]),
            shape=str(shape),
            message_vi=messages.get("vi", ""),
            message_en=messages.get("en", ""),
        )
        for solution in store.query(text, prefixes=_prefixes(shapes, constraint))
    ]


def _term_text(term) -> str | None:
    """An Oxigraph term as text (its IRI or lexical form), like ``_text`` for rdflib terms."""
    return None if term is None else term.value


def _prefixes(shapes: Graph, constraint: Node) -> dict[str, str]:
    """The ``sh:declare`` prefixes a constraint names through ``sh:prefixes``."""
    declared = {}
    for owner in shapes.objects(constraint, SH.prefixes):
        for declaration in shapes.objects(owner, SH.declare):
            prefix = shapes.value(declaration, SH.prefix)
            namespace = shapes.value(declaration, SH.namespace)
            declared[str(prefix)] = str(namespace)
    return declared


# ---- pyshacl's report as findings -------------------------------------------------------------


def _finding(report: Graph, result: Node, shapes: Graph) -> Finding:
    shape = report.value(result, SH.sourceShape)
    constraint = report.value(result, SH.sourceConstraint)
    messages = _messages(shapes, constraint) or _messages(shapes, shape)
    return Finding(
        severity=_severity_name(report.value(result, SH.resultSeverity)),
        focus=str(report.value(result, SH.focusNode)),
        path=_path_text(report, report.value(result, SH.resultPath)),
        value=_text(report.value(result, SH.value)),
        shape=str(shape),
        message_vi=messages.get("vi", ""),
        message_en=messages.get("en", ""),
    )


def _severity_name(severity: Node | None) -> str:
    return str(severity).removeprefix(str(SH))


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


def _path_text(report: Graph, path: Node | None) -> str | None:
    """A result path as text; an ``sh:alternativePath`` reads ``a | b`` (blank-node free)."""
    alternatives = report.value(path, SH.alternativePath) if path is not None else None
    if alternatives is None:
        return _text(path)
    return " | ".join(str(p) for p in Collection(report, alternatives))


def _order(finding: Finding) -> tuple:
    rank = SEVERITIES.index(finding.severity) if finding.severity in SEVERITIES else 3
    return (rank, finding.shape, finding.focus, finding.path or "", finding.value or "")
