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

The analysis commands (``rotation``, ``trace``, ``find``…) print a ``people_table`` (words
only, no key columns, folded at word boundaries to fit 80 columns) and give programs
``records`` (IRIs and keys kept) as CSV or a JSON array of objects.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier
from rich import box
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


def _cell(term: Identifier | None, labels: Mapping[str, str]) -> str:
    """A table cell: an IRI by its label if it has one, else compacted, also inside a
    " ; "-joined list of IRIs (a source)."""
    if isinstance(term, URIRef):
        return labels.get(str(term)) or compact(term)
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


def to_table(
    result: SelectResult, title: str | None = None, labels: Mapping[str, str] | None = None
) -> Table:
    """A table for people: a column ``x`` that has a ``x_label`` twin is shown by its label
    only, under the name ``x`` (CSV and JSON keep both); an IRI found in ``labels`` (e.g.
    ``tdkt.analysis.records.labels(store)``) shows its label ("Cụm trưởng", "Đề nghị")."""
    shown = [i for i, var in enumerate(result.variables) if f"{var}_label" not in result.variables]
    table = Table(title=title, show_lines=False, header_style="bold")
    for i in shown:
        table.add_column(result.variables[i].removesuffix("_label"), overflow="fold")
    for row in result.rows:
        table.add_row(*(_cell(row[i], labels or {}) for i in shown))
    return table


def render(result: SelectResult, fmt: str) -> str:
    """The text of a result in ``csv``, ``tsv`` or ``json`` (tables go through ``to_table``)."""
    if fmt == "json":
        return to_json(result)
    if fmt in ("csv", "tsv"):
        return _delimited(result, fmt)
    raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")


# --- tables for people, records for programs -------------------------------------------------

Value = str | int | float | None
TERMINAL_WIDTH = 80
_SHORT = 12  # a column whose cells are all this short is never wrapped
_TOKEN = 32  # a key or number longer than this may fold
_OVERHEAD_PER_COLUMN = 3  # a column's padding and separator in a SIMPLE_HEAD table


def people_table(
    title: str,
    headings: Sequence[str],
    rows: Iterable[Sequence[str]],
    caption: str | None = None,
    width: int = TERMINAL_WIDTH,
) -> Table:
    """Words for a person to read, in at most ``width`` columns: short values and single
    tokens (dates, counts, keys) keep their line, long text wraps between words."""
    rows = [list(row) for row in rows]
    widths = column_widths(headings, rows, width)
    table = Table(title=title, caption=caption, box=box.SIMPLE_HEAD, header_style="bold")
    for heading, size in zip(headings, widths, strict=True):
        table.add_column(heading, overflow="fold", width=size)
    for row in rows:
        table.add_row(*row)
    return table


def column_widths(headings: Sequence[str], rows: list[list[str]], width: int) -> list[int]:
    """How wide each column may be so that the table fits ``width``: every column gets what it
    needs if it can; otherwise columns of text give up room in proportion to their length,
    never below their longest word."""
    need, least = [], []
    for i, heading in enumerate(headings):
        cells = [row[i] for row in rows]
        value = max((len(line) for cell in cells for line in cell.splitlines()), default=0)
        word = min(max((len(w) for c in [heading, *cells] for w in c.split()), default=1), _TOKEN)
        need.append(max(value, len(heading)))
        fixed = value <= _SHORT or not any(" " in cell for cell in cells)
        least.append(max(word, min(value, _TOKEN)) if fixed else word)
        if fixed:  # room for the heading on one line, never for more than a long key
            need[-1] = max(least[-1], min(need[-1], _TOKEN))
    room = width - _OVERHEAD_PER_COLUMN * len(headings) - 1
    if sum(need) <= room:
        return need
    spare = room - sum(least)
    extra = [n - m for n, m in zip(need, least, strict=True)]
    if spare <= 0 or not sum(extra):
        return least
    return [m + spare * e // sum(extra) for m, e in zip(least, extra, strict=True)]


def clip(text: str, width: int) -> str:
    """``text`` cut at a word boundary to at most ``width`` characters, with "…" when cut."""
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0] if " " in text[: width - 1] else text[: width - 1]
    return cut.rstrip(" ,.:;·") + "…"


def render_records(records: Sequence[Mapping[str, Value]], fmt: str) -> str:
    """Records as CSV (a header row, then one line each) or as a JSON array of objects."""
    if fmt == "json":
        return json.dumps(list(map(dict, records)), ensure_ascii=False, indent=2) + "\n"
    if fmt != "csv":
        raise ValueError(f"unknown format {fmt!r} (choose from table, csv, json)")
    fields = list(dict.fromkeys(key for record in records for key in record))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({k: "" if v is None else v for k, v in r.items()} for r in records)
    return buffer.getvalue()
