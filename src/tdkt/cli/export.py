"""`tdkt stats` and `tdkt export`: what the store holds, and all of it as RDF."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from tdkt.cli.app import app, handled, opened, stdout
from tdkt.errors import InputError

if TYPE_CHECKING:
    pass


class ExportFormat(StrEnum):
    ttl = "ttl"
    trig = "trig"
    nq = "nq"
    jsonld = "jsonld"


@app.command(name="stats")
@handled
def stats_command(ctx: typer.Context) -> None:
    """Count named graphs, triples, triples per graph and instances per class.

    Examples:

    * `tdkt stats`
    * `tdkt --store /data/tdkt stats`
    """
    from tdkt.output import shorten
    from tdkt.stats import stats

    with opened(ctx) as store:
        result = stats(store)
    out = stdout()
    out.print(f"{result.graphs} named graphs, {result.triples} triples", highlight=False)
    for title, column, rows in (
        ("Triples per graph", "graph", result.per_graph),
        ("Instances per class", "class", result.per_class),
    ):
        table = Table(title=title, header_style="bold")
        table.add_column(column)
        table.add_column("count", justify="right")
        for key, count in rows:
            table.add_row(shorten(key), str(count))
        out.print(table)


@app.command(name="export")
@handled
def export_command(
    ctx: typer.Context,
    fmt: Annotated[ExportFormat, typer.Option("--format", help="RDF format.")] = (
        ExportFormat.trig
    ),
    output_file: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write here instead of stdout.", metavar="FILE"),
    ] = None,
) -> None:
    """Write the whole store (every named graph) as Turtle, TriG, N-Quads or JSON-LD.

    The output is the same for the same store (N-Quads are sorted). Turtle has no named
    graphs, so `ttl` merges them.

    Examples:

    * `tdkt export --format trig > tdkt.trig`
    * `tdkt export --format nq --output tdkt.nq`
    """
    from tdkt.export import export

    with opened(ctx) as store:
        if output_file is None:
            stream = typer.get_binary_stream("stdout")
            export(store, stream, fmt.value)
            stream.flush()
        else:
            try:
                with output_file.open("wb") as stream:
                    export(store, stream, fmt.value)
            except OSError as e:
                raise InputError(output_file, f"cannot write: {e.strerror or e}") from e
