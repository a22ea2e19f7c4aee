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
import functools
import http.client
import itertools
import math
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
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
from tdkt.store.prebind import HIDDEN, prebind, query_form, term_text
from tdkt.store.terms import to_rdflib

T = TypeVar("T")

STAGING = "urn:tdkt:staging:"
BATCH_TRIPLES = 20_000
RETRIES = 4  # attempts after the first
_PLAIN = {str(XSD.string), str(RDF.langString)}
_NT = "application/n-triples"
_EVERY_GRAPH = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
_GRAPH_BY_NAME = re.compile(r"(?<![\w?$:])GRAPH\s*(?![\s?$])", re.IGNORECASE)  # not GRAPH ?g
_DATASET_CLAUSE = re.compile(r"(?<![\w?$:])FROM(?![\w:])", re.IGNORECASE)


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


def _form_post(url: str, fields: Sequence[tuple[str, str]], accept: str) -> urllib.request.Request:
    """A SPARQL Protocol query sent as a form POST (no URL length limit), asking for ``accept``."""
    return urllib.request.Request(
        url,
        data=urllib.parse.urlencode(fields).encode("utf-8"),
        headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"},
    )


class QueryRejected(StoreError):
    """The engine answered a query with an error status (``status``); the message is the
    first line of its answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _detail(error: urllib.error.HTTPError) -> str:
    """The first line of an engine's error answer (its message), or the HTTP reason."""
    body = error.read().decode("utf-8", "replace").strip().splitlines()
    return body[0][:300] if body else str(error.reason)


def _explain(error: Exception, where: str) -> str:
    if isinstance(error, urllib.error.HTTPError):
        return f"{where} answered HTTP {error.code}: {_detail(error)}"
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
        query = f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_graph_filter(prefix)} }}"
        rows = _select_result(self._query(query, JSON)).rows
        return sorted(row[0] for row in rows if isinstance(row[0], URIRef))

    def _scoped(self, query: str, dataset_given: bool = False) -> str:
        """``query`` limited to tdkt's graphs, on an engine whose default graph is everything.

        The foreign graphs are excluded by name. Virtuoso 7.2 then finds nothing in
        ``GRAPH <iri> { … }`` (unless the request lists its dataset), so a query that names a
        graph gets tdkt's graphs listed as its dataset instead.
        """
        if not self.endpoint.exclude_foreign_graphs:
            return query
        if not (dataset_given or states_its_dataset(query)) and _names_a_graph(query):
            dataset = "".join(
                f"define input:{kind}-graph-uri {term_text(g)}\n"
                for g in self.graphs()
                for kind in ("default", "named")
            )
            return dataset + query
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

    def open_query(
        self,
        query: str,
        accept: str,
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
        timeout: float | None = None,
    ) -> http.client.HTTPResponse:
        """Send ``query`` as the SPARQL Protocol carries it; return the engine's answer unread,
        for a caller that streams it (the server's ``/sparql``, which screens the query first).

        The dataset is the one ``select`` reads (the union of tdkt's graphs) unless the query
        states its own (``FROM``) or the request names graphs; each list replaces only its own
        part (as on the embedded store), and the part it leaves is tdkt's graphs, listed
        (Oxigraph refuses its union switch beside a list). One attempt, no retries: a client
        is waiting. An error answer is a ``QueryRejected``; no answer in ``timeout`` seconds, a
        ``TimeoutError``; no engine, a ``StoreError``.
        """
        listed = bool(default_graphs or named_graphs)
        fields = [("query", self._scoped(query, dataset_given=listed))]
        if listed:
            every = [] if default_graphs and named_graphs else [str(g) for g in self.graphs()]
            fields += [("default-graph-uri", g) for g in default_graphs or every]
            fields += [("named-graph-uri", g) for g in named_graphs or every]
        elif not states_its_dataset(query):
            fields += list(self.endpoint.query_params.items())
        request = _form_post(self.endpoint.query, fields, accept)
        try:
            wait = min(self.endpoint.timeout, timeout or math.inf)
            return self._opener.open(request, timeout=wait)
        except urllib.error.HTTPError as e:
            raise QueryRejected(e.code, _detail(e)) from None
        except (urllib.error.URLError, ConnectionError) as e:
            raise StoreError(_explain(e, self.endpoint.query)) from None

    def quads(self, graph: URIRef | None = None) -> Iterator[tuple]:
        """Every (s, p, o, g) as rdflib terms, each converted as the engine's answer is parsed:
        no graph is ever held whole (``engine_quads``)."""
        for quad in self.engine_quads(graph):
            yield (
                to_rdflib(quad.subject),
                to_rdflib(quad.predicate),
                to_rdflib(quad.object),
                to_rdflib(quad.graph_name),
            )

    def engine_quads(self, graph: URIRef | None = None) -> Iterator[ox.Quad]:
        """Every quad as pyoxigraph terms, graph by graph (in IRI order), parsed as the
        engine's answer arrives: memory stays constant however big a graph is. A graph the
        engine sends short of what it holds (a result-row cap) is a ``StoreError``, not a
        silently smaller export."""
        names = [graph] if graph is not None else self.graphs()
        held = self._sizes(graph)
        if graph is None:
            self._check_complete(len(names), self._graph_count(), "named graphs")
        for name in names:
            node = ox.NamedNode(str(name))
            sent = 0
            for quad in self._streamed(name):
                sent += 1
                yield ox.Quad(quad.subject, quad.predicate, quad.object, node)
            expected = held[name] if name in held else self._sizes(name).get(name, 0)
            self._check_complete(sent, expected, f"triples of <{name}>")

    def _check_complete(self, sent: int, held: int, what: str) -> None:
        """An answer cut short by the engine (Virtuoso stops at ``ResultSetMaxRows`` rows and
        says nothing) is an error, never a silently smaller result."""
        if sent < held:
            raise StoreError(
                f"{self.endpoint.url}: the engine sent {sent} of the {held} {what} "
                "(a cap on result rows, such as Virtuoso's ResultSetMaxRows?)"
            )

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

    def _streamed(self, name: URIRef) -> Iterator[ox.Quad]:
        """One named graph parsed from the engine's answer as it arrives: the Graph Store
        Protocol's ``GET`` where there is one, else a ``CONSTRUCT`` of that graph. The answer
        is read in the format its ``Content-Type`` names (asked for as N-Triples). A graph the
        engine does not know is empty, as on the embedded store."""
        if self.endpoint.graph_store:
            where = str(self.endpoint.graph_store)
            request = urllib.request.Request(self._gsp_url(name), headers={"Accept": _NT})
        else:
            where = self.endpoint.query
            query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {term_text(name)} {{ ?s ?p ?o }} }}"
            request = _form_post(where, [("query", query)], _NT)

        def call() -> http.client.HTTPResponse | None:
            try:
                return self._opener.open(request, timeout=self.endpoint.timeout)
            except urllib.error.HTTPError as e:
                if e.code == 404 and self.endpoint.graph_store:
                    return None
                raise

        answer = _retrying(call, where)
        if answer is None:
            return
        with answer as r:
            fmt = ox.RdfFormat.from_media_type(r.headers.get_content_type())
            broke = f"{where}: the answer for <{name}> broke off"
            try:
                yield from ox.parse(r, fmt or ox.RdfFormat.N_TRIPLES)
            except SyntaxError as e:
                raise StoreError(f"{where}: <{name}> came back as unreadable RDF: {e}") from None
            except (OSError, http.client.HTTPException) as e:
                raise StoreError(f"{broke}: {e!r}") from None
            if r.length:  # http.client ends a read short of Content-Length without a word
                raise StoreError(f"{broke} {r.length} bytes short of what it announced")

    def _sizes(self, graph: URIRef | None) -> dict[URIRef, int]:
        """How many triples the engine holds in ``graph``, or in each of tdkt's graphs (one
        query; a graph left out of a capped answer is missing here)."""
        if graph is None:
            scope = _graph_filter(str(iris.GRAPH))
        else:
            scope = f"VALUES ?g {{ {term_text(graph)} }}"
        query = (
            f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {scope} }} GROUP BY ?g"
        )
        rows = _select_result(self._query(query, JSON)).rows
        return {URIRef(g): int(n) for g, n in rows if g is not None and n is not None}

    def _graph_count(self) -> int:
        """How many of tdkt's graphs the engine holds: one row, which no row cap shortens."""
        query = (
            "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
            f"{_graph_filter(str(iris.GRAPH))} }}"
        )
        rows = _select_result(self._query(query, JSON)).rows
        return int(rows[0][0]) if rows and rows[0][0] is not None else 0

    def _gsp_url(self, graph: URIRef) -> str:
        query = urllib.parse.urlencode({self.endpoint.graph_param: str(graph)})
        return f"{self.endpoint.graph_store}?{query}"

    def _gsp(self, method: str, graph: URIRef, body: str) -> None:
        url = self._gsp_url(graph)
        headers = {"Content-Type": "text/turtle; charset=utf-8"}
        data = body.encode("utf-8")

        def call() -> None:
            request = urllib.request.Request(url, data=data, method=method, headers=headers)
            with self._opener.open(request, timeout=self.endpoint.timeout) as response:
                response.read()

        _retrying(call, str(self.endpoint.graph_store))

    def _make_opener(self) -> urllib.request.OpenerDirector:
        if self.endpoint.user is None:
            return urllib.request.build_opener()
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        where = [url for url in (self.endpoint.query, self.endpoint.graph_store) if url]
        passwords.add_password(None, where, self.endpoint.user, self.endpoint.password or "")
        handler = (
            urllib.request.HTTPDigestAuthHandler
            if self.endpoint.auth == "digest"
            else urllib.request.HTTPBasicAuthHandler
        )
        return urllib.request.build_opener(handler(passwords))


@functools.lru_cache(maxsize=256)
def states_its_dataset(query: str) -> bool:
    """Whether ``query`` has ``FROM`` or ``FROM NAMED`` (outside strings, comments and IRIs):
    its dataset is then its own, not the union of tdkt's graphs. Memoised: a server sees the
    same few texts again and again."""
    return _DATASET_CLAUSE.search(HIDDEN.sub(" ", query)) is not None


def _names_a_graph(query: str) -> bool:
    """Whether ``query`` has ``GRAPH <iri>`` or ``GRAPH prefix:name`` (outside strings and
    comments)."""
    code = HIDDEN.sub(lambda m: m.group() if m.group().startswith("<") else " ", query)
    return _GRAPH_BY_NAME.search(code) is not None


def _graph_filter(prefix: str) -> str:
    """A filter keeping ``?g`` to the graphs whose IRI starts with ``prefix``."""
    return f"FILTER(STRSTARTS(STR(?g), {term_text(Literal(prefix))}))"


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
