"""The ``tdkt`` command line: build, validate, query, extract, stats, export.

Errors print one line without a traceback. Exit codes: 0 ok; 1 validation violations or
skipped files; 2 bad input or usage (including a missing store).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn
from rich.table import Table

from tdkt.errors import InputError, StoreError, TdktError

if TYPE_CHECKING:
    from tdkt.build import BuildSummary
    from tdkt.catalogue import Param
    from tdkt.store.base import Store
    from tdkt.validate import Finding

app = typer.Typer(
    name="tdkt",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="markdown",
)

EXIT_FAILED = 1  # validation violations, skipped files
EXIT_USAGE = 2  # bad input, bad usage, no store


class QueryFormat(StrEnum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


class ValidateFormat(StrEnum):
    text = "text"
    json = "json"


class ExtractFormat(StrEnum):
    text = "text"
    json = "json"
    trig = "trig"


class ExportFormat(StrEnum):
    ttl = "ttl"
    trig = "trig"
    nq = "nq"
    jsonld = "jsonld"


def _stdout() -> Console:
    return Console(soft_wrap=False)


def _stderr() -> Console:
    return Console(stderr=True)


def _handled(command: Callable) -> Callable:
    """Turn a TdktError (or an unreadable/unwritable file) into one line and an exit code."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except (InputError, StoreError) as e:
            typer.echo(f"error: {e}", err=True)
            raise typer.Exit(EXIT_USAGE) from None
        except OSError as e:
            where = f"{e.filename}: " if e.filename else ""
            typer.echo(f"error: {where}{e.strerror or e}", err=True)
            raise typer.Exit(EXIT_USAGE) from None
        except TdktError as e:
            typer.echo(f"error: {e}", err=True)
            raise typer.Exit(EXIT_FAILED) from None

    return wrapper


@contextmanager
def _opened(ctx: typer.Context) -> Iterator[Store]:
    """The store named by ``--store``, closed after use.

    It is opened at once, so a missing or locked store is an error before any work starts
    (and before ``export --output`` creates its file).
    """
    from tdkt.store.open import open_store

    store = open_store(ctx.obj["store"])
    try:
        store.graphs()  # opens the store; raises StoreError if there is none
        yield store
    finally:
        store.close()


@app.callback()
def main(
    ctx: typer.Context,
    store: Annotated[
        str,
        typer.Option(
            "--store",
            envvar="TDKT_STORE",
            help="Directory of the embedded store.",
            metavar="PATH",
            show_default=True,
        ),
    ] = ".tdkt",
) -> None:
    """A linked-data knowledge graph of Vietnam's emulation and commendation governance
    (thi đua – khen thưởng).

    Examples:

    * `tdkt build --corpus ../shared/corpus`
    * `tdkt query --list`
    * `tdkt --store /data/tdkt query chair-rotation --format csv`
    """
    ctx.obj = {"store": store}


# --- build -----------------------------------------------------------------------------------


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
@_handled
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
) -> None:
    """Build the store: ontology, reference tables and articles, then SHACL validation.

    The new store is built next to the old one and swapped in only when complete. A
    malformed table row stops the build (exit 2); a skipped article or a SHACL violation is
    reported and gives exit 1.

    Examples:

    * `tdkt build`
    * `tdkt build --corpus ../shared/corpus`
    * `tdkt --store /tmp/kg build --corpus articles/ --corpus more-articles/`
    """
    from tdkt.build import build as run_build

    err = _stderr()
    with Progress(
        TextColumn("{task.description}"), BarColumn(), console=err, transient=True
    ) as bar:
        task = bar.add_task("starting", total=1)

        def progress(step: str, done: int, total: int) -> None:
            bar.update(task, description=step, completed=done, total=total)

        summary = run_build(ctx.obj["store"], corpus or (), data, progress)
    out = _stdout()
    out.print(_summary_table(summary))
    for skipped in summary.skipped:
        err.print(f"skipped {skipped.path}: {skipped.reason}", markup=False, highlight=False)
    out.print(
        f"SHACL: {summary.violations} violation(s), {summary.warnings} warning(s)",
        highlight=False,
    )
    if summary.violations or summary.warnings:
        out.print("Run `tdkt validate` for the findings.", highlight=False, markup=False)
    if not summary.ok:
        raise typer.Exit(EXIT_FAILED)


# --- validate --------------------------------------------------------------------------------


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
@_handled
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

    with _opened(ctx) as store:
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


# --- query -----------------------------------------------------------------------------------


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
    _stdout().print(table)


@app.command()
@_handled
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
    with _opened(ctx) as store:
        result = catalogue.run(store, chosen, values)
    if fmt is QueryFormat.table:
        _stdout().print(output.to_table(result, title=chosen.title))
    else:
        typer.echo(output.render(result, fmt.value), nl=False)


# --- extract ---------------------------------------------------------------------------------


@app.command()
@_handled
def extract(
    files: Annotated[
        list[Path], typer.Argument(help="Article files (.txt or .html).", metavar="FILE...")
    ],
    fmt: Annotated[ExtractFormat, typer.Option("--format", help="Output format.")] = (
        ExtractFormat.text
    ),
) -> None:
    """Show what the extractor reads from articles, without touching the store.

    `json` prints one object for one file and a list for several; `trig` prints each
    article's named graph.

    Examples:

    * `tdkt extract ../shared/corpus/001_a8b3c08234c141ac.txt`
    * `tdkt extract ../shared/corpus/*.txt --format json`
    * `tdkt extract article.txt --format trig`
    """
    from rdflib import Dataset

    from tdkt import iris
    from tdkt.loaders import articles

    if fmt is ExtractFormat.trig:
        dataset = Dataset()
        iris.bind_prefixes(dataset)
        for path in files:
            named = articles.article_graph(path)
            target = dataset.graph(named.iri)
            for triple in named.graph:
                target.add(triple)
        typer.echo(dataset.serialize(format="trig"), nl=False)
    elif fmt is ExtractFormat.json:
        documents = [articles.render_json(articles.extract(path)) for path in files]
        chosen = documents[0] if len(documents) == 1 else documents
        typer.echo(json.dumps(chosen, ensure_ascii=False, indent=2))
    else:
        texts = [articles.render_text(articles.extract(path)) for path in files]
        typer.echo("\n\n".join(texts))


# --- stats, export ---------------------------------------------------------------------------


@app.command(name="stats")
@_handled
def stats_command(ctx: typer.Context) -> None:
    """Count named graphs, triples, triples per graph and instances per class.

    Examples:

    * `tdkt stats`
    * `tdkt --store /data/tdkt stats`
    """
    from tdkt.output import shorten
    from tdkt.stats import stats

    with _opened(ctx) as store:
        result = stats(store)
    out = _stdout()
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
@_handled
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

    with _opened(ctx) as store:
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
