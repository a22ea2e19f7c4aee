"""`tdkt query`: named queries and the user's own SPARQL files."""

from __future__ import annotations

from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from tdkt.cli.app import app, handled, opened, stdout
from tdkt.errors import InputError

if TYPE_CHECKING:
    from tdkt.catalogue import Param
    from tdkt.store.guard import Limits


class QueryFormat(StrEnum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


def _describe(param: Param) -> str:
    """``date (xsd:date, default today unless year)`` for the catalogue listing."""
    text = f"{param.name} ({param.type}"
    if param.default != "(none)":
        text += f", default {param.default}"
        if param.unless:
            text += f" unless {param.unless}"
    return text + ")"


def _print_catalogue() -> None:
    from tdkt import catalogue

    table = Table(title="Named queries", header_style="bold", show_lines=True)
    table.add_column("name")
    table.add_column("title")
    table.add_column("parameters")
    for q in catalogue.catalogue():
        params = "\n".join(_describe(p) for p in q.params)
        table.add_row(q.name, q.title, params or "—")
    stdout().print(table)


def _limits(
    own_query: bool, timeout: float | None, max_rows: int | None, allow_service: bool
) -> Limits:
    """How far the query may go: the command line's limits, else the environment's, else the
    defaults. A query file the user wrote may run away, so by default it runs bounded in time
    and memory (in a child process that is stopped at the limit); a named query is the
    project's own and runs in this process, bounded in rows, unless a time limit is asked for."""
    from tdkt.store.guard import BOUNDED, Limits

    limits = Limits.from_env(base=BOUNDED if own_query else Limits())
    return replace(
        limits,
        timeout=limits.timeout if timeout is None else (timeout or None),
        max_rows=limits.max_rows if max_rows is None else (max_rows or None),
        allow_service=limits.allow_service or allow_service,
    )


@app.command()
@handled
def query(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Argument(help="A named query (see --list).")] = None,
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="name=value (repeatable).", metavar="NAME=VALUE"),
    ] = None,
    fmt: Annotated[QueryFormat, typer.Option("--format", help="Output format.")] = (
        QueryFormat.table
    ),
    sparql: Annotated[
        Path | None,
        typer.Option("--sparql", help="Run this .rq file instead.", dir_okay=False, metavar="FILE"),
    ] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the named queries.")] = False,
    timeout: Annotated[
        float | None,
        typer.Option(
            "--timeout", help="Stop the query after this many seconds (0 = no limit).", min=0
        ),
    ] = None,
    max_rows: Annotated[
        int | None,
        typer.Option("--max-rows", help="Refuse more rows than this (0 = no limit).", min=0),
    ] = None,
    allow_service: Annotated[
        bool,
        typer.Option("--allow-service", help="Let the query call other endpoints with SERVICE."),
    ] = False,
) -> None:
    """Run a named query (or your own .rq file) and print the rows.

    Examples:

    * `tdkt query --list`
    * `tdkt query chair-rotation --param cluster=tay-nguyen-duyen-hai-mien-trung`
    * `tdkt query citations --param document=34-CT/TW --format json`
    * `tdkt query --sparql my.rq --format csv > out.csv`

    A query may read only this store (SERVICE is refused unless `--allow-service`), and
    stops with an error past its row limit (1,000,000; TDKT_QUERY_MAX_ROWS). A `--sparql`
    file also stops past its time and memory limits (60 s, 4096 MiB; `--timeout`,
    TDKT_QUERY_TIMEOUT, TDKT_QUERY_MEMORY_MB), which a named query gets only when asked.
    """
    from tdkt import catalogue, output
    from tdkt.analysis.records import labels

    if list_:
        _print_catalogue()
        return
    if (name is None) == (sparql is None):
        raise InputError("query", "give a query NAME or --sparql FILE (not both)", field="NAME")
    chosen = catalogue.from_file(sparql) if sparql else catalogue.named(name)
    values = catalogue.parse_assignments(param or [])
    catalogue.bind(chosen, values)  # a bad parameter is reported before the store is opened
    limits = _limits(sparql is not None, timeout, max_rows, allow_service)
    with opened(ctx, limits) as store:
        result = catalogue.run(store, chosen, values)
        words = labels(store) if fmt is QueryFormat.table else None  # IRIs shown as words
    if fmt is QueryFormat.table:
        stdout().print(output.to_table(result, title=chosen.title, labels=words))
    else:
        typer.echo(output.render(result, fmt.value), nl=False)
