"""The ``tdkt`` command line.

Errors print one line without a traceback. Exit codes: 0 ok; 1 validation violations or
skipped files; 2 bad input or usage (including a missing store). Each command is a module of
this package that registers itself on :data:`tdkt.cli.app.app`; importing them here builds the
whole program.
"""

from tdkt.cli import (  # noqa: F401  (registers commands)
    build,
    export,
    extract,
    find,
    lists,
    network,
    publish,
    query,
    rotation,
    serve,
    trace,
    validate,
)
from tdkt.cli.app import app

__all__ = ["app"]
