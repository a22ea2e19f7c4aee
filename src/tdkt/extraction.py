"""Articles to N-Quads text, one article at a time, in worker processes where there are cores.

A worker returns plain data (the article's N-Quads, its triple count, the people it names
(``rules.officials.Seen``: key, spelling as written, province, posts)):
no rdflib graph crosses a process boundary or outlives its article, so the build's memory is
bounded by one article per worker, not by the corpus.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from tdkt.errors import InputError
from tdkt.loaders import NamedGraph
from tdkt.loaders.articles.budget import within_budget
from tdkt.loaders.articles.corpus import extract_article
from tdkt.loaders.articles.explain import unread
from tdkt.loaders.articles.reader import parse_article
from tdkt.loaders.articles.rules.officials import Seen, seen
from tdkt.loaders.articles.to_rdf import facts_to_nquads
from tdkt.loaders.gazetteer import Gazetteer
from tdkt.store.terms import to_ox


@dataclass(frozen=True)
class Job:
    """One article to extract; ``renames`` are its corpus-wide person-key renames."""

    path: Path
    renames: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Extracted:
    """One article's result: its graph as N-Quads, or the reason it was skipped."""

    path: Path
    sha256: str
    graph: str | None = None
    nquads: str = ""
    triples: int = 0
    seen: tuple[Seen, ...] = ()
    skipped: str | None = None
    unread: int = 0  # sentences with a fact family's cue that yielded no fact (--explain)


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def to_nquads(named: NamedGraph) -> str:
    """One named graph as N-Quads, written by Oxigraph's serialiser (escaping is its job)."""
    name = ox.NamedNode(str(named.iri))
    quads = (ox.Quad(to_ox(s), to_ox(p), to_ox(o), name) for s, p, o in named.graph)
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode("utf-8")


MIN_POOLED = 8  # below this many articles, starting worker processes costs more than it saves
_GAZETTEER = None  # one per process, loaded on the first article


def extract_one(job: Job) -> Extracted:
    """Read, extract and serialise one article; a bad file becomes a skip, not an error."""
    global _GAZETTEER
    try:
        raw = job.path.read_bytes()
    except OSError as error:
        return Extracted(job.path, "", skipped=f"cannot read file: {error.strerror or error}")
    digest = file_hash(raw)
    if _GAZETTEER is None:
        _GAZETTEER = Gazetteer.load()
    try:
        with within_budget(job.path):  # a pathological article is skipped, not a stuck build
            facts = extract_article(parse_article(raw, job.path), _GAZETTEER)
    except InputError as error:
        return Extracted(job.path, digest, skipped=error.reason)
    except UnicodeError as error:
        return Extracted(job.path, digest, skipped=f"cannot read: {error}")
    graph, nquads, triples = facts_to_nquads(facts.with_person_keys(dict(job.renames)))
    people = seen(facts.officials)
    return Extracted(
        job.path, digest, str(graph), nquads, triples, people, unread=len(unread(facts))
    )


def default_workers() -> int:
    """One worker per core the process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def extract_all(jobs: Iterable[Job], workers: int | None = None) -> Iterator[Extracted]:
    """Every job's result, in the order they finish (so none waits in memory for a slow one);
    ``workers=1`` or a handful of jobs run in this process."""
    jobs = list(jobs)
    workers = workers or default_workers()
    if workers <= 1 or len(jobs) < MIN_POOLED:
        yield from map(extract_one, jobs)
        return
    # forkserver: the workers do not inherit the caller's threads (an open store's RocksDB).
    context = multiprocessing.get_context("forkserver")
    chunk = max(1, min(16, len(jobs) // (4 * workers)))
    with context.Pool(workers) as pool:
        yield from pool.imap_unordered(extract_one, jobs, chunksize=chunk)
