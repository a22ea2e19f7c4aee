"""Evaluate shapes over a SPARQL source, one query per constraint and shape.

Nodes are handed around as SPARQL patterns that bind ``?this`` (the focus nodes of a shape),
so a nested shape is checked on the value nodes of its parent inside the same query. Where a
constraint depends on another shape (``sh:node``, ``sh:not``, ``sh:and``/``or``/``xone``,
qualified shapes), the engine first finds the value nodes that do *not* conform (usually few)
and passes them back as a VALUES block: no query runs per focus node.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

from rdflib import Literal, URIRef
from rdflib.namespace import RDFS, SH
from rdflib.term import Identifier, Node

from tdkt.shacl import components, sparql
from tdkt.shacl.paths import to_sparql
from tdkt.shacl.shapes import ShaclError, Shapes
from tdkt.shacl.terms import unskolem
from tdkt.store.base import SelectResult


class Source(Protocol):
    """Where the data is: anything that runs a SELECT over the data graph (a tdkt store).
    A source whose blank nodes were turned into skolem IRIs says so with a true
    ``skolemised`` attribute; without one, there are none."""

    def select(self, query: str) -> SelectResult: ...


@dataclass(frozen=True)
class Result:
    """One validation result, as ``sh:ValidationResult`` names its parts."""

    focus: Identifier
    path: Node | None
    value: Identifier | None
    shape: Node
    component: Node
    severity: URIRef
    constraint: Node | None = None
    messages: tuple[Literal, ...] = ()


@dataclass(frozen=True)
class Context:
    """One shape applied to the focus nodes a pattern binds to ``?this``."""

    shape: Node
    focus: str  # a SPARQL group binding ?this
    path: str | None  # the shape's path in SPARQL, None for a node shape

    @property
    def step(self) -> str:
        """From a bound ``?this`` to each value node ``?value``."""
        return f"?this {self.path} ?value ." if self.path else "BIND (?this AS ?value)"

    @property
    def listed(self) -> bool:
        """Whether the focus nodes are listed one by one (an incremental run's, a
        ``sh:targetNode``'s, or nested in those): few, so looking up each one's values beats
        reading a whole property, which the queries for large sets of focus nodes do."""
        return "VALUES ?this" in self.focus

    @property
    def values(self) -> str:
        """Focus nodes and their value nodes (``?this``, ``?value``)."""
        return f"{self.focus}\n{self.step}"

    @property
    def has_value(self) -> str:
        """True when ``?value`` (bound) is a value node of ``?this`` (bound)."""
        return f"?this {self.path} ?value ." if self.path else "FILTER (sameTerm(?this, ?value))"

    def value_nodes(self) -> str:
        """The value nodes as a pattern binding ``?this``: the focus of a nested shape."""
        if not self.path:
            return self.focus
        return (
            "{ SELECT (?tdktValue AS ?this) WHERE { { SELECT DISTINCT ?tdktValue WHERE {\n"
            f"{self.focus}\n?this {self.path} ?tdktValue .\n}} }} }} }}"
        )


@dataclass
class Engine:
    """One validation run: the shapes, the data, and what nested shapes have already found."""

    shapes: Shapes
    source: Source
    shapes_graph: str | None = None  # the IRI of a named graph holding the shapes, if any
    # Class membership as the path rdf:type/rdfs:subClassOf* (Oxigraph: right, and several
    # times faster than the alternative) or as rdf:type over the subclasses read beforehand
    # (every engine: Virtuoso 7 answers that path wrongly once its subject is bound).
    class_paths: bool = False
    _memo: dict[tuple[Node, str], frozenset[Identifier]] = field(default_factory=dict)
    _active: list[Node] = field(default_factory=list)
    _meta: dict[tuple[Node, Node | None], tuple] = field(default_factory=dict)

    @cached_property
    def skolemised(self) -> bool:
        """Whether the data holds skolem IRIs that node-kind tests must count as blank."""
        return bool(getattr(self.source, "skolemised", False))

    def run(self) -> list[Result]:
        return [r for found in self.run_each().values() for r in found]

    def run_each(
        self, within: Mapping[Node, frozenset[Identifier]] | None = None
    ) -> dict[Node, list[Result]]:
        """The results of each targeted shape; a shape in ``within`` only on those of its
        focus nodes that are listed there (an incremental validation)."""
        found: dict[Node, list[Result]] = {}
        for shape in self.shapes.targeted():
            if within is not None and shape in within:
                nodes = within[shape]
                found[shape] = self.check(shape, components.targets(self, shape, nodes))
            else:
                found[shape] = self.check(shape, components.targets(self, shape))
        return found

    @cached_property
    def _subclasses(self) -> dict[Identifier, set[Identifier]]:
        """Direct subclasses of each class in the data, read in one query."""
        found: dict[Identifier, set[Identifier]] = defaultdict(set)
        query = f"SELECT DISTINCT ?sub ?super WHERE {{ ?sub {RDFS.subClassOf.n3()} ?super }}"
        for row in self.rows(query):
            found[row["super"]].add(row["sub"])
        return found

    def classes(self, cls: Node) -> frozenset[Identifier]:
        """``cls`` and its subclasses (``rdfs:subClassOf*``), from the data's class links."""
        found, todo = {cls}, [cls]
        while todo:
            for sub in self._subclasses.get(todo.pop(), ()):
                if sub not in found:
                    found.add(sub)
                    todo.append(sub)
        return frozenset(found)

    def rows(self, query: str) -> list[dict[str, Identifier | None]]:
        """Solutions of a SELECT, with skolem IRIs turned back into blank nodes."""
        result = self.source.select(query)
        return [
            {v: unskolem(t) for v, t in zip(result.variables, row, strict=True)}
            for row in result.rows
        ]

    def check(self, shape: Node, focus: str) -> list[Result]:
        """Every result of ``shape`` on the focus nodes ``focus`` binds."""
        if self.shapes.is_deactivated(shape):
            return []
        if shape in self._active:
            chain = " -> ".join(str(s) for s in [*self._active, shape])
            raise ShaclError(f"recursive shapes are not supported: {chain}")
        self._active.append(shape)
        try:
            return self._check(shape, focus)
        finally:
            self._active.pop()

    def _check(self, shape: Node, focus: str) -> list[Result]:
        path = self.shapes.path(shape)
        ctx = Context(
            shape, focus, to_sparql(self.shapes.graph, path) if path is not None else None
        )
        results = components.check_counts(self, ctx) + components.check_values(self, ctx)
        for parameter, check in components.CHECKS.items():
            for value in self.shapes.objects(shape, parameter):
                results += check(self, ctx, value)
        for child in self.shapes.objects(shape, SH.property):
            results += self.check(child, ctx.value_nodes())
        for constraint in self.shapes.objects(shape, SH.sparql):
            results += sparql.constraint(self, ctx, constraint)
        for component in self.shapes.components:
            results += sparql.component(self, ctx, component)
        return results

    def nonconforming(self, shape: Node, nodes: str) -> frozenset[Identifier]:
        """The nodes bound by ``nodes`` that do not conform to ``shape``."""
        key = (shape, nodes)
        if key not in self._memo:
            self._memo[key] = frozenset(r.focus for r in self.check(shape, nodes))
        return self._memo[key]

    def result(
        self,
        ctx: Context,
        component: Node,
        focus: Identifier,
        value: Identifier | None,
        *,
        path: Node | None = None,
        constraint: Node | None = None,
    ) -> Result:
        """A result of ``ctx``'s shape; the path defaults to the shape's own."""
        key = (ctx.shape, constraint)
        if key not in self._meta:  # read once per shape: results can number millions
            self._meta[key] = (
                self.shapes.path(ctx.shape),
                self.shapes.severity(ctx.shape),
                self.shapes.messages(constraint) or self.shapes.messages(ctx.shape),
            )
        own_path, severity, messages = self._meta[key]
        return Result(
            focus=focus,
            path=own_path if path is None else path,
            value=value,
            shape=ctx.shape,
            component=component,
            severity=severity,
            constraint=constraint,
            messages=messages,
        )


def validate(
    shapes: Shapes, source: Source, shapes_graph: str | None = None, *, class_paths: bool = False
) -> list[Result]:
    """Every validation result of the shapes on the source's data. ``class_paths`` only where
    the source is Oxigraph (see :class:`Engine`)."""
    return Engine(shapes, source, shapes_graph, class_paths=class_paths).run()
