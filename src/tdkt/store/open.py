"""Choose a store backend from a location: the one place callers get a ``Store`` from.

A filesystem path means the embedded Oxigraph store. An ``http(s)://`` URL will mean a remote
SPARQL 1.1 endpoint; that backend plugs in here without touching any caller.
"""

from __future__ import annotations

from pathlib import Path

from tdkt.errors import StoreError
from tdkt.store.base import Store


def is_remote(location: str | Path) -> bool:
    """Whether ``location`` names a SPARQL endpoint rather than a directory."""
    return isinstance(location, str) and location.lower().startswith(("http://", "https://"))


def open_store(location: str | Path) -> Store:
    """The store at ``location`` (a directory; opened lazily, so a missing one errors on use)."""
    if is_remote(location):
        raise StoreError(
            f"{location}: remote SPARQL endpoints arrive in a later release; "
            "use a directory for the embedded store"
        )
    from tdkt.store.embedded import EmbeddedStore

    return EmbeddedStore(Path(location))
