"""Human labels for IRIs (Vietnamese first, English alongside) and search over them.

Labels are read once from the store (``tdkt.serve.lookups.labels``); search matches on
``tdkt.text.fold`` so "lam dong" finds "Lâm Đồng", and shows the label as the source wrote it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from tdkt import iris
from tdkt.text import fold


@dataclass(frozen=True)
class Hit:
    iri: URIRef
    label: str
    english: str | None


class Labels:
    """Look up a label for any IRI; IRIs without one get a short prefixed name."""

    def __init__(self, by_iri: dict[URIRef, dict[str, str]]) -> None:
        self.by_iri = by_iri
        self._folded = [
            (fold(text), iri, text)
            for iri, texts in by_iri.items()
            for lang, text in texts.items()
            if lang in ("vi", "")
        ]

    def vi(self, iri) -> str:
        """The Vietnamese (or untagged, or English) label; else a short name."""
        texts = self.by_iri.get(URIRef(str(iri)), {})
        for lang in ("vi", "", "en"):
            if lang in texts:
                return texts[lang]
        return short(str(iri))

    def en(self, iri) -> str | None:
        """The English label, when there is one besides the Vietnamese."""
        texts = self.by_iri.get(URIRef(str(iri)), {})
        english = texts.get("en")
        return english if english and english != self.vi(iri) else None

    def search(self, text: str, limit: int = 50) -> list[Hit]:
        """Labels containing ``text`` ignoring case and diacritics; exact and prefix first."""
        needle = fold(text)
        if not needle:
            return []
        found: dict[URIRef, tuple[int, str]] = {}
        for folded, iri, label in self._folded:
            if needle not in folded:
                continue
            rank = 0 if folded == needle else 1 if folded.startswith(needle) else 2
            if iri not in found or rank < found[iri][0]:
                found[iri] = (rank, label)
        ordered = sorted(found.items(), key=lambda item: (item[1][0], fold(item[1][1]), item[0]))
        return [Hit(iri, label, self.en(iri)) for iri, (_, label) in ordered[:limit]]


def short(iri: str) -> str:
    """``tdkt:Province`` for a vocabulary term; the end of the path for anything else."""
    for prefix, namespace in iris.PREFIXES.items():
        if iri.startswith(str(namespace)) and len(iri) > len(str(namespace)):
            local = iri[len(str(namespace)) :]
            if "/" not in local:
                return f"{prefix}:{local}"
    parts = iri.rstrip("/").split("/")
    if iri.startswith(iris.BASE + "id/") and iri.count("/") - iris.BASE.count("/") > 3:
        return "/".join(parts[-2:])  # id/cluster/x/chair/2024 → "chair/2024", not "2024"
    return parts[-1] or iri
