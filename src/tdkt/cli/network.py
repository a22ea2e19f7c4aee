"""`tdkt network`: the citation, officials, succession and membership networks as GraphML,
GEXF (time-aware) or JSON, or their most central nodes."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from tdkt.cli.app import app, handled, opened, stdout


class Kind(StrEnum):
    citations = "citations"
    officials = "officials"
    succession = "succession"
    membership = "membership"


class GraphFormat(StrEnum):
    graphml = "graphml"
    gexf = "gexf"
    json = "json"


@app.command()
@handled
def network(
    ctx: typer.Context,
    kind: Annotated[Kind, typer.Argument(help="Which network.")],
    fmt: Annotated[GraphFormat, typer.Option("--format", help="File format.")] = (
        GraphFormat.graphml
    ),
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write here instead of stdout.", metavar="FILE"),
    ] = None,
    top: Annotated[
        int | None,
        typer.Option("--top", help="Print the N most central nodes instead.", metavar="N", min=1),
    ] = None,
) -> None:
    """A network for Gephi or networkx: node ids are the graph's IRIs, labels and dates are
    attributes; GEXF carries memberships and roles as time spells.

    Examples:

    * `tdkt network citations --format graphml > citations.graphml`
    * `tdkt network membership --format gexf -o membership.gexf`
    * `tdkt network succession --top 10`
    """
    from tdkt.analysis.network import network as build
    from tdkt.analysis.network import serialise
    from tdkt.analysis.network import top as central
    from tdkt.output import people_table

    with opened(ctx) as store:
        graph = build(store, kind.value)
    if top is not None:
        rows = [
            [str(i), c.label, c.kind, str(c.degree), f"{c.pagerank:.3f}"]
            for i, c in enumerate(central(graph, top), start=1)
        ]
        headings = ["hạng", "nhãn", "loại", "bậc", "PageRank"]
        stdout().print(people_table(f"Nút trung tâm: {kind.value}", headings, rows))
        return
    text = serialise(graph, fmt.value)
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, "utf-8")
        typer.echo(f"wrote {output}", err=True)
