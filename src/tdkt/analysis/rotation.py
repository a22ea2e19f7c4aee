"""Chair rotation of an emulation cluster: who held the chair and vice-chair each year, where
the record has gaps, where sources disagree, and who has not chaired yet.

Everything is computed from the named queries ``chair-rotation``, ``membership-history``,
``province-roles`` and ``province-lineage``, so each answer can be checked with
``tdkt query``. A *claim* is one source's statement (one row per named graph), so two
sources naming two provinces for one year stay two claims and show up as a conflict.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import URIRef

from tdkt import iris
from tdkt.analysis.records import Record, as_iri, iri, records, text, year_of
from tdkt.store.base import Store

CHAIR = iris.TDKT.ClusterChair
VICE_CHAIR = iris.TDKT.ClusterViceChair


@dataclass(frozen=True)
class Claim:
    """One source's statement that a province held a role in a cluster for a year."""

    cluster: URIRef
    cluster_label: str
    year: int
    role: URIRef
    province: URIRef
    province_label: str
    status: URIRef | None
    sources: tuple[str, ...]
    via: URIRef | None = None  # the unit whose lineage brought this claim in (--follow-lineage)


@dataclass(frozen=True)
class Member:
    """A province listed as a member of the cluster in a year, with its days of existence."""

    province: URIRef
    label: str
    valid_until: str = ""


@dataclass(frozen=True)
class Conflict:
    """Two or more provinces named for one role in one year."""

    year: int
    role: URIRef
    provinces: tuple[URIRef, ...]


@dataclass(frozen=True)
class Handover:
    """The vice-chair of ``year`` and the chair of ``year + 1``."""

    year: int
    vice_chairs: tuple[URIRef, ...]
    next_chairs: tuple[URIRef, ...]

    @property
    def promoted(self) -> bool:
        return bool(set(self.vice_chairs) & set(self.next_chairs))


@dataclass(frozen=True)
class Rotation:
    """A cluster's known record: claims, membership by year, and what follows from them."""

    cluster: URIRef
    label: str
    claims: tuple[Claim, ...]
    membership: dict[int, tuple[Member, ...]] = field(default_factory=dict)

    @property
    def years(self) -> list[int]:
        """Every year from the first to the last one the record mentions."""
        known = {c.year for c in self.claims} | set(self.membership)
        return list(range(min(known), max(known) + 1)) if known else []

    def holders(self, year: int, role: URIRef) -> tuple[URIRef, ...]:
        """The provinces claimed for ``role`` in ``year`` (sorted, each once)."""
        return tuple(sorted({c.province for c in self.claims if c.year == year and c.role == role}))

    @property
    def gaps(self) -> list[int]:
        """Years of the record with no known chair."""
        return [y for y in self.years if not self.holders(y, CHAIR)]

    @property
    def conflicts(self) -> list[Conflict]:
        """Years and roles for which sources name different provinces."""
        found = []
        for year in self.years:
            for role in (CHAIR, VICE_CHAIR):
                holders = self.holders(year, role)
                if len(holders) > 1:
                    found.append(Conflict(year, role, holders))
        return found

    @property
    def never_chaired(self) -> list[Member]:
        """Members (in any listed year) that no source names as chair."""
        chairs = {c.province for c in self.claims if c.role == CHAIR}
        members = {m.province: m for ms in self.membership.values() for m in ms}
        return [m for p, m in sorted(members.items()) if p not in chairs]

    @property
    def handovers(self) -> list[Handover]:
        """Each year N with a known vice-chair and a known chair for N+1."""
        found = []
        for year in self.years:
            vice, chair = self.holders(year, VICE_CHAIR), self.holders(year + 1, CHAIR)
            if vice and chair:
                found.append(Handover(year, vice, chair))
        return found

    def label_of(self, province: URIRef) -> str:
        """The province's label as the record gives it (its key when it has none)."""
        for c in self.claims:
            if c.province == province:
                return c.province_label
        for ms in self.membership.values():
            for m in ms:
                if m.province == province:
                    return m.label
        return str(province).rsplit("/", 1)[-1]


def _claim(record: Record, via: URIRef | None = None, holder: URIRef | None = None) -> Claim:
    """A claim from a ``chair-rotation`` or ``province-roles`` row (the latter names the
    province only as its parameter: ``holder``)."""
    return Claim(
        cluster=iri(record, "cluster"),
        cluster_label=text(record, "cluster_label"),
        year=year_of(record["year"]),
        role=iri(record, "role"),
        province=iri(record, "province") or holder,
        province_label=text(record, "province_label"),
        status=iri(record, "status"),
        sources=tuple(s for s in text(record, "source").split(" ; ") if s),
        via=via,
    )


def membership(rows: Iterable[Record]) -> dict[int, tuple[Member, ...]]:
    """``membership-history`` rows as the members of each year."""
    by_year: dict[int, dict[URIRef, Member]] = {}
    for r in rows:
        member = Member(iri(r, "province"), text(r, "province_label"), text(r, "valid_until"))
        by_year.setdefault(year_of(r["year"]), {})[member.province] = member
    return {y: tuple(m for _, m in sorted(ms.items())) for y, ms in sorted(by_year.items())}


def rotation(store: Store, cluster: str) -> Rotation:
    """The rotation record of ``cluster`` (a key or IRI; an unknown key is an InputError)."""
    claims = tuple(_claim(r) for r in records(store, "chair-rotation", {"cluster": cluster}))
    members = records(store, "membership-history", {"cluster": cluster})
    named = [c.cluster_label for c in claims] + [text(r, "cluster_label") for r in members]
    label = next((n for n in named if n), "")
    return Rotation(as_iri(cluster, iris.cluster), label, claims, membership(members))


def province_roles(store: Store, province: str, follow_lineage: bool = False) -> list[Claim]:
    """Every role ``province`` held in any cluster; with ``follow_lineage`` also the roles of
    the units it became and of their other predecessors (Bắc Kạn for Thái Nguyên), each
    marked with the unit it came from."""
    start = as_iri(province, iris.province)
    units = lineage(store, province) if follow_lineage else [start]
    claims: list[Claim] = []
    for unit in units:
        rows = records(
            store, "province-roles", {"province": province if unit == start else str(unit)}
        )
        claims.extend(_claim(r, unit if unit != start else None, unit) for r in rows)
    return sorted(claims, key=lambda c: (c.year, str(c.cluster), str(c.role), str(c.province)))


def lineage(store: Store, province: str) -> list[URIRef]:
    """``province``, every unit it became, and every predecessor of those, through the change
    events (``province-lineage``); the first item is the province itself."""
    start = as_iri(province, iris.province)
    seen, todo = [start], [start]
    while todo:
        unit = todo.pop()
        for r in records(store, "province-lineage", {"province": str(unit)}):
            pair = (iri(r, "predecessor"), iri(r, "successor"))
            if unit not in pair:  # the query's filter, restated: only changes touching unit
                continue
            for other in pair:
                if other is not None and other not in seen:
                    seen.append(other)
                    todo.append(other)
    return seen
