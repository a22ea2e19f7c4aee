"""End to end: what the reference table and the articles say about cluster chairs comes out of
``chair-rotation``, each claim with its own status and source."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from conftest import DATA

from tdkt import catalogue, iris
from tdkt.store.embedded import EmbeddedStore
from tdkt.text import match_key

ROLES = {"Cụm trưởng": "ClusterChair", "Cụm phó": "ClusterViceChair"}


@pytest.fixture(scope="module")
def rotation(corpus_store: Path) -> list[dict[str, str]]:
    store = EmbeddedStore(corpus_store)
    result = catalogue.run(store, catalogue.named("chair-rotation"))
    store.close()
    return [
        {var: str(value) for var, value in zip(result.variables, row, strict=True) if value}
        for row in result.rows
    ]


def _role(cell: str) -> str:
    return next(
        term for words, term in ROLES.items() if match_key(cell).startswith(match_key(words))
    )


def test_every_chair_row_of_the_reference_table_is_listed_with_its_sources(rotation) -> None:
    with (DATA / "cluster_chairs.csv").open(encoding="utf-8") as table:
        rows = list(csv.DictReader(table))
    assert rows
    for row in rows:
        wanted = {
            "cluster": str(iris.cluster(row["cluster"])),
            "year": row["year"],
            "role": str(iris.TDKT[_role(row["role"])]),
            "province": str(iris.province(row["province"])),
            "status": str(iris.TDKT.Stated),
        }
        listed = [r for r in rotation if all(r.get(k) == v for k, v in wanted.items())]
        assert len(listed) == 1, (row, listed)
        sources = set(listed[0]["source"].split(" ; "))
        assert sources == {s.strip() for s in row["source"].split(" ; ")}


def test_the_articles_chair_history_is_listed_with_status(rotation) -> None:
    by_article = {
        (r["cluster"].rsplit("/", 1)[1], r["year"], r["role"].rsplit("#", 1)[1],
         r["province"].rsplit("/", 1)[1], r["status"].rsplit("#", 1)[1])
        for r in rotation
        if "/id/source/" in r["source"]
    }  # fmt: skip
    assert by_article == {
        ("trung-du-mien-nui-phia-bac", "2022", "ClusterChair", "bac-giang", "Stated"),
        ("trung-du-mien-nui-phia-bac", "2017", "ClusterChair", "tuyen-quang", "Assigned"),
        ("trung-du-mien-nui-phia-bac", "2017", "ClusterViceChair", "hoa-binh", "Assigned"),
        ("tay-nguyen-duyen-hai-mien-trung", "2023", "ClusterChair", "binh-dinh", "Stated"),
        ("tay-nguyen-duyen-hai-mien-trung", "2023", "ClusterViceChair", "lam-dong", "Stated"),
        ("tay-nguyen-duyen-hai-mien-trung", "2024", "ClusterChair", "lam-dong", "Proposed"),
        ("tay-nguyen-duyen-hai-mien-trung", "2024", "ClusterViceChair", "phu-yen", "Proposed"),
        ("dong-bang-song-hong", "2018", "ClusterChair", "ha-nam", "Stated"),
    }
