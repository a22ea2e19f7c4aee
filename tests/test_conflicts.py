"""Two sources name two provinces chair of one cluster for one year: the build keeps both
claims, each in its own named graph, and `tdkt validate` fails, listing who claimed what.

The second source (tests/fixtures/articles/conflict/) is an article written for this test,
dated September 2025: its "năm 2024 tỉnh Gia Lai là Cụm trưởng" must name the Gia Lai of
2024, not the province the 2025 merger made."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import tdkt

from tdkt import iris

ROLE = iris.cluster_role_term("tay-nguyen-duyen-hai-mien-trung", "chair", 2024)


@pytest.fixture(scope="module")
def store(tmp_path_factory, corpus_dir: Path, fixtures_dir: Path) -> Path:
    path = tmp_path_factory.mktemp("conflict") / "kg"
    conflict = fixtures_dir / "articles" / "conflict"
    built = tdkt("build", "--corpus", str(corpus_dir), "--corpus", str(conflict), store=path)
    assert built.exit_code == 1, built.output  # built, but SHACL found violations
    return path


def test_validate_lists_each_claim_with_its_source(store: Path) -> None:
    result = tdkt("validate", "--format", "json", store=store)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    conflicts = [f for f in report["findings"] if f["focus"] == str(ROLE)]
    assert len(conflicts) == 1
    claims = {
        (c["value"].rsplit("/", 1)[1], c["graph"].rsplit("/", 1)[1], c["status"].rsplit("#")[1])
        for c in conflicts[0]["claims"]
    }
    assert claims == {
        ("lam-dong", "001_a8b3c08234c141ac", "Proposed"),
        ("gia-lai", "khanh-hoa-2025", "Stated"),
    }


def test_text_report_shows_the_claims_under_the_finding(store: Path) -> None:
    result = tdkt("validate", store=store)
    lines = result.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if "chair/2024" in line)
    claims = {tuple(line.split("\t")[1:4]) for line in lines[at + 1 : at + 3]}
    assert claims == {
        ("claim", "id/province/lam-dong", "graph/source/001_a8b3c08234c141ac (tdkt:Proposed)"),
        ("claim", "id/province/gia-lai", "graph/source/khanh-hoa-2025 (tdkt:Stated)"),
    }
