"""The on-disk layout of a tdkt store, and the rules that keep it safe to replace.

A store is a directory that tdkt created and marked::

    {store}/tdkt-store.json    marker: only a directory holding it is ever replaced
    {store}/tdkt.lock          the writer lock (tdkt.store.lock)
    {store}/current            the name of the live generation, replaced atomically
    {store}/gen-000007/        an Oxigraph (RocksDB) database, never written after publishing
    {store}/gen-000007.readers readers hold this shared while they have gen-000007 open
    {store}/building-*/        a generation being written (or left by a killed build)

A writer builds a new generation in ``building-*``, renames it to ``gen-N`` and then points
``current`` at it with one atomic ``rename``: a reader sees the old generation or the new
one, never a mix, and one that opened the old one keeps it until it closes. Everything
happens inside the store directory, so no path outside it is touched and any directory
(even a mount point) can be swapped.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from tdkt.errors import StoreError
from tdkt.store import lock

MARKER = "tdkt-store.json"
CURRENT = "current"
BUILDING = "building-"
_GENERATION = re.compile(r"gen-(\d{6,})")
_READERS = ".readers"
_MARKER_BODY = {"format": "tdkt-store", "layout": 1}
_LEGACY_FILES = ("CURRENT", "IDENTITY")  # an Oxigraph directory from a tdkt before markers


def is_store(path: Path) -> bool:
    """Whether ``path`` is a directory tdkt created (it holds the marker)."""
    return (path / MARKER).is_file()


def current(path: Path) -> Path | None:
    """The live generation's directory, or None if the store has none yet."""
    try:
        name = (path / CURRENT).read_text("ascii").strip()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except (OSError, UnicodeDecodeError) as e:
        raise damaged(path, f"cannot read {CURRENT}: {e}") from e
    if not _GENERATION.fullmatch(name) or not (path / name).is_dir():
        raise damaged(path, f"{CURRENT} names no generation ({name[:40]!r})")
    return path / name


def readers_lock(generation: Path) -> Path:
    return generation.with_name(generation.name + _READERS)


def damaged(path: Path, detail: str) -> StoreError:
    """The one-line error for a store the engine cannot read."""
    return StoreError(f"the store at {path}/ is damaged ({detail}); run `tdkt build` to rebuild it")


def not_a_store(path: Path) -> StoreError:
    """The one-line error for a directory that exists but is not a tdkt store."""
    if all((path / name).is_file() for name in _LEGACY_FILES):
        return StoreError(
            f"{path}/ is an Oxigraph directory from an older tdkt (no {MARKER}); "
            f"remove it and run `tdkt build` to rebuild it"
        )
    return StoreError(
        f"{path}/ is not a tdkt store (no {MARKER}); "
        "give --store a new or empty directory, or one that `tdkt build` created"
    )


def check_replaceable(path: Path) -> None:
    """Refuse, before any work, a ``--store`` that a build must not write into."""
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path} is a file, not a store directory")
    resolved = path.resolve()
    cwd = Path.cwd().resolve()
    if resolved == cwd or resolved in cwd.parents:
        raise StoreError(
            f"--store {path} is the current directory or one of its parents; "
            "give a directory of its own, such as .tdkt"
        )
    foreign = path.is_dir() and not is_store(path)
    if foreign and not all(_ours(entry) for entry in path.iterdir()):
        raise not_a_store(path)


@contextmanager
def writing(
    path: Path, wait: bool = False, on_wait: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the writer lock of the store at ``path``, after refusing a path we must not touch.

    A directory this creates is removed again if nothing was published into it, so a build
    that fails leaves nothing behind.
    """
    check_replaceable(path)
    created = not path.exists()
    with lock.writer(path, wait=wait, on_wait=on_wait):
        check_replaceable(path)  # again, now that no other writer can act
        prepare(path)
        try:
            yield
        finally:
            if created and current(path) is None:
                _forget(path)


def _forget(path: Path) -> None:
    """Remove a store directory this build created when nothing was published into it."""
    (path / MARKER).unlink(missing_ok=True)
    (path / lock.LOCK_NAME).unlink(missing_ok=True)
    with suppress(OSError):
        path.rmdir()  # only if empty: nothing but tdkt's own files was ever in it


def _ours(entry: Path) -> bool:
    """A name tdkt writes into a store directory before its marker exists."""
    return entry.name == lock.LOCK_NAME or entry.name.startswith(BUILDING) or _is_temporary(entry)


def prepare(path: Path) -> None:
    """Create the store directory and its marker (the caller checked ``check_replaceable``)."""
    path.mkdir(parents=True, exist_ok=True)
    if not is_store(path):
        _write_atomically(path / MARKER, json.dumps(_MARKER_BODY) + "\n")


def new_building(path: Path) -> Path:
    """A fresh, not yet existing directory name for a generation being written."""
    return path / f"{BUILDING}{os.getpid()}-{os.urandom(4).hex()}"


def publish(path: Path, built: Path) -> Path:
    """Make ``built`` the live generation with one atomic rename of ``current``."""
    numbers = [int(m.group(1)) for m in map(_generation_match, path.iterdir()) if m]
    generation = path / f"gen-{max(numbers, default=0) + 1:06d}"
    readers_lock(generation).touch()
    built.rename(generation)
    _write_atomically(path / CURRENT, generation.name + "\n")
    return generation


def clean(path: Path) -> list[Path]:
    """Remove leftovers: unfinished generations, and old ones no reader has open.

    Call it holding the writer lock, so every ``building-*`` is a dead build's. Also removes
    ``.{name}.building-*`` beside the store, left by tdkt versions before this layout.
    """
    removed: list[Path] = []
    live = current(path) if is_store(path) else None
    for entry in path.iterdir():
        if entry.name.startswith(BUILDING) or _is_temporary(entry):
            _remove(entry)
            removed.append(entry)
        elif _generation_match(entry) and entry != live:
            held = lock.try_exclusive(readers_lock(entry))
            if held is None and readers_lock(entry).exists():
                continue  # a reader still has it open; a later build removes it
            try:
                _remove(entry)
                readers_lock(entry).unlink(missing_ok=True)
            finally:
                lock.release(held)
            removed.append(entry)
    for entry in path.parent.glob(f".{path.name}.building-*"):
        _remove(entry)
        removed.append(entry)
    return removed


def _generation_match(entry: Path) -> re.Match | None:
    return _GENERATION.fullmatch(entry.name) if entry.is_dir() else None


def _is_temporary(entry: Path) -> bool:
    return entry.name.startswith(".") and entry.name.endswith(".tmp")


def _remove(entry: Path) -> None:
    if entry.is_dir() and not entry.is_symlink():
        shutil.rmtree(entry, ignore_errors=True)
    else:
        entry.unlink(missing_ok=True)


def _write_atomically(target: Path, text: str) -> None:
    """Write ``text`` to ``target`` through a temporary file, fsync and ``os.replace``."""
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with open(temporary, "w", encoding="ascii") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(temporary, target)
    directory = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
