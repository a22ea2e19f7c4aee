"""Named queries as lists of records, and the Vietnamese label of any IRI."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from tdkt import catalogue
from tdkt.store.base import Store

Record = dict[str, Identifier]


def records(store: Store, name: str, values: Mapping[str, str] | None = None) -> list[Record]:
    """The rows of the named query ``name``, each a dict of its bound variables."""
    result = catalogue.run(store, catalogue.named(name), values)
    return [
        {var: value for var, value in zip(result.variables, row, strict=True) if value is not None}
        for row in result.rows
    ]


def labels(store: Store) -> dict[str, str]:
    """Every labelled IRI's Vietnamese label (``labels.rq``): tables show words, not IRIs."""
    return {str(r["thing"]): str(r["label"]) for r in records(store, "labels") if "label" in r}


def text(record: Record, key: str) -> str:
    """A value's plain text ("" when unbound)."""
    value = record.get(key)
    return "" if value is None else str(value)


def year_of(value: Identifier | None) -> int | None:
    """The year of an ``xsd:gYear`` or ``xsd:date`` literal (None when absent)."""
    if not isinstance(value, Literal) or len(str(value)) < 4 or not str(value)[:4].isdigit():
        return None
    return int(str(value)[:4])


def iri(record: Record, key: str) -> URIRef | None:
    """The value of ``key`` when it is an IRI."""
    value = record.get(key)
    return value if isinstance(value, URIRef) else None


def as_iri(value: str, mint: Callable[[str], URIRef]) -> URIRef:
    """A full IRI as given, else the IRI ``mint`` makes of the key."""
    return URIRef(value) if value.startswith(("http://", "https://")) else mint(value)
