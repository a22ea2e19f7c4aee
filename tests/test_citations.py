"""Citations of texts the tables do not hold: typed by their number's code, dated as the
source states, a legal text's own header number, and laws named with a year or a date
(sentences written for the tests)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tdkt.build import validate_graphs
from tdkt.loaders.articles.corpus import extract_article
from tdkt.loaders.articles.reader import parse_article
from tdkt.loaders.articles.to_rdf import facts_to_graph
from tdkt.loaders.gazetteer import Gazetteer
from tdkt.loaders.tables import load_tables


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def _facts(text: str, gazetteer: Gazetteer):
    return extract_article(parse_article(text.encode(), Path("van-ban.txt")), gazetteer)


def _cited(text: str, gazetteer: Gazetteer) -> list[tuple[str | None, str | None, str | None]]:
    return [
        (c.number, c.document_type, c.stated_date.isoformat() if c.stated_date else None)
        for c in _facts(text, gazetteer).citations
    ]


NEWS = "Tin thi đua\n\nNgày 02/3/2021, Sở Nội vụ tỉnh Phú Thọ họp bàn công tác khen thưởng.\n\n"


CLOSE = "Hội nghị kết thúc lúc 11 giờ cùng ngày.\n"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Sở đã có Tờ trình số 45/TTr-SNV ngày 10/02/2021 đề nghị khen thưởng.",
            [("45/TTr-SNV", "Submission", "2021-02-10")],
        ),
        # the code decides: a "công văn" numbered …/TB-… is a notice
        (
            "Theo Công văn số 88/TB-CTĐ ngày 5/01/2021 của Cụm thi đua, hội nghị được tổ chức.",
            [("88/TB-CTĐ", "Notice", "2021-01-05")],
        ),
        # no type code: a letter
        (
            "Căn cứ văn bản số 312/BTĐKT-VI ngày 20 tháng 12 năm 2020 của Ban Thi đua.",
            [("312/BTĐKT-VI", "OfficialLetter", "2020-12-20")],
        ),
        (
            "Thực hiện Kế hoạch số 19/KH-CTĐ3 của Cụm thi đua số 3, các tỉnh triển khai.",
            [("19/KH-CTĐ3", "Plan", None)],
        ),
        # written without a Vietnamese keyboard: one spelling
        (
            "Theo Quyết định số 2211/QD-TTg, năm nay tỉnh được khen thưởng.",
            [("2211/QĐ-TTg", "Decision", None)],
        ),
        # a bare number, or a decision word on a letter's number: not an identifiable text
        ("Theo Quyết định số 17 của UBND tỉnh, hội nghị diễn ra.", []),
        ("Theo Quyết định số 17/UBND-NC của UBND tỉnh, hội nghị diễn ra.", []),
    ],
)
def test_documents_typed_by_their_number(sentence: str, expected, gazetteer) -> None:
    assert _cited(NEWS + sentence + "\n\n" + CLOSE, gazetteer) == expected


def test_a_legal_text_cites_its_own_header_number(gazetteer) -> None:
    text = (
        "ỦY BAN NHÂN DÂN TỈNH X\n\nSố: 77/QĐ-UBND\n\nPhú Thọ, ngày 14 tháng 01 năm 2022\n\n"
        "QUYẾT ĐỊNH\n\nVề việc tặng Bằng khen\n\n"
        "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003;\n\n"
        "Điều 1. Tặng Bằng khen cho 4 tập thể.\n"
    )
    cited = {(c.document_key, c.document_type) for c in _facts(text, gazetteer).citations}
    assert cited == {("77-qd-ubnd", "Decision"), ("15-2003-qh11", "Law")}
    (own,) = [c for c in _facts(text, gazetteer).citations if c.number == "77/QĐ-UBND"]
    assert own.stated_date.isoformat() == "2022-01-14"


def test_a_database_metadata_line_gives_number_and_type(gazetteer) -> None:
    text = (
        "Luật Thi đua, khen thưởng 2022: Điều khoản chung\n\n"
        "Số hiệu: | 06/2022/QH15 | Loại văn bản: | Luật |\n\n"
        "Ngày ban hành: | 15/06/2022 | Ngày hiệu lực: | 01/01/2024 |\n\n"
        "Điều 1. Phạm vi điều chỉnh của văn bản này.\n"
    )
    keys = [c.document_key for c in _facts(text, gazetteer).citations]
    assert "06-2022-qh15" in keys


@pytest.mark.parametrize(
    ("body", "key"),
    [
        # a bare year after the name, in a text with no date of its own
        ("Theo Luật Thi đua, khen thưởng 2022, danh hiệu được xét hằng năm.", "06-2022-qh15"),
        ("Quy định tại Luật Thi đua, Khen thưởng năm 2003 vẫn được áp dụng.", "15-2003-qh11"),
        # a stated date picks the law passed that day, whatever the article's date
        (
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022; căn cứ các quy định "
            "khác của Luật Thi đua, khen thưởng.",
            "06-2022-qh15",
        ),
    ],
)
def test_laws_named_with_a_year_or_a_date(body: str, key: str, gazetteer) -> None:
    text = f"Văn bản\n\n{body}\n\n{CLOSE}"
    keys = {c.document_key for c in _facts(text, gazetteer).citations}
    assert keys == {key}


def test_documents_not_in_the_tables_validate(gazetteer) -> None:
    text = NEWS + (
        "Thực hiện Kế hoạch số 5/KH-CTĐ ngày 1/02/2021 và Công văn số 9/TB-CTĐ, Sở đã có Tờ "
        "trình số 45/TTr-SNV và văn bản số 312/BTĐKT-VI gửi Ban Thi đua.\n"
    )
    article = facts_to_graph(_facts(text, gazetteer))
    report = validate_graphs([*load_tables(), article])
    assert [f for f in report.findings if f.severity == "Violation"] == []
    assert len(_facts(text, gazetteer).citations) == 4
