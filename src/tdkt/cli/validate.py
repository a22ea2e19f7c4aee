"""`tdkt validate`: the SHACL report, with each conflicting claim and its source."""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tdkt.cli.app import EXIT_FAILED, app, handled, opened

if TYPE_CHECKING:
    from tdkt.store.base import Store
    from tdkt.validate import Finding


class ValidateFormat(StrEnum):
    text = "text"
    json = "json"
    ttl = "ttl"


_PREDICATE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]+")  # one IRI, not a path


def _claims(store: Store, finding: Finding) -> list[dict[str, str | None]]:
    """Who says what: each value of the finding's property on its node, with the source graph
    and status. Given only where the values come from more than one source (a conflict)."""
    from tdkt import catalogue

    if not (finding.focus and finding.path) or not _PREDICATE.fullmatch(finding.path):
        return []  # claims are looked up by one property, not along a longer path
    query = catalogue.named("claims")
    result = catalogue.run(store, query, {"node": finding.focus, "property": finding.path})
    rows = [dict(zip(result.variables, row, strict=True)) for row in result.rows]
    if len({row["graph"] for row in rows}) < 2:
        return []
    return [{k: None if v is None else str(v) for k, v in row.items()} for row in rows]


def _print(findings: list[tuple[Finding, list]], fmt: ValidateFormat) -> dict[str, int]:
    """Write the findings as JSON or text lines; return the counts per severity."""
    from tdkt.output import shorten
    from tdkt.validate import SEVERITIES

    counts = {s: sum(1 for f, _ in findings if f.severity == s) for s in SEVERITIES}
    if fmt is ValidateFormat.json:
        document = {
            "conforms": counts["Violation"] == 0,
            "counts": counts,
            "findings": [asdict(f) | {"claims": claims} for f, claims in findings],
        }
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return counts
    for f, claims in findings:
        severity = f.severity.rsplit("#", 1)[-1]  # a custom severity's IRI by local name
        focus = shorten(f.focus) if f.focus else ""
        path = shorten(f.path) if f.path else ""
        typer.echo(f"{severity}\t{focus}\t{path}\t{f.message_en or f.message_vi}")
        for claim in claims:
            status = f" ({shorten(claim['status'])})" if claim["status"] else ""
            typer.echo(f"\tclaim\t{shorten(claim['value'])}\t{shorten(claim['graph'])}{status}")
    typer.echo(
        f"{counts['Violation']} violation(s), {counts['Warning']} warning(s), {counts['Info']} info"
    )
    return counts


@app.command(name="validate")
@handled
def validate_command(
    ctx: typer.Context,
    fmt: Annotated[ValidateFormat, typer.Option("--format", help="Output format.")] = (
        ValidateFormat.text
    ),
    data: Annotated[
        list[Path] | None,
        typer.Option(
            "--data",
            help="Validate this RDF file instead of the store (repeatable).",
            metavar="FILE",
        ),
    ] = None,
    shapes: Annotated[
        Path | None,
        typer.Option(
            "--shapes", help="SHACL shapes file (default: tdkt's own shapes).", metavar="FILE"
        ),
    ] = None,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            min=1,
            help="Processes sharing the shapes out (embedded store; worth it on millions of "
            "triples).",
        ),
    ] = 1,
) -> None:
    """Check the store, or any RDF files, against SHACL shapes. Exit 1 on violations;
    warnings do not fail. `--format ttl` writes a standard `sh:ValidationReport`.

    Where sources in the store disagree (two provinces named chair for one cluster and year),
    each claim is listed under the finding with the named graph (source) that makes it.

    Examples:

    * `tdkt validate`
    * `tdkt validate --format json > report.json`
    * `tdkt validate --data data.ttl --data more.trig --shapes shapes.ttl --format ttl`
    """
    from tdkt import validate
    from tdkt.shacl.report import to_graph, to_turtle

    if data:
        results, graph = validate.check_files(data, shapes)
        findings = [(f, []) for f in validate.report_of(results, graph).findings]
    else:
        graph = validate.load_shapes() if shapes is None else validate.parse_shapes(shapes)
        with opened(ctx) as store:
            if fmt is ValidateFormat.ttl:
                results = validate.check_store(store, graph)
                report = validate.report_of(results, graph)
            else:
                report = validate.validate_store(store, graph, workers=workers)
            findings = [(f, _claims(store, f)) for f in report.findings]
    if fmt is ValidateFormat.ttl:
        typer.echo(to_turtle(to_graph(results, graph)))
        violations = any(f.severity == "Violation" for f, _ in findings)
    else:
        violations = _print(findings, fmt)["Violation"] > 0
    if violations:
        raise typer.Exit(EXIT_FAILED)
