"""Queries that cannot reach out and cannot run away.

*Screening.* Oxigraph would follow ``SERVICE <http://…>`` and send a request for it. A query
is refused if the keyword SERVICE appears outside its strings, IRIs and comments, unless the
limits allow it (``TDKT_ALLOW_SERVICE=1`` or ``--allow-service``). The scan errs on the side
of refusing (``ex:a.SERVICE`` is refused too). Updates need no screen: the store only ever
runs ``query``, which Oxigraph refuses to use for an update. ``FROM`` only picks graphs of
the store; Oxigraph loads nothing for it.

*Bounds.* pyoxigraph offers no timeout, cancellation or memory cap for a query, and a
Python signal cannot interrupt it while it runs in Rust. So a query runs in a child process
(``os.fork``; the child opens the database read-only itself and never touches the parent's
handles) that the parent kills when the time limit passes. The child caps its data memory
(``RLIMIT_DATA``, counted from what it already uses) and stops reading results past the row
limit. Each limit is set by an
environment variable (0 = unlimited) or by the caller; with no time or memory limit (the
default, see ``Limits``) the query runs in this process.
"""

from __future__ import annotations

import faulthandler
import functools
import itertools
import os
import pickle
import re
import resource
import select
import signal
import time
from collections.abc import Mapping
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Identifier

from tdkt.errors import StoreError
from tdkt.store.base import SelectResult
from tdkt.store.prebind import HIDDEN, prebind
from tdkt.store.terms import to_rdflib_memo

SELECT, ASK, CONSTRUCT = "SELECT", "ASK", "CONSTRUCT"
_EXPECTED = {
    SELECT: (ox.QuerySolutions, "not a SELECT query"),
    ASK: (ox.QueryBoolean, "not an ASK query"),
    CONSTRUCT: (ox.QueryTriples, "not a CONSTRUCT or DESCRIBE query"),
}
_SERVICE = re.compile(r"(?<![\w?$:])SERVICE(?![\w:])", re.IGNORECASE)
_CODEPOINT_ESCAPE = re.compile(r"\\[uU]")
_MEBIBYTE = 1 << 20


class QueryRefused(StoreError):
    """A query refused before it runs (it would reach outside the store)."""


@dataclass(frozen=True)
class Limits:
    """How far a query may go. ``None`` means unlimited.

    The default bounds only the result size and runs in this process (the library's own
    queries: analyses, validation). ``BOUNDED`` adds a time and memory limit, and so a child
    process per query (a few milliseconds): for queries users write (``tdkt query``, the
    server's endpoint).
    """

    timeout: float | None = None
    max_rows: int | None = 1_000_000
    memory_mb: int | None = None
    allow_service: bool = False

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, base: Limits | None = None) -> Limits:
        """``base`` (default ``Limits()``) with what ``TDKT_QUERY_TIMEOUT`` (s),
        ``TDKT_QUERY_MAX_ROWS``, ``TDKT_QUERY_MEMORY_MB`` and ``TDKT_ALLOW_SERVICE`` set."""
        env = os.environ if env is None else env
        base = base or cls()
        return cls(
            timeout=_limit(env, "TDKT_QUERY_TIMEOUT", float, base.timeout),
            max_rows=_limit(env, "TDKT_QUERY_MAX_ROWS", int, base.max_rows),
            memory_mb=_limit(env, "TDKT_QUERY_MEMORY_MB", int, base.memory_mb),
            allow_service=env.get("TDKT_ALLOW_SERVICE", "") in ("1", "yes", "true")
            or base.allow_service,
        )


BOUNDED = Limits(timeout=60.0, max_rows=1_000_000, memory_mb=4096)


def _limit(env: Mapping[str, str], name: str, kind: type, default):
    text = env.get(name, "").strip()
    if not text:
        return default
    try:
        value = kind(text)
    except ValueError:
        raise StoreError(f"{name}={text!r}: expected a number (0 = no limit)") from None
    if value < 0:
        raise StoreError(f"{name}={text!r}: expected a number ≥ 0 (0 = no limit)")
    return value or None


def screen(query: str, limits: Limits) -> None:
    """Refuse a query that would reach outside the store (see the module docstring)."""
    escaped, service = _scan(query)
    if escaped:
        raise QueryRefused("\\u escapes are accepted only inside strings and IRIs")
    if not limits.allow_service and service:
        raise QueryRefused(
            "SERVICE (federated query) is refused: a query may read only this store "
            "(allow it with --allow-service or TDKT_ALLOW_SERVICE=1)"
        )


@functools.lru_cache(maxsize=256)
def _scan(query: str) -> tuple[bool, bool]:
    """Whether ``query`` has a ``\\u`` escape, and the keyword SERVICE, outside its strings,
    IRIs and comments. Memoised: the named queries are the same few texts run again."""
    visible = HIDDEN.sub(" ", query)
    return bool(_CODEPOINT_ESCAPE.search(visible)), bool(_SERVICE.search(visible))


def run(
    store_path: str,
    query: str,
    bindings: Mapping[str, Identifier] | None,
    form: str,
    limits: Limits,
    db: ox.Store | None = None,
):
    """Run ``query`` on the read-only database at ``store_path`` within ``limits``.

    Parameters are bound as a leading VALUES block (``tdkt.store.prebind``: escaped terms,
    the same mechanism as the remote store, seen by every FILTER and by GROUP BY). ``db``,
    the caller's open handle of that database, is used when the query runs in-process.
    Returns a SelectResult, a bool or a Graph for SELECT, ASK or CONSTRUCT/DESCRIBE.
    """
    text = prebind(query, bindings)
    if limits.timeout is None and limits.memory_mb is None:
        outcome = _evaluate(store_path if db is None else db, text, form, limits)
    else:
        outcome = _in_child(store_path, text, form, limits)
    kind, value = outcome
    if kind == "error":
        raise StoreError(value)
    if form == CONSTRUCT:
        graph = Graph()
        for triple in value:
            graph.add(triple)
        return graph
    return value


def _evaluate(store: str | ox.Store, query: str, form: str, limits: Limits):
    """("ok", result) or ("error", one-line message); rdflib terms only, so it pickles."""
    try:
        db = ox.Store.read_only(store) if isinstance(store, str) else store
        result = db.query(query, use_default_graph_as_union=True)
        expected, wrong = _EXPECTED[form]
        if not isinstance(result, expected):
            return "error", wrong
        if form == ASK:
            return "ok", bool(result)
        if form == SELECT:
            rows = _bounded(map(_row, result), limits.max_rows)
            return "ok", SelectResult(variables=_variables(query, result), rows=rows)
        triples = _bounded(
            (tuple(map(to_rdflib_memo, (t.subject, t.predicate, t.object))) for t in result),
            limits.max_rows,
        )
        return "ok", triples
    except _TooManyRows as e:
        return "error", str(e)
    except SyntaxError as e:
        return "error", f"SPARQL syntax error: {_one_line(e)}"
    except (OSError, RuntimeError, ValueError) as e:
        return "error", f"query failed: {_one_line(e)}"
    except MemoryError:
        return "error", _memory_message(limits)


def _row(solution: ox.QuerySolution) -> tuple:
    """A solution as rdflib terms: it iterates its values in the order of the variables."""
    return tuple(map(to_rdflib_memo, solution))


_NAMES: dict[str, tuple[str, ...]] = {}
_NAMES_MAX = 256  # query texts kept; the memo starts afresh when full


def _variables(query: str, result: ox.QuerySolutions) -> list[str]:
    """The result's variable names, memoised per query text: reading them from the engine
    costs about as much as binding the parameters of a small query."""
    names = _NAMES.get(query)
    if names is None:
        if len(_NAMES) >= _NAMES_MAX:
            _NAMES.clear()
        names = _NAMES[query] = tuple(v.value for v in result.variables)
    return list(names)


class _TooManyRows(Exception):
    pass


def too_many_rows(max_rows: int) -> str:
    """What a user reads when a query passes the row limit (on either backend)."""
    return (
        f"the query returned more than {max_rows:,} rows, the limit; narrow it down "
        "or raise the limit (--max-rows, TDKT_QUERY_MAX_ROWS; 0 = no limit)"
    )


def _bounded(items, max_rows: int | None) -> list:
    """The items, reading one past ``max_rows`` at most: more is an error."""
    out = list(items if max_rows is None else itertools.islice(items, max_rows + 1))
    if max_rows is not None and len(out) > max_rows:
        raise _TooManyRows(too_many_rows(max_rows))
    return out


def _in_child(store_path: str, query: str, form: str, limits: Limits):
    """Evaluate in a forked child; kill it at the time limit. The outcome comes back pickled."""
    receive, send = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns, never runs the parent's cleanup
        try:
            os.close(receive)
            _quiet_stderr()  # the engine's own abort message; the parent reports in one line
            _cap_memory(limits.memory_mb)
            with os.fdopen(send, "wb") as out:
                out.write(pickle.dumps(_evaluate(store_path, query, form, limits)))
        finally:
            os._exit(0)
    os.close(send)
    answer = None  # also when interrupted (Ctrl-C): the child is killed, never left behind
    try:
        answer = _read_until(receive, limits.timeout)
    finally:
        os.close(receive)
        if answer is None:
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    if answer is None:
        return "error", (
            f"the query ran longer than {limits.timeout:g} s, the limit; narrow it down "
            "or raise the limit (--timeout, TDKT_QUERY_TIMEOUT; 0 = no limit)"
        )
    if not answer:
        return "error", _died(status, limits)
    return pickle.loads(answer)


def _read_until(fd: int, timeout: float | None) -> bytes | None:
    """Everything written to ``fd`` until it closes, or None if that takes over ``timeout``."""
    deadline = None if timeout is None else time.monotonic() + timeout
    chunks = []
    while True:
        remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
        ready, _, _ = select.select([fd], [], [], remaining)
        if not ready:
            return None
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _quiet_stderr() -> None:
    faulthandler.disable()  # an engine abort is reported by the parent, not dumped
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)


def _cap_memory(memory_mb: int | None) -> None:
    """Allow the child ``memory_mb`` more data memory (heap, anonymous maps) than it has."""
    if memory_mb is None:
        return
    used = _data_size()
    cap = used + memory_mb * _MEBIBYTE
    resource.setrlimit(resource.RLIMIT_DATA, (cap, cap))


def _data_size() -> int:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmData:"):
                return int(line.split()[1]) * 1024
    return 0


def _died(status: int, limits: Limits) -> str:
    signalled = os.WIFSIGNALED(status)
    how = f"signal {os.WTERMSIG(status)}" if signalled else f"exit {os.WEXITSTATUS(status)}"
    if limits.memory_mb is not None:
        return f"the query stopped ({how}): {_memory_message(limits)}"
    return f"the query's process stopped ({how})"


def _memory_message(limits: Limits) -> str:
    return (
        f"the query needed more than {limits.memory_mb:,} MiB of memory, the limit; narrow it "
        "down or raise the limit (TDKT_QUERY_MEMORY_MB; 0 = no limit)"
    )


def _one_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
