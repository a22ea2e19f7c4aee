"""The fact layer on articles written for the tests: other clusters, provinces, years, date
styles and formats than the five seeds, each with a hand-written answer key. If the rules only
fitted the seeds, these would fail."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from answer_keys import differences, evidence_in, project

from tdkt.loaders.articles import extract, facts_to_graph, load_corpus

KEYS = [f"answer_keys.paraphrase_p{n}" for n in range(1, 9)]


@pytest.fixture(scope="module")
def paraphrase_dir(fixtures_dir: Path) -> Path:
    return fixtures_dir / "articles" / "paraphrase"


@pytest.fixture(scope="module")
def loaded(paraphrase_dir: Path):
    result = load_corpus([paraphrase_dir])
    assert result.skipped == []
    return {f.article.path.name: f for f in result.facts}


def test_every_fixture_has_a_key(paraphrase_dir: Path) -> None:
    files = sorted(p.name for p in paraphrase_dir.iterdir())
    assert files == sorted(importlib.import_module(k).FILE for k in KEYS)


@pytest.mark.parametrize("module", KEYS)
def test_facts_match_answer_key(loaded, module: str) -> None:
    key = importlib.import_module(module)
    assert differences(project(loaded[key.FILE]), key.EXPECTED) == []


@pytest.mark.parametrize("module", KEYS)
def test_quotes_round_trip(loaded, module: str) -> None:
    facts = loaded[importlib.import_module(module).FILE]
    found = evidence_in(facts)
    assert found
    for ev in found:
        assert facts.article.text[ev.start : ev.end] == ev.quote


def test_homonyms_across_articles_are_two_people(paraphrase_dir: Path, loaded) -> None:
    """One name, posts in Hải Phòng (p3) and Quảng Trị (p4): two keys in a corpus; alone, an
    article has no homonym and keeps the bare key."""
    keys = {o.key for f in loaded.values() for o in f.officials if o.name == "Nguyễn Văn Hùng"}
    assert keys == {"nguyen-van-hung-hai-phong", "nguyen-van-hung-quang-tri"}
    alone = extract(paraphrase_dir / "p3_thanh_pho_2018.txt")
    assert "nguyen-van-hung" in {o.key for o in alone.officials}
    graph = facts_to_graph(loaded["p4_bac_trung_bo_2023.txt"]).graph
    assert any("nguyen-van-hung-quang-tri" in str(s) for s in graph.subjects())


def test_homonyms_in_one_article(tmp_path: Path) -> None:
    path = tmp_path / "homonyms.txt"
    path.write_text(
        "Hai tỉnh ký kết giao ước thi đua năm 2022\n\n10/03/2022\n\n"
        "Sáng 9/3, tại tỉnh Nam Định, hai tỉnh tổ chức Hội nghị ký kết giao ước thi đua năm "
        "2022. Dự Hội nghị có các đồng chí: Trần Văn Nam, Chủ tịch UBND tỉnh Nam Định; Trần "
        "Văn Nam, Phó Chủ tịch UBND tỉnh Ninh Bình.\n",
        encoding="utf-8",
    )
    facts = extract(path)
    assert {(o.key, o.province.key) for o in facts.officials} == {
        ("tran-van-nam-nam-dinh", "nam-dinh"),
        ("tran-van-nam-ninh-binh", "ninh-binh"),
    }
    (event,) = facts.events
    assert set(event.attended_by) == {"tran-van-nam-nam-dinh", "tran-van-nam-ninh-binh"}


def test_one_person_across_corpus_and_fixtures(corpus_dir: Path, paraphrase_dir: Path) -> None:
    """ "Đặng", "Đăng" and "Dang" Thị Ngọc Thịnh, national posts only: one key everywhere."""
    result = load_corpus([corpus_dir, paraphrase_dir])
    where = sorted(
        f.article.path.name
        for f in result.facts
        for o in f.officials
        if o.key == "dang-thi-ngoc-thinh"
    )
    assert where == [
        "002_6a2b356a64c4720c.txt",
        "003_f5499bc3bc7e4f1f.txt",
        "p3_thanh_pho_2018.txt",
    ]
