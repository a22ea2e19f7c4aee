"""The build manifest: what each source was when it was last loaded, and from it what a
rebuild must redo (``changed``, ``renames_of``).

It lives in the store directory (``tdkt-build.json``) and is written after the store, by an
atomic rename: a crash in between leaves an older manifest, which only makes the next build
redo more work, never less. ``fingerprint`` covers everything besides an article's own bytes
that shapes its graph (the code, the reference tables, the ontology, the IRI base); when it
changes, every source is rebuilt.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from importlib.resources import files
from pathlib import Path

import tdkt
import tdkt.loaders
from tdkt import iris
from tdkt.extraction import file_hash
from tdkt.loaders.articles.rules.officials import Seen, corpus_keys
from tdkt.loaders.table_context import packaged_data_dir

# 2: ``seen`` holds each official's spelling, province and posts (was key and province); an
# older manifest reads as none, so the next build is a full one.
VERSION = 2
FILE_NAME = "tdkt-build.json"


@dataclass(frozen=True)
class GraphRecord:
    """A graph the build wrote that is not an article's: the ontology or a table."""

    graph: str
    origin: str
    triples: int


@dataclass(frozen=True)
class SourceRecord:
    """One article as last loaded: its hash, graph, the people it names and their renames."""

    sha256: str
    graph: str | None = None
    triples: int = 0
    seen: tuple[Seen, ...] = ()
    renames: dict[str, str] = field(default_factory=dict)
    skipped: str | None = None
    unread: int = 0  # sentences that mention a fact family and yielded no fact


@dataclass(frozen=True)
class Manifest:
    fingerprint: str
    fixed: tuple[GraphRecord, ...] = ()
    sources: dict[str, SourceRecord] = field(default_factory=dict)
    # SHACL findings of the store this manifest describes, per targeted shape (each finding a
    # dict of tdkt.validate.Finding's fields): what an incremental build need not recompute.
    # None: unknown (the next build validates everything).
    findings: dict[str, tuple[dict, ...]] | None = None


def path_in(store_path: Path) -> Path:
    return Path(store_path) / FILE_NAME


def read(store_path: Path) -> Manifest | None:
    """The manifest of the store at ``store_path``; None when absent or from another version
    (both mean: build everything)."""
    try:
        raw = json.loads(path_in(store_path).read_text("utf-8"))
        if raw.get("version") != VERSION:
            return None
        return Manifest(
            fingerprint=raw["fingerprint"],
            fixed=tuple(GraphRecord(**g) for g in raw["fixed"]),
            sources={
                key: SourceRecord(
                    sha256=s["sha256"],
                    graph=s["graph"],
                    triples=s["triples"],
                    seen=tuple(_seen(person) for person in s["seen"]),
                    renames=dict(s["renames"]),
                    skipped=s["skipped"],
                    unread=s.get("unread", 0),
                )
                for key, s in raw["sources"].items()
            },
            findings=_findings(raw.get("findings")),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _seen(raw: dict) -> Seen:
    return Seen(
        key=raw["key"],
        name=raw["name"],
        spellings=tuple(raw["spellings"]),
        province=raw["province"],
        posts=tuple(raw["posts"]),
    )


def _findings(raw: dict | None) -> dict[str, tuple[dict, ...]] | None:
    if raw is None:
        return None
    return {shape: tuple(dict(f) for f in found) for shape, found in raw.items()}


def write(store_path: Path, manifest: Manifest) -> None:
    """Write the manifest by an atomic rename, so it is whole or absent, never half."""
    target = path_in(store_path)
    temporary = target.with_name(f".{FILE_NAME}.tmp")
    document = {"version": VERSION, **asdict(manifest)}
    temporary.write_text(json.dumps(document, ensure_ascii=False, sort_keys=True), "utf-8")
    os.replace(temporary, target)


# The tdkt modules, besides the loaders package, whose code decides what a graph holds.
_SHAPING = ("iris.py", "text.py", "errors.py", "extraction.py", "validate.py")


def fingerprint(data_dir: Path | None) -> str:
    """A hash of everything but the articles that shapes the graphs: the loaders' code and what
    they import from tdkt, the tables, the ontology and the IRI base."""
    digest = hashlib.sha256(iris.BASE.encode())
    digest.update(_code_hash().encode())
    for path in sorted(Path(data_dir or packaged_data_dir()).glob("*.csv")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    for resource in sorted(files("tdkt.ontology").iterdir(), key=lambda r: r.name):
        if resource.name.endswith(".ttl"):
            digest.update(resource.read_bytes())
    return digest.hexdigest()


@functools.cache
def _code_hash() -> str:
    """The code this process runs, hashed once: an edit on disk after start does not count."""
    digest = hashlib.sha256()
    package = Path(tdkt.__file__).parent
    paths = sorted(Path(tdkt.loaders.__file__).parent.rglob("*.py"))
    for path in paths + [package / name for name in _SHAPING]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


# --- what a rebuild must redo -----------------------------------------------------------------


def changed(previous: Manifest | None, paths: list[Path]) -> tuple[list[Path], list[str]]:
    """Articles to extract (new or changed since ``previous``) and removed ones' keys."""
    if previous is None:
        return paths, []
    todo = [
        p
        for p in paths
        if (record := previous.sources.get(str(p))) is None or record.sha256 != _hash_of(p)
    ]
    current = {str(p) for p in paths}
    return todo, [key for key in previous.sources if key not in current]


def _hash_of(path: Path) -> str | None:
    """The file's SHA-256; None if it cannot be read (it is then redone, and skipped)."""
    try:
        return file_hash(path.read_bytes())
    except OSError:
        return None


def renames_of(records: dict[str, SourceRecord]) -> dict[str, dict[str, str]]:
    """Each article's person-key renames under the corpus-wide rule (spellings one diacritic
    apart and namesakes in different provinces: ``rules.officials.corpus_keys``)."""
    return corpus_keys({source: record.seen for source, record in records.items()})
