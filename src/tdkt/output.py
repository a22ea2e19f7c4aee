"""Format a ``SelectResult`` for people (a rich table) and for programs (CSV, TSV, JSON).

- ``table``: made to be read in a terminal: a thing by its key without ``id/{kind}/``
  (``lam-dong``, ``001_a8b3c08234c141ac``), a tdkt term by its local name (``ClusterChair``),
  another vocabulary's term as ``prefix:local``, an address by host and path, cut at 40
  characters; of a ``" ; "``-joined list of addresses (a ``source`` column) the first and a
  count of the others. CSV, TSV and JSON keep every value whole.
- ``csv``: the SPARQL 1.1 Query Results CSV form (IRIs and literals as plain text).
- ``tsv``: the same plain values, tab-separated; tabs and line breaks inside a value become
  spaces so that every row stays one line.
- ``json``: the SPARQL 1.1 Query Results JSON format (``head.vars``, ``results.bindings``;
  an unbound variable is left out of its binding).
"""

from __future__ import annotations

import csv
import io
import json

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier
from rich.table import Table

from tdkt import iris
from tdkt.store.base import SelectResult

FORMATS = ("table", "csv", "tsv", "json")


def shorten(iri: str) -> str:
    """``id/province/bac-kan``, ``graph/ontology`` or ``tdkt:ClusterChair``; else the IRI."""
    if iri.startswith(iris.BASE) and iri[len(iris.BASE) :].startswith(("id/", "graph/")):
        return iri[len(iris.BASE) :]
    best = ("", "")
    for prefix, namespace in iris.PREFIXES.items():
        ns = str(namespace)
        if iri.startswith(ns) and len(ns) > len(best[1]):
            best = (prefix, ns)
    local = iri[len(best[1]) :]
    if best[0] and local and all(c.isalnum() or c in "_-." for c in local):
        return f"{best[0]}:{local}"
    return iri


_ADDRESS_WIDTH = 40


def compact(iri: str) -> str:
    """Shorter than ``shorten``, for a table cell: the column name already says the kind."""
    short = shorten(iri)
    if short.startswith("id/"):
        return short.split("/", 2)[-1]
    if short.startswith("tdkt:"):
        return short.removeprefix("tdkt:")
    if short.startswith(("http://", "https://")):
        address = short.split("://", 1)[1].removeprefix("www.")
        return address if len(address) <= _ADDRESS_WIDTH else address[: _ADDRESS_WIDTH - 1] + "…"
    return short


def _cell(term: Identifier | None) -> str:
    """A table cell: IRIs compacted, also inside a " ; "-joined list of IRIs (a source)."""
    if isinstance(term, URIRef):
        return compact(term)
    text = plain(term)
    parts = text.split(" ; ")
    if isinstance(term, Literal) and all(p.startswith(("http://", "https://")) for p in parts):
        more = f" (+{len(parts) - 1} more)" if len(parts) > 1 else ""
        return compact(parts[0]) + more
    return text


def plain(term: Identifier | None) -> str:
    """A term's plain text value ("" when unbound)."""
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def term_json(term: Identifier) -> dict[str, str]:
    """One RDF term in the SPARQL 1.1 Query Results JSON form."""
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype is not None:
            out["datatype"] = str(term.datatype)
        return out
    raise TypeError(f"not an RDF term: {term!r}")


def to_json(result: SelectResult) -> str:
    bindings = [
        {
            var: term_json(value)
            for var, value in zip(result.variables, row, strict=True)
            if value is not None
        }
        for row in result.rows
    ]
    document = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _delimited(result: SelectResult, dialect: str) -> str:
    buffer = io.StringIO()
    if dialect == "csv":
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(result.variables)
        writer.writerows([plain(v) for v in row] for row in result.rows)
        return buffer.getvalue()
    lines = ["\t".join(result.variables)]
    for row in result.rows:
        lines.append("\t".join(" ".join(plain(v).split()) for v in row))
    return "\n".join(lines) + "\n"


def to_table(result: SelectResult, title: str | None = None) -> Table:
    table = Table(title=title, show_lines=False, header_style="bold")
    for var in result.variables:
        table.add_column(var, overflow="fold")
    for row in result.rows:
        table.add_row(*(_cell(v) for v in row))
    return table


def render(result: SelectResult, fmt: str) -> str:
    """The text of a result in ``csv``, ``tsv`` or ``json`` (tables go through ``to_table``)."""
    if fmt == "json":
        return to_json(result)
    if fmt in ("csv", "tsv"):
        return _delimited(result, fmt)
    raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
