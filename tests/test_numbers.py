"""The document-number grammar: types, "số", typos, dates, issuers and named laws."""

from __future__ import annotations

from datetime import date

import pytest

from tdkt.loaders.articles.numbers import find_documents, find_headers, normalise_number
from tdkt.loaders.document_numbers import type_of_number


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("91/2017NĐ-CP", "91/2017/NĐ-CP"),  # missing slash before the issuer code
        ("34 -CT/TW", "34-CT/TW"),  # stray space before the hyphen
        ("34- CT/TW", "34-CT/TW"),
        ("Quyết định 946/QĐ-UBND", "946/QĐ-UBND"),
        ("Chỉ thị số 34-CT/TW", "34-CT/TW"),
        ("06/2022/QH15", "06/2022/QH15"),
        ("08/2017/TT-BNV", "08/2017/TT-BNV"),
        ("98/2023/NĐ-CP", "98/2023/NĐ-CP"),
        ("1234/QĐ-TTg", "1234/QĐ-TTg"),  # lower-case letters inside a code stay
        ("Kết luận số 83–KL/TW", "83-KL/TW"),  # en dash
        ("Hướng dẫn số 1479/HD-BTĐKT", "1479/HD-BTĐKT"),
        ("Nghị quyết 202/2025/QH15", "202/2025/QH15"),
        ("không có số", None),
    ],
)
def test_normalise_number(raw: str, expected: str | None) -> None:
    assert normalise_number(raw) == expected


def _one(text: str):
    (mention,) = find_documents(text)
    assert text[mention.start : mention.end] == mention.text
    return mention


@pytest.mark.parametrize(
    ("text", "doc_type", "number"),
    [
        ("theo Chỉ thị 41-CT/TW về", "Directive", "41-CT/TW"),
        ("theo Luật số 06/2022/QH15 về", "Law", "06/2022/QH15"),
        ("Nghị định số 98/2023/NĐ-CP quy định", "Decree", "98/2023/NĐ-CP"),
        ("Thông tư 12/2019/TT-BNV quy định", "Circular", "12/2019/TT-BNV"),
        ("Thông tư liên tịch số 01/2015/TTLT-BNV-BTC", "Circular", "01/2015/TTLT-BNV-BTC"),
        ("ban hành Quyết định 946/QĐ-UBND về việc", "Decision", "946/QĐ-UBND"),
        ("thực hiện Nghị quyết số 202/2025/QH15 của", "Resolution", "202/2025/QH15"),
        ("Kết luận số 83-KL/TW của", "Conclusion", "83-KL/TW"),
        ("Hướng dẫn số 1479/HD-BTĐKT về", "Guidance", "1479/HD-BTĐKT"),
        ("Kế hoạch số 12/KH-UBND về", "Plan", "12/KH-UBND"),
        ("quyết định số 5/QĐ-UBND", "Decision", "5/QĐ-UBND"),
    ],
)
def test_each_document_type(text: str, doc_type: str, number: str) -> None:
    mention = _one(text)
    assert (mention.doc_type, mention.number) == (doc_type, number)


def test_number_date_and_issuer_of_a_typo_mention() -> None:
    mention = _one("Tổng kết Chỉ thị số 34 -CT/TW ngày 7.2.2014 của Bộ Chính trị về tiếp tục")
    assert mention.text == "Chỉ thị số 34 -CT/TW ngày 7.2.2014 của Bộ Chính trị"
    assert mention.number_as_written == "34 -CT/TW"
    assert mention.number == "34-CT/TW"
    assert (mention.date_text, mention.date) == ("ngày 7.2.2014", date(2014, 2, 7))
    assert mention.issuer_text == "của Bộ Chính trị"


def test_a_list_of_citations() -> None:
    text = (
        "Chỉ thị 34-CT/TW ngày 07/4/2014 của Bộ Chính trị, Luật Thi đua, Khen thưởng, "
        "Nghị định 91/2017NĐ-CP ngày 31/7/2017 của Chính phủ; Thông tư 08/2017/TT-BNV "
        "ngày 27/10/2017 của Bộ Nội vụ và các quy định"
    )
    found = find_documents(text, offset=10)
    assert [(m.doc_type, m.number, m.date, m.issuer_text, m.name_text) for m in found] == [
        ("Directive", "34-CT/TW", date(2014, 4, 7), "của Bộ Chính trị", None),
        ("Law", None, None, None, "Luật Thi đua, Khen thưởng"),
        ("Decree", "91/2017/NĐ-CP", date(2017, 7, 31), "của Chính phủ", None),
        ("Circular", "08/2017/TT-BNV", date(2017, 10, 27), "của Bộ Nội vụ", None),
    ]
    for mention in found:
        assert text[mention.start - 10 : mention.end - 10] == mention.text


def test_dates_written_in_words() -> None:
    mention = _one("Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định")
    assert mention.date_text == "ngày 31 tháng 12 năm 2023"
    assert mention.date == date(2023, 12, 31)
    assert mention.issuer_text == "của Chính phủ"


def test_named_laws_with_and_without_a_year() -> None:
    with_year = _one(
        "quán triệt Luật Thi đua, khen thưởng năm 2022 (có hiệu lực thi hành từ 1.1.2024)"
    )
    assert with_year.text == "Luật Thi đua, khen thưởng năm 2022"
    assert (with_year.name_text, with_year.year_hint) == ("Luật Thi đua, khen thưởng", 2022)
    without = _one("quy định của Luật Thi đua, khen thưởng và các văn bản hướng dẫn")
    assert (without.name_text, without.year_hint, without.number) == (
        "Luật Thi đua, khen thưởng",
        None,
        None,
    )
    assert _one("theo Luật Cán bộ, công chức.").name_text == "Luật Cán bộ, công chức"


def test_unnumbered_party_resolutions() -> None:
    mention = _one("việc thực hiện Nghị quyết Trung ương 4 khóa XII của Đảng")
    assert (mention.doc_type, mention.name_text) == (
        "Resolution",
        "Nghị quyết Trung ương 4 khóa XII",
    )
    assert mention.number is None


@pytest.mark.parametrize(
    "text",
    [
        "kế hoạch 5 năm (2021 - 2025)",
        "Kế hoạch tổ chức các phong trào thi đua",
        "các tiêu chuẩn quy định của Luật và các văn bản hướng dẫn thi hành",
        "quyết định 3 tháng sau",
        "hướng dẫn cho các địa phương",
    ],
)
def test_ordinary_words_are_not_documents(text: str) -> None:
    assert find_documents(text) == []


def test_a_bare_number_needs_an_issuer_or_a_date() -> None:
    mention = _one("Chỉ thị 34 của Bộ Chính trị về thi đua")
    assert (mention.number, mention.issuer_text) == ("34", "của Bộ Chính trị")


def test_documents_in_real_articles(corpus_dir) -> None:
    numbers = {}
    for name in (
        "001_a8b3c08234c141ac.txt",
        "002_6a2b356a64c4720c.txt",
        "004_21de7a43f13c924f.txt",
    ):
        text = (corpus_dir / name).read_text(encoding="utf-8")
        for mention in find_documents(text):
            assert text[mention.start : mention.end] == mention.text
            numbers.setdefault(name[:3], []).append(mention.number or mention.name_text)
    assert numbers["001"] == ["Luật Thi đua, khen thưởng", "34-CT/TW"]
    assert numbers["002"][:5] == [
        "Luật Thi đua, khen thưởng",
        "34-CT/TW",
        "Luật Thi đua, Khen thưởng",
        "91/2017/NĐ-CP",
        "08/2017/TT-BNV",
    ]
    assert "Nghị quyết Trung ương 4 khóa XII" in numbers["002"]
    assert "946/QĐ-UBND" in numbers["004"]


@pytest.mark.parametrize(
    ("raw", "expected", "doc_type"),
    [
        ("512/QD-UBND", "512/QĐ-UBND", "Decision"),  # typed without Đ
        ("1403/QĐ-TTG", "1403/QĐ-TTg", "Decision"),  # in capitals
        ("22/TTR-SNV", "22/TTr-SNV", "Submission"),
        ("37/2019/ND-CP", "37/2019/NĐ-CP", "Decree"),
        ("8/ÐK-BTDKT", "8/ĐK-BTĐKT", "OfficialLetter"),  # Icelandic Ð for Đ; ĐK is no type code
        ("19/TTr-UBND", "19/TTr-UBND", "Submission"),
        ("7-TB/TU", "7-TB/TU", "Notice"),
        ("56/TB-CTĐ", "56/TB-CTĐ", "Notice"),
        ("640/SNV-TĐKT", "640/SNV-TĐKT", "OfficialLetter"),
        ("15-CV/HU", "15-CV/HU", "OfficialLetter"),
        ("3/KH-CTĐ5", "3/KH-CTĐ5", "Plan"),
        ("21/2024/QH15", "21/2024/QH15", None),  # a law or a resolution: the word decides
    ],
)
def test_number_codes_state_the_type(raw: str, expected: str, doc_type: str | None) -> None:
    number = normalise_number(raw)
    assert (number, type_of_number(number)) == (expected, doc_type)


@pytest.mark.parametrize(
    ("text", "doc_type", "number"),
    [
        ("gửi Tờ trình số 19/TTr-UBND lên", "Submission", "19/TTr-UBND"),
        ("theo Thông báo số 56/TB-CTĐ về", "Notice", "56/TB-CTĐ"),
        ("Công văn số 56/TB-CTĐ về", "Notice", "56/TB-CTĐ"),  # the code, not the word
        ("Công văn số 640/SNV-TĐKT ngày", "OfficialLetter", "640/SNV-TĐKT"),
        ("căn cứ văn bản số 77/BTĐKT-V về", "OfficialLetter", "77/BTĐKT-V"),
        ("Nghị quyết số 21/2024/QH15 về", "Resolution", "21/2024/QH15"),
        ("Quyết định số 17/UBND-NC về", None, "17/UBND-NC"),  # word and number disagree
    ],
)
def test_new_document_words(text: str, doc_type: str | None, number: str) -> None:
    mention = _one(text)
    assert (mention.doc_type, mention.number) == (doc_type, number)


@pytest.mark.parametrize(
    ("text", "number", "doc_type", "day"),
    [
        (
            "Số: 12/QĐ-UBND\n\nHà Giang, ngày 3 tháng 4 năm 2019\n",
            "12/QĐ-UBND",
            "Decision",
            date(2019, 4, 3),
        ),
        (
            "Số: 9/KH-UBND | Sơn La, ngày 05 tháng 8 năm 2021 |",
            "9/KH-UBND",
            "Plan",
            date(2021, 8, 5),
        ),
        (
            "Số hiệu: | 21/2024/QH15 | Loại văn bản: | Nghị quyết |\nNgày ban hành: | 01/02/2024 |",
            "21/2024/QH15",
            "Resolution",
            date(2024, 2, 1),
        ),
    ],
)
def test_header_numbers(text: str, number: str, doc_type: str, day: date) -> None:
    (mention,) = find_headers(text)
    assert (mention.number, mention.doc_type, mention.date) == (number, doc_type, day)


def test_a_header_line_needs_a_known_kind() -> None:
    assert find_headers("Số hiệu: | 21/2024/QH15 |\n") == []  # law or resolution: unknown
    assert find_headers("Tổng số: 12 tập thể") == []


@pytest.mark.parametrize(
    ("text", "name", "year"),
    [
        ("theo Luật Thi đua, khen thưởng 2022, các", "Luật Thi đua, khen thưởng", 2022),
        ("theo Luật Thi đua, khen thưởng năm 2003 và", "Luật Thi đua, khen thưởng", 2003),
        (
            "Luật Ban hành văn bản quy phạm pháp luật 2015 quy định",
            "Luật Ban hành văn bản quy phạm pháp luật",
            2015,
        ),
    ],
)
def test_a_law_named_with_a_bare_year(text: str, name: str, year: int) -> None:
    mention = _one(text)
    assert (mention.name_text, mention.year_hint) == (name, year)
