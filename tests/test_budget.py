"""The time budget per article (issue 7): a runaway article is stopped, named and skipped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tdkt.errors import InputError
from tdkt.extraction import Job, extract_one
from tdkt.loaders.articles import corpus
from tdkt.loaders.articles.budget import within_budget

BACKTRACKING = re.compile(r"(a+)+$")  # exponential on "aaa…ab": a stand-in for a bad rule


def runaway(article, gazetteer):
    BACKTRACKING.match("a" * 60 + "b")


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, "utf-8")
    return path


def test_a_runaway_regex_is_stopped_with_an_error_naming_the_file(tmp_path):
    with pytest.raises(InputError) as caught, within_budget(tmp_path / "x.txt", seconds=0.2):
        BACKTRACKING.match("a" * 60 + "b")
    assert str(caught.value) == (
        f"{tmp_path / 'x.txt'}: reading took longer than 0.2 s, the limit per article "
        "(TDKT_ARTICLE_SECONDS); skipped"
    )


def test_the_corpus_skips_the_slow_article_and_loads_the_rest(tmp_path, monkeypatch):
    write(tmp_path, "a.txt", "Hội nghị tổng kết Cụm thi đua năm 2024 diễn ra ngày 2/3/2024.")
    write(tmp_path, "b.txt", "Một bài viết khác về thi đua, khen thưởng năm 2023.")
    real = corpus._run_rules

    def rules(article, gazetteer):
        return (runaway if article.path.name == "a.txt" else real)(article, gazetteer)

    monkeypatch.setenv("TDKT_ARTICLE_SECONDS", "0.3")
    monkeypatch.setattr(corpus, "_run_rules", rules)
    result = corpus.load_corpus([tmp_path])
    assert [s.path.name for s in result.skipped] == ["a.txt"]
    assert "longer than 0.3 s" in result.skipped[0].reason
    assert [f.article.path.name for f in result.facts] == ["b.txt"]


def test_the_build_path_skips_it_too(tmp_path, monkeypatch):
    path = write(tmp_path, "a.txt", "Hội nghị tổng kết Cụm thi đua năm 2024.")
    monkeypatch.setenv("TDKT_ARTICLE_SECONDS", "0.3")
    monkeypatch.setattr(corpus, "_run_rules", runaway)
    result = extract_one(Job(path))
    assert result.skipped is not None and "longer than 0.3 s" in result.skipped


def test_a_bad_setting_is_one_error(monkeypatch, tmp_path):
    monkeypatch.setenv("TDKT_ARTICLE_SECONDS", "soon")
    expected = "TDKT_ARTICLE_SECONDS: 'soon': expected seconds"
    with pytest.raises(InputError, match=expected), within_budget(tmp_path / "x.txt"):
        pass
