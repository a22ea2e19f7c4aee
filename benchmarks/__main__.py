"""``python -m benchmarks run --size S|M|L [--json out.json]``: every step, a table, and JSON.

Run from the repository root. Each step runs in its own process; see ``steps`` for what each
measures and which peer it is compared with.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks import steps
from benchmarks.measure import in_child

STEPS = ["generate", "load", "build", "extract", "validate", "query", "export"]
if importlib.util.find_spec("benchmarks.serve_step") is not None:
    STEPS.append("serve")

# step → (throughput key, its unit, peer ratio key)
_COLUMNS = {
    "generate": ("triples", "triples", None),
    "load": ("triples_per_s", "triples/s", "ratio_vs_raw"),
    "build": ("articles_per_s", "articles/s", None),
    "extract": ("articles_per_s", "articles/s/core", None),
    "validate": ("peer_triples", "peer triples", "ratio_vs_pyshacl"),
    "query": ("rdflib_queries", "queries in rdflib", "ratio_vs_raw"),
    "export": ("nq_mb", "MB of N-Quads", None),
    "serve": ("requests_per_s", "requests/s", None),
}


def machine() -> dict:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": len(os.sched_getaffinity(0)),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }


def table(results: dict, shown: list[str]) -> str:
    head = f"{'step':<10}{'seconds':>10}{'throughput':>16}  {'unit':<18}"
    lines = [head + f"{'peak MB':>9}{'peer ratio':>12}"]
    for step in shown:
        r = results.get(step, {})
        key, unit, ratio = _COLUMNS[step]
        if "error" in r:
            lines.append(f"{step:<10}  failed: {r['error'].splitlines()[0][:80]}")
            continue
        value, peer = r.get(key), r.get(ratio) if ratio else None
        lines.append(
            f"{step:<10}{r.get('seconds', 0):>10.2f}{_fmt(value):>16}  {unit:<18}"
            f"{r.get('peak_rss_mb', 0):>9.0f}{_fmt(peer):>12}"
        )
    return "\n".join(lines)


def _fmt(value) -> str:
    if value is None:
        return "-"
    return f"{value:,.2f}" if isinstance(value, float) else str(value)


def run(
    size: str,
    out: Path | None,
    work: Path | None,
    timeout: float | None = None,
    only: list[str] | None = None,
    keep: bool = False,
) -> dict:
    """Run the steps (``only``: these, in the suite's order) and write the figures to ``out``
    after each step, so a long run that is stopped keeps what it measured. ``keep`` runs in
    ``work`` itself and leaves its files there, for a later run of single steps on them."""
    plan = steps.PLANS[size]
    chosen = [step for step in STEPS if only is None or step in only]
    if work is not None:
        work.mkdir(parents=True, exist_ok=True)  # a scratch folder named on the command line
    with _scratch(work, keep) as scratch:
        results: dict = {"size": size, "plan": plan.__dict__, "machine": machine()}
        for step in chosen:
            started = time.perf_counter()
            results[step] = in_child(getattr(steps, step), scratch, plan, timeout=timeout)
            results[step].setdefault("seconds", time.perf_counter() - started)
            print(f"{step} done", file=sys.stderr, flush=True)
            if out is not None:
                out.write_text(
                    json.dumps(results, indent=2, ensure_ascii=False, default=str) + "\n"
                )
    print(table(results, chosen))
    return results


@contextmanager
def _scratch(work: Path | None, keep: bool) -> Iterator[Path]:
    if keep and work is not None:
        yield work
        return
    with tempfile.TemporaryDirectory(prefix="tdkt-bench-", dir=work) as scratch:
        yield Path(scratch)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.split("\n")[0]
    )
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser("run", help="run every step at one size")
    command.add_argument("--size", choices=list(steps.PLANS), default="S")
    command.add_argument("--json", type=Path, help="write the figures here")
    command.add_argument("--work", type=Path, help="scratch directory (default: system temp)")
    command.add_argument("--step-timeout", type=float, help="stop a step after this many seconds")
    command.add_argument(
        "--steps",
        help=f"only these steps, comma-separated ({','.join(STEPS)}); the later ones need the "
        "files of generate and load: run those first with --work DIR --keep",
    )
    command.add_argument(
        "--keep", action="store_true", help="work in --work itself and keep its files"
    )
    args = parser.parse_args(argv)
    only = args.steps.split(",") if args.steps else None
    unknown = sorted(set(only or ()) - set(STEPS))
    if unknown:
        parser.error(f"unknown step(s): {', '.join(unknown)} (choose from {', '.join(STEPS)})")
    if args.keep and args.work is None:
        parser.error("--keep needs --work DIR")
    results = run(args.size, args.json, args.work, args.step_timeout, only, args.keep)
    return 1 if any("error" in results[s] for s in STEPS if s in results) else 0


if __name__ == "__main__":
    sys.exit(main())
