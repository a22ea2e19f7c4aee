"""`tdkt extract`: what the extractor reads from articles; the store is not touched."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tdkt.cli.app import EXIT_FAILED, EXIT_USAGE, app, handled
from tdkt.errors import InputError

if TYPE_CHECKING:
    from tdkt.loaders import NamedGraph
    from tdkt.loaders.articles.explain import Unread


class ExtractFormat(StrEnum):
    text = "text"
    json = "json"
    trig = "trig"


@app.command()
@handled
def extract(
    files: Annotated[
        list[Path], typer.Argument(help="Article files (.txt or .html).", metavar="FILE...")
    ],
    fmt: Annotated[ExtractFormat, typer.Option("--format", help="Output format.")] = (
        ExtractFormat.text
    ),
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Also list, per article, the sentences that mention a cluster role, an award "
            "form, a document number or a title and yielded no fact.",
        ),
    ] = False,
) -> None:
    """Show what the extractor reads from articles, without touching the store.

    Like `build`, a file that cannot be read is reported on stderr and skipped, the others
    are printed, and the exit code is 1 (2 when no file could be read). `json` prints a list
    with one object per article; `trig` prints each article's named graph.

    Examples:

    * `tdkt extract ../shared/corpus/001_a8b3c08234c141ac.txt`
    * `tdkt extract ../shared/corpus/*.txt --format json`
    * `tdkt extract article.txt --explain`
    * `tdkt extract article.txt --format trig`
    """
    from tdkt.loaders import articles
    from tdkt.loaders.articles.explain import unread
    from tdkt.loaders.gazetteer import Gazetteer

    gazetteer = Gazetteer.load()
    read, failed = [], 0
    for path in files:
        try:
            read.append(articles.extract(path, gazetteer))
        except InputError as error:
            typer.echo(f"skipped {error}", err=True)
            failed += 1
        except OSError as error:
            typer.echo(f"skipped {path}: {error.strerror or error}", err=True)
            failed += 1
    if not read:
        raise typer.Exit(EXIT_USAGE)
    if fmt is ExtractFormat.trig:
        typer.echo(_trig([articles.facts_to_graph(f) for f in read]), nl=False)
    elif fmt is ExtractFormat.json:
        documents = [articles.render_json(f) for f in read]
        if explain:
            for document, facts in zip(documents, read, strict=True):
                document["unread"] = [vars(u) for u in unread(facts)]
        typer.echo(json.dumps(documents, ensure_ascii=False, indent=2))
    else:
        texts = [articles.render_text(f) for f in read]
        if explain:
            texts = [t + "\n" + _unread_text(unread(f)) for t, f in zip(texts, read, strict=True)]
        typer.echo("\n\n".join(texts))
    if failed:
        raise typer.Exit(EXIT_FAILED)


def _trig(graphs: list[NamedGraph]) -> str:
    from rdflib import Dataset

    from tdkt import iris

    dataset = Dataset()
    iris.bind_prefixes(dataset)
    for named in graphs:
        target = dataset.graph(named.iri)
        for triple in named.graph:
            target.add(triple)
    return dataset.serialize(format="trig")


def _unread_text(found: list[Unread]) -> str:
    lines = [f"Not read ({len(found)} sentence(s) with a cue and no fact):"]
    lines += [f"  {u.family} [{u.start}:{u.end}] “{' '.join(u.text.split())}”" for u in found]
    return "\n".join(lines)
