"""What the analysis commands share: ``--format table|csv|json`` and printing either a table
for people (labels only) or records for programs (IRIs and keys kept)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from tdkt.cli.app import stdout

if TYPE_CHECKING:  # rdflib and rich tables load only when a command runs
    from rich.table import Table

    from tdkt.output import Value


class ReportFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


FormatOption = Annotated[
    ReportFormat,
    typer.Option("--format", help="table (labels, for people); csv or json (IRIs, for programs)."),
]


def emit(
    fmt: ReportFormat, table: Callable[[], Table | None], records: Sequence[Mapping[str, Value]]
) -> None:
    """Print the table (built only when asked for; a function that prints for itself returns
    None) or the records as CSV / JSON."""
    from tdkt.output import render_records

    if fmt is ReportFormat.table:
        shown = table()
        if shown is not None:
            stdout().print(shown)
    else:
        typer.echo(render_records(records, fmt.value), nl=False)


def word(labels: Mapping[str, str], iri: object) -> str:
    """The Vietnamese label of a term or thing ("Cụm trưởng", "Đề nghị"); "" for none."""
    if iri is None:
        return ""
    return labels.get(str(iri), str(iri).rsplit("/", 1)[-1].rsplit("#", 1)[-1])
