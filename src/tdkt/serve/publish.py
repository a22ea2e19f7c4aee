"""``tdkt publish``: the server's pages and RDF written as static files for any web host.

Every IRI the dataset uses under its base gets ``{path}.html`` and one file per RDF format
(``{path}.ttl``, ``.jsonld``, ``.nt``, ``.rdf``, ``.trig``, ``.nq``); links are relative, so
the site works at any address. A web host that maps the base onto the site (and serves
``.html`` for an extension-less path) makes every IRI dereferenceable.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from rdflib import URIRef

from tdkt import catalogue, iris
from tdkt.serve import dataset, formats, lookups, pages
from tdkt.serve.charts import CHARTS
from tdkt.serve.labels import Labels
from tdkt.serve.links import ONTOLOGY_PATH, Links
from tdkt.serve.pages import Alternate, alternates, entries
from tdkt.serve.rdf import context, serialize
from tdkt.serve.views import STATIC, Views, documented
from tdkt.stats import stats
from tdkt.store.base import Store

SUFFIX = ".html"


@dataclass(frozen=True)
class Published:
    """What a publish wrote: resource pages, and files in all."""

    pages: int
    files: int


class _Writer:
    def __init__(self, out: Path) -> None:
        self.out = out
        self.files = 0

    def write(self, path: str, data: bytes | str) -> None:
        target = self.out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        self.files += 1


def publish(store: Store, out: Path, base: str = iris.BASE) -> Published:
    """Write the site into ``out`` (created; files of an earlier publish are overwritten)."""
    labels = Labels(lookups.labels(store))
    ontology = list(store.quads(iris.ontology_graph()))
    views = Views(labels, live=False, terms=documented(ontology, base))
    top = Links(base=base, root="./", suffix=SUFFIX)
    context_url = "context.jsonld"  # relative: JSON-LD resolves it against the file's URL
    site = _Writer(out)
    shutil.copytree(STATIC, out / "static", dirs_exist_ok=True)
    site.write("context.jsonld", _json(context()))

    site.write("index.html", views.home(stats(store), entries(store, labels), top))
    site.write("sparql.html", views.sparql(catalogue.catalogue(), base + "sparql", top))
    dumps = dataset.write_dumps(store, out / "dumps")
    site.files += len(dumps)
    site.write("dumps/index.html", views.dumps(dumps, top.deeper("dumps/index.html")))
    modified = datetime.now(UTC).replace(microsecond=0)
    description = dataset.describe(stats(store), dumps, modified, base)
    quads = [(s, p, o, None) for s, p, o in description]
    for fmt in formats.TRIPLE_FORMATS:
        site.write(f"dataset.{fmt.suffix}", serialize(quads, fmt, context_url))
    site.write(".well-known/void", serialize(quads, formats.TURTLE, context_url))
    dataset_alts = [
        Alternate(f.media_type, f.suffix, f"./dataset.{f.suffix}") for f in formats.TRIPLE_FORMATS
    ]
    site.write("dataset.html", views.dataset(description, dumps, top, dataset_alts))

    _rdf(site, ONTOLOGY_PATH, ontology, context_url)
    ontology_alts = alternates(top, base + ONTOLOGY_PATH, formats.RDF_FORMATS)
    site.write(ONTOLOGY_PATH + SUFFIX, views.ontology(ontology, top, ontology_alts))

    written = 0
    for graph in store.graphs():
        path = top.local_path(str(graph))
        if path is None:
            continue
        links = top.deeper(path)
        quads = list(store.quads(graph))
        _rdf(site, path, quads, links.root + context_url)
        site.write(path + SUFFIX, views.graph(graph, quads, links, _alts(links, graph)))
        written += 1
    for iri in lookups.all_iris(store):
        path = top.local_path(str(iri))
        if path is None or not path.startswith("id/"):
            continue
        links = top.deeper(path)
        page = pages.page(store, iri, path, CHARTS)
        if page is None:
            continue
        quads = [(iri, s.predicate, s.value, s.graph) for s in page.resource.out]
        _rdf(site, path, quads, links.root + context_url)
        site.write(path + SUFFIX, views.resource(page, links, _alts(links, iri)))
        written += 1
    return Published(pages=written, files=site.files)


def _alts(links: Links, iri: URIRef) -> list[Alternate]:
    return alternates(links, str(iri), formats.RDF_FORMATS)


def _rdf(site: _Writer, path: str, quads: list[tuple], context_url: str) -> None:
    for fmt in formats.RDF_FORMATS:
        site.write(f"{path}.{fmt.suffix}", serialize(quads, fmt, context_url))


def _json(value: dict) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"
