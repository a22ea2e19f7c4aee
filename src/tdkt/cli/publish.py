"""`tdkt publish`: the server's pages and RDF as a static site."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tdkt import iris
from tdkt.cli.app import app, handled, opened


@app.command()
@handled
def publish(
    ctx: typer.Context,
    out: Annotated[
        Path, typer.Option("--out", help="Directory to write the site into.", file_okay=False)
    ],
    base: Annotated[str, typer.Option(help="Base of the dataset's IRIs.")] = iris.BASE,
) -> None:
    """Write every page and RDF file the server would give, as static files whose links
    all resolve, for any web host.

    Examples:

    * `tdkt publish --out site/`
    * `python -m http.server -d site 8000` to look at it
    """
    from tdkt.serve.publish import publish as write_site

    with opened(ctx) as store:
        done = write_site(store, out, base)
    typer.echo(f"{out}/: {done.pages} pages, {done.files} files", err=True)
