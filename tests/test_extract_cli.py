"""`tdkt extract` on several files and with --explain (articles written for the tests)."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import tdkt

from tdkt.loaders.articles import extract
from tdkt.loaders.articles.explain import unread

REVIEW = """Cụm thi đua các tỉnh Tây Nam Bộ tổng kết năm 2022

Ngày 14/3/2023, tại tỉnh Cà Mau, Cụm thi đua các tỉnh Tây Nam Bộ tổ chức hội nghị tổng kết \
công tác thi đua năm 2022.

Hội nghị thống nhất suy tôn UBND tỉnh Cà Mau làm Cụm trưởng năm 2023.

Ban tổ chức cho biết đơn vị đứng đầu cụm đảm nhận vai trò cụm trưởng theo quy chế.

Thực hiện Kế hoạch số 45/KH-CTĐ của cụm, các tỉnh đã hoàn thành chỉ tiêu.
"""


UNREAD_NUMBER = "\nCác tỉnh gửi báo cáo theo mẫu 12/BC-CTĐ trước ngày cuối tháng.\n"


def _write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_a_bad_file_is_reported_and_skipped_the_good_ones_printed(tmp_path: Path) -> None:
    good = _write(tmp_path, "tot.txt", REVIEW)
    empty = _write(tmp_path, "rong.txt", "   \n")
    binary = _write(tmp_path, "nhi-phan.txt", b"\x00\x01\x02")
    result = tdkt("extract", str(good), str(empty), str(binary), "--format", "json")
    assert result.exit_code == 1
    documents = json.loads(result.stdout)
    assert [d["path"] for d in documents] == [str(good)]
    assert f"skipped {empty}" in result.stderr and f"skipped {binary}" in result.stderr
    assert "Traceback" not in result.output


def test_json_is_a_list_even_for_one_file(tmp_path: Path) -> None:
    result = tdkt("extract", str(_write(tmp_path, "tot.txt", REVIEW)), "--format", "json")
    assert result.exit_code == 0
    (document,) = json.loads(result.stdout)
    assert document["events"][0]["date"] == "2023-03-14"


def test_no_readable_file_is_a_usage_error(tmp_path: Path) -> None:
    result = tdkt("extract", str(tmp_path / "khong-co.txt"))
    assert result.exit_code == 2 and result.stdout == ""


def test_explain_lists_the_sentences_with_a_cue_and_no_fact(tmp_path: Path) -> None:
    path = _write(tmp_path, "tot.txt", REVIEW + UNREAD_NUMBER)
    found = {(u.family, u.text.split()[0]) for u in unread(extract(path))}
    # the elected chair and the cited plan were read; a bare role word and a number that no
    # rule reads are listed
    assert found == {("cluster role", "Ban"), ("document number", "Các")}
    text = tdkt("extract", str(path), "--explain")
    assert text.exit_code == 0
    assert "Not read (2 sentence(s)" in text.stdout and "vai trò cụm trưởng" in text.stdout
    (document,) = json.loads(tdkt("extract", str(path), "--explain", "--format", "json").stdout)
    article = path.read_text(encoding="utf-8")
    for u in document["unread"]:
        assert article[u["start"] : u["end"]].strip() == u["text"]
    assert {u["family"] for u in document["unread"]} == {"cluster role", "document number"}


def test_an_article_read_in_full_has_nothing_unread(tmp_path: Path) -> None:
    text = REVIEW.replace(
        "Ban tổ chức cho biết đơn vị đứng đầu cụm đảm nhận vai trò cụm trưởng theo quy chế.", ""
    )
    assert unread(extract(_write(tmp_path, "du.txt", text))) == []


def test_build_sums_up_what_explain_lists(tmp_path: Path) -> None:
    """The build's summary line counts the sentences `extract --explain` lists, per article."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    read_in_vain = _write(corpus, "review.txt", REVIEW + UNREAD_NUMBER)
    _write(corpus, "plain.txt", "Tin vắn\n\nTrời hôm nay nắng đẹp ở khắp các tỉnh.\n")
    expected = len(unread(extract(read_in_vain)))
    assert expected >= 1
    built = tdkt("build", "--corpus", str(corpus), store=tmp_path / "kg")
    assert f"Unread: {expected} sentence(s) in 1 article(s)" in built.output, built.output
