"""`tdkt rotation` and tdkt.analysis.rotation on the store built from the reference tables and
the seed corpus: expectations are read from data/cluster_chairs.csv, data/clusters.csv and the
seed articles' own sentences."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import DATA, tdkt

from tdkt import iris
from tdkt.analysis.rotation import CHAIR, VICE_CHAIR, lineage, province_roles, rotation
from tdkt.errors import InputError
from tdkt.store.open import open_store
from tdkt.text import match_key

pytest_plugins = ["analysis_fixtures"]

TAY_NGUYEN = "tay-nguyen-duyen-hai-mien-trung"
CITIES = "thanh-pho-truc-thuoc-tw"


def _table(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _chairs(cluster: str) -> dict[int, str]:
    """Chair province keys by year, as the reference table states them."""
    return {
        int(r["year"]): iris.province(r["province"])
        for r in _table("cluster_chairs.csv")
        if r["cluster"] == cluster and match_key(r["role"]).startswith(match_key("Cụm trưởng"))
    }


def test_seed_article_rotation_of_tay_nguyen(analysis_store) -> None:
    # 001 (2024-03-29): Bình Định chaired 2023 with Lâm Đồng as vice-chair; the conference
    # proposed Lâm Đồng as chair and Phú Yên as vice-chair for 2024.
    found = rotation(analysis_store, TAY_NGUYEN)
    assert found.label.startswith("Cụm thi đua")
    assert found.holders(2023, CHAIR) == (iris.province("binh-dinh"),)
    assert found.holders(2023, VICE_CHAIR) == (iris.province("lam-dong"),)
    assert found.holders(2024, CHAIR) == (iris.province("lam-dong"),)
    statuses = {(c.year, c.role): c.status for c in found.claims}
    assert statuses[(2024, CHAIR)] == iris.TDKT.Proposed
    assert statuses[(2023, CHAIR)] == iris.TDKT.Stated
    # the vice-chair of 2023 became the chair of 2024
    assert [(h.year, h.promoted) for h in found.handovers] == [(2023, True)]
    assert found.gaps == [] and found.conflicts == []


def test_gaps_and_never_chaired_follow_the_reference_tables(analysis_store) -> None:
    found = rotation(analysis_store, CITIES)
    chairs = _chairs(CITIES)
    members = {
        iris.province(name)
        for r in _table("clusters.csv")
        if r["cluster_id"] == CITIES
        for name in r["members"].split(";")
    }
    assert {y: found.holders(y, CHAIR) for y in chairs} == {y: (p,) for y, p in chairs.items()}
    span = range(min(found.years), max(found.years) + 1)
    assert found.gaps == [y for y in span if y not in chairs]
    assert {m.province for m in found.never_chaired} == members - set(chairs.values())


def test_membership_by_year_marks_the_units_ended_by_the_2025_merger(analysis_store) -> None:
    found = rotation(analysis_store, CITIES)
    assert found.membership, "clusters.csv lists this cluster's members"
    ended = {m.province for ms in found.membership.values() for m in ms if m.valid_until}
    # Đà Nẵng (2008–2025) merged with Quảng Nam on 2025-07-01 (provinces_2025.csv)
    assert iris.province("da-nang") in ended
    assert iris.province("ha-noi") not in ended  # unmerged: keeps its IRI, no end date


def test_unknown_cluster_suggests_the_nearest_key(analysis_store) -> None:
    with pytest.raises(InputError, match=f"did you mean {TAY_NGUYEN}"):
        rotation(analysis_store, "tay-nguyen")


def test_full_iri_is_accepted_as_the_cluster(analysis_store) -> None:
    by_iri = rotation(analysis_store, str(iris.cluster(TAY_NGUYEN)))
    assert by_iri.claims == rotation(analysis_store, TAY_NGUYEN).claims


def test_every_role_of_a_province(analysis_store) -> None:
    roles = {(c.year, c.role) for c in province_roles(analysis_store, "lam-dong")}
    assert roles == {(2023, VICE_CHAIR), (2024, CHAIR)}


def test_follow_lineage_adds_the_units_merged_with_it(analysis_store) -> None:
    # provinces_2025.csv: Lâm Đồng (2025) = Lâm Đồng + Đắk Nông + Bình Thuận; cluster_chairs.csv:
    # Bình Thuận vice-chair of Đông Nam Bộ in 2023.
    units = lineage(analysis_store, "lam-dong-2025")
    assert set(units) >= {iris.province(k) for k in ("lam-dong", "dak-nong", "binh-thuan")}
    assert units[0] == iris.province("lam-dong-2025")
    claims = province_roles(analysis_store, "lam-dong-2025", follow_lineage=True)
    via = {(c.year, c.via, c.role) for c in claims}
    assert (2023, iris.province("binh-thuan"), VICE_CHAIR) in via
    assert (2024, iris.province("lam-dong"), CHAIR) in via
    assert not province_roles(
        analysis_store, "lam-dong-2025"
    )  # without lineage: none of its own yet
    # Thái Nguyên's lineage reaches Bắc Kạn through the 2025 merger
    assert iris.province("bac-kan") in lineage(analysis_store, "thai-nguyen")


def test_cli_table_fits_80_columns_with_words_not_iris(corpus_store: Path) -> None:
    from typer.testing import CliRunner

    from tdkt.cli import app

    result = CliRunner().invoke(
        app, ["--store", str(corpus_store), "rotation", CITIES], env={"COLUMNS": "80"}
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "Hải Phòng" in result.output and "Cụm trưởng" in result.output
    assert "https://" not in result.output and "hai-phong" not in result.output
    assert any(line.startswith("Năm chưa rõ cụm trưởng: 2019–2022") for line in lines)


def test_cli_csv_keeps_iris(corpus_store: Path) -> None:
    result = tdkt("rotation", "--province", "lam-dong", "--format", "csv", store=corpus_store)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert {(r["year"], r["role"], r["status"]) for r in rows} == {
        ("2023", str(VICE_CHAIR), str(iris.TDKT.Stated)),
        ("2024", str(CHAIR), str(iris.TDKT.Proposed)),
    }
    assert {r["role_label"] for r in rows} == {"Cụm trưởng", "Cụm phó"}
    assert all(r["province"] == str(iris.province("lam-dong")) for r in rows)


def test_cli_unknown_key_exits_2_with_a_suggestion(corpus_store: Path) -> None:
    result = tdkt("rotation", "tay-nguyen", store=corpus_store)
    assert result.exit_code == 2
    assert "no cluster 'tay-nguyen'; did you mean tay-nguyen-duyen-hai-mien-trung?" in (
        result.output
    )


def test_cli_chart_is_written(corpus_store: Path, tmp_path: Path) -> None:
    chart = tmp_path / "rotation.svg"
    result = tdkt("rotation", TAY_NGUYEN, "--chart", str(chart), store=corpus_store)
    assert result.exit_code == 0, result.output
    assert chart.read_text("utf-8").lstrip().startswith("<?xml")


@pytest.fixture(scope="module")
def conflicting(tmp_path_factory, corpus_dir: Path, fixtures_dir: Path):
    """The seed corpus plus tests/fixtures/articles/conflict/, an article written for the
    tests that names Gia Lai chair of Tây Nguyên for 2024 where 001 proposed Lâm Đồng."""
    path = tmp_path_factory.mktemp("conflict-rotation") / "kg"
    conflict = fixtures_dir / "articles" / "conflict"
    built = tdkt("build", "--corpus", str(corpus_dir), "--corpus", str(conflict), store=path)
    assert built.exit_code == 1, built.output  # built; SHACL reports the conflict
    return path


def test_conflicting_sources_are_listed(conflicting: Path) -> None:
    s = open_store(conflicting)
    found = rotation(s, TAY_NGUYEN)
    s.close()
    assert [(c.year, c.role, set(c.provinces)) for c in found.conflicts] == [
        (2024, CHAIR, {iris.province("lam-dong"), iris.province("gia-lai")})
    ]
    result = tdkt("rotation", TAY_NGUYEN, store=conflicting)
    assert "Nguồn không thống nhất: 2024 Cụm trưởng: " in result.output
    assert "Gia Lai (được nêu)" in result.output and "Lâm Đồng (đề nghị)" in result.output


def test_cli_json_of_a_cluster_has_the_whole_analysis(corpus_store: Path) -> None:
    result = tdkt("rotation", CITIES, "--format", "json", store=corpus_store)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    chairs = _chairs(CITIES)
    assert summary["cluster"] == str(iris.cluster(CITIES))
    assert summary["gaps"] == [y for y in summary["years"] if y not in chairs]
    assert str(iris.province("ha-noi")) in summary["never_chaired"]
    assert {c["year"] for c in summary["claims"]} == set(chairs)
    assert str(iris.province("da-nang")) in summary["membership"]["2017"]
