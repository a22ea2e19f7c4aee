"""What each HTML page shows, as plain data for the templates: a resource with its
properties, incoming links and evidence, plus the sections its kind calls for, which come
from the same named queries the CLI runs (``tdkt query``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.namespace import RDF

from tdkt import catalogue, iris
from tdkt.errors import InputError
from tdkt.serve import formats, lookups
from tdkt.serve.labels import Labels
from tdkt.serve.links import Links
from tdkt.store.base import SelectResult, Store


@dataclass(frozen=True)
class SectionSpec:
    """A named query run for a page of one kind, bound to the page's key (or filtered)."""

    query: str
    title_vi: str
    title_en: str
    param: str | None = None  # bound to the page's key; None: rows mentioning the page
    chart: str | None = None  # a chart of tdkt.serve.charts drawn above the table


SECTIONS: dict[str, tuple[SectionSpec, ...]] = {
    "cluster": (
        SectionSpec(
            "chair-rotation", "Luân phiên Cụm trưởng", "Chair rotation", "cluster", chart="rotation"
        ),
        SectionSpec("membership-history", "Thành viên theo năm", "Membership over time", "cluster"),
    ),
    "province": (
        SectionSpec("province-lineage", "Sáp nhập, chia tách", "Lineage", "province"),
        SectionSpec("province-roles", "Vai trò trong cụm thi đua", "Roles held", "province"),
        SectionSpec("awards", "Khen thưởng", "Awards", "province"),
    ),
    "document": (
        SectionSpec(
            "citations",
            "Trích dẫn theo thời gian",
            "Citations over time",
            "document",
            chart="citations",
        ),
        SectionSpec("document-relations", "Chuỗi văn bản", "Implementing chain"),
    ),
    "person": (SectionSpec("officials", "Chức vụ theo ngày", "Posts as attested", "person"),),
}


ENTRY_CLASSES = (
    ("EmulationCluster", "Cụm thi đua", "Emulation clusters"),
    ("Province", "Tỉnh, thành phố", "Provinces and cities"),
)


@dataclass(frozen=True)
class Alternate:
    """Another serialisation of a page, for ``<link rel=alternate>``, ``Link`` and the footer."""

    media_type: str
    suffix: str
    href: str


@dataclass(frozen=True)
class Entries:
    """A home-page list of entry points."""

    title_vi: str
    title_en: str
    items: list[URIRef]


def alternates(links: Links, iri: str, fmts: tuple[formats.Format, ...]) -> list[Alternate]:
    """The other serialisations of ``iri``'s page, as suffix URLs."""
    return [Alternate(f.media_type, f.suffix, links.href(iri, f.suffix)) for f in fmts]


def entries(store, labels: Labels) -> list[Entries]:
    """The home page's entry points: every cluster and province, by label."""
    groups = []
    for local, title_vi, title_en in ENTRY_CLASSES:
        found = lookups.instances(store, iris.TDKT[local])
        groups.append(Entries(title_vi, title_en, sorted(found, key=labels.vi)))
    return groups


@dataclass
class Section:
    spec: SectionSpec
    result: SelectResult
    chart: str | None = None  # inline SVG


@dataclass
class Page:
    """A resource page's data; ``kind`` is ``province``, ``cluster``, ``document``, …"""

    resource: lookups.Resource
    kind: str
    key: str
    types: list[URIRef] = field(default_factory=list)
    evidence: list[lookups.Evidence] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)


def kind_and_key(path: str) -> tuple[str, str]:
    """``id/province/lam-dong`` → (``province``, ``lam-dong``); deeper paths keep the rest."""
    parts = path.split("/")
    return (parts[1] if len(parts) > 1 else ""), "/".join(parts[2:])


def _mentions(result: SelectResult, iri: URIRef) -> SelectResult:
    rows = [row for row in result.rows if iri in row]
    return SelectResult(result.variables, rows)


def _compact(result: SelectResult, iri: URIRef) -> SelectResult:
    """Drop the columns a page does not need: the page itself, and labels its links show."""
    names = set(result.variables)
    keep = [
        i
        for i, v in enumerate(result.variables)
        if not (v.endswith("_label") and v.removesuffix("_label") in names)
        and not all(row[i] == iri for row in result.rows)
    ]
    rows = [tuple(row[i] for i in keep) for row in result.rows]
    return SelectResult([result.variables[i] for i in keep], rows)


def _section(store: Store, spec: SectionSpec, iri: URIRef, key: str) -> SelectResult | None:
    """The section's rows; None when the query is not shipped or refuses this key."""
    try:
        query = catalogue.named(spec.query)
        if spec.param is None:
            return _mentions(catalogue.run(store, query), iri)
        return catalogue.run(store, query, {spec.param: key})
    except InputError:  # no such query in this build, or a key the query does not know
        return None


def page(
    store: Store,
    iri: URIRef,
    path: str,
    charts: dict[str, Callable[[Store, URIRef], str | None]] | None = None,
) -> Page | None:
    """The page for ``iri`` (local ``path``), or None when the store knows nothing of it."""
    found = lookups.resource(store, iri)
    if not found.exists:
        return None
    kind, key = kind_and_key(path)
    result = Page(found, kind, key, types=sorted(set(found.values(RDF.type))))
    result.evidence = lookups.evidence(store, iri)
    is_entity = key and "/" not in key  # id/cluster/x, not id/cluster/x/chair/2024
    for spec in SECTIONS.get(kind, ()) if is_entity else ():
        rows = _section(store, spec, iri, key)
        if rows is None or not rows.rows:
            continue
        drawn = charts[spec.chart](store, iri) if charts and spec.chart in charts else None
        result.sections.append(Section(spec, _compact(rows, iri), drawn))
    return result
