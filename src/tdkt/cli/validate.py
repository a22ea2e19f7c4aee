"""`tdkt validate`: the SHACL report, with each conflicting claim and its source."""

from __future__ import annotations

import json
from dataclasses import asdict
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from tdkt.cli.app import EXIT_FAILED, app, handled, opened

if TYPE_CHECKING:
    from tdkt.store.base import Store
    from tdkt.validate import Finding


class ValidateFormat(StrEnum):
    text = "text"
    json = "json"


def _claims(store: Store, finding: Finding) -> list[dict[str, str | None]]:
    """Who says what: each value of the finding's property on its node, with the source graph
    and status. Given only where the values come from more than one source (a conflict)."""
    from tdkt import catalogue

    if not (finding.focus and finding.path):
        return []
    query = catalogue.named("claims")
    result = catalogue.run(store, query, {"node": finding.focus, "property": finding.path})
    rows = [dict(zip(result.variables, row, strict=True)) for row in result.rows]
    if len({row["graph"] for row in rows}) < 2:
        return []
    return [{k: None if v is None else str(v) for k, v in row.items()} for row in rows]


@app.command(name="validate")
@handled
def validate_command(
    ctx: typer.Context,
    fmt: Annotated[ValidateFormat, typer.Option("--format", help="Output format.")] = (
        ValidateFormat.text
    ),
) -> None:
    """Check the store against the SHACL shapes. Exit 1 on violations; warnings do not fail.

    Where sources disagree (two provinces named chair for one cluster and year), each claim is
    listed under the finding with the named graph (source) that makes it.

    Examples:

    * `tdkt validate`
    * `tdkt validate --format json > report.json`
    """
    from tdkt.build import stored_graphs, validate_graphs
    from tdkt.output import shorten

    with opened(ctx) as store:
        report = validate_graphs(stored_graphs(store))
        findings = [(f, _claims(store, f)) for f in report.findings]
    counts = report.counts()
    if fmt is ValidateFormat.json:
        document = {
            "conforms": counts["Violation"] == 0,
            "counts": counts,
            "findings": [asdict(f) | {"claims": claims} for f, claims in findings],
        }
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        for f, claims in findings:
            severity = f.severity.rsplit("#", 1)[-1]  # a custom severity's IRI by local name
            focus = shorten(f.focus) if f.focus else ""
            path = shorten(f.path) if f.path else ""
            typer.echo(f"{severity}\t{focus}\t{path}\t{f.message_en or f.message_vi}")
            for claim in claims:
                status = f" ({shorten(claim['status'])})" if claim["status"] else ""
                typer.echo(f"\tclaim\t{shorten(claim['value'])}\t{shorten(claim['graph'])}{status}")
        typer.echo(
            f"{counts['Violation']} violation(s), {counts['Warning']} warning(s), "
            f"{counts['Info']} info"
        )
    if counts["Violation"]:
        raise typer.Exit(EXIT_FAILED)
