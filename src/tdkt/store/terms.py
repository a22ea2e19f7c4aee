"""Conversion between rdflib terms (what tdkt's code holds) and pyoxigraph terms (the engine's)."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Identifier

_XSD_STRING = str(XSD.string)
_LANG_STRING = str(RDF.langString)


def to_ox(term: Identifier):
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def to_rdflib(term) -> Identifier | None:
    """A pyoxigraph term as an rdflib term (plain literals keep no datatype, as rdflib does)."""
    if term is None or isinstance(term, ox.DefaultGraph):
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype in (_XSD_STRING, _LANG_STRING):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"unsupported term from the store: {term!r}")


_CONVERTED: dict = {}
_CONVERTED_MAX = 1 << 17  # terms kept; the memo starts afresh when full


def to_rdflib_memo(term) -> Identifier | None:
    """As ``to_rdflib``, memoised. Query results repeat the same terms (classes, labels,
    years, provinces) and building an rdflib Literal costs microseconds (it parses the value);
    a lookup costs a tenth of one. rdflib terms are immutable, so sharing them is safe."""
    converted = _CONVERTED.get(term)
    if converted is None and term is not None:
        if len(_CONVERTED) >= _CONVERTED_MAX:
            _CONVERTED.clear()
        converted = _CONVERTED[term] = to_rdflib(term)
    return converted
