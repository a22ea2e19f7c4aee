"""The ``serve`` step: requests per second of ``tdkt serve`` against Oxigraph server.

Both servers run as their own processes on loopback, on the same store (Oxigraph server
reads the live generation read-only), and answer the same named query (chair-rotation for
one cluster, its parameter bound as a VALUES block) for a fixed time while N clients with
keep-alive connections send requests back to back. Then every cluster and province page is
fetched once (cold: the server renders it and keeps it, the store being read-only while it
serves), and the same clients fetch them again in a cycle for the fixed time (warm).

Figures: ``requests_per_s`` (tdkt /sparql), ``oxigraph_requests_per_s``,
``ratio_vs_oxigraph_server`` (goal ≥ 0.9), ``pages_per_s`` (warm; goal ≥ 500 at M) and
``page_cold_ms`` (mean time of a first render; ``_p50_ms``, ``_max_ms`` and the largest
page's ``page_bytes_max`` beside it).
"""

from __future__ import annotations

import http.client
import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, urlsplit

from tdkt import catalogue, iris
from tdkt.serve import lookups
from tdkt.serve.background import free_port
from tdkt.store import layout
from tdkt.store.embedded import EmbeddedStore
from tdkt.store.prebind import prebind

CLUSTER = "tay-nguyen-duyen-hai-mien-trung"
RESULTS_JSON = "application/sparql-results+json"
PAGE_KINDS = ("EmulationCluster", "Province")
WORKERS = os.cpu_count() or 1  # Oxigraph server uses every core too


@contextmanager
def _process(command: list[str], ready_url: str, startup: float = 60.0) -> Iterator[None]:
    """Run ``command`` until the block ends; ready when ``ready_url`` answers."""
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + startup
        while not _answers(ready_url):
            if child.poll() is not None or time.monotonic() > deadline:
                error = child.stderr.read().decode(errors="replace") if child.stderr else ""
                raise RuntimeError(f"{command[0]} did not start: {error.strip()[-500:]}")
            time.sleep(0.2)
        yield
    finally:
        child.terminate()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()


def _answers(url: str) -> bool:
    parts = urlsplit(url)
    try:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=2)
        connection.request("GET", parts.path or "/")
        return connection.getresponse().status < 500
    except OSError:
        return False


def _hammer(base: str, paths: list[str], accept: str, seconds: float, clients: int) -> float:
    """Requests per second that ``clients`` keep-alive connections complete in ``seconds``."""
    parts = urlsplit(base)
    counts = [0] * clients
    failures: list[str] = []
    stop = time.monotonic() + seconds

    def client(number: int) -> None:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        i = number
        while time.monotonic() < stop:
            connection.request("GET", paths[i % len(paths)], headers={"Accept": accept})
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                failures.append(f"{paths[i % len(paths)]}: {response.status}")
                return
            counts[number] += 1
            i += clients

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise RuntimeError(f"a request failed: {failures[0]}")
    return sum(counts) / (time.monotonic() - started)


def _hammer_once(base: str, paths: list[str]) -> list[tuple[float, int]]:
    """Fetch every page once, one after another (the server caches rendered pages): the
    seconds and HTML bytes of each."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=900)
    found = []
    for path in paths:
        started = time.monotonic()
        connection.request("GET", path, headers={"Accept": "text/html"})
        response = connection.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"{path}: {response.status}")
        found.append((time.monotonic() - started, len(body)))
    return found


def _query_text() -> str:
    named = catalogue.named("chair-rotation")
    return prebind(named.text, catalogue.bind(named, {"cluster": CLUSTER}))


def _page_paths(store_path: Path) -> list[str]:
    store = EmbeddedStore(store_path)
    try:
        found = [iri for kind in PAGE_KINDS for iri in lookups.instances(store, iris.TDKT[kind])]
    finally:
        store.close()
    return ["/" + str(iri).removeprefix(iris.BASE) for iri in found]


def run(store_path: Path, seconds: float, clients: int) -> dict:
    """Measure both servers on the store at ``store_path`` (built by ``tdkt build``)."""
    generation = layout.current(store_path)
    if generation is None:
        raise RuntimeError(f"no store at {store_path}")
    query = "?query=" + quote(_query_text())
    ours, theirs = free_port(), free_port()
    tdkt_command = [
        sys.executable,
        "-c",
        "from tdkt.cli import app; app()",
        "--store",
        str(store_path),
        "serve",
        "--port",
        str(ours),
        "--limit",
        "1000000",
        "--timeout",
        "60",
    ]
    oxigraph_command = [
        str(Path(sys.executable).with_name("oxigraph")),
        "serve-read-only",
        "--location",
        str(generation),
        "--bind",
        f"127.0.0.1:{theirs}",
        "--union-default-graph",
    ]
    tdkt_url, oxigraph_url = f"http://127.0.0.1:{ours}/", f"http://127.0.0.1:{theirs}/"
    with _process(oxigraph_command, oxigraph_url + "query?query=ASK%7B%7D"):
        oxigraph_rate = _hammer(oxigraph_url, ["/query" + query], RESULTS_JSON, seconds, clients)
    paths = _page_paths(store_path)
    with _process(tdkt_command, tdkt_url + "sparql?query=ASK%7B%7D"):
        tdkt_rate = _hammer(tdkt_url, ["/sparql" + query], RESULTS_JSON, seconds, clients)
        cold = _hammer_once(tdkt_url, paths)  # first renders: queries, charts, templates
        pages_rate = _hammer(tdkt_url, paths, "text/html", seconds, clients)
    return {
        "requests_per_s": round(tdkt_rate, 1),
        "oxigraph_requests_per_s": round(oxigraph_rate, 1),
        "ratio_vs_oxigraph_server": round(tdkt_rate / oxigraph_rate, 3),
        "pages_per_s": round(pages_rate, 1),
        "pages": len(paths),
        "page_cold_ms": round(statistics.mean(s for s, _ in cold) * 1000, 1),
        "page_cold_p50_ms": round(statistics.median(s for s, _ in cold) * 1000, 1),
        "page_cold_max_ms": round(max(s for s, _ in cold) * 1000, 1),
        "page_bytes_max": max(n for _, n in cold),
        "clients": clients,
        "workers": WORKERS,
        "seconds_per_run": seconds,
    }
