"""The typed literals every loader writes, made one way (model.md: NFC text, plain xsd values)."""

from __future__ import annotations

from datetime import date

from rdflib import Literal
from rdflib.namespace import XSD

from tdkt.text import nfc


def vi(text: str) -> Literal:
    """Vietnamese text as the source wrote it, in NFC."""
    return Literal(nfc(text), lang="vi")


def xsd_date(day: date) -> Literal:
    return Literal(day.isoformat(), datatype=XSD.date)


def gyear(year: int) -> Literal:
    return Literal(f"{year:04d}", datatype=XSD.gYear)


def integer(value: int) -> Literal:
    """Counts and offsets are xsd:integer, as Oxigraph stores them (docs/model.md)."""
    return Literal(value, datatype=XSD.integer)
