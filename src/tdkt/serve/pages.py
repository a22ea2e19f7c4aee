"""What each HTML page shows, as plain data for the templates: a resource with its
properties, incoming links and evidence, plus the sections its kind calls for, which come
from the same named queries the CLI runs (``tdkt query``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.namespace import RDF
from rdflib.term import Identifier

from tdkt import catalogue, iris
from tdkt.errors import InputError
from tdkt.serve import formats, lookups
from tdkt.serve.labels import Labels
from tdkt.serve.links import Links
from tdkt.serve.paging import ROWS, Slice, Window
from tdkt.store.base import SelectResult, Store
from tdkt.store.prebind import prebind


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


INCOMING, EVIDENCE = "incoming", "evidence"  # a page's lists besides its sections


class NoPage(LookupError):
    """A list, or a page of one, that a resource's page does not have (the message says so)."""


@dataclass
class Section:
    """One named query's table on a page: a window of its rows, and where the rest is."""

    spec: SectionSpec
    variables: list[str]
    rows: Slice[tuple]
    chart: str | None = None  # inline SVG
    full: str | None = None  # the query with the page's key bound: the whole answer

    @property
    def result(self) -> SelectResult:
        """The window's rows as a table."""
        return SelectResult(self.variables, self.rows.rows)


@dataclass
class Page:
    """A resource page's data; ``kind`` is ``province``, ``cluster``, ``document``, ….

    ``only`` names the one list shown when the page is a further page of that list."""

    resource: lookups.Resource
    kind: str
    key: str
    types: list[URIRef] = field(default_factory=list)
    evidence: Slice[lookups.Evidence] | None = None
    sections: list[Section] = field(default_factory=list)
    only: str | None = None

    def shows(self, name: str) -> bool:
        return self.only is None or self.only == name

    def listed(self) -> Slice | None:
        """The window of the one list a further page shows (None on an entity's own page)."""
        if self.only == INCOMING:
            return self.resource.incoming
        if self.only == EVIDENCE:
            return self.evidence
        return next((s.rows for s in self.sections), None) if self.only else None


def kind_and_key(path: str) -> tuple[str, str]:
    """``id/province/lam-dong`` → (``province``, ``lam-dong``); deeper paths keep the rest."""
    parts = path.split("/")
    return (parts[1] if len(parts) > 1 else ""), "/".join(parts[2:])


def _specs(kind: str, key: str) -> tuple[SectionSpec, ...]:
    """The sections of a page: entities only (id/cluster/x, not id/cluster/x/chair/2024)."""
    return SECTIONS.get(kind, ()) if key and "/" not in key else ()


def lists(path: str) -> list[str]:
    """The names of the lists the page at ``path`` can have (``?list=`` of a further page)."""
    return [INCOMING, EVIDENCE] + [spec.query for spec in _specs(*kind_and_key(path))]


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


def _uncommented(text: str) -> str:
    """The query without its comment lines (the header): a shorter link to its answer."""
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def _section(
    store: Store, spec: SectionSpec, iri: URIRef, key: str, window: Window
) -> Section | None:
    """The section's window of rows; None when the query is not shipped or refuses this key.

    The named query answers whole (its cost is the query's); the page keeps one window."""
    try:
        query = catalogue.named(spec.query)
        if spec.param is None:
            rows, full = _mentions(catalogue.run(store, query), iri), None
        else:
            rows = catalogue.run(store, query, {spec.param: key})
            full = prebind(_uncommented(query.text), catalogue.bind(query, {spec.param: key}))
    except InputError:  # no such query in this build, or a key the query does not know
        return None
    shown = _compact(rows, iri)
    return Section(spec, shown.variables, window.cut(shown.rows), full=full)


class _Once:
    """The store as one page reads it: a query with the same bindings is answered once (a
    cluster's chart reads the same named queries as its tables)."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._answers: dict[tuple, SelectResult] = {}

    def select(self, query: str, bindings: Mapping[str, Identifier] | None = None):
        key = (query, tuple(sorted((bindings or {}).items())))
        if key not in self._answers:
            self._answers[key] = self._store.select(query, bindings)
        return self._answers[key]

    def __getattr__(self, name: str):
        return getattr(self._store, name)


def page(
    store: Store,
    iri: URIRef,
    path: str,
    charts: dict[str, Callable[[Store, URIRef], str | None]] | None = None,
    rows: int = ROWS,
    only: str | None = None,
    number: int = 1,
) -> Page | None:
    """The page for ``iri`` (local ``path``), or None when the store knows nothing of it.

    Each list shows its first ``rows`` rows; with ``only``, the page is page ``number`` of
    that one list (NoPage when the page has no such list or the list no such page)."""
    if only is not None and only not in lists(path):
        raise NoPage(f"/{path} has no list {only!r} (its lists: {', '.join(lists(path))})")
    store = _Once(store)
    window = Window(number if only else 1, rows)
    found = lookups.resource(store, iri, window if only in (None, INCOMING) else Window(1, rows))
    if not found.exists:
        return None
    kind, key = kind_and_key(path)
    result = Page(found, kind, key, types=sorted(set(found.values(RDF.type))), only=only)
    if result.shows(EVIDENCE):
        result.evidence = lookups.evidence(store, iri, window)
    for spec in _specs(kind, key):
        if not result.shows(spec.query):
            continue
        section = _section(store, spec, iri, key, window)
        if section is None or not (section.rows.total or only):
            continue
        if only is None and charts and spec.chart in charts:
            section.chart = charts[spec.chart](store, iri)
        result.sections.append(section)
    shown = result.listed()
    if only is not None and (shown is None or not shown.exists):
        pages = shown.pages if shown is not None else 1
        raise NoPage(f"the list {only} of /{path} has {pages} page(s), not {number}")
    return result
