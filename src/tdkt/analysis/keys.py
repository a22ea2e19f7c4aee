"""Finding things by what people type: any spelling of a name, with or without diacritics,
case or punctuation ("lam dong" finds Lâm Đồng, "34/CT-TW" finds 34-CT/TW)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import URIRef

from tdkt import iris
from tdkt.analysis.records import Record, text
from tdkt.text import fold

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_FUZZY = 0.75


def squash(value: str) -> str:
    """Letters and digits only, without diacritics or case: "34 -CT/TW" = "34/CT-TW"."""
    return _NOT_ALNUM.sub("", fold(value))


@dataclass(frozen=True)
class Entity:
    """A named thing and every name it goes by."""

    iri: URIRef
    label: str
    names: tuple[str, ...]

    @property
    def kind(self) -> str:
        """``cluster``, ``province``, ``document``… (the IRI's ``id/{kind}/`` segment)."""
        return str(self.iri).removeprefix(str(iris.ID)).split("/", 1)[0]

    @property
    def key(self) -> str:
        """What to type in other commands: a document's number, else the IRI's key."""
        if self.kind == "document":
            return self.label
        return str(self.iri).removeprefix(f"{iris.ID}{self.kind}/")


def entities(rows: Iterable[Record]) -> list[Entity]:
    """``entities.rq`` rows gathered per thing (names in the order first seen)."""
    found: dict[str, tuple[str, list[str]]] = {}
    for r in rows:
        label, names = found.setdefault(text(r, "entity"), (text(r, "label"), []))
        if text(r, "name") not in names:
            names.append(text(r, "name"))
    return [Entity(URIRef(e), label, tuple(names)) for e, (label, names) in found.items()]


@dataclass(frozen=True)
class Found:
    """An entity that matches, the name that matched, and how well (0 is best)."""

    entity: Entity
    name: str
    rank: int


def _rank(wanted: str, words: list[str], name: str) -> int | None:
    squashed = squash(name)
    if squashed == wanted:
        return 0
    if squashed.startswith(wanted):
        return 1
    if wanted in squashed:
        return 2
    folded = fold(name).split()
    if words and all(any(w.startswith(v) for w in folded) for v in words):
        return 3
    return None


def find(things: Iterable[Entity], query: str) -> list[Found]:
    """The entities one of whose names matches ``query`` (exact, prefix, part, words in any
    order; failing those, the closest spellings), best first."""
    wanted, words = squash(query), fold(query).split()
    if not wanted:
        return []
    pool = list(things)
    found = []
    for entity in pool:
        ranked = [(r, n) for n in entity.names if (r := _rank(wanted, words, n)) is not None]
        if ranked:
            rank, name = min(ranked)
            found.append(Found(entity, name, rank))
    if not found:
        for entity in pool:
            ratios = [
                (difflib.SequenceMatcher(None, wanted, squash(n)).ratio(), n) for n in entity.names
            ]
            best = max(ratios, default=(0.0, ""))
            if best[0] >= _FUZZY:
                found.append(Found(entity, best[1], 4))
    return sorted(found, key=lambda f: (f.rank, f.entity.kind, f.entity.label, str(f.entity.iri)))
