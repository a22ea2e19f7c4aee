"""The N-Quads scratch file a build streams into, beside the store it is for.

It remembers where each article's lines are, so that an article redone later in the same
build (its people renamed) can be left out when the file is copied for the store.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO


class Spool:
    """The N-Quads file a build writes; remembers where each article's lines are."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.ranges: dict[Path, tuple[int, int]] = {}

    def write(self, text: str, path: Path | None = None) -> None:
        start = self.stream.tell()
        self.stream.write(text.encode("utf-8"))
        if path is not None:
            self.ranges[path] = (start, self.stream.tell())

    def copy_without(self, cuts: Iterable[tuple[int, int]], target: IO[bytes]) -> None:
        """Copy the file to ``target`` leaving out these byte ranges (superseded articles)."""
        self.stream.flush()
        with open(self.stream.name, "rb") as source:
            position = 0
            for start, end in [*sorted(cuts), (None, None)]:
                _copy_range(source, target, position, start)
                position = end
        self.stream.seek(0, 2)


def _copy_range(source: IO[bytes], target: IO[bytes], start: int, end: int | None) -> None:
    source.seek(start)
    left = None if end is None else end - start
    while left is None or left > 0:
        chunk = source.read(1 << 20 if left is None else min(1 << 20, left))
        if not chunk:
            return
        target.write(chunk)
        if left is not None:
            left -= len(chunk)


@contextmanager
def spool_file(local: Path | None) -> Iterator[IO[bytes]]:
    """A scratch file beside the store (same disk; for a remote store, the temp directory),
    removed however the build ends; one a killed build left is removed by the next build
    (``remove_stale``)."""
    prefix = f".{local.name}.build-" if local is not None else "tdkt-build-"
    directory = local.parent if local is not None else None
    with tempfile.NamedTemporaryFile(prefix=prefix, suffix=".nq", dir=directory) as f:
        yield f


def remove_stale(store_path: Path) -> None:
    """Scratch files of killed builds (call holding the writer lock: no live build has any)."""
    for stale in store_path.parent.glob(f".{store_path.name}.build-*.nq"):
        stale.unlink(missing_ok=True)
