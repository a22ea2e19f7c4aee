"""The shapes graph read as the engine needs it: shapes, targets, constraints, components.

Anything in the SHACL namespace on a shape that the engine does not implement (SHACL-AF rules,
``sh:target`` SPARQL targets, expressions, …) is an error, so no constraint is ever skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD
from rdflib.term import Node

from tdkt.errors import InputError

TARGETS = (SH.targetNode, SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf)

# Core parameter -> its constraint component, in the order constraints are checked.
CORE = {
    SH["class"]: SH.ClassConstraintComponent,
    SH.datatype: SH.DatatypeConstraintComponent,
    SH.nodeKind: SH.NodeKindConstraintComponent,
    SH.minCount: SH.MinCountConstraintComponent,
    SH.maxCount: SH.MaxCountConstraintComponent,
    SH.minExclusive: SH.MinExclusiveConstraintComponent,
    SH.minInclusive: SH.MinInclusiveConstraintComponent,
    SH.maxExclusive: SH.MaxExclusiveConstraintComponent,
    SH.maxInclusive: SH.MaxInclusiveConstraintComponent,
    SH.minLength: SH.MinLengthConstraintComponent,
    SH.maxLength: SH.MaxLengthConstraintComponent,
    SH.pattern: SH.PatternConstraintComponent,
    SH.languageIn: SH.LanguageInConstraintComponent,
    SH.uniqueLang: SH.UniqueLangConstraintComponent,
    SH.equals: SH.EqualsConstraintComponent,
    SH.disjoint: SH.DisjointConstraintComponent,
    SH.lessThan: SH.LessThanConstraintComponent,
    SH.lessThanOrEquals: SH.LessThanOrEqualsConstraintComponent,
    SH["not"]: SH.NotConstraintComponent,
    SH["and"]: SH.AndConstraintComponent,
    SH["or"]: SH.OrConstraintComponent,
    SH.xone: SH.XoneConstraintComponent,
    SH.node: SH.NodeConstraintComponent,
    SH.qualifiedValueShape: SH.QualifiedMinCountConstraintComponent,  # and …MaxCount…
    SH.closed: SH.ClosedConstraintComponent,
    SH.hasValue: SH.HasValueConstraintComponent,
    SH["in"]: SH.InConstraintComponent,
}

# SHACL terms on a shape that are not constraints of their own.
NOT_CONSTRAINTS = {
    *TARGETS,
    SH.path,
    SH.property,
    SH.sparql,
    SH.severity,
    SH.message,
    SH.deactivated,
    SH.name,
    SH.description,
    SH.order,
    SH.group,
    SH.defaultValue,
    SH.flags,
    SH.ignoredProperties,
    SH.qualifiedMinCount,
    SH.qualifiedMaxCount,
    SH.qualifiedValueShapesDisjoint,
    SH.declare,
    SH.prefixes,
    SH.select,
    SH.shapesGraph,
    SH.suggestedShapesGraph,
}

SHAPE_REFERENCES = (SH.node, SH.property, SH["not"], SH.qualifiedValueShape)
SHAPE_LISTS = (SH["and"], SH["or"], SH.xone)


def is_true(value: Node | None) -> bool:
    """Whether a parameter is the literal ``true`` (SHACL does not read "1" as true)."""
    return isinstance(value, Literal) and value.datatype == XSD.boolean and str(value) == "true"


class ShaclError(InputError):
    """A shapes graph the engine cannot evaluate faithfully (an unsupported or broken shape)."""

    def __init__(self, reason: str) -> None:
        super().__init__("shapes", reason)


@dataclass(frozen=True)
class Component:
    """A SPARQL-based constraint component declared in the shapes graph."""

    iri: Node
    parameters: tuple[URIRef, ...]  # every parameter's path
    optional: frozenset[URIRef]


class Shapes:
    """A shapes graph and what the engine asks of it."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self._check_supported()

    # which nodes are shapes

    @cached_property
    def all(self) -> set[Node]:
        g = self.graph
        nodes = set(g.subjects(RDF.type, SH.NodeShape)) | set(
            g.subjects(RDF.type, SH.PropertyShape)
        )
        for predicate in (*TARGETS, SH.sparql):
            nodes |= set(g.subjects(predicate, None))
        for predicate in SHAPE_REFERENCES:
            nodes |= set(g.objects(None, predicate))
        for predicate in SHAPE_LISTS:
            for head in g.objects(None, predicate):
                nodes |= set(self.members(head))
        nodes |= {s for s in g.subjects(SH.path, None) if not self._is_parameter(s)}
        return nodes

    def _is_parameter(self, node: Node) -> bool:
        return (None, SH.parameter, node) in self.graph or (
            node,
            RDF.type,
            SH.Parameter,
        ) in self.graph

    def targeted(self) -> list[Node]:
        """Shapes with a target (explicit or an implicit class target), in a stable order."""
        g = self.graph
        found = {s for s in self.all if any(g.value(s, t) is not None for t in TARGETS)}
        found |= {s for s in self.all if (s, RDF.type, RDFS.Class) in g}
        return sorted(found, key=lambda n: (isinstance(n, URIRef) is False, str(n)))

    # properties of one shape

    def path(self, shape: Node) -> Node | None:
        return self.graph.value(shape, SH.path)

    def is_deactivated(self, shape: Node) -> bool:
        return is_true(self.graph.value(shape, SH.deactivated))

    def severity(self, shape: Node) -> URIRef:
        return self.graph.value(shape, SH.severity) or SH.Violation

    def messages(self, node: Node | None) -> tuple[Literal, ...]:
        if node is None:
            return ()
        return tuple(
            sorted(m for m in self.graph.objects(node, SH.message) if isinstance(m, Literal))
        )

    def members(self, head: Node) -> list[Node]:
        try:
            return list(Collection(self.graph, head))
        except Exception as e:  # a broken list: name it rather than guess
            raise ShaclError(f"malformed RDF list {head.n3()} in the shapes graph: {e}") from e

    def objects(self, shape: Node, predicate: URIRef) -> list[Node]:
        return sorted(self.graph.objects(shape, predicate), key=str)

    def value(self, shape: Node, predicate: URIRef) -> Node | None:
        return self.graph.value(shape, predicate)

    def siblings(self, shape: Node) -> list[Node]:
        """The qualified value shapes of a property shape's siblings (for disjointness)."""
        own = self.graph.value(shape, SH.qualifiedValueShape)
        found = set()
        for parent in self.graph.subjects(SH.property, shape):
            for sibling in self.graph.objects(parent, SH.property):
                found |= set(self.graph.objects(sibling, SH.qualifiedValueShape))
        found.discard(own)
        return sorted(found, key=str)

    # SPARQL-based constraint components

    @cached_property
    def components(self) -> list[Component]:
        g = self.graph
        kinds = {SH.ConstraintComponent} | set(
            g.transitive_subjects(RDFS.subClassOf, SH.ConstraintComponent)
        )
        found = []
        for node in sorted({c for k in kinds for c in g.subjects(RDF.type, k)}, key=str):
            if node in CORE.values():
                continue
            paths, optional = [], set()
            for parameter in g.objects(node, SH.parameter):
                path = g.value(parameter, SH.path)
                if not isinstance(path, URIRef):
                    raise ShaclError(
                        f"parameter {parameter.n3()} of {node.n3()} needs an IRI sh:path"
                    )
                paths.append(path)
                flag = g.value(parameter, SH.optional)
                if isinstance(flag, Literal) and flag.toPython() is True:
                    optional.add(path)
            found.append(Component(node, tuple(sorted(paths)), frozenset(optional)))
        return found

    def prefixes(self, node: Node) -> dict[str, str]:
        """The ``sh:declare`` prefixes a SPARQL constraint or validator names (``sh:prefixes``)."""
        declared = {}
        owners = set(self.graph.objects(node, SH.prefixes))
        for owner in list(owners):
            owners |= set(self.graph.transitive_objects(owner, OWL.imports))
        for owner in owners:
            for declaration in self.graph.objects(owner, SH.declare):
                prefix = self.graph.value(declaration, SH.prefix)
                namespace = self.graph.value(declaration, SH.namespace)
                if prefix is None or namespace is None:
                    raise ShaclError(f"sh:declare of {owner.n3()} lacks sh:prefix or sh:namespace")
                declared[str(prefix)] = str(namespace)
        return declared

    # refusing what is not implemented

    def _check_supported(self) -> None:
        parameters = {p for c in self.components for p in c.parameters}
        for shape in self.all:
            for predicate in set(self.graph.predicates(shape, None)):
                if (
                    str(predicate).startswith(str(SH))
                    and predicate not in CORE
                    and predicate not in NOT_CONSTRAINTS
                    and predicate not in parameters
                ):
                    raise ShaclError(
                        f"shape {shape.n3()}: {predicate.n3()} is not supported by this engine "
                        "(see docs/shacl.md)"
                    )
