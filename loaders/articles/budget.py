"""A time budget per article, so one hostile file cannot stall a build.

The rules are written to run in time linear in their input, but a budget is the backstop
for what a review misses: reading and extracting one article that takes longer than the
limit is stopped (a timer signal: Python's regular-expression engine and HTML parser check
for signals while they run) and becomes an ``InputError`` naming the file and the limit, so
the article is skipped like any bad one and the rest load. The size budget is the reader's
(``reader.MAX_BYTES``): a larger file is refused before it is read.

The limit is ``TDKT_ARTICLE_SECONDS`` (default 20; 0 = none). The timer works only in a
process's main thread; elsewhere no time limit applies.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tdkt.errors import InputError

DEFAULT_SECONDS = 20.0


class _OverTime(Exception):
    """Raised by the timer signal inside the budgeted work."""


def seconds_from_env() -> float | None:
    """``TDKT_ARTICLE_SECONDS`` (None = no limit)."""
    text = os.environ.get("TDKT_ARTICLE_SECONDS", "").strip()
    if not text:
        return DEFAULT_SECONDS
    try:
        value = float(text)
    except ValueError:
        raise InputError(
            "TDKT_ARTICLE_SECONDS", f"{text!r}: expected seconds (0 = no limit)"
        ) from None
    return value if value > 0 else None


@contextmanager
def within_budget(path: Path, seconds: float | None = None) -> Iterator[None]:
    """Stop the work inside after ``seconds`` (default: from the environment) with an
    InputError naming ``path``."""
    limit = seconds_from_env() if seconds is None else seconds
    if limit is None or threading.current_thread() is not threading.main_thread():
        yield
        return
    running = [True]

    def expire(signum, frame):
        if running[0]:
            raise _OverTime

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        yield
    except _OverTime:
        raise InputError(
            path,
            f"reading took longer than {limit:g} s, the limit per article "
            "(TDKT_ARTICLE_SECONDS); skipped",
        ) from None
    finally:
        running[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
