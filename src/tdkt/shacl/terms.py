"""RDF terms as SPARQL text, and the IRIs that stand in for blank nodes inside a query.

A query cannot name a blank node, yet nested shapes hand sets of nodes from one query to the
next. Data loaded from files is therefore skolemised: each blank node becomes an IRI under
:data:`SKOLEM`, which the SPARQL tests for node kinds treat as blank, and results turn back
into blank nodes.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from tdkt.errors import TdktError

SKOLEM = "urn:x-tdkt-shacl:bnode:"


class BlankNodeError(TdktError):
    """A blank node of the store had to be named in a query (store data must use IRIs)."""


class StoredBNode(BNode):
    """A blank node as the store returned it: it has no name a query could use."""


def sparql(term: Identifier) -> str:
    """A term as SPARQL text; a blank node as its skolem IRI."""
    if isinstance(term, StoredBNode):
        raise BlankNodeError(
            f"blank node {term.n3()} in the data must be named in a query: SHACL over a store "
            "needs IRIs where nested shapes apply (docs/shacl.md)"
        )
    if isinstance(term, BNode):
        return f"<{SKOLEM}{term}>"
    if isinstance(term, URIRef | Literal):
        return term.n3()
    raise TypeError(f"not an RDF term: {term!r}")


def unskolem(term: Identifier | None) -> Identifier | None:
    """A term from a result, with a skolem IRI turned back into its blank node."""
    if isinstance(term, URIRef) and term.startswith(SKOLEM):
        return BNode(term[len(SKOLEM) :])
    if isinstance(term, BNode):
        return StoredBNode(term)
    return term


def same(var: str, term: Identifier) -> str:
    """SPARQL test: ``var`` is ``term``, the same RDF term, written without ``sameTerm``.

    Virtuoso 7 evaluates ``sameTerm`` only as a whole FILTER: inside an expression (negated,
    in ``IF`` or a projection) it gives no value. ``=`` is ``sameTerm`` when one side is an
    IRI; a literal is compared by its parts, the text read through the engine (``STR`` of the
    constant), which keeps numbers and dates in the same canonical form as the data, and the
    datatype named (Virtuoso gives a plain or date constant no DATATYPE of its own).
    """
    if not isinstance(term, Literal):
        return f"{var} = {sparql(term)}"
    parts = [f"isLiteral({var})", f"STR({var}) = STR({sparql(term)})"]
    if term.language:
        parts.append(f"LCASE(LANG({var})) = {Literal(term.language.lower()).n3()}")
    else:
        datatype = URIRef(term.datatype or XSD.string)
        parts += [f'LANG({var}) = ""', f"DATATYPE({var}) = {datatype.n3()}"]
    return f"({' && '.join(parts)})"


def values(var: str, terms: Iterable[Identifier]) -> str:
    """A VALUES block binding ``var`` to each term."""
    return f"VALUES {var} {{ {' '.join(sparql(t) for t in sorted(terms, key=order_key))} }}"


def order_key(term: Identifier) -> tuple[str, str]:
    return (type(term).__name__, str(term))


def is_blank(var: str, skolemised: bool) -> str:
    """SPARQL test: a blank node, or (in skolemised data) the skolem IRI of one."""
    if not skolemised:
        return f"isBlank({var})"
    return f'(isBlank({var}) || (isIRI({var}) && STRSTARTS(STR({var}), "{SKOLEM}")))'


def is_iri(var: str, skolemised: bool) -> str:
    """SPARQL test: an IRI that is not (in skolemised data) a skolemised blank node. Without
    skolem IRIs the test reads no IRI's text (``STR`` of a stored IRI is a look-up)."""
    if not skolemised:
        return f"isIRI({var})"
    return f'(isIRI({var}) && !STRSTARTS(STR({var}), "{SKOLEM}"))'
