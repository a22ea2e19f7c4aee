"""Timing and memory: each step runs in a fresh process, so its peak RSS is its own."""

from __future__ import annotations

import contextlib
import multiprocessing
import resource
import statistics
import time
import traceback
from collections.abc import Callable
from typing import Any


def _child(pipe, step: Callable[..., dict], args: tuple) -> None:
    try:
        result = step(*args)
    except BaseException as error:  # reported to the parent, which prints the table anyway
        result = {"error": f"{type(error).__name__}: {error}", "trace": traceback.format_exc()}
    peaks = (
        resource.getrusage(who).ru_maxrss
        for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    result["peak_rss_mb"] = round(max(peaks) / 1024, 1)  # Linux reports KiB
    with contextlib.suppress(BrokenPipeError):  # the parent was stopped at its time budget
        pipe.send(result)
    pipe.close()


def in_child(step: Callable[..., dict], *args: Any, timeout: float | None = None) -> dict:
    """``step(*args)`` in a new process (spawned: nothing inherited); its dict, plus
    ``peak_rss_mb`` (of the step and its worker processes) and ``error`` if it failed."""
    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(send, step, args))
    process.start()
    send.close()
    try:
        if receive.poll(timeout):
            result = receive.recv()
        else:
            process.kill()
            result = {"error": f"timed out after {timeout} s"}
    except EOFError:  # killed (by the OOM killer, by hand) before it could answer
        result = {}
    process.join()
    if process.exitcode and not result:
        result = {"error": f"the step's process died (exit code {process.exitcode})"}
    return result


def timed(run: Callable[[], Any]) -> tuple[float, Any]:
    """Wall seconds of one call, and its result."""
    start = time.perf_counter()
    result = run()
    return time.perf_counter() - start, result


def paired_p50_ms(
    ours: Callable[[], Any], theirs: Callable[[], Any], repeat: int, budget: float
) -> tuple[float, float]:
    """Median wall milliseconds of ``ours`` and of ``theirs``, each warmed up once, then called
    in turn (ours, theirs, ours, …) so that a busy machine slows both alike; at most
    ``repeat`` pairs, and no new pair once ``budget`` seconds have gone on timed pairs."""
    ours(), theirs()
    mine: list[float] = []
    peer: list[float] = []
    spent = 0.0
    while len(mine) < repeat and (not mine or spent < budget):
        mine.append(timed(ours)[0])
        peer.append(timed(theirs)[0])
        spent += mine[-1] + peer[-1]
    return statistics.median(mine) * 1000, statistics.median(peer) * 1000
