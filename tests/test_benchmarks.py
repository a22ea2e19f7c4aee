"""The benchmark's generator and steps on the smallest plan: the data conforms to the shapes
except exactly the injected violations, and each step returns the figures the JSON promises
(their values are not asserted: speed goals live in benchmarks/, not in tests)."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest

from benchmarks import steps  # the repository root is on sys.path under `python -m pytest`
from benchmarks.generate import INJECTED, generate
from benchmarks.measure import paired_p50_ms

PLAN = steps.PLANS["smoke"]


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    """The smoke plan's data, generated and loaded once."""
    directory = tmp_path_factory.mktemp("bench")
    made = steps.generate(directory, PLAN)
    assert made["triples"] >= PLAN.triples * 0.9 and set(made["injected"]) == set(INJECTED)
    loaded = steps.load(directory, PLAN)
    assert {"seconds", "raw_seconds", "triples_per_s", "ratio_vs_raw"} <= set(loaded)
    assert loaded["triples"] == made["triples"]
    return directory


def test_generator_is_deterministic_and_injects_each_kind_once_per_100k():
    first, second = io.StringIO(), io.StringIO()
    made = generate(20_000, first)
    generate(20_000, second)
    assert first.getvalue() == second.getvalue()
    assert made.injected == {kind: 1 for kind in INJECTED}
    assert made.triples == first.getvalue().count("\n")


def test_validation_finds_exactly_the_injected_violations_as_pyshacl_does(work):
    result = steps.validate(work, PLAN)
    expected = {shape.removeprefix("tsh:"): 1 for shape, _ in INJECTED.values()}
    assert result["findings"] == expected
    assert result["same_report"] is True
    assert {"seconds", "ratio_vs_pyshacl", "pyshacl_seconds", "peer_triples"} <= set(result)


def test_every_named_query_is_measured_against_its_peers(work):
    from tdkt import catalogue

    result = steps.query(work, PLAN)
    for query in catalogue.catalogue():
        assert {"p50_ms", "raw_p50_ms", "ratio_vs_raw", "rows"} <= set(result[query.name])
        # rdflib either finished the query or says why not
        assert ("rdflib_ms" in result[query.name]) != (query.name in result["rdflib_unfinished"])
    assert {"ratio_vs_raw", "ratio_vs_rdflib", "rdflib_queries"} <= set(result)
    assert result["rdflib_queries"] + len(result["rdflib_unfinished"]) == len(catalogue.catalogue())


def test_a_slow_peer_is_stopped_at_its_budget_and_named(work, monkeypatch):
    from tdkt import catalogue

    slow = dataclasses.replace(PLAN, rdflib_query_seconds=0.2)
    queries = catalogue.catalogue()
    result = {q.name: {"p50_ms": 1.0} for q in queries}
    monkeypatch.setattr(steps, "_rdflib_ms", _rdflib_with_one_endless_query)
    summary = steps._rdflib_peer(work, slow, result)
    assert result["claims"]["rdflib"] == "timed out after 0.2 s"
    assert "claims" in summary["rdflib_unfinished"]
    assert summary["rdflib_queries"] + len(summary["rdflib_unfinished"]) == len(queries)


def _rdflib_with_one_endless_query(work, plan, partial):
    """The real peer, in its spawned child, with rdflib's engine looping forever on `claims`
    (the only named query with a ?node)."""
    from rdflib import Dataset

    query = Dataset.query

    def endless(self, text, *args, **kwargs):
        while "?node" in text:
            pass
        return query(self, text, *args, **kwargs)

    Dataset.query = endless
    return steps._rdflib_ms(work, plan, partial)


def test_paired_timing_stops_at_its_budget():
    calls = []
    ours, theirs = paired_p50_ms(lambda: calls.append("o"), lambda: calls.append("t"), 5, 0.0)
    assert calls == ["o", "t", "o", "t"]  # one warm-up each, then one pair: the budget is spent
    assert ours >= 0 and theirs >= 0


def test_extraction_throughput_is_measured_on_the_synthetic_corpus(work):
    result = steps.extract(work, PLAN)
    assert result["articles"] == PLAN.extract and result["skipped"] == 0
    assert result["articles_per_s"] > 0 and result["triples_per_article"] > 0


def test_single_steps_run_on_the_files_a_kept_run_left(tmp_path):
    """`--keep` leaves generate's and load's files in --work; a later `--steps validate` runs
    on them alone, and the JSON holds just the steps run."""
    import json

    from benchmarks.__main__ import main

    work, first, second = tmp_path / "work", tmp_path / "first.json", tmp_path / "second.json"
    common = ["run", "--size", "smoke", "--work", str(work), "--keep"]
    assert main([*common, "--steps", "generate,load", "--json", str(first)]) == 0
    assert {"data.nq", "peer.nq", "store"} <= {p.name for p in work.iterdir()}
    assert main([*common, "--steps", "validate", "--json", str(second)]) == 0
    figures = json.loads(second.read_text())
    assert "generate" not in figures and figures["validate"]["same_report"] is True
    assert set(json.loads(first.read_text())) >= {"generate", "load"}
    with pytest.raises(SystemExit):
        main([*common, "--steps", "nonsense"])


def test_generated_events_are_hosted_only_by_provinces_that_still_exist():
    """Huế became a centrally governed city on 2025-01-01: a generated review held in 2025
    may not name it as host (the ceased-province rule would flag what was not injected)."""
    from benchmarks.generate import reference
    from tdkt.build import fixed_graphs

    until = reference(fixed_graphs()).until
    out = io.StringIO()
    generate(300_000, out)
    start, hosts = {}, []
    for line in out.getvalue().splitlines():
        s, p, o = line.split(" ", 3)[:3]
        if p == "<https://schema.org/startDate>":
            start[s] = o.split('"')[1]
        elif p == "<https://w3id.org/tdkt/ontology#host>":
            hosts.append((s, o.strip("<>")))
    assert hosts and any(start[e] >= "2025-01-01" for e, _ in hosts)
    assert all(start[event] <= until.get(host, start[event]) for event, host in hosts)
