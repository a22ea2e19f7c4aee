"""`tdkt extract`: what the extractor reads from articles; the store is not touched."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tdkt.cli.app import app, handled

if TYPE_CHECKING:
    pass


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
