"""SHACL-SPARQL: ``sh:sparql`` constraints and SPARQL-based constraint components.

Pre-binding ``$this`` to every focus node in turn would be one query per node. Instead the
pattern of focus nodes is joined in at the start of the query's outermost WHERE, which gives
the same solutions for the queries SHACL allows (no MINUS, VALUES, SERVICE or sub-SELECT
that would see ``$this`` differently: those are refused, as the spec requires). ASK
validators become a FILTER NOT EXISTS over the value nodes.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef
from rdflib.namespace import SH, XSD
from rdflib.term import Node

from tdkt.shacl.shapes import Component, ShaclError, is_true
from tdkt.shacl.terms import sparql
from tdkt.store.prebind import HIDDEN

if TYPE_CHECKING:
    from tdkt.shacl.engine import Context, Engine, Result

_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_FORBIDDEN = re.compile(r"\b(MINUS|SERVICE|VALUES)\b", re.IGNORECASE)
_SUBSELECT = re.compile(r"\{\s*SELECT\b(?P<head>[^{]*)\{", re.IGNORECASE)
_STR = re.compile(r"STR\s*\(", re.IGNORECASE)
_OPENS_EXISTS = re.compile(r"\bEXISTS\s*\Z", re.IGNORECASE)  # (searched up to a group)
_REBOUND = re.compile(r"\bAS\s+[?$](this|value|PATH|currentShape|shapesGraph)\b")


def _variable(name: str) -> re.Pattern:
    return re.compile(r"[?$]" + re.escape(name) + r"\b")


def _prepare(engine: Engine, ctx: Context, text: str, bindings: dict[str, str], owner: Node) -> str:
    """Check a query's syntax is allowed; put parameters and ``$PATH`` in as text."""
    for pattern, what in (
        (_FORBIDDEN, "MINUS, SERVICE or VALUES"),
        (_REBOUND, "AS a pre-bound variable"),
    ):
        if pattern.search(text):
            raise ShaclError(f"SPARQL of {owner.n3()} uses {what}, which SHACL forbids")
    for sub in _SUBSELECT.finditer(text):
        if not _variable("this").search(sub.group("head")):
            raise ShaclError(f"SPARQL of {owner.n3()}: a sub-SELECT must project $this")
    if _variable("shapesGraph").search(text) and engine.shapes_graph is None:
        raise ShaclError(f"SPARQL of {owner.n3()} uses $shapesGraph: the data has no shapes graph")
    text = _typed_strings(_unprojected(text))
    bindings = dict(bindings, PATH=ctx.path) if ctx.path else bindings
    for name, term in bindings.items():
        text = _variable(name).sub(lambda _m, t=term: t, text)
    return text


def _typed_strings(text: str) -> str:
    """Each ``STR(x)`` as ``STRDT(STR(x), xsd:string)``: the same term in RDF 1.1, but the
    only form against which Virtuoso 7's REGEX matches a character class holding a non-ASCII
    letter (``[A-ZĐ]``); on ``STR(x)`` itself it never matches."""
    out: list[str] = []
    closing: list[bool] = []  # per open parenthesis: is it a STR( being wrapped?
    at = 0
    while at < len(text):
        hidden = HIDDEN.match(text, at)
        if hidden and hidden.end() > at:
            out.append(hidden.group())
            at = hidden.end()
            continue
        call = _STR.match(text, at)
        if call and (at == 0 or not (text[at - 1].isalnum() or text[at - 1] in "?$_:")):
            out.append("STRDT(" + call.group())
            closing.append(True)
            at = call.end()
            continue
        char = text[at]
        if char == "(":
            closing.append(False)
        elif char == ")" and closing and closing.pop():
            char = f"), {XSD.string.n3()})"
        out.append(char)
        at += 1
    return "".join(out)


def _unprojected(text: str) -> str:
    """Drop ``$this`` from the head of each sub-SELECT whose pattern never names it.

    SHACL makes every sub-SELECT project ``$this``; where its pattern does not bind it, the
    projection is unbound and joins with anything, so dropping it changes no solution. Virtuoso
    7 joins such an unbound column with nothing, which would hide every result.
    """
    ends = dict(_groups(text))
    for sub in reversed(list(_SUBSELECT.finditer(text))):
        body = text[sub.end() - 1 : ends.get(sub.end() - 1, len(text))]
        if _variable("this").search(body):
            continue
        head = _variable("this").sub("", sub.group("head"))
        text = text[: sub.start("head")] + head + text[sub.end("head") :]
    return text


def _bound(engine: Engine, ctx: Context) -> dict[str, str]:
    """Patterns for the pre-bound variables other than ``$this``."""
    bound = {"currentShape": f"VALUES ?currentShape {{ {sparql(ctx.shape)} }}"}
    if engine.shapes_graph is not None:
        bound["shapesGraph"] = f"VALUES ?shapesGraph {{ <{engine.shapes_graph}> }}"
    return bound


def _prologue(engine: Engine, owner: Node) -> str:
    declared = engine.shapes.prefixes(owner)
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(declared.items()))


def _select(engine: Engine, ctx: Context, owner: Node, text: str, bindings: dict[str, str]) -> str:
    """A SELECT validator or constraint with the focus nodes joined into its WHERE."""
    text = _prepare(engine, ctx, text, bindings, owner)
    match = _WHERE.search(text)
    if match is None:
        raise ShaclError(f"SPARQL of {owner.n3()} has no WHERE clause")
    bound = {"this": ctx.focus, **_bound(engine, ctx)}
    return _prologue(engine, owner) + _prebind(text, match.end() - 1, bound)


def _ask(engine: Engine, ctx: Context, owner: Node, text: str, bindings: dict[str, str]) -> str:
    """An ASK validator as a SELECT of the value nodes for which it is false."""
    text = _prepare(engine, ctx, text, bindings, owner)
    text = _prebind(text, text.find("{"), _bound(engine, ctx))
    inner = text[text.find("{") + 1 : text.rfind("}")]
    inner = _variable("this").sub("?this", _variable("value").sub("?value", inner))
    return (
        _prologue(engine, owner)
        + f"SELECT DISTINCT ?this ?value WHERE {{\n{ctx.values}\n"
        + f"FILTER NOT EXISTS {{ {inner} }}\n}}"
    )


def _groups(text: str) -> list[tuple[int, int]]:
    """(start, end) of every ``{ … }`` group, innermost first."""
    stack, found = [], []
    for i, char in enumerate(text):
        if char == "{":
            stack.append(i)
        elif char == "}" and stack:
            found.append((stack.pop(), i))
    return found


def _prebind(text: str, where: int, bound: dict[str, str]) -> str:
    """Join each pre-bound variable's pattern into the WHERE group and into every group that
    names the variable itself (not only in groups nested in it), so a FILTER there sees it.

    Not ``$this`` into an ``EXISTS`` group (or a group within one) whose enclosing group already
    has it: EXISTS sees the bindings of the solution it filters, and the focus pattern there
    would be evaluated again for each of them (quadratic in the focus nodes)."""
    groups = sorted(_groups(text))  # outer groups before the groups they hold
    chosen: list[tuple[int, str]] = []
    joined: set[int] = set()  # groups the focus pattern is joined into
    substituted: set[int] = set()  # groups where EXISTS hands ?this in from outside
    for start, end in groups:
        inner = [(s, e) for s, e in groups if start < s and e < end]
        own = "".join(
            c
            for i, c in enumerate(text[start + 1 : end], start + 1)
            if not any(s <= i <= e for s, e in inner)
        )
        if own.lstrip().upper().startswith("SELECT"):
            continue
        parent = max((s for s, e in groups if s < start and end < e), default=None)
        if parent in substituted or (
            parent in joined and _OPENS_EXISTS.search(text, 0, start) is not None
        ):
            substituted.add(start)
        for name, pattern in bound.items():
            if name == "this" and start in substituted:
                continue
            if _variable(name).search(own) or (start == where and name == "this"):
                chosen.append((start, pattern))
                if name == "this":
                    joined.add(start)
    for start, pattern in sorted(chosen, reverse=True):
        text = text[: start + 1] + f"\n{pattern}\n" + text[start + 1 :]
    for name in bound:
        text = _variable(name).sub(f"?{name}", text)
    return text


def _solutions(
    engine: Engine, ctx: Context, query: str, component: Node, constraint: Node | None
) -> list[Result]:
    results = []
    for row in engine.rows(query):
        failure = row.get("failure")
        if isinstance(failure, Literal) and failure.toPython() is True:
            raise ShaclError(f"SPARQL constraint of {ctx.shape.n3()} reported a failure")
        path = row.get("path")
        value = row.get("value")
        if value is None and not ctx.path:
            value = row["this"]
        results.append(
            engine.result(
                ctx,
                component,
                row["this"],
                value,
                path=path if isinstance(path, URIRef) else None,
                constraint=constraint,
            )
        )
    return results


def constraint(engine: Engine, ctx: Context, node: Node) -> list[Result]:
    """The results of one ``sh:sparql`` constraint of a shape."""
    if is_true(engine.shapes.value(node, SH.deactivated)):
        return []
    text = engine.shapes.value(node, SH.select)
    if text is None:
        raise ShaclError(f"SPARQL constraint {node.n3()} of {ctx.shape.n3()} has no sh:select")
    query = _select(engine, ctx, node, str(text), {})
    return _solutions(engine, ctx, query, SH.SPARQLConstraintComponent, node)


def component(engine: Engine, ctx: Context, declared: Component) -> list[Result]:
    """The results of a SPARQL-based constraint component, if the shape uses it."""
    shapes = engine.shapes
    given = {p: shapes.objects(ctx.shape, p) for p in declared.parameters}
    if not declared.parameters or any(
        not given[p] for p in declared.parameters if p not in declared.optional
    ):
        return []
    bindings = {_local(p): sparql(v[0]) for p, v in given.items() if v}
    kind = SH.propertyValidator if ctx.path else SH.nodeValidator
    validator = shapes.value(declared.iri, kind) or shapes.value(declared.iri, SH.validator)
    if validator is None:
        return []
    ask = shapes.value(validator, SH.ask)
    if ask is not None:
        query = _ask(engine, ctx, validator, str(ask), bindings)
        return _solutions(engine, ctx, query, declared.iri, None)
    select = shapes.value(validator, SH.select)
    if select is None:
        raise ShaclError(
            f"validator {validator.n3()} of {declared.iri.n3()} has no sh:ask or sh:select"
        )
    query = _select(engine, ctx, validator, str(select), bindings)
    return _solutions(engine, ctx, query, declared.iri, None)


def _local(path: URIRef) -> str:
    """A parameter's variable name: the local name of its path."""
    return re.split(r"[#/:]", str(path))[-1]
