"""The ``tdkt`` application: global options, output consoles, error handling, store opening.

Each command lives in its own module of this package and registers itself on ``app``.

Errors print one line without a traceback. Exit codes: 0 ok; 1 validation violations or
skipped files; 2 bad input or usage (including a missing store).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from typer.core import TyperGroup

from tdkt.errors import InputError, StoreError, TdktError

if TYPE_CHECKING:
    from tdkt.store.base import Store
    from tdkt.store.guard import Limits

GLOBAL_OPTIONS = ("--store",)  # options of `tdkt` itself, accepted after the subcommand too


def global_options_first(args: list[str]) -> list[str]:
    """``args`` with every global option (and its value) moved before the subcommand.

    So ``tdkt query NAME --store X`` means ``tdkt --store X query NAME``. Nothing after a
    ``--`` is moved.
    """
    front: list[str] = []
    rest: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            rest += args[index:]
            break
        if arg in GLOBAL_OPTIONS and index + 1 < len(args):
            front += args[index : index + 2]
            index += 2
            continue
        if arg.startswith(tuple(f"{name}=" for name in GLOBAL_OPTIONS)):
            front.append(arg)
        else:
            rest.append(arg)
        index += 1
    return front + rest


class _Group(TyperGroup):
    """The top-level command group: global options may follow the subcommand."""

    def parse_args(self, ctx, args: list[str]) -> list[str]:
        return super().parse_args(ctx, global_options_first(args))


app = typer.Typer(
    name="tdkt",
    cls=_Group,
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="markdown",
)

EXIT_FAILED = 1  # validation violations, skipped files
EXIT_USAGE = 2  # bad input, bad usage, no store


def stdout() -> Console:
    return Console(soft_wrap=False)


def stderr() -> Console:
    return Console(stderr=True)


def handled(command: Callable) -> Callable:
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
def opened(ctx: typer.Context, limits: Limits | None = None) -> Iterator[Store]:
    """The store named by ``--store``, opened read-only, closed after use.

    It is opened at once, so a missing or damaged store is an error before any work starts
    (and before ``export --output`` creates its file). ``limits`` bound its queries
    (default: from the environment, see ``tdkt.store.guard``).
    """
    from tdkt.store.open import open_store

    store = open_store(ctx.obj["store"], limits)
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
            help="Directory of the embedded store, or a SPARQL endpoint URL (docs/remote.md).",
            metavar="PATH|URL",
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
    * `tdkt --store http://127.0.0.1:7878 build --corpus articles/`
    """
    ctx.obj = {"store": store}
