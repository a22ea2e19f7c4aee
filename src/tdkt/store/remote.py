"""A ``Store`` on any SPARQL 1.1 engine: queries by the Protocol, loads by the Graph Store Protocol.

Queries go through SPARQLWrapper; parameters are pre-bound as ``VALUES`` (``prebind``).
Loads never leave half a graph: every graph is first written to a staging graph of its own
(in batches, by GSP ``PUT``/``POST``, or by ``INSERT DATA`` where the engine has no GSP), and
only when all are there does one SPARQL Update request ``MOVE`` each staging graph onto its
target and drop the graphs the load replaces. An engine that fails before that request leaves
every previous graph as it was; the staging graphs left behind are dropped by the next load.
Transient failures (connection refused, 5xx, timeouts) are retried with backoff; an engine
that stays down is a ``StoreError`` that names it.
"""

from __future__ import annotations

import contextlib
import itertools
import math
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Identifier
from SPARQLWrapper import BASIC, DIGEST, INSERT, JSON, N3, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from tdkt import iris
from tdkt.errors import StoreError
from tdkt.loaders import NamedGraph
from tdkt.store import guard
from tdkt.store.base import SelectResult
from tdkt.store.endpoints import Endpoint
from tdkt.store.prebind import prebind, query_form, term_text

T = TypeVar("T")

STAGING = "urn:tdkt:staging:"
BATCH_TRIPLES = 20_000
RETRIES = 4  # attempts after the first
_PLAIN = {str(XSD.string), str(RDF.langString)}
_EVERY_GRAPH = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


# --- results ---------------------------------------------------------------------------------


def _term(value: Mapping[str, str] | None) -> Identifier | None:
    """A SPARQL JSON results term as an rdflib term (plain literals keep no datatype)."""
    if value is None:
        return None
    kind = value["type"]
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    if "xml:lang" in value:
        return Literal(value["value"], lang=value["xml:lang"])
    datatype = value.get("datatype")
    if datatype is None or datatype in _PLAIN:
        return Literal(value["value"])
    return Literal(value["value"], datatype=URIRef(datatype))


def _select_result(document: Mapping) -> SelectResult:
    variables = list(document["head"].get("vars", []))
    rows = [
        tuple(_term(binding.get(name)) for name in variables)
        for binding in document["results"]["bindings"]
    ]
    return SelectResult(variables, rows)


def _ask_result(document: Mapping) -> bool:
    """An ASK answer; Virtuoso sends it as a one-row SELECT of ``__ASK_RETVAL`` (1 or 0)."""
    if "boolean" in document:
        return bool(document["boolean"])
    rows = _select_result(document).rows
    return bool(rows) and str(rows[0][0]) in ("1", "true")


# --- transport -------------------------------------------------------------------------------


def _transient(error: Exception) -> bool:
    """Worth another try: the engine is restarting, overloaded or slow, not refusing."""
    if isinstance(error, urllib.error.HTTPError):
        return error.code >= 500 or error.code in (408, 429)
    if isinstance(error, SPARQLWrapperException):
        return "EndPointInternalError" in type(error).__name__
    if isinstance(error, urllib.error.URLError) and isinstance(error.reason, socket.gaierror):
        return False  # a host name that does not resolve will not start resolving
    return isinstance(error, urllib.error.URLError | TimeoutError | ConnectionError)


def _explain(error: Exception, where: str) -> str:
    if isinstance(error, urllib.error.HTTPError):
        body = error.read().decode("utf-8", "replace").strip().splitlines()
        detail = body[0][:300] if body else error.reason
        return f"{where} answered HTTP {error.code}: {detail}"
    if isinstance(error, urllib.error.URLError):
        return f"cannot reach {where}: {error.reason}; is the engine running?"
    if isinstance(error, TimeoutError):
        return f"{where} did not answer in time"
    text = " ".join(str(error).split())  # SPARQLWrapper puts the engine's answer on later lines
    return f"{where}: {text[:400] or type(error).__name__}"


def _retrying(call: Callable[[], T], where: str, pause: float = 0.5) -> T:
    for attempt in itertools.count():
        try:
            return call()
        except (urllib.error.URLError, SPARQLWrapperException, TimeoutError, ConnectionError) as e:
            if attempt >= RETRIES or not _transient(e):
                raise StoreError(_explain(e, where)) from None
            time.sleep(pause * 2**attempt)
    raise AssertionError("unreachable")


# --- the store -------------------------------------------------------------------------------


class RemoteStore:
    """A ``tdkt.store.base.Store`` on the SPARQL engine described by ``endpoint``."""

    def __init__(self, endpoint: Endpoint, limits: guard.Limits | None = None) -> None:
        self.endpoint = endpoint
        self.limits = limits or guard.Limits.from_env()
        self._opener = self._make_opener()
        self._scope: str | None = None  # the pragmas that keep foreign graphs out, once known

    # reading

    def select(self, query: str, bindings: Mapping[str, Identifier] | None = None) -> SelectResult:
        result = _select_result(self._query(self._prepared(query, bindings), JSON))
        if self.limits.max_rows is not None and len(result.rows) > self.limits.max_rows:
            raise StoreError(guard.too_many_rows(self.limits.max_rows))
        return result

    def ask(self, query: str, bindings: Mapping[str, Identifier] | None = None) -> bool:
        return _ask_result(self._query(self._prepared(query, bindings), JSON))

    def construct(self, query: str, bindings: Mapping[str, Identifier] | None = None) -> Graph:
        data = self._query(self._prepared(query, bindings), N3)
        return Graph().parse(data=data, format="turtle")

    def _prepared(self, query: str, bindings: Mapping[str, Identifier] | None) -> str:
        """The text sent: screened like an embedded query, parameters bound, graphs scoped."""
        guard.screen(query, self.limits)
        return self._scoped(prebind(query, bindings))

    def graphs(self) -> list[URIRef]:
        """tdkt's named graphs on the engine (engines keep graphs of their own beside them)."""
        return self._graphs_under(str(iris.GRAPH))

    def _graphs_under(self, prefix: str) -> list[URIRef]:
        query = (
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
            f"FILTER(STRSTARTS(STR(?g), {term_text(Literal(prefix))})) }}"
        )
        rows = _select_result(self._query(query, JSON)).rows
        return sorted(row[0] for row in rows if isinstance(row[0], URIRef))

    def _scoped(self, query: str) -> str:
        """``query`` limited to tdkt's graphs, on an engine whose default graph is everything."""
        if not self.endpoint.exclude_foreign_graphs:
            return query
        if self._scope is None:
            every = _select_result(self._query(_EVERY_GRAPH, JSON))
            foreign = sorted(
                str(g) for (g,) in every.rows if not str(g).startswith(str(iris.GRAPH))
            )
            self._scope = "".join(
                f"define input:{kind}-graph-exclude {term_text(URIRef(g))}\n"
                for g in foreign
                for kind in ("default", "named")
            )
        return self._scope + query

    def quads(self, graph: URIRef | None = None) -> Iterator[tuple]:
        for name in [graph] if graph is not None else self.graphs():
            for s, p, o in self._graph(name):
                yield s, p, o, name

    def close(self) -> None:
        """Nothing to release: every request is its own connection."""

    # writing

    def replace_graph(self, graph: NamedGraph) -> None:
        self._load(_lines_of([graph]), targets={graph.iri})

    def replace_all(self, graphs: Iterable[NamedGraph]) -> None:
        graphs = list(graphs)
        self._load(_lines_of(graphs), targets={g.iri for g in graphs}, replace_all=True)

    def replace_all_from_file(self, nquads: Path) -> None:
        """Replace every tdkt graph on the engine with the graphs of an N-Quads file."""
        self._load(_lines_in(nquads), replace_all=True)

    def update_graphs(self, remove: Iterable[URIRef], nquads: Path | None) -> None:
        """Drop ``remove`` and load the graphs in ``nquads``, leaving all other graphs alone."""
        self._load(_lines_in(nquads) if nquads else iter(()), remove=list(remove))

    # --- loads: stage, then one update moves them all in -------------------------------------

    def _load(
        self,
        lines: Iterable[tuple[URIRef, str]],
        targets: set[URIRef] | None = None,
        remove: Iterable[URIRef] = (),
        replace_all: bool = False,
    ) -> None:
        """Stage ``lines`` (target graph, N-Triples line), then move them in at once.

        ``targets`` are graphs replaced even if no line names them (they become empty);
        ``replace_all`` drops every other tdkt graph; ``remove`` drops these.
        """
        if self.endpoint.update is None:
            raise StoreError(
                f"{self.endpoint.url}: no update endpoint is configured, so tdkt cannot write "
                "there (set TDKT_UPDATE_URL or choose an engine preset with TDKT_ENGINE)"
            )
        self._drop_stale_staging()
        staging = _Staging(self, uuid.uuid4().hex)
        try:
            for target, line in lines:
                staging.add(target, line)
            staging.flush_all()
        except StoreError:
            self._drop_quietly(staging.names.values())
            raise
        targets = (targets or set()) | set(staging.names)
        drop = set(remove)
        if replace_all:
            drop |= {g for g in self.graphs() if g not in targets}
        operations = [_drop(g) for g in sorted(drop)]
        for target in sorted(targets):
            if target in staging.names:
                source = term_text(staging.names[target])
                operations.append(f"MOVE SILENT GRAPH {source} TO {term_text(target)}")
            else:
                operations.append(_drop(target))
        if operations:
            self._update(" ;\n".join(operations))

    def _put_batch(self, staging: URIRef, lines: list[str], first: bool) -> None:
        body = "\n".join(lines) + "\n"
        if self.endpoint.graph_store:
            self._gsp("PUT" if first else "POST", staging, body)
        else:
            self._update(f"INSERT DATA {{ GRAPH {term_text(staging)} {{\n{body}}} }}")

    def _drop_graphs(self, graphs: Iterable[URIRef]) -> None:
        operations = [_drop(g) for g in graphs]
        if operations:
            self._update(" ;\n".join(operations))

    def _drop_stale_staging(self) -> None:
        self._drop_graphs(self._graphs_under(STAGING))

    def _drop_quietly(self, graphs: Iterable[URIRef]) -> None:
        """Best effort after a failed load; the next load drops what this leaves."""
        with contextlib.suppress(StoreError):
            self._drop_graphs(graphs)

    # --- HTTP ------------------------------------------------------------------------------------

    def _wrapper(self, url: str) -> SPARQLWrapper:
        wrapper = SPARQLWrapper(url, updateEndpoint=self.endpoint.update or url)
        wrapper.setMethod(POST)
        wrapper.setTimeout(int(min(self.endpoint.timeout, self.limits.timeout or math.inf)))
        if self.endpoint.user is not None:
            wrapper.setCredentials(self.endpoint.user, self.endpoint.password or "")
            wrapper.setHTTPAuth(DIGEST if self.endpoint.auth == "digest" else BASIC)
        return wrapper

    def _query(self, query: str, fmt: str):
        def call():
            wrapper = self._wrapper(self.endpoint.query)
            for name, value in self.endpoint.query_params.items():
                wrapper.addParameter(name, value)
            wrapper.setQuery(query)
            # SPARQLWrapper guesses the form from keywords anywhere, comments included
            wrapper.queryType = query_form(query)
            wrapper.setReturnFormat(fmt)
            return wrapper.query().convert()

        return _retrying(call, self.endpoint.query)

    def _update(self, update: str) -> None:
        def call() -> None:
            wrapper = self._wrapper(self.endpoint.update or self.endpoint.query)
            wrapper.setQuery(update)
            wrapper.queryType = INSERT  # an update, whatever keyword SPARQLWrapper sees first
            wrapper.query()

        _retrying(call, self.endpoint.update or self.endpoint.query)

    def _graph(self, name: URIRef) -> Graph:
        """One named graph, by GSP ``GET`` where there is one, else by CONSTRUCT."""
        if not self.endpoint.graph_store:
            return self.construct(
                "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": name}
            )
        data = self._gsp("GET", name, None)
        return Graph().parse(data=data, format="nt")

    def _gsp(self, method: str, graph: URIRef, body: str | None) -> str:
        query = urllib.parse.urlencode({self.endpoint.graph_param: str(graph)})
        url = f"{self.endpoint.graph_store}?{query}"
        headers = {"Accept": "application/n-triples"}
        if body is not None:
            headers["Content-Type"] = "text/turtle; charset=utf-8"
        data = None if body is None else body.encode("utf-8")

        def call() -> str:
            request = urllib.request.Request(url, data=data, method=method, headers=headers)
            with self._opener.open(request, timeout=self.endpoint.timeout) as response:
                return response.read().decode("utf-8")

        return _retrying(call, str(self.endpoint.graph_store))

    def _make_opener(self) -> urllib.request.OpenerDirector:
        if self.endpoint.user is None or not self.endpoint.graph_store:
            return urllib.request.build_opener()
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(
            None, self.endpoint.graph_store, self.endpoint.user, self.endpoint.password or ""
        )
        handler = (
            urllib.request.HTTPDigestAuthHandler
            if self.endpoint.auth == "digest"
            else urllib.request.HTTPBasicAuthHandler
        )
        return urllib.request.build_opener(handler(passwords))


def _drop(graph: URIRef) -> str:
    return f"DROP SILENT GRAPH {term_text(graph)}"


class _Staging:
    """Per-graph buffers of N-Triples lines, each sent to its staging graph when full."""

    def __init__(self, store: RemoteStore, run: str) -> None:
        self.store = store
        self.run = run
        self.names: dict[URIRef, URIRef] = {}  # target graph -> its staging graph
        self.buffers: dict[URIRef, list[str]] = {}
        self.sent: set[URIRef] = set()

    def add(self, target: URIRef, line: str) -> None:
        if target not in self.names:
            self.names[target] = URIRef(f"{STAGING}{self.run}:{len(self.names)}")
            self.buffers[target] = []
        buffer = self.buffers[target]
        buffer.append(line)
        if len(buffer) >= BATCH_TRIPLES:
            self.flush(target)

    def flush(self, target: URIRef) -> None:
        if self.buffers[target]:
            self.store._put_batch(self.names[target], self.buffers[target], target not in self.sent)
            self.sent.add(target)
            self.buffers[target] = []

    def flush_all(self) -> None:
        for target in list(self.buffers):
            self.flush(target)


def _lines_of(graphs: Iterable[NamedGraph]) -> Iterator[tuple[URIRef, str]]:
    """Each graph's triples as N-Triples lines, in a stable order."""
    for named in graphs:
        text = named.graph.serialize(format="nt")
        for line in sorted(line for line in text.splitlines() if line.strip()):
            yield named.iri, line


def _lines_in(nquads: Path) -> Iterator[tuple[URIRef, str]]:
    """An N-Quads file's quads as (graph, N-Triples line), read as a stream."""
    try:
        for quad in ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS):
            if isinstance(quad.graph_name, ox.DefaultGraph):
                raise StoreError(f"{nquads}: a quad outside any named graph: {quad}")
            line = f"{quad.subject} {quad.predicate} {quad.object} ."
            yield URIRef(quad.graph_name.value), line
    except (SyntaxError, OSError) as e:
        raise StoreError(f"{nquads}: {e}") from None
