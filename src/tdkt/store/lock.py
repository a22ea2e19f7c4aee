"""File locks that the operating system releases when a process dies.

``writer`` is the one-writer-at-a-time lock of a store: an exclusive ``flock`` on
``{store}/tdkt.lock``. A killed build never blocks the next one, because the kernel drops a
dead process's locks. Within one process the lock is re-entrant (the CLI takes it before a
long load, and the store's write methods take it again), since two ``flock`` calls on two
descriptors of one file would block each other even in the same process.

``hold_shared`` is a reader's hold on one generation of the store: the writer deletes an
old generation only when it can take that generation's lock exclusively, i.e. when no
reader still has it open.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tdkt.errors import StoreError

LOCK_NAME = "tdkt.lock"
POLL_SECONDS = 0.2

_held: dict[Path, int] = {}  # store directory → nesting depth of writer() in this process


def _try_lock(fd: int, mode: int) -> bool:
    try:
        fcntl.flock(fd, mode | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


@contextmanager
def writer(
    store: Path, wait: bool = False, on_wait: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the store's writer lock; another writer makes this wait (``wait``) or fail fast.

    The lock file lives in ``store``, which is created if missing. ``on_wait`` is told once,
    in one line, that we are waiting and for what.
    """
    key = store.resolve()
    if key in _held:
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    told = False
    while True:
        key.mkdir(parents=True, exist_ok=True)
        fd = os.open(key / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
        if not _try_lock(fd, fcntl.LOCK_EX):
            if not wait:
                os.close(fd)
                raise StoreError(
                    f"another tdkt build is writing the store at {store}/; "
                    "try again when it is done, or pass --wait to wait for it"
                )
            if on_wait and not told:
                on_wait(f"waiting for another tdkt build to finish writing {store}/ …")
                told = True
            while not _try_lock(fd, fcntl.LOCK_EX):
                time.sleep(POLL_SECONDS)
        if _is_the_lock_file(fd, key / LOCK_NAME):
            break
        os.close(fd)  # a failed first build removed its directory meanwhile: start again
    try:
        _held[key] = 1
        try:
            yield
        finally:
            del _held[key]
    finally:
        os.close(fd)  # closing the descriptor releases the flock


def _is_the_lock_file(fd: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except FileNotFoundError:
        return False


def holds_writer(store: Path) -> bool:
    """Whether this process holds the writer lock of ``store``."""
    return store.resolve() in _held


def hold_shared(lock_file: Path) -> int | None:
    """A shared lock on ``lock_file`` (its descriptor), or None if the file is gone.

    Opened read-only, so it works on a read-only directory or medium.
    """
    try:
        fd = os.open(lock_file, os.O_RDONLY)
    except FileNotFoundError:
        return None
    fcntl.flock(fd, fcntl.LOCK_SH)
    return fd


def try_exclusive(lock_file: Path) -> int | None:
    """An exclusive lock on ``lock_file`` if nobody holds it (its descriptor), else None."""
    try:
        fd = os.open(lock_file, os.O_RDONLY)
    except FileNotFoundError:
        return None
    if _try_lock(fd, fcntl.LOCK_EX):
        return fd
    os.close(fd)
    return None


def release(fd: int | None) -> None:
    """Drop a lock taken by ``hold_shared`` or ``try_exclusive``."""
    if fd is not None:
        os.close(fd)
