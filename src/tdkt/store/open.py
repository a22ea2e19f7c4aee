"""Choose a store backend from a location: the one place callers get a ``Store`` from.

A filesystem path means the embedded Oxigraph store; an ``http(s)://`` URL, a remote SPARQL 1.1
engine (``tdkt.store.remote``, its layout and credentials from ``tdkt.store.endpoints``).
"""

from __future__ import annotations

from pathlib import Path

from tdkt.store.base import Store
from tdkt.store.guard import Limits


def is_remote(location: str | Path) -> bool:
    """Whether ``location`` names a SPARQL endpoint rather than a directory."""
    return isinstance(location, str) and location.lower().startswith(("http://", "https://"))


def open_store(location: str | Path, limits: Limits | None = None) -> Store:
    """The store at ``location`` (a directory; opened lazily, so a missing one errors on use).

    ``limits`` bound the queries (default: ``Limits.from_env()``).
    """
    if is_remote(location):
        from tdkt.store.endpoints import endpoint_for
        from tdkt.store.remote import RemoteStore

        return RemoteStore(endpoint_for(str(location)), limits=limits)
    from tdkt.store.embedded import EmbeddedStore

    return EmbeddedStore(Path(location), limits=limits)
