"""Citation tracing: where, when and by whom a legal document is cited; how the sources state
its number and date; which documents are cited with it; and the chain of texts around it
(the law, the decrees and circulars based on it, amendments and repeals).

Computed from the named queries ``citation-trace`` and ``document-relations``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rdflib import URIRef

from tdkt import iris
from tdkt.analysis.keys import squash
from tdkt.analysis.records import Record, as_iri, iri, records, text
from tdkt.store.base import Store

DISAGREES = iris.TDKT.DateDisagrees
BY = ("year", "cluster", "province", "speaker")


@dataclass(frozen=True)
class Citation:
    """One citation of a document in one source, with its context."""

    iri: URIRef
    document: URIRef
    number: str
    document_date: str
    source: URIRef
    source_title: str
    date: str  # the source's date, else the event's ("" when neither is known)
    event: URIRef | None
    event_label: str
    cluster: URIRef | None
    cluster_label: str
    host: URIRef | None
    host_label: str
    speaker: URIRef | None
    speaker_label: str
    stated_number: str
    stated_date: str
    stated_date_text: str
    agreement: URIRef | None

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date[:4].isdigit() else None

    @property
    def number_disagrees(self) -> bool:
        """The stated number names another document (spacing and punctuation aside)."""
        return bool(self.stated_number) and squash(self.stated_number) != squash(self.number)

    @property
    def misquoted(self) -> bool:
        """The stated number or date disagrees with the document's own."""
        return self.agreement == DISAGREES or self.number_disagrees


def _citation(r: Record) -> Citation:
    return Citation(
        iri=iri(r, "citation"),
        document=iri(r, "document"),
        number=text(r, "number"),
        document_date=text(r, "document_date"),
        source=iri(r, "source"),
        source_title=text(r, "source_title"),
        date=text(r, "source_date") or text(r, "event_date"),
        event=iri(r, "event"),
        event_label=text(r, "event_label"),
        cluster=iri(r, "cluster"),
        cluster_label=text(r, "cluster_label"),
        host=iri(r, "host"),
        host_label=text(r, "host_label"),
        speaker=iri(r, "speaker"),
        speaker_label=text(r, "speaker_label"),
        stated_number=text(r, "stated_number"),
        stated_date=text(r, "stated_date"),
        stated_date_text=text(r, "stated_date_text"),
        agreement=iri(r, "date_agreement"),
    )


def citations(store: Store, document: str | None = None) -> list[Citation]:
    """Every citation (of ``document`` only, when given), in date order, undated last."""
    values = {"document": document} if document else {}
    found = [_citation(r) for r in records(store, "citation-trace", values)]
    return sorted(found, key=lambda c: (c.date or "9999", str(c.source), str(c.iri)))


@dataclass(frozen=True)
class CoCitation:
    """Another document cited in the same sources, and how many sources cite both."""

    document: URIRef
    number: str
    sources: int


@dataclass(frozen=True)
class Trace:
    """A document's citations and what follows from them."""

    document: URIRef
    number: str
    citations: tuple[Citation, ...]
    cited_with: tuple[CoCitation, ...] = ()

    @property
    def dated(self) -> list[Citation]:
        return [c for c in self.citations if c.year is not None]

    @property
    def first(self) -> Citation | None:
        return self.dated[0] if self.dated else None

    @property
    def latest(self) -> Citation | None:
        return self.dated[-1] if self.dated else None

    def per_year(self) -> dict[int, int]:
        """How many citations each year has (undated citations are left out)."""
        return dict(sorted(Counter(c.year for c in self.dated).items()))

    def by(self, key: str) -> dict[str, list[Citation]]:
        """Citations grouped by ``year``, ``cluster``, ``province`` (the host) or ``speaker``;
        the group "" holds those without one."""
        if key not in BY:
            raise ValueError(f"group by one of {', '.join(BY)}")
        groups: dict[str, list[Citation]] = {}
        for c in self.citations:
            name = {
                "year": str(c.year or ""),
                "cluster": c.cluster_label,
                "province": c.host_label,
                "speaker": c.speaker_label,
            }[key]
            groups.setdefault(name, []).append(c)
        return dict(sorted(groups.items(), key=lambda kv: (kv[0] == "", kv[0])))


def cited_with(everything: list[Citation], document: URIRef) -> tuple[CoCitation, ...]:
    """Documents cited in the sources that cite ``document``, most shared sources first."""
    sources = {c.source for c in everything if c.document == document}
    shared: dict[URIRef, set[URIRef]] = {}
    numbers: dict[URIRef, str] = {}
    for c in everything:
        if c.document != document and c.source in sources:
            shared.setdefault(c.document, set()).add(c.source)
            numbers[c.document] = c.number
    ranked = sorted(shared.items(), key=lambda kv: (-len(kv[1]), numbers[kv[0]]))
    return tuple(CoCitation(d, numbers[d], len(s)) for d, s in ranked)


def trace(store: Store, document: str) -> Trace:
    """The citations of ``document`` (a number such as 34-CT/TW, a key or an IRI)."""
    own = citations(store, document)
    target = own[0].document if own else as_iri(document, iris.document)
    number = own[0].number if own else document
    return Trace(target, number, tuple(own), cited_with(citations(store), target))


def misquoted(store: Store) -> list[Citation]:
    """Every citation whose stated number or date disagrees with the document."""
    return [c for c in citations(store) if c.misquoted]


@dataclass(frozen=True)
class Link:
    """One relation between two documents (``eli:amends``, ``repeals``, ``based_on``, ``cites``)."""

    document: URIRef
    number: str
    relation: URIRef
    related: URIRef
    related_number: str
    date: str
    in_force: str
    related_date: str


def chain(store: Store, document: str) -> list[Link]:
    """Every relation reachable from ``document`` in either direction: the law, what is based
    on it or amends it, what it repeals, and so on, oldest first."""
    target = trace_target(store, document)
    links = [
        Link(
            iri(r, "document"),
            text(r, "document_number"),
            iri(r, "relation"),
            iri(r, "related"),
            text(r, "related_number"),
            text(r, "document_date"),
            text(r, "document_in_force"),
            text(r, "related_date_document"),
        )
        for r in records(store, "document-relations")
    ]
    reached, todo, kept = {target}, [target], []
    while todo:
        node = todo.pop()
        for link in links:
            if node in (link.document, link.related) and link not in kept:
                kept.append(link)
                for other in (link.document, link.related):
                    if other not in reached:
                        reached.add(other)
                        todo.append(other)
    return sorted(kept, key=lambda k: (k.date or "9999", k.number, str(k.relation)))


def trace_target(store: Store, document: str) -> URIRef:
    """The IRI of ``document``, checked against the store (an unknown one is an InputError
    suggesting the nearest keys)."""
    records(store, "documents", {"document": document})
    return as_iri(document, iris.document)
