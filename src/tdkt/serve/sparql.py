"""The SPARQL 1.1 Protocol endpoint's core: read a request, refuse what a read-only public
endpoint must not run, execute with a deadline and a result limit, write the results.

Queries run in Oxigraph over the union of the named graphs, unless the query states its own
dataset (``FROM``, ``FROM NAMED``) or the request names its default graphs. The results are
written here, row by row, so the deadline and the row limit are checked while the engine
streams solutions; a single step the engine takes before its first solution (a sort, a big
aggregate) cannot be interrupted.
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import parse_qs
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from tdkt.serve.formats import JSONLD, NTRIPLES, RDFXML, TURTLE
from tdkt.store import guard
from tdkt.store.remote import states_its_dataset

SELECT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_TYPES = {f.media_type: f for f in (TURTLE, JSONLD, NTRIPLES, RDFXML)}
_OX_FORMATS = {
    TURTLE.media_type: ox.RdfFormat.TURTLE,
    JSONLD.media_type: ox.RdfFormat.JSON_LD,
    NTRIPLES.media_type: ox.RdfFormat.N_TRIPLES,
    RDFXML.media_type: ox.RdfFormat.RDF_XML,
}
# The first keyword after the prologue names the operation (an update starts with its verb).
_FIRST_KEYWORD = re.compile(
    r"(?:\s+|#[^\n]*|PREFIX\s*[\w.-]*:\s*<[^>]*>|BASE\s*<[^>]*>)*([A-Za-z]+)", re.IGNORECASE
)
_UPDATES = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}


class ProtocolError(Exception):
    """A request the endpoint answers with an error status and a one-line message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Request:
    """A query as the protocol carries it, with the dataset it names (if any)."""

    query: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    format: str = ""  # the ``format`` parameter many clients send (lower case; "" if none)


@dataclass(frozen=True)
class Limits:
    """Guards for a public endpoint: seconds per query and rows (or triples) per result."""

    timeout: float = 10.0
    max_results: int = 10_000


def read_request(
    method: str, params: Mapping[str, list[str]], content_type: str, body: bytes
) -> Request:
    """The query of a GET, a form POST or a direct POST; updates are refused here already."""
    media = content_type.split(";")[0].strip().lower()
    fields = {k: list(v) for k, v in params.items()}
    if method == "POST" and media == "application/x-www-form-urlencoded":
        for key, values in parse_qs(body.decode("utf-8"), keep_blank_values=True).items():
            fields.setdefault(key, []).extend(values)
    if "update" in fields or media == "application/sparql-update":
        raise ProtocolError(403, "updates are refused: this SPARQL endpoint is read-only")
    if method == "POST" and media == "application/sparql-query":
        texts = [body.decode("utf-8")]
    elif method == "POST" and media != "application/x-www-form-urlencoded":
        raise ProtocolError(
            415, f"POST a form or application/sparql-query, not {media or 'no content type'}"
        )
    else:
        texts = fields.get("query", [])
    if len(texts) != 1 or not texts[0].strip():
        raise ProtocolError(400, "give exactly one query (the 'query' parameter)")
    check_read_only(texts[0])
    return Request(
        texts[0],
        tuple(fields.get("default-graph-uri", [])),
        tuple(fields.get("named-graph-uri", [])),
        (fields.get("format") or [""])[0].lower(),
    )


def check_read_only(query: str) -> None:
    """Refuse federated SERVICE calls (and escape tricks) before the query runs."""
    try:
        guard.screen(query, guard.Limits())
    except guard.QueryRefused as e:
        reason = str(e).split(" (allow it")[0]  # the server offers no switch to allow it
        raise ProtocolError(403, reason) from e


def execute(store: ox.Store, request: Request):
    """Run the query; an update (LOAD included) is refused, a syntax error is a 400."""
    union = not request.default_graphs and not states_its_dataset(request.query)
    options: dict = {"use_default_graph_as_union": union}
    if request.default_graphs:
        options["default_graph"] = _graphs(request.default_graphs, "default-graph-uri")
    if request.named_graphs:
        options["named_graphs"] = _graphs(request.named_graphs, "named-graph-uri")
    try:
        return store.query(request.query, **options)
    except (SyntaxError, ValueError) as e:
        first = _FIRST_KEYWORD.match(request.query)
        verb = first.group(1).upper() if first else ""
        if verb in _UPDATES:  # Oxigraph's query parser rejects every update form
            raise ProtocolError(
                403, f"{verb} is refused: this SPARQL endpoint is read-only (no updates)"
            ) from e
        raise ProtocolError(400, "query error: " + " ".join(str(e).split())) from e


def _graphs(names: tuple[str, ...], parameter: str) -> list[ox.NamedNode]:
    try:
        return [ox.NamedNode(name) for name in names]
    except ValueError as e:
        raise ProtocolError(400, f"{parameter}: not an IRI ({e})") from e


def kind(result) -> str:
    """``select``, ``ask`` or ``graph``: which family of result formats applies."""
    if isinstance(result, ox.QueryBoolean):
        return "ask"
    return "select" if isinstance(result, ox.QuerySolutions) else "graph"


def late(limits: Limits) -> ProtocolError:
    """The answer to a query that outran the deadline."""
    return ProtocolError(503, f"the query ran longer than {limits.timeout:g} s")


class _Clock:
    def __init__(self, limits: Limits, started: float | None = None) -> None:
        self.limits = limits
        self.deadline = (time.monotonic() if started is None else started) + limits.timeout

    def tick(self, count: int) -> None:
        if count > self.limits.max_results:
            raise ProtocolError(
                413, f"the result has more than {self.limits.max_results} rows; add a LIMIT"
            )
        if time.monotonic() > self.deadline:
            raise late(self.limits)


def solutions(
    result: ox.QuerySolutions, limits: Limits, started: float | None = None
) -> tuple[list[str], list[list]]:
    """The variables and rows of a SELECT result, read within the limits (the deadline
    counted from ``started``, a ``time.monotonic()``, or from now)."""
    return _rows(result, _Clock(limits, started))


def _rows(result: ox.QuerySolutions, clock: _Clock) -> tuple[list[str], list[list]]:
    variables = [v.value for v in result.variables]
    rows = []
    for count, solution in enumerate(result, start=1):
        clock.tick(count)
        rows.append([solution[v] for v in variables])
    return variables, rows


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    value = {"type": "literal", "value": term.value}
    if term.language:
        value["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        value["datatype"] = term.datatype.value
    return value


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def _select_json(variables: list[str], rows: list[list]) -> str:
    bindings = [
        {v: _json_term(t) for v, t in zip(variables, row, strict=True) if t is not None}
        for row in rows
    ]
    return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}})


def _select_xml(variables: list[str], rows: list[list]) -> str:
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    out.append("<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in variables))
    out.append("</head>\n<results>")
    for row in rows:
        cells = "".join(
            f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
            for v, t in zip(variables, row, strict=True)
            if t is not None
        )
        out.append(f"<result>{cells}</result>")
    out.append("</results>\n</sparql>\n")
    return "\n".join(out)


def _select_csv(variables: list[str], rows: list[list]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(variables)
    for row in rows:
        writer.writerow(["" if t is None else _csv_value(t) for t in row])
    return buffer.getvalue()


def _csv_value(term) -> str:
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value


def _select_tsv(variables: list[str], rows: list[list]) -> str:
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]
    return "\n".join(lines) + "\n"


_SELECT_WRITERS = {"json": _select_json, "xml": _select_xml, "csv": _select_csv, "tsv": _select_tsv}


def _boolean(value: bool, name: str) -> str:
    text = "true" if value else "false"
    if name == "json":
        return json.dumps({"head": {}, "boolean": value})
    if name == "xml":
        return (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{text}</boolean></sparql>\n"
        )
    return text + "\n"


def _triples(triples: Iterable, clock: _Clock) -> list:
    kept = []
    for count, triple in enumerate(triples, start=1):
        clock.tick(count)
        kept.append(triple)
    return kept


def write(
    result, media_type: str, limits: Limits, prefixes: dict[str, str], started: float | None = None
) -> bytes:
    """The result in ``media_type`` (one the result's kind offers), within the limits (the
    deadline counted from ``started``, a ``time.monotonic()``, or from now).

    ``result`` is a pyoxigraph query result, or for a graph any iterable of triples.
    """
    clock = _Clock(limits, started)
    family = kind(result)
    if family == "graph":
        triples = _triples(result, clock)
        fmt = _OX_FORMATS[media_type]
        extra = {"prefixes": prefixes} if fmt == ox.RdfFormat.TURTLE else {}
        return ox.serialize(triples, format=fmt, **extra)
    name = next(n for n, m in SELECT_TYPES.items() if m == media_type)
    if family == "ask":
        return _boolean(bool(result), name).encode("utf-8")
    variables, rows = _rows(result, clock)
    return _SELECT_WRITERS[name](variables, rows).encode("utf-8")


def offered(family: str) -> list[str]:
    """The media types a result of this family can be written in, the default first."""
    if family == "graph":
        return list(GRAPH_TYPES)
    return list(SELECT_TYPES.values())
