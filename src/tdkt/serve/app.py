"""The Linked Data server: an ASGI app (Starlette) over one read-only store snapshot.

Every ``{base}id/…``, ``{base}graph/…`` and ``{base}ontology`` IRI is served at the same path
on this host, as HTML or RDF by content negotiation or by suffix; ``/sparql`` speaks the
SPARQL 1.1 Protocol; ``/dataset`` and ``/.well-known/void`` describe the dataset; ``/dumps/``
holds gzipped TriG and N-Quads. The store is read as it was when the app started (labels,
figures and dumps are cached), so a rebuild is published by restarting the server.

The store is the embedded one or a remote SPARQL engine (``--store URL``): every route reads
it through the store interface, except ``/sparql``, which streams pyoxigraph's results from
the embedded store and forwards the query to an engine (``tdkt.serve.engine``). A store that
stops answering is a 503 with one line, never a traceback.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from functools import cached_property, lru_cache
from pathlib import Path

from rdflib import URIRef
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from tdkt import catalogue, iris
from tdkt.errors import StoreError
from tdkt.serve import dataset, engine, formats, lookups, pages, sparql
from tdkt.serve.charts import CHARTS
from tdkt.serve.labels import Labels
from tdkt.serve.links import ONTOLOGY_PATH, Links
from tdkt.serve.pages import alternates, entries
from tdkt.serve.paging import ROWS
from tdkt.serve.rdf import context, serialize
from tdkt.serve.views import STATIC, Alternate, Views, documented
from tdkt.stats import Stats, stats
from tdkt.store import guard
from tdkt.store.base import SelectResult, Store
from tdkt.store.open import is_remote, open_store
from tdkt.store.remote import RemoteStore
from tdkt.store.terms import to_rdflib

PAGE_CACHE = 4096  # rendered bodies kept per app: the snapshot never changes while served
PREFIXES = {prefix: str(ns) for prefix, ns in iris.PREFIXES.items()}
UNAVAILABLE = "the store behind this server is not answering; try again later"
log = logging.getLogger("tdkt.serve")


@dataclass
class Site:
    """The state the routes share: one store snapshot, its labels and the guards."""

    store: Store
    base: str
    limits: sparql.Limits
    dumps_dir: Path
    modified: datetime
    rows: int = ROWS  # rows of one list a page shows
    remote: RemoteStore | None = field(init=False)  # set when the store is an engine
    labels: Labels = field(init=False)
    views: Views = field(init=False)
    links: Links = field(init=False)
    _dumps: list[dataset.Dump] | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.remote = self.store if isinstance(self.store, RemoteStore) else None
        self.labels = Labels(lookups.labels(self.store))
        ontology = list(self.store.quads(iris.ontology_graph()))
        self.views = Views(self.labels, live=True, terms=documented(ontology, self.base))
        self.links = Links(base=self.base, root="/")

    @cached_property
    def stats(self) -> Stats:
        return stats(self.store)

    @cached_property
    def graphs(self) -> frozenset[URIRef]:
        return frozenset(self.store.graphs())

    def dumps(self) -> list[dataset.Dump]:
        """Written once, on first use (an export of the whole store)."""
        with self._lock:
            if self._dumps is None:
                self._dumps = dataset.write_dumps(self.store, self.dumps_dir)
            return self._dumps


def create_app(
    location: Path | str,
    base: str = iris.BASE,
    limits: sparql.Limits | None = None,
    dumps_dir: Path | None = None,
    rows: int = ROWS,
) -> Starlette:
    """The server for the store at ``location``: a directory (opened read-only; it must
    exist) or a SPARQL engine's URL (``tdkt.store.endpoints`` reads its settings). A page
    shows ``rows`` rows of each list and links to the list's further pages."""
    unbounded = guard.Limits(timeout=None, max_rows=None, memory_mb=None)
    store = open_store(location, limits=unbounded)  # the server's own fixed queries
    store.graphs()  # fail now, with the store's message, if there is none
    if is_remote(location):
        modified = datetime.now(UTC)  # an engine keeps no date: when this server read it
    else:
        modified = datetime.fromtimestamp(Path(location).stat().st_mtime, UTC)
    modified = modified.replace(microsecond=0)
    scratch = None if dumps_dir else Path(tempfile.mkdtemp(prefix="tdkt-dumps-"))
    folder = dumps_dir or scratch
    site = Site(store, base, limits or sparql.Limits(), folder, modified, rows)
    routes = _routes(site)
    return Starlette(
        routes=routes,
        middleware=[
            Middleware(
                CORSMiddleware,
                allow_origins=["*"],
                allow_methods=["GET", "POST"],
                allow_headers=["*"],
            ),
            Middleware(GZipMiddleware, minimum_size=500),
        ],
        lifespan=_closing(store, scratch),
        exception_handlers={StoreError: _unavailable(site)},
    )


ENVIRONMENT = ("TDKT_SERVE_STORE", "TDKT_SERVE_BASE", "TDKT_SERVE_TIMEOUT", "TDKT_SERVE_LIMIT")


def environment(location: str, base: str, limits: sparql.Limits) -> dict[str, str]:
    """The settings ``from_environment`` reads, for worker processes uvicorn starts."""
    values = (location, base, str(limits.timeout), str(limits.max_results))
    return dict(zip(ENVIRONMENT, values, strict=True))


def from_environment() -> Starlette:
    """The app as ``environment`` describes it (uvicorn's factory for ``--workers``)."""
    location, base, timeout, limit = (os.environ[name] for name in ENVIRONMENT)
    return create_app(location, base, sparql.Limits(float(timeout), int(limit)))


def _closing(store: Store, scratch: Path | None):
    """A lifespan that releases the store (its generation lock) and removes the dumps the
    server wrote for itself when it stops."""

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        store.close()
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)

    return lifespan


# --- responses -------------------------------------------------------------------------------


def _respond(
    request: Request,
    site: Site,
    body: bytes,
    media_type: str,
    links: list[Alternate] = (),
    vary: bool = True,
) -> Response:
    """A cacheable response: ETag, Last-Modified, Vary and Link; 304 when the client has it."""
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Last-Modified": format_datetime(site.modified, usegmt=True)}
    if vary:
        headers["Vary"] = "Accept"
    if links:
        headers["Link"] = ", ".join(
            f'<{a.href}>; rel="alternate"; type="{a.media_type}"' for a in links
        )
    if _not_modified(request, etag, site.modified):
        return Response(status_code=304, headers=headers)
    charset = "; charset=utf-8" if not media_type.endswith("gzip") else ""
    return Response(body, media_type=media_type + charset, headers=headers)


def _not_modified(request: Request, etag: str, modified: datetime) -> bool:
    match = request.headers.get("if-none-match")
    if match is not None:
        return etag in [m.strip() for m in match.split(",")] or match.strip() == "*"
    since = request.headers.get("if-modified-since")
    if since:
        try:
            return parsedate_to_datetime(since) >= modified
        except (TypeError, ValueError):
            return False
    return False


def _error(site: Site, status: int, message: str, request: Request) -> Response:
    accept = request.headers.get("accept")
    if formats.negotiate(accept, ["text/plain", formats.HTML]) == formats.HTML:
        html = site.views.error(status, message, site.links)
        return Response(html, status_code=status, media_type="text/html; charset=utf-8")
    return Response(message + "\n", status_code=status, media_type="text/plain; charset=utf-8")


def _unavailable(site: Site):
    """A handler for a store failing under a request (an engine down or breaking off): 503
    with one line; the cause, which names the engine, goes to the server's log only."""

    def handler(request: Request, error: Exception) -> Response:
        log.warning("%s %s: %s", request.method, request.url.path, error)
        response = _error(site, 503, UNAVAILABLE, request)
        response.headers["Retry-After"] = "30"
        return response

    return handler


def _not_acceptable(offered: list[str]) -> Response:
    message = "406 Not Acceptable: this resource is available as " + ", ".join(offered)
    return Response(
        message + "\n",
        status_code=406,
        media_type="text/plain; charset=utf-8",
        headers={"Vary": "Accept"},
    )


def _split_suffix(path: str) -> tuple[str, str | None]:
    """``id/x.ttl`` → (``id/x``, ``ttl``); ``.html`` names the HTML page."""
    stem, dot, suffix = path.rpartition(".")
    if dot and "/" not in suffix and (suffix in formats.BY_SUFFIX or suffix == "html"):
        return stem, suffix
    return path, None


def _listed(request: Request) -> tuple[str, int] | None:
    """``?list=awards&page=2``: a further page of one of a page's lists (ValueError if bad)."""
    name, number = request.query_params.get("list"), request.query_params.get("page", "1")
    if name is None:
        return None
    if not (number.isascii() and number.isdigit()) or int(number) < 1:
        raise ValueError(f"page={number}: expected a page number from 1")
    return name, int(number)


def _choose(request: Request, suffix: str | None, offered: list[str]) -> str | None:
    if suffix == "html":
        return formats.HTML
    if suffix is not None:
        media = formats.BY_SUFFIX[suffix].media_type
        return media if media in offered else None
    return formats.negotiate(request.headers.get("accept"), offered)


# --- routes ----------------------------------------------------------------------------------


def _routes(site: Site) -> list:
    links = site.links
    offered = [formats.HTML] + [f.media_type for f in formats.RDF_FORMATS]
    triple_offered = [formats.HTML] + [f.media_type for f in formats.TRIPLE_FORMATS]

    @lru_cache(maxsize=PAGE_CACHE)
    def body(path: str, media: str, host: str, listed: tuple[str, int] | None) -> bytes | None:
        """A dataset path's body in a media type; None when the store knows nothing of it.
        ``listed``: (list, page number) for a further page of one of an HTML page's lists."""
        iri = URIRef(site.base + path)
        context_url = f"{host}context.jsonld"
        alts = alternates(links, str(iri), formats.RDF_FORMATS)
        if path == ONTOLOGY_PATH or path.startswith("graph/"):
            name = iris.ontology_graph() if path == ONTOLOGY_PATH else iri
            if URIRef(name) not in site.graphs:
                return None
            quads = list(site.store.quads(URIRef(name)))
            if media != formats.HTML:
                return serialize(quads, formats.BY_MEDIA_TYPE[media], context_url)
            if path == ONTOLOGY_PATH:
                return site.views.ontology(quads, links, alts).encode()
            return site.views.graph(iri, quads, links, alts).encode()
        if media != formats.HTML:
            found = lookups.resource(site.store, iri)
            if not found.exists:
                return None
            quads = [(iri, s.predicate, s.value, s.graph) for s in found.out]
            return serialize(quads, formats.BY_MEDIA_TYPE[media], context_url)
        only, number = listed or (None, 1)
        page = pages.page(site.store, iri, path, CHARTS, site.rows, only, number)
        if page is None:
            return None
        return site.views.resource(page, links, alts).encode()

    def resource(request: Request) -> Response:
        path, suffix = _split_suffix(request.url.path.lstrip("/"))
        if links.local_path(site.base + path) is None:
            return _error(site, 404, f"no such page: /{path}", request)
        choice = _choose(request, suffix, offered)
        if choice is None:
            return _not_acceptable(offered)
        try:
            listed = _listed(request) if choice == formats.HTML else None
            found = body(path, choice, str(request.base_url), listed)
        except ValueError as e:
            return _error(site, 400, str(e), request)
        except pages.NoPage as e:
            return _error(site, 404, str(e), request)
        if found is None:
            return _error(site, 404, f"the dataset says nothing about {site.base}{path}", request)
        alts = alternates(links, site.base + path, formats.RDF_FORMATS)
        return _respond(request, site, found, choice, alts)

    @lru_cache(maxsize=1)
    def home_body() -> bytes:
        return site.views.home(site.stats, entries(site.store, site.labels), links).encode()

    def home(request: Request) -> Response:
        return _respond(request, site, home_body(), formats.HTML, vary=False)

    def search(request: Request) -> Response:
        text = request.query_params.get("q", "")
        hits = site.labels.search(text)
        if (
            formats.negotiate(request.headers.get("accept"), [formats.HTML, "application/json"])
            == "application/json"
        ):
            return JSONResponse([{"iri": h.iri, "label": h.label, "en": h.english} for h in hits])
        return _respond(request, site, site.views.search(text, hits, links).encode(), formats.HTML)

    def describe(request: Request) -> Response:
        path, suffix = _split_suffix(request.url.path.lstrip("/"))
        choice = _choose(request, suffix, triple_offered)
        if choice is None:
            return _not_acceptable(triple_offered)
        description = dataset.describe(site.stats, site.dumps(), site.modified, site.base)
        alts = alternates(links, site.base + "dataset", formats.TRIPLE_FORMATS)
        alts = [Alternate(a.media_type, a.suffix, f"/dataset.{a.suffix}") for a in alts]
        if choice == formats.HTML:
            html = site.views.dataset(description, site.dumps(), links, alts)
            return _respond(request, site, html.encode(), choice, alts)
        quads = [(s, p, o, None) for s, p, o in description]
        fmt = formats.BY_MEDIA_TYPE[choice]
        return _respond(
            request, site, serialize(quads, fmt, f"{request.base_url}context.jsonld"), choice, alts
        )

    def dumps_index(request: Request) -> Response:
        return _respond(
            request, site, site.views.dumps(site.dumps(), links).encode(), formats.HTML, vary=False
        )

    def dump_file(request: Request) -> Response:
        name = request.path_params["name"]
        chosen = next((d for d in site.dumps() if d.name == name), None)
        if chosen is None:
            return _error(site, 404, f"no dump named {name}", request)
        return FileResponse(chosen.path, media_type="application/gzip", filename=name)

    def json_context(request: Request) -> Response:
        return JSONResponse(context(), media_type="application/ld+json")

    def endpoint(request: Request) -> Response:
        return _sparql(request, site)

    async def sparql_endpoint(request: Request) -> Response:
        request.state.raw_body = await request.body()
        return await run_in_threadpool(endpoint, request)

    return [
        Route("/", home),
        Route("/search", search),
        Route("/sparql", sparql_endpoint, methods=["GET", "POST"]),
        Route("/dataset", describe),
        Route("/dataset.{suffix}", describe),
        Route("/.well-known/void", describe),
        Route("/dumps/", dumps_index),
        Route("/dumps", lambda r: RedirectResponse("/dumps/", status_code=301)),
        Route("/dumps/{name}", dump_file),
        Route("/context.jsonld", json_context),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
        Route("/{path:path}", resource),
    ]


# The ``format`` parameter many clients send (SPARQLWrapper does), by result family.
_FORMAT_PARAM = {
    "select": {
        "json": "application/sparql-results+json",
        "xml": "application/sparql-results+xml",
        "csv": "text/csv",
        "tsv": "text/tab-separated-values",
        "html": formats.HTML,
    },
    "graph": {
        "turtle": "text/turtle",
        "ttl": "text/turtle",
        "n3": "text/turtle",
        "json": "application/ld+json",
        "json-ld": "application/ld+json",
        "jsonld": "application/ld+json",
        "nt": "application/n-triples",
        "ntriples": "application/n-triples",
        "xml": "application/rdf+xml",
        "rdfxml": "application/rdf+xml",
    },
}


def _sparql(request: Request, site: Site) -> Response:
    """SPARQL 1.1 Protocol: GET, POST form, POST direct; the query page when there is none."""
    params = {k: request.query_params.getlist(k) for k in request.query_params}
    raw_body: bytes = getattr(request.state, "raw_body", b"")
    content_type = request.headers.get("content-type", "")
    wants_page = formats.negotiate(request.headers.get("accept"), [formats.HTML]) is not None
    no_query = "query" not in params and not raw_body
    if no_query and request.method == "GET" and wants_page:
        html = site.views.sparql(
            catalogue.catalogue(), str(request.url_for("sparql_endpoint")), site.links
        )
        return _respond(request, site, html.encode(), formats.HTML)
    started = time.monotonic()
    try:
        parsed = sparql.read_request(request.method, params, content_type, raw_body)
        if site.remote is None:
            result = sparql.execute(site.store.raw(), parsed)
            family = sparql.kind(result)
        else:
            family = engine.family(parsed)
        offered = sparql.offered(family)
        if family != "graph":
            offered = offered + [formats.HTML]
        by_name = _FORMAT_PARAM["graph" if family == "graph" else "select"]
        choice = by_name.get(parsed.format) or formats.negotiate(
            request.headers.get("accept"), offered
        )
        if choice is None:
            return _not_acceptable(offered)
        if site.remote is None:
            return _results(site, parsed.query, result, family, choice, started)
        with engine.answer(site.remote, parsed, family, site.limits) as result:
            return _results(site, parsed.query, result, family, choice, started)
    except sparql.ProtocolError as e:
        return Response(f"{e}\n", status_code=e.status, media_type="text/plain; charset=utf-8")


def _results(site: Site, query: str, result, family: str, choice: str, started: float) -> Response:
    """The result written in the media type chosen (the query page's table for HTML)."""
    if choice == formats.HTML:
        return _results_page(site, query, result, family, started)
    data = sparql.write(result, choice, site.limits, PREFIXES, started)
    return Response(data, media_type=choice + "; charset=utf-8", headers={"Vary": "Accept"})


def _results_page(site: Site, query: str, result, family: str, started: float) -> Response:
    """The query page's answer: the rows as an HTML table (within the same limits)."""
    if family == "ask":
        html = site.views.results(query, None, bool(result), site.links)
    else:
        variables, rows = sparql.solutions(result, site.limits, started)
        table = SelectResult(variables, [tuple(to_rdflib(t) for t in row) for row in rows])
        html = site.views.results(query, table, None, site.links)
    return Response(html, media_type="text/html; charset=utf-8")
