"""``/sparql`` in front of a remote SPARQL engine: the query runs there, and its answer streams
back through the embedded endpoint's own writers, limits and error messages.

A query is first read by Oxigraph's parser (an empty in-memory store), the one the embedded
endpoint uses: the same 400 for a syntax error, the same 403 for an update, the result's
family known before anything is sent, and only standard SPARQL reaches the engine (no
engine-specific pragmas: Virtuoso's ``define`` could switch on fetching from the web). The
engine is asked for SPARQL XML results or N-Triples, read as they arrive, row by row, so the
row limit stops the transfer and the deadline counts from the request. The socket waits at
most the deadline for the engine's first byte; an engine that computes on after a client-side
timeout is the engine's affair (give it a query timeout of its own as well).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pyoxigraph as ox

from tdkt.errors import StoreError
from tdkt.serve import sparql
from tdkt.store.remote import QueryRejected, RemoteStore

_PARSER = ox.Store()  # never holds data: running a query on it checks the query's syntax
_ACCEPT = {
    "graph": "application/n-triples",
    "select": "application/sparql-results+xml",
    "ask": "application/sparql-results+xml",
}


def family(request: sparql.Request) -> str:
    """``select``, ``ask`` or ``graph``, from Oxigraph's parse of the query (``ProtocolError``
    400 or 403 as on the embedded store when it does not parse or is an update)."""
    return sparql.kind(sparql.execute(_PARSER, request))


@contextmanager
def answer(
    store: RemoteStore, request: sparql.Request, kind: str, limits: sparql.Limits
) -> Iterator[object]:
    """The engine's result as pyoxigraph reads it (solutions, a boolean, or triples), open
    while the ``with`` block writes it; failures become the endpoint's one-line errors (an
    engine that is down or breaks off, a ``StoreError``: the server's 503)."""
    try:
        response = store.open_query(
            request.query,
            _ACCEPT[kind],
            request.default_graphs,
            request.named_graphs,
            timeout=limits.timeout,
        )
    except QueryRejected as e:
        if e.status == 400:  # the engine's own reading of a query Oxigraph's parser accepts
            raise sparql.ProtocolError(400, f"query error: {e}") from e
        raise sparql.ProtocolError(503, f"the SPARQL engine failed (HTTP {e.status}): {e}") from e
    except TimeoutError as e:
        raise sparql.late(limits) from e
    with response:
        try:
            yield _read(response, kind)
        except TimeoutError as e:
            raise sparql.late(limits) from e
        except (OSError, SyntaxError) as e:
            raise StoreError(f"{store.endpoint.query} broke off its answer: {e}") from e


def _read(response, kind: str):
    if kind == "graph":
        return (quad.triple for quad in ox.parse(response, ox.RdfFormat.N_TRIPLES))
    result = ox.parse_query_results(response, ox.QueryResultsFormat.XML)
    if kind == "ask" and isinstance(result, ox.QuerySolutions):
        return _boolean(result)
    return result


def _boolean(table: ox.QuerySolutions) -> ox.QueryBoolean:
    """Virtuoso answers an ASK as a table of one ``__ASK_RETVAL`` row (1) or of none."""
    value = any(str(row[0].value) in ("1", "true") for row in table if row[0] is not None)
    text = b'{"head": {}, "boolean": %s}' % (b"true" if value else b"false")
    return ox.parse_query_results(text, ox.QueryResultsFormat.JSON)
