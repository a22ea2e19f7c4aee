"""`tdkt serve`: the Linked Data server (pages, RDF, SPARQL endpoint, VoID, dumps)."""

from __future__ import annotations

from typing import Annotated

import typer

from tdkt import iris
from tdkt.cli.app import app, handled


@app.command()
@handled
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    base: Annotated[
        str, typer.Option(help="Base of the dataset's IRIs, mapped onto this host.")
    ] = iris.BASE,
    timeout: Annotated[
        float, typer.Option(help="Seconds a /sparql query may run.", min=0.1)
    ] = 10.0,
    limit: Annotated[
        int, typer.Option(help="Most rows (or triples) a /sparql result may have.", min=1)
    ] = 10_000,
    workers: Annotated[
        int, typer.Option(help="Server processes (each opens the store read-only).", min=1)
    ] = 1,
) -> None:
    """Serve the store as Linked Data: every IRI dereferences (HTML for people, RDF for
    machines), a read-only SPARQL endpoint at /sparql, VoID/DCAT at /dataset, dumps at /dumps/.
    With `--store URL` the server stands in front of a SPARQL engine, and /sparql queries run
    there (credentials come from the environment or TDKT_CONFIG, as for every command).

    Examples:

    * `tdkt serve` then open http://127.0.0.1:8000/
    * `tdkt --store http://127.0.0.1:7878 serve` (Oxigraph server behind it)
    * `tdkt serve --host 0.0.0.0 --port 8080 --timeout 5 --limit 5000 --workers 2`
    * `curl -H 'Accept: text/turtle' http://127.0.0.1:8000/id/province/lam-dong`
    """
    import os

    import uvicorn

    from tdkt.serve.app import create_app, environment
    from tdkt.serve.sparql import Limits

    if not base.endswith(("/", "#")):
        base += "/"
    limits = Limits(timeout, limit)
    server = create_app(ctx.obj["store"], base=base, limits=limits)  # fails early, in one line
    typer.echo(f"serving {ctx.obj['store']} at http://{host}:{port}/ (Ctrl+C stops)", err=True)
    if workers == 1:
        uvicorn.run(server, host=host, port=port, log_level="warning")
        return
    os.environ.update(environment(str(ctx.obj["store"]), base, limits))
    uvicorn.run(
        "tdkt.serve.app:from_environment",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level="warning",
    )
