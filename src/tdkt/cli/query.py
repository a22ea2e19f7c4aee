"""`tdkt query`: named queries and the user's own SPARQL files."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from tdkt.cli.app import app, handled, opened, stdout
from tdkt.errors import InputError

if TYPE_CHECKING:
    from tdkt.catalogue import Param


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
) -> None:
    """Run a named query (or your own .rq file) and print the rows.

    Examples:

    * `tdkt query --list`
    * `tdkt query chair-rotation --param cluster=tay-nguyen-duyen-hai-mien-trung`
    * `tdkt query citations --param document=34-CT/TW --format json`
    * `tdkt query --sparql my.rq --format csv > out.csv`
    """
    from tdkt import catalogue, output

    if list_:
        _print_catalogue()
        return
    if (name is None) == (sparql is None):
        raise InputError("query", "give a query NAME or --sparql FILE (not both)", field="NAME")
    chosen = catalogue.from_file(sparql) if sparql else catalogue.named(name)
    values = catalogue.parse_assignments(param or [])
    catalogue.bind(chosen, values)  # a bad parameter is reported before the store is opened
    with opened(ctx) as store:
        result = catalogue.run(store, chosen, values)
    if fmt is QueryFormat.table:
        stdout().print(output.to_table(result, title=chosen.title))
    else:
        typer.echo(output.render(result, fmt.value), nl=False)
