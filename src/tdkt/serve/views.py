"""HTML for every kind of page, from plain data: the server and the static publisher call
the same functions, so a page reads the same wherever it is hosted."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from rdflib.term import Identifier

from tdkt import iris
from tdkt.catalogue import Query
from tdkt.serve.dataset import Dump
from tdkt.serve.labels import Hit, Labels, short
from tdkt.serve.links import ONTOLOGY_PATH, Links
from tdkt.serve.lookups import Statement
from tdkt.serve.pages import Alternate, Entries, Page
from tdkt.stats import Stats
from tdkt.store.base import SelectResult

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
_TERM_GROUPS = (
    (OWL.Class, "classes", "Lớp · Classes"),
    (OWL.ObjectProperty, "object-properties", "Thuộc tính quan hệ · Object properties"),
    (OWL.DatatypeProperty, "datatype-properties", "Thuộc tính dữ liệu · Datatype properties"),
    (SKOS.ConceptScheme, "schemes", "Hệ khái niệm · Concept schemes"),
    (SKOS.Concept, "concepts", "Khái niệm · Concepts"),
)


@dataclass
class Term:
    iri: URIRef
    anchor: str
    properties: list[tuple[URIRef, list]] = field(default_factory=list)


@dataclass
class TermGroup:
    anchor: str
    title: str
    terms: list[Term] = field(default_factory=list)


class Views:
    """The Jinja2 environment with the label and link helpers the templates use."""

    def __init__(self, labels: Labels, live: bool, terms: set[URIRef] | None = None) -> None:
        self.labels = labels
        self.live = live
        self.terms = terms  # the ontology's documented terms (None: link every term)
        self.env = Environment(
            loader=FileSystemLoader(TEMPLATES),
            autoescape=select_autoescape(["html"]),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.tests["iri"] = lambda t: isinstance(t, URIRef)
        self.env.filters["thousands"] = thousands
        self.env.filters["sources"] = sources

    def render(
        self, template: str, links: Links, alternates: Iterable[Alternate] = (), **context
    ) -> str:
        return self.env.get_template(template).render(
            links=links,
            labels=self.labels,
            short=short,
            live=self.live,
            linkable=lambda t: self.linkable(t, links),
            alternates=list(alternates),
            ontology_iri=URIRef(links.base + ONTOLOGY_PATH),
            list_href=lambda iri, name, number: list_href(links, iri, name, number),
            answers=links.page("sparql") if self.live else links.base + "sparql",
            **context,
        )

    def linkable(self, term: URIRef, links: Links) -> bool:
        """Whether ``term`` has somewhere to link to: vocabulary terms only if documented."""
        path = links.local_path(str(term))
        if self.terms is None or path is None or not path.startswith(ONTOLOGY_PATH + "#"):
            return True
        return term in self.terms

    def resource(self, page: Page, links: Links, alternates: list[Alternate]) -> str:
        title = self.labels.vi(page.resource.iri)
        if page.only:
            title += f" · {page.only} {page.listed().window.number}"
        return self.render("resource.html", links, alternates, page=page, title=title)

    def graph(self, graph: URIRef, quads: list[tuple], links: Links, alternates) -> str:
        subjects = sorted({q[0] for q in quads if isinstance(q[0], URIRef)})
        return self.render(
            "graph.html",
            links,
            alternates,
            graph=graph,
            subjects=subjects,
            triples=len(quads),
            title=short(str(graph)),
        )

    def home(self, stats: Stats, entries: list[Entries], links: Links) -> str:
        figures = [(URIRef(c), n) for c, n in stats.per_class[:8]]
        return self.render(
            "home.html", links, stats=stats, figures=figures, entries=entries, title="Trang chủ"
        )

    def search(self, query: str, hits: list[Hit], links: Links) -> str:
        return self.render(
            "search.html", links, query=query, search_text=query, hits=hits, title=f"Tìm: {query}"
        )

    def sparql(self, examples: list[Query], endpoint: str, links: Links) -> str:
        return self.render(
            "sparql.html", links, examples=examples, endpoint=endpoint, title="SPARQL"
        )

    def results(self, query: str, result: SelectResult | None, boolean, links: Links) -> str:
        return self.render(
            "results.html", links, query=query, result=result, boolean=boolean, title="Kết quả"
        )

    def dataset(self, description: Graph, dumps: list[Dump], links: Links, alternates) -> str:
        dataset = URIRef(links.base + "dataset")
        statements = sorted(
            (Statement(p, o, dataset) for p, o in description.predicate_objects(dataset)),
            key=lambda s: (s.predicate, str(s.value)),
        )
        return self.render(
            "dataset.html",
            links,
            alternates,
            dataset=dataset,
            description=statements,
            dumps=dumps,
            title="Dataset",
        )

    def dumps(self, dumps: list[Dump], links: Links) -> str:
        return self.render("dumps.html", links, dumps=dumps, title="Dumps")

    def ontology(self, quads: list[tuple], links: Links, alternates) -> str:
        return self.render(
            "ontology.html",
            links,
            alternates,
            groups=term_groups(quads, links.base),
            title="Ontology",
        )

    def error(self, status: int, message: str, links: Links) -> str:
        return self.render("error.html", links, status=status, message=message, title=str(status))


def thousands(number: int, separator: str) -> str:
    """``2788`` → ``2.788`` (Vietnamese) or ``2,788`` (English)."""
    return f"{number:,}".replace(",", separator)


def sources(cell: Identifier | None) -> list[Identifier]:
    """A named query's ``source`` column (its sources' IRIs joined by " ; ") as a list: a
    page shows the first few and how many more (the whole answer has them all)."""
    if cell is None:
        return []
    return [
        URIRef(s) if s.startswith(("http://", "https://")) else Literal(s)
        for s in str(cell).split(" ; ")
    ]


def list_href(links: Links, iri: str, name: str, number: int) -> str:
    """The link to page ``number`` of the list ``name`` on ``iri``'s page (live server only)."""
    return f"{links.href(iri)}?{urlencode({'list': name, 'page': number})}"


def documented(quads: list[tuple], base: str = iris.BASE) -> set[URIRef]:
    """The terms the ontology page has a section for (its anchors)."""
    return {t.iri for group in term_groups(quads, base) for t in group.terms}


def term_groups(quads: list[tuple], base: str = iris.BASE) -> list[TermGroup]:
    """The ontology's own terms (``{base}ontology#…``) by kind, each with its statements."""
    namespace = base + ONTOLOGY_PATH + "#"
    by_subject: dict[URIRef, dict[URIRef, list]] = defaultdict(lambda: defaultdict(list))
    for s, p, o, _ in quads:
        if isinstance(s, URIRef) and str(s).startswith(namespace):
            by_subject[s][p].append(o)
    groups = {uri: TermGroup(anchor, title) for uri, anchor, title in _TERM_GROUPS}
    other = TermGroup("other", "Khác · Other terms")
    for subject in sorted(by_subject):
        props = by_subject[subject]
        types = set(props.get(RDF.type, []))
        group = next((groups[u] for u, _, _ in _TERM_GROUPS if u in types), other)
        ordered = sorted(props.items(), key=lambda kv: (kv[0] != RDFS.label, str(kv[0])))
        group.terms.append(
            Term(
                subject,
                str(subject)[len(namespace) :],
                [(p, sorted(v, key=str)) for p, v in ordered],
            )
        )
    return [g for g in (*groups.values(), other) if g.terms]
