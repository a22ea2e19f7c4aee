"""`tdkt trace` and tdkt.analysis.trace on the store built from the reference tables and the
seed corpus. The seed articles cite Chỉ thị 34-CT/TW three times: 002 (2019-03-21) twice,
once as "34-CT/TW ngày 07/4/2014" and once in the Vice-President's speech; 001 (2024-03-29)
once, in Võ Thị Ánh Xuân's speech, as "34 -CT/TW ngày 7.2.2014"."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import DATA, tdkt

from tdkt import catalogue, iris
from tdkt.analysis.trace import chain, misquoted, trace
from tdkt.errors import InputError

pytest_plugins = ["analysis_fixtures"]

SEED_001 = iris.source("001_a8b3c08234c141ac")
SEED_002 = iris.source("002_6a2b356a64c4720c")


@pytest.fixture(scope="module")
def directive(analysis_store):
    return trace(analysis_store, "34/CT-TW")  # typed the other way round: still 34-CT/TW


def test_every_seed_citation_of_34_ct_tw(directive) -> None:
    assert directive.document == iris.document("34-CT/TW")
    assert directive.number == "34-CT/TW"
    by_source = sorted(str(c.source) for c in directive.citations)
    assert by_source == sorted([str(SEED_001), str(SEED_002), str(SEED_002)])
    speakers = {c.speaker_label for c in directive.citations}
    assert {"Võ Thị Ánh Xuân", "Đặng Thị Ngọc Thịnh"} <= speakers


def test_first_and_latest_citation(directive) -> None:
    assert (directive.first.source, directive.first.date) == (SEED_002, "2019-03-21")
    assert (directive.latest.source, directive.latest.date) == (SEED_001, "2024-03-29")
    assert directive.per_year() == {2019: 2, 2024: 1}


def test_group_by_speaker_and_by_cluster(directive) -> None:
    speakers = directive.by("speaker")
    assert (
        len(speakers["Võ Thị Ánh Xuân"]) == 1 and speakers["Võ Thị Ánh Xuân"][0].source == SEED_001
    )
    clusters = {name: len(cs) for name, cs in directive.by("cluster").items()}
    assert sum(clusters.values()) == 3
    with pytest.raises(ValueError):
        directive.by("colour")


def test_the_stated_date_that_disagrees_is_flagged(directive, analysis_store) -> None:
    # legal_documents.csv dates 34-CT/TW 2014-04-07; 001 writes "7.2.2014"
    with (DATA / "legal_documents.csv").open(encoding="utf-8") as f:
        issued = next(r["date_issued"] for r in csv.DictReader(f) if r["number"] == "34-CT/TW")
    wrong = [c for c in directive.citations if c.misquoted]
    assert [(c.source, c.stated_date_text) for c in wrong] == [(SEED_001, "ngày 7.2.2014")]
    assert wrong[0].stated_date != issued and wrong[0].document_date == issued
    assert not wrong[0].number_disagrees  # "34 -CT/TW" is the same number, spaced
    assert any(c.iri == wrong[0].iri for c in misquoted(analysis_store))
    assert all(c.misquoted for c in misquoted(analysis_store))


def test_documents_cited_together(directive) -> None:
    # 002 cites 34-CT/TW with Nghị định 91/2017/NĐ-CP and Thông tư 08/2017/TT-BNV
    together = {c.document for c in directive.cited_with}
    assert {iris.document("91/2017/NĐ-CP"), iris.document("08/2017/TT-BNV")} <= together


def test_chain_of_the_2022_law_reaches_the_law_it_replaced(analysis_store) -> None:
    with (DATA / "legal_documents.csv").open(encoding="utf-8") as f:
        rows = {r["number"]: r for r in csv.DictReader(f)}
    links = chain(analysis_store, "06/2022/QH15")
    relations = {(k.number, str(k.relation).rsplit("#", 1)[-1], k.related_number) for k in links}
    assert ("06/2022/QH15", "repeals", "15/2003/QH11") in relations
    amending = {n for n, r in rows.items() if "15/2003/QH11" in r["replaces_or_amends"]}
    assert amending <= {k.number for k in links}
    dates = [k.date for k in links if k.date]
    assert dates == sorted(dates)


def test_unknown_document_is_an_error_with_a_suggestion(analysis_store) -> None:
    with pytest.raises(InputError, match="did you mean 34-ct-tw"):
        trace(analysis_store, "34-CT/T")


def test_parameters_cannot_inject_sparql(analysis_store) -> None:
    hostile = "34-CT/TW> } UNION { ?s ?p ?o } #"
    with pytest.raises(InputError):
        catalogue.run(analysis_store, catalogue.named("citation-trace"), {"document": hostile})


def test_cli_table_fits_80_columns(corpus_store: Path) -> None:
    from typer.testing import CliRunner

    from tdkt.cli import app

    result = CliRunner().invoke(
        app, ["--store", str(corpus_store), "trace", "34-CT/TW"], env={"COLUMNS": "80"}
    )
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.output.splitlines()) <= 80
    words = result.output.split()
    assert {"Võ", "Ánh", "Xuân", "khớp", "34", "-CT/TW"} <= set(words)  # wrapped, not broken
    assert "https://" not in result.output


def test_cli_by_year_csv_and_json(corpus_store: Path) -> None:
    result = tdkt("trace", "34-CT/TW", "--by", "year", "--format", "csv", store=corpus_store)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [(r["year"], r["count"]) for r in rows] == [("2019", "2"), ("2024", "1")]
    result = tdkt("trace", "34-CT/TW", "--format", "json", store=corpus_store)
    records = json.loads(result.output)
    assert {r["source"] for r in records} == {str(SEED_001), str(SEED_002)}


def test_cli_misquoted_and_chain(corpus_store: Path) -> None:
    result = tdkt("trace", "--misquoted", "--format", "csv", store=corpus_store)
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert any(r["stated_date_text"] == "ngày 7.2.2014" for r in rows)
    result = tdkt("trace", "06/2022/QH15", "--chain", store=corpus_store)
    assert result.exit_code == 0 and "thay thế" in result.output and "15/2003/QH11" in result.output
    assert tdkt("trace", store=corpus_store).exit_code == 2
