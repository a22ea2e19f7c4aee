"""The benchmark's steps. Each runs in its own process (``measure.in_child``), takes the work
directory and the plan, and returns plain data; the peer runs in the same step on the same data.

Ratios, so that a figure means something on another machine:

- ``load.ratio_vs_raw``: tdkt's store write throughput / a raw ``bulk_load`` of the same file.
- ``validate.ratio_vs_pyshacl``: pyshacl's seconds / tdkt's, on the same (sample) data.
- ``query.<name>.ratio_vs_raw``: tdkt's p50 / pyoxigraph's p50 on the same text and bindings
  (their runs interleaved); ``query.ratio_vs_raw`` is the worst of them.
  ``query.ratio_vs_rdflib``: rdflib's time (one run) / tdkt's p50, the median over the queries
  rdflib finished within its budget; ``query.rdflib_unfinished`` lists the others, and
  ``query.<name>.rdflib`` says why (timed out, or not run once the peer's budget was spent).
"""

from __future__ import annotations

import os
import shutil
import statistics
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from benchmarks.measure import in_child, paired_p50_ms, timed


@dataclass(frozen=True)
class Plan:
    size: str
    triples: int  # generated data
    articles: int  # synthetic corpus built by `tdkt build`
    extract: int  # articles extracted in one process
    peer_triples: int  # data validated by both tdkt and pyshacl
    peer_tables: bool  # whether that data includes the reference tables (realistic, slow)
    rdflib_seconds: float  # budget of the rdflib query peer, loading included (0: not run)
    rdflib_query_seconds: float  # budget of one query in rdflib
    repeat: int  # runs per query for the p50
    query_seconds: float  # budget of one named query's measurement (tdkt and raw)
    timing_seconds: float  # no new timed run of a query once its runs took this long
    serve_seconds: float  # per phase of the serve step


PLANS = {
    "smoke": Plan("smoke", 9_000, 3, 2, 1_500, False, 10, 5, 2, 20, 1, 2),  # the test: every key
    "S": Plan("S", 100_000, 300, 100, 12_000, True, 60, 10, 5, 20, 2, 5),
    "M": Plan("M", 1_000_000, 2_000, 300, 30_000, True, 200, 15, 5, 60, 3, 10),
    # rdflib would need ≈ 17 GB to hold L (1.7 GB per million triples at M): not run
    "L": Plan("L", 10_000_000, 10_000, 300, 30_000, True, 0, 0, 5, 120, 10, 10),
}


# --- generate --------------------------------------------------------------------------------


def generate(work: Path, plan: Plan) -> dict:
    from benchmarks.generate import generate as write

    result = {}
    for name, triples, tables in (
        ("data", plan.triples, True),
        ("peer", plan.peer_triples, plan.peer_tables),
    ):
        with open(work / f"{name}.nq", "w", encoding="utf-8") as out:
            seconds, made = timed(lambda o=out, n=triples, t=tables: write(n, o, tables=t))
        result[name] = {"seconds": seconds, "triples": made.triples, "injected": made.injected}
    return {"seconds": result["data"]["seconds"], **result["data"], "peer": result["peer"]}


# --- load ------------------------------------------------------------------------------------


def load(work: Path, plan: Plan) -> dict:
    import pyoxigraph as ox

    from tdkt.store.embedded import EmbeddedStore

    data = work / "data.nq"
    with open(data, "rb") as lines:
        triples = sum(1 for _ in lines)
    raw_dir = work / "raw-store"

    def raw() -> None:
        db = ox.Store(str(raw_dir))
        db.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
        db.flush()

    first_s, _ = timed(raw)  # also brings the file into the page cache
    shutil.rmtree(raw_dir)
    store = EmbeddedStore(work / "store")
    tdkt_s, _ = timed(lambda: store.replace_all_from_file(data))
    store.close()
    raw_s, _ = timed(raw)
    raw_s = min(first_s, raw_s)
    shutil.rmtree(raw_dir)
    return {
        "seconds": tdkt_s,
        "raw_seconds": raw_s,
        "triples": triples,
        "triples_per_s": triples / tdkt_s,
        "ratio_vs_raw": raw_s / tdkt_s,
    }


# --- build and extraction --------------------------------------------------------------------


def build(work: Path, plan: Plan) -> dict:
    from benchmarks.articles import write_corpus
    from tdkt.build import build as run_build

    corpus = work / "corpus"
    write_corpus(corpus, plan.articles)
    marks: list[tuple[str, float]] = []
    progress = lambda step, done, total: marks.append((step, time.perf_counter()))  # noqa: E731
    store = work / "built"
    seconds, summary = timed(lambda: run_build(store, [corpus], progress=progress, full=True))
    phases = {a: round(t2 - t1, 3) for (a, t1), (_, t2) in zip(marks, marks[1:], strict=False)}
    write_corpus(corpus, 10, start=plan.articles)
    again_s, again = timed(lambda: run_build(store, [corpus]))
    before_shacl = seconds - phases.get("validation", 0.0)
    return {
        "seconds": seconds,
        "articles": plan.articles,
        "articles_per_s": plan.articles / seconds,
        "articles_per_s_before_validation": plan.articles / before_shacl,
        "phases_s": phases,
        "triples": summary.triples,
        "skipped": len(summary.skipped),
        "violations": summary.violations,
        "incremental_10_seconds": again_s,
        "incremental_full": again.full,
        "incremental_extracted": again.extracted,
    }


def extract(work: Path, plan: Plan) -> dict:
    from benchmarks.articles import write_corpus
    from tdkt.extraction import Job, extract_one

    paths = write_corpus(work / "extract", plan.extract)
    extract_one(Job(paths[0]))  # loads the gazetteer, as a worker does once
    cpu = time.process_time()
    seconds, results = timed(lambda: [extract_one(Job(p)) for p in paths])
    cpu = time.process_time() - cpu
    return {
        "seconds": seconds,
        "articles": len(paths),
        "articles_per_s": len(paths) / seconds,
        "articles_per_cpu_s": len(paths) / cpu,  # fairer on a busy machine
        "triples_per_article": statistics.mean(r.triples for r in results),
        "skipped": sum(1 for r in results if r.skipped),
        **_extract_real(),
    }


# Real text (issue 6's goal is "on the development set"): the shared corpus and corpus-dev,
# read where the tests read them; each article once, as in a build.
REAL_TEXTS = [
    Path(__file__).resolve().parents[1].parent / "shared" / d for d in ("corpus", "corpus-dev")
]


def _extract_real() -> dict:
    from tdkt.extraction import Job, extract_one

    paths = [p for d in REAL_TEXTS if d.is_dir() for p in sorted(d.glob("*.txt"))]
    if not paths:
        return {"real_articles": 0}
    cpu = time.process_time()
    results = [extract_one(Job(p)) for p in paths]
    cpu = time.process_time() - cpu
    return {
        "real_articles": len(paths),
        "real_articles_per_cpu_s": len(paths) / cpu,
        "real_skipped": sum(1 for r in results if r.skipped),
    }


# --- validation ------------------------------------------------------------------------------


def validate(work: Path, plan: Plan) -> dict:
    from rdflib import Dataset, Graph

    from benchmarks.generate import INJECTED
    from tdkt import validate as shacl
    from tdkt.store.embedded import EmbeddedStore

    store = EmbeddedStore(work / "store")
    workers = len(os.sched_getaffinity(0))
    seconds, report = timed(lambda: shacl.validate_store(store, workers=workers))
    store.close()
    found = Counter(f.shape.rsplit("#", 1)[-1] for f in report.findings)
    expected = {shape.removeprefix("tsh:") for shape, _ in INJECTED.values()}

    peer = EmbeddedStore(work / "peer-store")
    peer.replace_all_from_file(work / "peer.nq")
    tdkt_s, ours = timed(lambda: shacl.validate_store(peer))
    peer.close()
    dataset = Dataset()
    dataset.parse(work / "peer.nq", format="nquads")
    union = Graph()
    for s, p, o, _ in dataset.quads():
        union.add((s, p, o))
    pyshacl_s, theirs = timed(lambda: shacl.validate(union, reference=True))
    return {
        "seconds": seconds,
        "workers": workers,
        "findings": dict(sorted(found.items())),
        "only_injected_shapes": set(found) <= expected,
        "peer_triples": len(union),
        "tdkt_peer_seconds": tdkt_s,
        "pyshacl_seconds": pyshacl_s,
        "ratio_vs_pyshacl": pyshacl_s / tdkt_s,
        "same_report": shacl.same_report(ours, theirs),
    }


# --- queries ---------------------------------------------------------------------------------


# Parameters whose catalogue example names something the generated data leaves out (a real
# person; a cluster or province the generator gives no roles): the generated ones instead, so
# that a selective query selects real rows.
_GENERATED = {
    "person": "bench-0000000-0",
    "cluster": "trung-du-mien-nui-phia-bac",
    "province": "bac-giang",
}


def _bindings(query) -> dict[str, str]:
    """The parameters of the query's first example that sets any, else none."""
    import shlex

    for example in query.examples:
        words = shlex.split(example)
        values = [words[i + 1] for i, w in enumerate(words[:-1]) if w == "--param"]
        if values:
            pairs = dict(v.split("=", 1) for v in values)
            return {k: _GENERATED.get(k, v) for k, v in pairs.items()}
    return {}


def query(work: Path, plan: Plan) -> dict:
    """Every named query, each in its own process stopped after ``plan.query_seconds``; then
    the rdflib peer within its budget. A peer that runs out of time is reported per query."""
    from tdkt import catalogue

    result: dict = {}
    for named in catalogue.catalogue():
        measured = in_child(_one_query, work, plan, named.name, timeout=plan.query_seconds)
        measured.pop("peak_rss_mb", None)
        result[named.name] = {"params": _bindings(named), **measured}
    ratios = [q["ratio_vs_raw"] for q in result.values() if q.get("ratio_vs_raw")]
    summary = {
        "ratio_vs_raw": max(ratios, default=None),
        "ratio_vs_raw_median": statistics.median(ratios) if ratios else None,
        "failed": sorted(name for name, q in result.items() if "error" in q),
    }
    if plan.rdflib_seconds:
        summary.update(_rdflib_peer(work, plan, result))
    else:
        summary.update(ratio_vs_rdflib=None, rdflib_queries=0, rdflib_error="not run at this size")
    return {**summary, **result}


def _one_query(work: Path, plan: Plan, name: str) -> dict:
    """p50 of one named query through tdkt (``catalogue.run``) and through raw pyoxigraph,
    timed in turn."""
    from tdkt import catalogue
    from tdkt.store.embedded import EmbeddedStore
    from tdkt.store.prebind import prebind

    named = catalogue.named(name)
    values = _bindings(named)
    bound = catalogue.bind(named, values)
    text = prebind(named.text, bound)  # the same SPARQL tdkt sends, parameters bound alike
    store = EmbeddedStore(work / "store")
    engine = store.raw()

    def raw() -> list:
        return list(engine.query(text, use_default_graph_as_union=True))

    ours, theirs = paired_p50_ms(
        lambda: catalogue.run(store, named, values), raw, plan.repeat, plan.timing_seconds
    )
    rows = len(raw())
    store.close()
    return {
        "rows": rows,
        "p50_ms": ours,
        "raw_p50_ms": theirs,
        "ratio_vs_raw": ours / theirs if theirs else None,
    }


def _rdflib_peer(work: Path, plan: Plan, result: dict) -> dict:
    """rdflib's engine on the same queries, in a child that stops each query at its budget
    and the whole peer at ``plan.rdflib_seconds``; what finished, what ran out of time."""
    import json

    partial = work / "rdflib.json"
    outcome = in_child(_rdflib_ms, work, plan, partial, timeout=plan.rdflib_seconds + 30)
    seen = json.loads(partial.read_text()) if partial.exists() else {}
    ratios = []
    for name, ms in seen.get("ms", {}).items():
        result[name]["rdflib_ms"] = ms
        if result[name].get("p50_ms"):
            ratios.append(ms / result[name]["p50_ms"])
    for name, why in seen.get("not_finished", {}).items():
        result[name]["rdflib"] = why
    unfinished = sorted(set(result) - set(seen.get("ms", {})))
    if "load_seconds" not in seen:
        reason = outcome.get("error") or "the peer stopped before loading the data"
        error = f"rdflib did not load the data: {reason}"
    else:
        error = outcome.get("error")
    return {
        "ratio_vs_rdflib": statistics.median(ratios) if ratios else None,
        "rdflib_queries": len(ratios),
        "rdflib_unfinished": unfinished,
        "rdflib_load_seconds": seen.get("load_seconds"),
        "rdflib_error": error,
    }


def _rdflib_ms(work: Path, plan: Plan, partial: Path) -> dict:
    """One run of each named query in rdflib (after loading the data), the parameterised
    (selective) ones first, each stopped by an alarm at its budget; saved as it goes."""
    import json
    import signal

    from rdflib import Dataset

    from tdkt import catalogue

    started = time.monotonic()
    deadline = started + plan.rdflib_seconds
    seen: dict = {"ms": {}, "not_finished": {}}
    dataset = Dataset(default_union=True)
    dataset.parse(work / "data.nq", format="nquads")
    seen["load_seconds"] = time.monotonic() - started
    partial.write_text(json.dumps(seen))

    def stop(signum, frame):
        raise TimeoutError

    signal.signal(signal.SIGALRM, stop)
    queries = sorted(catalogue.catalogue(), key=lambda q: (not _bindings(q), q.name))
    for named in queries:
        budget = min(plan.rdflib_query_seconds, deadline - time.monotonic())
        if budget <= 0:
            seen["not_finished"][named.name] = (
                f"not run: the rdflib peer's budget ({plan.rdflib_seconds:g} s) was spent"
            )
            continue
        bound = catalogue.bind(named, _bindings(named))
        signal.setitimer(signal.ITIMER_REAL, budget)
        try:
            seconds, _ = timed(lambda q=named.text, b=bound: list(dataset.query(q, initBindings=b)))
            seen["ms"][named.name] = seconds * 1000
        except TimeoutError:
            seen["not_finished"][named.name] = f"timed out after {budget:.1f} s"
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        partial.write_text(json.dumps(seen))
    return {}


# --- export ----------------------------------------------------------------------------------


def export(work: Path, plan: Plan) -> dict:
    """Every format of the loaded store, written to a scratch file (memory should stay flat)."""
    from tdkt.export import FORMATS
    from tdkt.export import export as write
    from tdkt.store.embedded import EmbeddedStore

    store = EmbeddedStore(work / "store")
    result: dict = {}
    for fmt in FORMATS:
        with open(work / f"export.{fmt}", "wb") as out:
            result[f"{fmt}_seconds"], _ = timed(lambda fmt=fmt, out=out: write(store, out, fmt))
        result[f"{fmt}_mb"] = round((work / f"export.{fmt}").stat().st_size / 2**20, 1)
        (work / f"export.{fmt}").unlink()
    store.close()
    return {"seconds": sum(v for k, v in result.items() if k.endswith("_seconds")), **result}


# --- serve (contributed by the server's engineer) --------------------------------------------


def serve(work: Path, plan: Plan) -> dict:
    from benchmarks import serve_step

    return serve_step.run(work / "store", seconds=plan.serve_seconds, clients=4)
