"""`tdkt build`: ontology, tables and articles into a fresh store, then SHACL."""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import BarColumn, Progress, TextColumn
from rich.table import Table

from tdkt.cli.app import EXIT_FAILED, app, handled, stderr, stdout

if TYPE_CHECKING:
    from tdkt.build import BuildSummary


def _summary_table(summary: BuildSummary) -> Table:
    from tdkt.output import shorten

    table = Table(title=f"Store {summary.store}/", header_style="bold")
    table.add_column("graph")
    table.add_column("from")
    table.add_column("triples", justify="right")
    for g in summary.graphs:
        table.add_row(shorten(str(g.iri)), Path(g.origin).name, str(g.triples))
    table.add_section()
    table.add_row(f"{len(summary.graphs)} graphs", "", str(summary.triples))
    return table


@app.command()
@handled
def build(
    ctx: typer.Context,
    corpus: Annotated[
        list[Path] | None,
        typer.Option(
            "--corpus",
            help="A directory of articles (repeatable).",
            file_okay=False,
            metavar="DIR",
        ),
    ] = None,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data", help="Directory of reference tables (default: packaged data).", metavar="DIR"
        ),
    ] = None,
    full: Annotated[
        bool,
        typer.Option("--full", help="Re-read every article, not only new and changed ones."),
    ] = False,
    wait: Annotated[
        bool,
        typer.Option(
            "--wait/--no-wait",
            help="If another build is writing the store, wait for it (default: fail at once).",
        ),
    ] = False,
) -> None:
    """Build the store: ontology, reference tables and articles, then SHACL validation.

    The new store is built beside the old one, inside the store directory, and swapped in
    only when complete: readers keep the old one until they close. One build at a time: a
    second one fails at once, or waits with `--wait`. Only a new or empty directory, or one
    `tdkt build` created, is written to. A malformed table row stops the build (exit 2); a
    skipped article or a SHACL violation is reported and gives exit 1.

    Examples:

    * `tdkt build`
    * `tdkt build --corpus ../shared/corpus`
    * `tdkt --store /tmp/kg build --corpus articles/ --corpus more-articles/`
    * `tdkt build --wait` (after another build that is still running)
    * `tdkt build --full --corpus ../shared/corpus` (re-read every article)
    """
    from tdkt.build import build as run_build
    from tdkt.store.layout import writing
    from tdkt.store.open import is_remote

    err = stderr()
    location = ctx.obj["store"]

    def waiting(message: str) -> None:
        err.print(message, markup=False, highlight=False)

    with (
        nullcontext() if is_remote(location) else writing(Path(location), wait, waiting),
        Progress(TextColumn("{task.description}"), BarColumn(), console=err, transient=True) as bar,
    ):
        task = bar.add_task("starting", total=1)

        def progress(step: str, done: int, total: int) -> None:
            bar.update(task, description=step, completed=done, total=total)

        summary = run_build(location, corpus or (), data, progress, full=full)
    out = stdout()
    out.print(_summary_table(summary))
    for skipped in summary.skipped:
        err.print(f"skipped {skipped.path}: {skipped.reason}", markup=False, highlight=False)
    if summary.unread:
        out.print(
            f"Unread: {sum(summary.unread.values())} sentence(s) in {len(summary.unread)} "
            "article(s) mention a cluster role, an award, a document number or a title and "
            "yielded no fact; `tdkt extract FILE --explain` lists them.",
            markup=False,
            highlight=False,
        )
    out.print(
        f"SHACL: {summary.violations} violation(s), {summary.warnings} warning(s)",
        highlight=False,
    )
    if summary.violations or summary.warnings:
        out.print("Run `tdkt validate` for the findings.", highlight=False, markup=False)
    if not summary.ok:
        raise typer.Exit(EXIT_FAILED)
