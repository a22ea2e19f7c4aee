"""The article writer's terms, and N-Quads text straight from them, with no graph in between.

An article's graph is written once and read by nobody in the worker: building an rdflib graph
and converting every term to Oxigraph's only to serialise it was a third of the extraction
time, and rdflib's ``Literal`` (which parses and normalises its value) another tenth. So the
writer makes ``Lit`` tuples, in the lexical form Oxigraph stores, and ``rdflib_term`` turns
one into the ``Literal`` rdflib would have made, for the graph the CLI and the tests read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import NamedTuple

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from tdkt.text import nfc


class Lit(NamedTuple):
    """A literal: its lexical form, and a language tag or a datatype IRI (else a plain string)."""

    lexical: str
    lang: str = ""
    datatype: str = ""


Term = URIRef | Lit
Triple = tuple[URIRef, URIRef, Term]

_DATE, _GYEAR, _INTEGER = str(XSD.date), str(XSD.gYear), str(XSD.integer)
_DATETIME, _BOOLEAN = str(XSD.dateTime), str(XSD.boolean)


def plain(text: str) -> Lit:
    return Lit(text)


def vi(text: str) -> Lit:
    """Vietnamese text as the source wrote it, in NFC (as ``tdkt.loaders.literals.vi``)."""
    return Lit(nfc(text), "vi")


def xsd_date(day: date) -> Lit:
    return Lit(day.isoformat(), "", _DATE)


def date_time(moment: datetime) -> Lit:
    return Lit(moment.isoformat(), "", _DATETIME)


def gyear(year: int) -> Lit:
    return Lit(f"{year:04d}", "", _GYEAR)


def integer(value: int) -> Lit:
    return Lit(str(value), "", _INTEGER)


def boolean(value: bool) -> Lit:
    return Lit("true" if value else "false", "", _BOOLEAN)


def rdflib_term(term: Term) -> URIRef | Literal:
    """The rdflib term for one of the writer's."""
    if isinstance(term, Lit):
        datatype = URIRef(term.datatype) if term.datatype else None
        return Literal(term.lexical, lang=term.lang or None, datatype=datatype)
    return term


# An absolute IRI with none of the characters an IRIREF may not hold (N-Triples grammar);
# terms come from slugs and tables, so another is a bug upstream: refused here, not written
# into a file the store would reject.
_IRI = re.compile(r'[A-Za-z][A-Za-z0-9+.\-]*:[^\x00-\x20<>"{}|^`\\]*')
# What a STRING_LITERAL_QUOTE must escape: the quote, the backslash, line ends, and (as
# UCHARs, for readability) the other control characters.
_ESCAPES = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r"}
_ESCAPES |= {c: f"\\u{c:04X}" for c in (*range(0x20), 0x7F) if c not in _ESCAPES}
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f\x7f"\\]')


def iri(term: str) -> str:
    """``<iri>``; ValueError for a string no IRI can be."""
    if not _IRI.fullmatch(term):
        raise ValueError(f"not an IRI: {term!r}")
    return f"<{term}>"


def literal(term: Lit) -> str:
    """A literal in N-Quads form."""
    text = term.lexical
    if _NEEDS_ESCAPE.search(text):
        text = text.translate(_ESCAPES)
    if term.lang:
        return f'"{text}"@{term.lang}'
    if term.datatype:
        return f'"{text}"^^<{term.datatype}>'
    return f'"{text}"'


def lines(triples: Iterable[Triple], graph: URIRef) -> str:
    """The triples as N-Quads lines in ``graph``, in the order given."""
    triples = list(triples)
    named = {graph, *(s for s, _, _ in triples), *(p for _, p, _ in triples)}
    named |= {o for _, _, o in triples if type(o) is not Lit}
    for term in named:  # each distinct IRI checked once
        iri(term)
    return "".join(
        f"<{s}> <{p}> {literal(o) if type(o) is Lit else f'<{o}>'} <{graph}> .\n"
        for s, p, o in triples
    )
