"""SHACL Core: targets and every core constraint component, each as one SELECT.

Each check takes the engine, the shape in context and the parameter's value, and returns the
results. Queries name terms through :func:`tdkt.shacl.terms.sparql` only.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import reduce
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Identifier, Node

from tdkt.shacl.shapes import ShaclError, is_true
from tdkt.shacl.terms import is_blank, is_iri, order_key, same, sparql, values

if TYPE_CHECKING:
    from tdkt.shacl.engine import Context, Engine, Result

Condition = tuple[Node, str]  # a component, and a SPARQL test true for a failing ?value

_ONE = Literal(1)

_TZ = "(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))?"
_YEAR = "-?([1-9][0-9]{3,}|0[0-9]{3})"
_MONTH = "(0[1-9]|1[0-2])"
_DAY = "(0[1-9]|[12][0-9]|3[01])"
# a day that exists in its month, the 29th of February only in a leap year: Virtuoso's casts
# accept "2024-02-30", so the calendar is checked by the pattern, not by a cast
_MONTH_DAY = (
    "((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])"
    "|(0[469]|11)-(0[1-9]|[12][0-9]|30)|02-(0[1-9]|1[0-9]|2[0-8]))"
)
_LEAP_YEAR = (
    "-?(([1-9][0-9]+|0[0-9])(0[48]|[2468][048]|[13579][26])"
    "|([1-9][0-9]*)?([02468][048]|[13579][26])00)"
)
_DATE = f"({_YEAR}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29)"
_TIME = "(([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?|24:00:00(\\.0+)?)"
_DECIMAL = "[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)"
_FLOAT = f"({_DECIMAL}([eE][+-]?[0-9]+)?|[+-]?INF|NaN)"
_YM = "([0-9]+Y([0-9]+M)?|[0-9]+M)"
_SECONDS = "[0-9]+(\\.[0-9]+)?S"
_HMS = f"T([0-9]+H([0-9]+M)?({_SECONDS})?|[0-9]+M({_SECONDS})?|{_SECONDS})"
_DT = f"([0-9]+D({_HMS})?|{_HMS})"

# XSD datatypes whose lexical space is checked, as a regular expression over the lexical form
# (XSD's grammar): engines' casts differ (Virtuoso casts "70" to an xsd:date).
_LEXICAL = {
    XSD[name]: f"^{pattern}$"
    for name, pattern in (
        ("boolean", "(true|false|1|0)"),
        ("integer", "[+-]?[0-9]+"),
        ("decimal", _DECIMAL),
        ("float", _FLOAT),
        ("double", _FLOAT),
        ("date", f"{_DATE}{_TZ}"),
        ("time", f"{_TIME}{_TZ}"),
        ("dateTime", f"{_DATE}T{_TIME}{_TZ}"),
        ("duration", f"-?P({_YM}([0-9]+D)?({_HMS})?|{_DT})"),
        ("dayTimeDuration", f"-?P{_DT}"),
        ("yearMonthDuration", f"-?P{_YM}"),
        ("gYear", f"{_YEAR}{_TZ}"),
        ("gYearMonth", f"{_YEAR}-{_MONTH}{_TZ}"),
        ("gMonth", f"--{_MONTH}{_TZ}"),
        ("gMonthDay", f"--({_MONTH_DAY}|02-29){_TZ}"),
        ("gDay", f"---{_DAY}{_TZ}"),
    )
}
_NUMERIC = {XSD.integer, XSD.decimal, XSD.float, XSD.double}

# Integer subtypes that Oxigraph stores as plain xsd:integer, losing the datatype.
_RETYPED = {
    XSD[name]
    for name in (
        "byte",
        "short",
        "int",
        "long",
        "unsignedByte",
        "unsignedShort",
        "unsignedInt",
        "unsignedLong",
        "nonNegativeInteger",
        "positiveInteger",
        "negativeInteger",
        "nonPositiveInteger",
    )
}


# ---- targets ----------------------------------------------------------------------------------


def targets(engine: Engine, shape: Node, among: frozenset[Identifier] | None = None) -> str:
    """A pattern binding ``?this`` to the focus nodes of a shape's targets (only those in
    ``among``, when given)."""
    shapes = engine.shapes
    g = shapes.graph
    parts = [f"{{ {values('?this', [n])} }}" for n in shapes.objects(shape, SH.targetNode)]
    classes = shapes.objects(shape, SH.targetClass)
    if (shape, RDF.type, RDFS.Class) in g:
        classes.append(shape)
    parts += [f"{{ {instances(engine, '?this', c)} }}" for c in classes]
    parts += [
        f"{{ ?this {sparql(p)} ?tdktAny . }}" for p in shapes.objects(shape, SH.targetSubjectsOf)
    ]
    parts += [
        f"{{ ?tdktAny {sparql(p)} ?this . }}" for p in shapes.objects(shape, SH.targetObjectsOf)
    ]
    pattern = "\nUNION\n".join(parts)
    if among is not None:  # VALUES first: Oxigraph then looks up only these nodes
        listed = values("?this", among) if among else "FILTER (false)"
        pattern = f"{listed}\n{{ {pattern} }}"
    return "{ SELECT DISTINCT ?this WHERE {\n" + pattern + "\n} }"


def instances(engine: Engine, var: str, cls: Node) -> str:
    """A pattern binding ``var`` to the SHACL instances of ``cls`` (its subclasses' too)."""
    if engine.class_paths:
        return f"{var} {RDF.type.n3()}/{RDFS.subClassOf.n3()}* {sparql(cls)} ."
    patterns = [f"{{ {var} {RDF.type.n3()} {sparql(c)} . }}" for c in sorted(engine.classes(cls))]
    return "\nUNION\n".join(patterns)


# ---- helpers ----------------------------------------------------------------------------------


def _pairs(engine: Engine, ctx: Context, component: Node, body: str) -> list[Result]:
    """Results for each (?this, ?value) solution of ``body``."""
    query = f"SELECT DISTINCT ?this ?value WHERE {{\n{body}\n}}"
    return [engine.result(ctx, component, r["this"], r["value"]) for r in engine.rows(query)]


def _focus_only(engine: Engine, ctx: Context, component: Node, query: str) -> list[Result]:
    """Results without a value (cardinalities): one per ``?this`` the query returns."""
    return [
        engine.result(ctx, component, r["this"], None if ctx.path else r["this"])
        for r in engine.rows(query)
    ]


def _number(value: Node, parameter: str) -> int:
    if not isinstance(value, Literal) or not isinstance(value.toPython(), int):
        raise ShaclError(f"{parameter} needs an integer, not {value.n3()}")
    return value.toPython()


# ---- value type -------------------------------------------------------------------------------


def check_class(engine: Engine, ctx: Context, value: Node) -> list[Result]:
    # OPTIONAL and !BOUND, not FILTER NOT EXISTS: Oxigraph runs it ten times faster
    if engine.class_paths:
        found = f"{instances(engine, '?value', value)} BIND (true AS ?tdktType)"
    else:
        names = ", ".join(sparql(c) for c in sorted(engine.classes(value)))
        found = f"?value {RDF.type.n3()} ?tdktType . FILTER (?tdktType IN ({names}))"
    body = f"{ctx.values}\nOPTIONAL {{ {found} }}\nFILTER (!BOUND(?tdktType))"
    return _pairs(engine, ctx, SH.ClassConstraintComponent, body)


def when_datatype(engine: Engine, ctx: Context, value: Node) -> Condition:
    if value in _RETYPED:
        raise ShaclError(
            f"shape {ctx.shape.n3()}: sh:datatype {value.n3()} cannot be checked in Oxigraph, "
            "which stores integer subtypes as xsd:integer (see docs/shacl.md)"
        )
    if value == RDF.langString:  # Virtuoso gives a language string no DATATYPE
        return SH.DatatypeConstraintComponent, '!(isLiteral(?value) && LANG(?value) != "")'
    ok = f'isLiteral(?value) && LANG(?value) = "" && DATATYPE(?value) = {sparql(value)}'
    if value in _LEXICAL:
        ok += f" && {_well_formed('?value', value)}"
    return SH.DatatypeConstraintComponent, f"!({ok})"


def _node_kinds(skolemised: bool) -> dict[Node, str]:
    iri, blank = is_iri("?value", skolemised), is_blank("?value", skolemised)
    return {
        SH.IRI: iri,
        SH.BlankNode: blank,
        SH.Literal: "isLiteral(?value)",
        SH.BlankNodeOrIRI: "!isLiteral(?value)",
        SH.BlankNodeOrLiteral: f"({blank} || isLiteral(?value))",
        SH.IRIOrLiteral: f"({iri} || isLiteral(?value))",
    }


_KINDS = {skolemised: _node_kinds(skolemised) for skolemised in (False, True)}


def when_node_kind(engine: Engine, ctx: Context, value: Node) -> Condition:
    kinds = _KINDS[engine.skolemised]
    if value not in kinds:
        raise ShaclError(f"shape {ctx.shape.n3()}: unknown sh:nodeKind {value.n3()}")
    return SH.NodeKindConstraintComponent, f"!{kinds[value]}"


# ---- cardinality ------------------------------------------------------------------------------


def check_counts(engine: Engine, ctx: Context) -> list[Result]:
    """``sh:minCount`` and ``sh:maxCount`` of a shape (see :func:`_counts`)."""
    shapes = engine.shapes
    lows = [_number(v, "sh:minCount") for v in shapes.objects(ctx.shape, SH.minCount)]
    highs = [_number(v, "sh:maxCount") for v in shapes.objects(ctx.shape, SH.maxCount)]
    lows = [n for n in lows if n > 0]
    if not (lows or highs):
        return []
    if not ctx.path:
        raise ShaclError(f"shape {ctx.shape.n3()}: cardinality needs a property shape")
    results = []
    for focus, count in _counts(engine, ctx, lows, highs):
        results += [
            engine.result(ctx, SH.MinCountConstraintComponent, focus, None)
            for n in lows
            if count < n
        ]
        results += [
            engine.result(ctx, SH.MaxCountConstraintComponent, focus, None)
            for n in highs
            if count > n
        ]
    return results


def _counts(
    engine: Engine, ctx: Context, lows: list[int], highs: list[int]
) -> list[tuple[Identifier, int]]:
    """The focus nodes with too few or too many values, and how many they have.

    Listed focus nodes: one grouped query over an OPTIONAL (a look-up per node). Any others:
    those without a value by an anti-join (MINUS), then the counts grouped over the plain
    join; Oxigraph evaluates the OPTIONAL once per focus node, which on a class of 100,000
    nodes costs four to five times both queries together."""
    grouped = "SELECT ?this (COUNT(DISTINCT ?value) AS ?tdktCount) WHERE {{\n{}\n}} GROUP BY ?this"
    if ctx.listed:
        query = grouped.format(f"{ctx.focus}\nOPTIONAL {{ {ctx.step} }}") + _having(lows, highs)
        return [(row["this"], row["tdktCount"].toPython()) for row in engine.rows(query)]
    found: list[tuple[Identifier, int]] = []
    if lows:
        query = f"SELECT ?this WHERE {{\n{ctx.focus}\nMINUS {{ {ctx.step} }}\n}}"
        found += [(row["this"], 0) for row in engine.rows(query)]
    lows = [n for n in lows if n > 1]  # a node with no value at all is found already
    if lows or highs:
        query = grouped.format(ctx.values) + _having(lows, highs)
        found += [(row["this"], row["tdktCount"].toPython()) for row in engine.rows(query)]
    return found


def _having(lows: list[int], highs: list[int]) -> str:
    bounds = [f"COUNT(DISTINCT ?value) < {n}" for n in lows]
    bounds += [f"COUNT(DISTINCT ?value) > {n}" for n in highs]
    return f" HAVING ({' || '.join(bounds)})"


def check_values(engine: Engine, ctx: Context) -> list[Result]:
    """Every constraint on single value nodes (datatype, node kind, range, length, pattern,
    languages, ``sh:in``) of a shape, in one query: a flag per constraint, a row per failure."""
    conditions = [
        CONDITIONS[p](engine, ctx, v)
        for p in CONDITIONS
        for v in engine.shapes.objects(ctx.shape, p)
    ]
    if not conditions:
        return []
    flags = [f"?tdktFails{i}" for i in range(len(conditions))]
    # Flags are 1 or 0 (Virtuoso returns booleans as integers), computed once each in a
    # sub-select's projection: Virtuoso drops a BIND that follows a nested sub-select.
    projected = " ".join(
        f"(IF(COALESCE({condition}, false), 1, 0) AS {flag})"
        for (_, condition), flag in zip(conditions, flags, strict=True)
    )
    # The same test once more as a FILTER beside the pattern, where Oxigraph applies it before
    # joining the focus nodes: a third of the CPU time on a million value nodes
    fails = " || ".join(f"COALESCE({condition}, false)" for _, condition in conditions)
    query = (
        f"SELECT DISTINCT ?this ?value {' '.join(flags)} WHERE {{\n"
        f"{{ SELECT ?this ?value {projected} WHERE {{\n{ctx.values}\nFILTER ({fails})\n}} }}\n"
        f"FILTER (({' + '.join(flags)}) > 0)\n}}"
    )
    results = []
    for row in engine.rows(query):
        for (component, _), flag in zip(conditions, flags, strict=True):
            if row[flag[1:]] == _ONE:
                results.append(engine.result(ctx, component, row["this"], row["value"]))
    return results


# ---- value range, string ----------------------------------------------------------------------


def comparable(a: str, b: str) -> str:
    """SPARQL test: ``<`` is defined between ``a`` and ``b`` (two numbers, or two literals of
    one datatype). SPARQL makes any other comparison an error, which SHACL counts as a failure;
    Virtuoso 7 compares IRIs and mixed types instead, so the test is spelled out."""
    same_type = (
        f'isLiteral({a}) && isLiteral({b}) && LANG({a}) = "" && LANG({b}) = "" '
        f"&& DATATYPE({a}) = DATATYPE({b})"
    )
    return f"((isNumeric({a}) && isNumeric({b})) || ({same_type}))"


def comparable_to(var: str, bound: Node) -> str:
    """SPARQL test: ``<`` is defined between ``var`` and the constant ``bound``: a number, or a
    well-formed literal of the bound's datatype (named here, not asked of the engine: Virtuoso
    gives a date constant no DATATYPE, and orders an ill-formed date as a date)."""
    if not isinstance(bound, Literal):
        raise ShaclError(f"a range bound must be a literal, not {bound.n3()}")
    if isinstance(bound.value, int | float | Decimal) and not isinstance(bound.value, bool):
        return f"isNumeric({var})"
    datatype = URIRef(bound.datatype or XSD.string)
    test = f'isLiteral({var}) && LANG({var}) = "" && DATATYPE({var}) = {datatype.n3()}'
    if datatype in _LEXICAL:  # an ill-formed date has no value to compare
        test += f" && {_well_formed(var, datatype)}"
    return f"({test})"


def _well_formed(var: str, datatype: URIRef) -> str:
    """SPARQL test: a literal of ``datatype`` is well formed (a number: ``isNumeric``, which
    is false for an ill-formed one and cheaper than a pattern)."""
    if datatype in _NUMERIC:
        return f"isNumeric({var})"
    return f"REGEX(STR({var}), {Literal(_LEXICAL[datatype]).n3()})"


def _range(operator: str, component: Node) -> Callable:
    def when(engine: Engine, ctx: Context, value: Node) -> Condition:
        test = f"{comparable_to('?value', value)} && ?value {operator} {sparql(value)}"
        return component, f"!COALESCE({test}, false)"

    return when


def _length(operator: str, component: Node, parameter: str) -> Callable:
    def when(engine: Engine, ctx: Context, value: Node) -> Condition:
        n = _number(value, parameter)
        return (
            component,
            f"{is_blank('?value', engine.skolemised)} "
            f"|| !COALESCE(STRLEN(STR(?value)) {operator} {n}, false)",
        )

    return when


def when_pattern(engine: Engine, ctx: Context, value: Node) -> Condition:
    flags = engine.shapes.value(ctx.shape, SH.flags)
    arguments = Literal(str(value)).n3()
    if flags is not None:
        arguments += ", " + Literal(str(flags)).n3()
    # STRDT(STR(…), xsd:string) is STR(…); Virtuoso 7 matches a character class holding a
    # non-ASCII letter ("[A-ZĐ]") only against the typed form
    text = f"STRDT(STR(?value), {XSD.string.n3()})"
    blank = is_blank("?value", engine.skolemised)
    condition = f"{blank} || !COALESCE(REGEX({text}, {arguments}), false)"
    return SH.PatternConstraintComponent, condition


def when_language_in(engine: Engine, ctx: Context, value: Node) -> Condition:
    ranges = [Literal(str(t)).n3() for t in engine.shapes.members(value)]
    matches = " || ".join(f"LANGMATCHES(LANG(?value), {r})" for r in ranges) or "false"
    return SH.LanguageInConstraintComponent, f"!isLiteral(?value) || !({matches})"


def check_unique_lang(engine: Engine, ctx: Context, value: Node) -> list[Result]:
    if not is_true(value):
        return []
    query = (
        f"SELECT ?this ?tdktLang WHERE {{\n{ctx.values}\n"
        'FILTER (isLiteral(?value) && LANG(?value) != "")\n'
        "BIND (LCASE(LANG(?value)) AS ?tdktLang)\n"
        "} GROUP BY ?this ?tdktLang HAVING (COUNT(DISTINCT ?value) > 1)"
    )
    return _focus_only(engine, ctx, SH.UniqueLangConstraintComponent, query)


# ---- property pairs ---------------------------------------------------------------------------


def check_equals(engine: Engine, ctx: Context, value: Node) -> list[Result]:
    other = sparql(value)
    body = (
        f"{{ {ctx.values}\nFILTER NOT EXISTS {{ ?this {other} ?value }} }}\nUNION\n"
        f"{{ {ctx.focus}\n?this {other} ?value .\nFILTER NOT EXISTS {{ {ctx.has_value} }} }}"
    )
    return _pairs(engine, ctx, SH.EqualsConstraintComponent, body)


def check_disjoint(engine: Engine, ctx: Context, value: Node) -> list[Result]:
    body = f"{ctx.values}\n?this {sparql(value)} ?value ."
    return _pairs(engine, ctx, SH.DisjointConstraintComponent, body)


def _compare(operator: str, component: Node) -> Callable:
    def check(engine: Engine, ctx: Context, value: Node) -> list[Result]:
        other = f"?this {sparql(value)} ?tdktOther ."
        if ctx.listed or not ctx.path:
            pairs = f"{ctx.values}\n{other}"
        else:  # both properties read whole and joined by hash, not a look-up per value node
            pairs = (
                f"{ctx.focus}\n{{ SELECT ?this ?value WHERE {{ {ctx.step} }} }}\n"
                f"{{ SELECT ?this ?tdktOther WHERE {{ {other} }} }}"
            )
        query = (
            f"SELECT DISTINCT ?this ?value ?tdktOther WHERE {{\n{pairs}\n"
            f"FILTER (!COALESCE({comparable('?value', '?tdktOther')} && "
            f"?value {operator} ?tdktOther, false))\n}}"
        )
        rows = engine.rows(query)
        return [engine.result(ctx, component, r["this"], r["value"]) for r in rows]

    return check


# ---- logical and shape-based ------------------------------------------------------------------


def marked(nodes: frozenset[Identifier], flag: str) -> str:
    """A pattern binding ``flag`` where ``?value`` is one of ``nodes`` (a join on a VALUES
    table: Virtuoso 7 can compile neither MINUS over VALUES nor a BIND inside OPTIONAL)."""
    rows = " ".join(f"({sparql(t)} 1)" for t in sorted(nodes, key=order_key))
    return f"OPTIONAL {{ VALUES (?value {flag}) {{ {rows} }} }}"


def without(nodes: frozenset[Identifier]) -> str:
    """A pattern that keeps only the ``?value`` not in ``nodes``."""
    return f"{marked(nodes, '?tdktListed')}\nFILTER (!BOUND(?tdktListed))"


def _among(engine: Engine, ctx: Context, component: Node, nodes: frozenset) -> list[Result]:
    """Results for the value nodes in ``nodes``."""
    if not nodes:
        return []
    return _pairs(engine, ctx, component, f"{ctx.values}\n{values('?value', nodes)}")


def check_not(engine: Engine, ctx: Context, value: Node) -> list[Result]:
    failing = engine.nonconforming(value, ctx.value_nodes())
    body = ctx.values
    if failing:
        body += f"\n{without(failing)}"
    return _pairs(engine, ctx, SH.NotConstraintComponent, body)


def _failing(engine: Engine, ctx: Context, head: Node) -> list[frozenset[Identifier]]:
    return [engine.nonconforming(s, ctx.value_nodes()) for s in engine.shapes.members(head)]


def check_and(engine: Engine, ctx: Context, value: Node) -> list[Result]:
    failing = reduce(frozenset.union, _failing(engine, ctx, value), frozenset())
    return _among(engine, ctx, SH.AndConstraintComponent, failing)


def check_or(engine: Engine, ctx: Context, value: Node) -> list[Result]:
    sets = _failing(engine, ctx, value)
    failing = reduce(frozenset.intersection, sets) if sets else None
    if failing is None:  # an empty sh:or: nothing conforms
        return _pairs(engine, ctx, SH.OrConstraintComponent, ctx.values)
    return _among(engine, ctx, SH.OrConstraintComponent, failing)


def check_xone(engine: Engine, ctx: Context, value: Node) -> list[Result]:
    body, terms = ctx.values, []
    for i, failing in enumerate(_failing(engine, ctx, value)):
        if failing:
            body += f"\n{marked(failing, f'?tdktFails{i}')}"
            terms.append(f"IF(BOUND(?tdktFails{i}), 0, 1)")
        else:
            terms.append("1")
    body += f"\nFILTER (({' + '.join(terms) or '0'}) != 1)"
    return _pairs(engine, ctx, SH.XoneConstraintComponent, body)


def check_node(engine: Engine, ctx: Context, value: Node) -> list[Result]:
    failing = engine.nonconforming(value, ctx.value_nodes())
    return _among(engine, ctx, SH.NodeConstraintComponent, failing)


def check_qualified(engine: Engine, ctx: Context, value: Node) -> list[Result]:
    shapes = engine.shapes
    low = shapes.value(ctx.shape, SH.qualifiedMinCount)
    high = shapes.value(ctx.shape, SH.qualifiedMaxCount)
    if low is None and high is None:
        return []
    nodes = ctx.value_nodes()
    step = ctx.step
    failing = engine.nonconforming(value, nodes)
    if failing:
        step += f"\n{without(failing)}"
    if is_true(shapes.value(ctx.shape, SH.qualifiedValueShapesDisjoint)):
        sets = [engine.nonconforming(s, nodes) for s in shapes.siblings(ctx.shape)]
        if sets:
            allowed = reduce(frozenset.intersection, sets)
            step += f"\n{values('?value', allowed)}" if allowed else "\nFILTER (false)"
    bounds = (
        [f"COUNT(DISTINCT ?value) < {_number(low, 'sh:qualifiedMinCount')}"]
        if low is not None
        else []
    )
    if high is not None:
        bounds.append(f"COUNT(DISTINCT ?value) > {_number(high, 'sh:qualifiedMaxCount')}")
    query = (
        f"SELECT ?this (COUNT(DISTINCT ?value) AS ?tdktCount) WHERE {{\n{ctx.focus}\n"
        f"OPTIONAL {{ {step} }}\n}} GROUP BY ?this HAVING ({' || '.join(bounds)})"
    )
    results = []
    for row in engine.rows(query):
        count = row["tdktCount"].toPython()
        if low is not None and count < _number(low, "sh:qualifiedMinCount"):
            results.append(
                engine.result(ctx, SH.QualifiedMinCountConstraintComponent, row["this"], None)
            )
        if high is not None and count > _number(high, "sh:qualifiedMaxCount"):
            results.append(
                engine.result(ctx, SH.QualifiedMaxCountConstraintComponent, row["this"], None)
            )
    return results


# ---- other ------------------------------------------------------------------------------------


def check_closed(engine: Engine, ctx: Context, value: Node) -> list[Result]:
    if not is_true(value):
        return []
    shapes = engine.shapes
    allowed = {shapes.path(p) for p in shapes.objects(ctx.shape, SH.property)}
    ignored = shapes.value(ctx.shape, SH.ignoredProperties)
    if ignored is not None:
        allowed |= set(shapes.members(ignored))
    names = sorted(sparql(p) for p in allowed if isinstance(p, URIRef))
    condition = f"FILTER (?tdktP NOT IN ({', '.join(names)}))" if names else ""
    query = (
        f"SELECT DISTINCT ?this ?tdktP ?tdktO WHERE {{\n{ctx.values}\n"
        f"?value ?tdktP ?tdktO .\n{condition}\n}}"
    )
    return [
        engine.result(ctx, SH.ClosedConstraintComponent, r["this"], r["tdktO"], path=r["tdktP"])
        for r in engine.rows(query)
    ]


def check_has_value(engine: Engine, ctx: Context, value: Node) -> list[Result]:
    query = (
        f"SELECT ?this WHERE {{\n{ctx.focus}\n"
        f"FILTER NOT EXISTS {{ {ctx.step} FILTER ({same('?value', value)}) }}\n}}"
    )
    rows = engine.rows(query)
    return [engine.result(ctx, SH.HasValueConstraintComponent, r["this"], None) for r in rows]


def when_in(engine: Engine, ctx: Context, value: Node) -> Condition:
    members = " || ".join(same("?value", m) for m in engine.shapes.members(value))
    return SH.InConstraintComponent, f"!({members or 'false'})"


CONDITIONS: dict[URIRef, Callable[[Engine, Context, Node], Condition]] = {
    SH.datatype: when_datatype,
    SH.nodeKind: when_node_kind,
    SH.minExclusive: _range(">", SH.MinExclusiveConstraintComponent),
    SH.minInclusive: _range(">=", SH.MinInclusiveConstraintComponent),
    SH.maxExclusive: _range("<", SH.MaxExclusiveConstraintComponent),
    SH.maxInclusive: _range("<=", SH.MaxInclusiveConstraintComponent),
    SH.minLength: _length(">=", SH.MinLengthConstraintComponent, "sh:minLength"),
    SH.maxLength: _length("<=", SH.MaxLengthConstraintComponent, "sh:maxLength"),
    SH.pattern: when_pattern,
    SH.languageIn: when_language_in,
    SH["in"]: when_in,
}

# The other components: one query each (cardinalities and value conditions are grouped above).
CHECKS: dict[URIRef, Callable[[Engine, Context, Node], list[Result]]] = {
    SH["class"]: check_class,
    SH.uniqueLang: check_unique_lang,
    SH.equals: check_equals,
    SH.disjoint: check_disjoint,
    SH.lessThan: _compare("<", SH.LessThanConstraintComponent),
    SH.lessThanOrEquals: _compare("<=", SH.LessThanOrEqualsConstraintComponent),
    SH["not"]: check_not,
    SH["and"]: check_and,
    SH["or"]: check_or,
    SH.xone: check_xone,
    SH.node: check_node,
    SH.qualifiedValueShape: check_qualified,
    SH.closed: check_closed,
    SH.hasValue: check_has_value,
}
