"""Where a remote SPARQL engine takes queries, updates and graph loads, and who we are there.

A store URL alone says little: Oxigraph server answers at ``/query``, ``/update`` and
``/store``; Virtuoso at ``/sparql`` with authenticated twins; Fuseki under a dataset path.
``endpoint_for`` picks a preset from the URL (or ``TDKT_ENGINE``), and lets every part be set
in the environment or in a TOML file. Credentials come only from there, never from the
command line, so they stay out of shell history and process lists.

Environment (each overrides the file): ``TDKT_ENGINE`` (oxigraph | virtuoso | fuseki |
generic), ``TDKT_QUERY_URL``, ``TDKT_UPDATE_URL``, ``TDKT_GSP_URL``, ``TDKT_STORE_USER``,
``TDKT_STORE_PASSWORD``, ``TDKT_AUTH`` (basic | digest), ``TDKT_REMOTE_TIMEOUT`` (seconds).
File: ``TDKT_CONFIG`` or ``~/.config/tdkt/remote.toml``, one table per store URL, keys
``engine``, ``query``, ``update``, ``graph_store``, ``user``, ``password``, ``auth``,
``timeout``.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from tdkt.errors import InputError

ENGINES = ("oxigraph", "virtuoso", "fuseki", "generic")
DEFAULT_TIMEOUT = 300.0


@dataclass(frozen=True)
class Endpoint:
    """The addresses and credentials of one remote engine."""

    url: str  # as the user gave it (--store)
    engine: str
    query: str
    update: str | None  # None: the engine is read-only for tdkt
    graph_store: str | None  # SPARQL 1.1 Graph Store Protocol; None: loads go by SPARQL Update
    graph_param: str = "graph"  # the GSP parameter naming the graph
    query_params: Mapping[str, str] = field(default_factory=dict)  # sent with every query
    # Virtuoso's default graph is every graph it holds, its own system graphs included: queries
    # then name the graphs that are not tdkt's, to leave them out (its `define` pragmas).
    exclude_foreign_graphs: bool = False
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    auth: str = "basic"
    timeout: float = DEFAULT_TIMEOUT


def _guess_engine(url: str) -> str:
    path = urlsplit(url).path.rstrip("/")
    if not path:
        return "oxigraph"
    if path.endswith("/sparql"):
        return "virtuoso"
    return "fuseki"


def _preset(url: str, engine: str, authenticated: bool) -> Endpoint:
    base = url.rstrip("/")
    if engine == "oxigraph":
        # Oxigraph's default graph is its own; ask for the union of the named graphs.
        return Endpoint(
            url,
            engine,
            query=f"{base}/query",
            update=f"{base}/update",
            graph_store=f"{base}/store",
            query_params={"union-default-graph": ""},
        )
    if engine == "virtuoso":
        # Virtuoso's default graph is already the union; writes need its -auth endpoints.
        root = base.removesuffix("/sparql")
        suffix = "-auth" if authenticated else ""
        return Endpoint(
            url,
            engine,
            query=f"{root}/sparql",
            update=f"{root}/sparql{suffix}",
            graph_store=f"{root}/sparql-graph-crud{suffix}",
            graph_param="graph-uri",
            auth="digest",
            exclude_foreign_graphs=True,
        )
    if engine == "fuseki":
        # The dataset must be configured with tdb2:unionDefaultGraph true (docs/remote.md).
        return Endpoint(
            url, engine, query=f"{base}/query", update=f"{base}/update", graph_store=f"{base}/data"
        )
    return Endpoint(url, engine, query=url, update=None, graph_store=None)


def _config_file(environ: Mapping[str, str]) -> Path:
    if environ.get("TDKT_CONFIG"):
        return Path(environ["TDKT_CONFIG"])
    return Path.home() / ".config" / "tdkt" / "remote.toml"


def _file_settings(url: str, environ: Mapping[str, str]) -> dict[str, object]:
    path = _config_file(environ)
    if not path.is_file():
        return {}
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise InputError(path, f"not a valid TOML file: {e}") from None
    settings = document.get(url) or document.get(url.rstrip("/")) or {}
    if not isinstance(settings, dict):
        raise InputError(path, "expected a table of settings", field=url)
    return settings


def endpoint_for(url: str, environ: Mapping[str, str] | None = None) -> Endpoint:
    """The endpoint layout and credentials for the store URL ``url``."""
    env = os.environ if environ is None else environ
    settings = _file_settings(url, env)
    for key, variable in (
        ("engine", "TDKT_ENGINE"),
        ("query", "TDKT_QUERY_URL"),
        ("update", "TDKT_UPDATE_URL"),
        ("graph_store", "TDKT_GSP_URL"),
        ("user", "TDKT_STORE_USER"),
        ("password", "TDKT_STORE_PASSWORD"),
        ("auth", "TDKT_AUTH"),
        ("timeout", "TDKT_REMOTE_TIMEOUT"),
    ):
        if env.get(variable):
            settings[key] = env[variable]
    engine = str(settings.get("engine") or _guess_engine(url))
    if engine not in ENGINES:
        raise InputError("TDKT_ENGINE", f"unknown engine {engine!r}; use one of {ENGINES}")
    user = settings.get("user")
    endpoint = _preset(url, engine, authenticated=bool(user))
    auth = str(settings.get("auth") or endpoint.auth)
    if auth not in ("basic", "digest"):
        raise InputError("TDKT_AUTH", f"unknown authentication {auth!r}; use basic or digest")
    try:
        timeout = float(settings.get("timeout") or endpoint.timeout)
    except ValueError:
        raise InputError("TDKT_REMOTE_TIMEOUT", "not a number of seconds") from None
    return replace(
        endpoint,
        query=str(settings.get("query") or endpoint.query),
        update=settings.get("update") or endpoint.update,
        graph_store=settings.get("graph_store") or endpoint.graph_store,
        user=None if user is None else str(user),
        password=None if settings.get("password") is None else str(settings["password"]),
        auth=auth,
        timeout=timeout,
    )
