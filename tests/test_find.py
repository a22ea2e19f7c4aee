"""Finding things: `tdkt find`, the lists (clusters, provinces, documents, people), unknown
keys with suggestions, full IRIs wherever a key goes, and the named queries behind them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import DATA, tdkt

from tdkt import catalogue, iris
from tdkt.analysis.keys import entities, find, squash
from tdkt.analysis.records import records
from tdkt.errors import InputError

pytest_plugins = ["analysis_fixtures"]

# query name -> parameters that make it answer on the seed analysis_store
ANALYSIS_QUERIES = {
    "entities": {},
    "clusters": {},
    "provinces": {"on": "2025-07-01"},
    "people": {},
    "labels": {},
    "province-roles": {"province": "lam-dong"},
    "membership-history": {"cluster": "thanh-pho-truc-thuoc-tw"},
    "document-relations": {},
    "citation-trace": {"document": "34-CT/TW"},
    "event-people": {},
}


@pytest.fixture(scope="module")
def things(analysis_store):
    return entities(records(analysis_store, "entities"))


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("name", sorted(ANALYSIS_QUERIES))
def test_each_analysis_query_has_a_header_and_answers(analysis_store, name) -> None:
    query = catalogue.named(name)
    assert query.title and query.description and query.examples
    assert catalogue.run(analysis_store, query, ANALYSIS_QUERIES[name]).rows, name


def test_squash_ignores_diacritics_case_and_punctuation() -> None:
    assert squash("34/CT-TW") == squash("34-CT/TW") == squash("34 -ct/tw")
    assert squash("lam dong") == squash("Lâm Đồng")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("lam dong", iris.province("lam-dong")),
        ("LÂM ĐỒNG", iris.province("lam-dong")),
        ("34/CT-TW", iris.document("34-CT/TW")),
        ("Bac Kan", iris.province("bac-kan")),
        ("tay nguyen duyen hai", iris.cluster("tay-nguyen-duyen-hai-mien-trung")),
        ("vo thi anh xuan", iris.person("vo-thi-anh-xuan")),
    ],
)
def test_find_by_what_people_type(things, typed, expected) -> None:
    found = find(things, typed)
    assert found and expected in {f.entity.iri for f in found if f.rank == found[0].rank}


def test_find_falls_back_to_close_spellings(things) -> None:
    found = find(things, "Lam Dongg")
    assert iris.province("lam-dong") in {f.entity.iri for f in found}
    assert find(things, "") == [] and find(things, "zzzzqqq") == []


def test_a_document_key_is_its_number(things) -> None:
    directive = next(t for t in things if t.iri == iris.document("34-CT/TW"))
    assert (directive.kind, directive.key) == ("document", "34-CT/TW")


def test_unknown_key_in_any_named_query_suggests_the_nearest(analysis_store) -> None:
    query = catalogue.named("chair-rotation")
    with pytest.raises(InputError) as caught:
        catalogue.run(analysis_store, query, {"cluster": "tay-nguyen"})
    assert str(caught.value).endswith(
        "cluster: no cluster 'tay-nguyen'; did you mean tay-nguyen-duyen-hai-mien-trung?"
    )
    with pytest.raises(InputError, match="did you mean lam-dong"):
        catalogue.run(analysis_store, catalogue.named("province-roles"), {"province": "lam-dog"})


def test_a_full_iri_is_accepted_and_one_of_another_kind_refused(analysis_store) -> None:
    query = catalogue.named("chair-rotation")
    by_key = catalogue.run(analysis_store, query, {"cluster": "tay-nguyen-duyen-hai-mien-trung"})
    by_iri = catalogue.run(
        analysis_store, query, {"cluster": str(iris.cluster("tay-nguyen-duyen-hai-mien-trung"))}
    )
    assert by_key.rows and by_key.rows == by_iri.rows
    with pytest.raises(InputError, match="cluster key or an IRI"):
        catalogue.bind(query, {"cluster": str(iris.province("lam-dong"))})


def test_nearest() -> None:
    keys = ["tay-nguyen-duyen-hai-mien-trung", "tay-nam-bo", "bac-trung-bo"]
    assert catalogue.nearest("tay-nguyen", keys)[0] == "tay-nguyen-duyen-hai-mien-trung"
    assert catalogue.nearest("bac-trung-bp", keys) == ["bac-trung-bo"]
    assert catalogue.nearest("zzz", keys) == []


def test_cli_find(corpus_store: Path) -> None:
    result = tdkt("find", "34/CT-TW", "--format", "json", store=corpus_store)
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert found[0]["iri"] == str(iris.document("34-CT/TW")) and found[0]["key"] == "34-CT/TW"
    table = tdkt("find", "lam dong", store=corpus_store)
    assert "Lâm Đồng" in table.output and "https://" not in table.output


def test_cli_clusters_lists_the_reference_clusters(corpus_store: Path) -> None:
    with (DATA / "clusters.csv").open(encoding="utf-8") as f:
        wanted = {r["cluster_id"] for r in csv.DictReader(f)}
    rows = _csv(tdkt("clusters", "--format", "csv", store=corpus_store).output)
    assert wanted <= {r["key"] for r in rows}
    assert all(r["cluster"] == str(iris.cluster(r["key"])) for r in rows)


def test_cli_provinces_on_a_date(corpus_store: Path) -> None:
    with (DATA / "provinces_2025.csv").open(encoding="utf-8") as f:
        units_2025 = sum(1 for _ in csv.DictReader(f))
    with (DATA / "provinces_2008_2025.csv").open(encoding="utf-8") as f:
        units_2008 = sum(1 for _ in csv.DictReader(f))
    after = _csv(
        tdkt("provinces", "--on", "2025-07-01", "--format", "csv", store=corpus_store).output
    )
    before = _csv(
        tdkt("provinces", "--on", "2024-06-01", "--format", "csv", store=corpus_store).output
    )
    assert len(after) == units_2025 and len(before) == units_2008
    assert "bac-kan" in {r["key"] for r in before} and "bac-kan" not in {r["key"] for r in after}
    bad = tdkt("provinces", "--on", "2025-13-01", store=corpus_store)
    assert bad.exit_code == 2 and "on" in bad.output


def test_cli_documents_and_people(corpus_store: Path) -> None:
    docs = _csv(tdkt("documents", "--format", "csv", store=corpus_store).output)
    assert "34-CT/TW" in {r["key"] for r in docs}
    people = tdkt("people", store=corpus_store)
    assert people.exit_code == 0 and "Võ Thị Ánh Xuân" in people.output
    assert "vo-thi-anh-xuan" in people.output  # the key to use in other commands


@pytest.mark.parametrize("command", [["clusters"], ["provinces"], ["documents"], ["people"]])
def test_list_tables_fit_80_columns(corpus_store: Path, command: list[str]) -> None:
    from typer.testing import CliRunner

    from tdkt.cli import app

    result = CliRunner().invoke(
        app, ["--store", str(corpus_store), *command], env={"COLUMNS": "80"}
    )
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.output.splitlines()) <= 80
