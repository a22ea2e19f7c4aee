"""The article's own date and headline, by class of page layout (sentences written for the tests).

Bylines with a date, a document's place-and-date line, metadata stamps, crawl stamps that must
be refused, headlines that are not captions, menu lines or list introductions, and the
letterhead of an official document.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from tdkt.loaders.articles.boilerplate import date_line, is_chrome, metadata_stamp
from tdkt.loaders.articles.reader import Article, parse_article


def _read(text: str) -> Article:
    return parse_article(text.encode("utf-8"), Path("trang.txt"))


BODY = (
    "Sáng nay, tại hội trường tỉnh, các đại biểu đã thảo luận về kết quả phong trào thi đua "
    "của năm qua và thống nhất phương hướng cho thời gian tới."
)


# ------------------------------------------------------------------ date lines


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Thu HàThu Hà14/08/2021", date(2021, 8, 14)),  # a byline glued to its date
        ("Minh Quân - 08:15 02/09/2019", datetime(2019, 9, 2, 8, 15)),
        ("Lê Văn Bình | 17/11/2020", date(2020, 11, 17)),
        ("Đà Nẵng, ngày 03 tháng 02 năm 2017", date(2017, 2, 3)),
        ("Cần Thơ, ngày 5 tháng 9 năm 2011", date(2011, 9, 5)),
        ("Số: 45/QĐ-UBND | Vinh, ngày 12 tháng 3 năm 2014 |", date(2014, 3, 12)),
        ("Cập nhật: 30-04-2012 | 07:45:10", datetime(2012, 4, 30, 7, 45)),
    ],
)
def test_bylines_and_place_lines_date_the_page(line: str, expected: date) -> None:
    assert date_line(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Hội nghị ngày 14/08/2021",  # a headline about a day, not a date line
        "Ngày 14-8-2021, các tỉnh ký kết giao ước",
        "1 | Quyết định số 12/QĐ-UBND | 14/08/2021 |",  # a table of documents in the body
        "Năm 2021",
    ],
)
def test_body_lines_do_not_date_the_page(line: str) -> None:
    assert date_line(line) is None


@pytest.mark.parametrize(
    ("line", "stamp", "rest"),
    [
        ("date 2019-05 Hội nghị tổng kết", (2019, 5, None), "Hội nghị tổng kết"),
        ("published 2021-11-03 Ký kết giao ước", (2021, 11, 3), "Ký kết giao ước"),
        ("Ngày đăng: 2018-01-20", (2018, 1, 20), ""),
    ],
)
def test_metadata_stamps(line: str, stamp: tuple, rest: str) -> None:
    found = metadata_stamp(line)
    assert found is not None and found[:3] == stamp
    assert line[found[3] :] == rest


def test_a_month_stamp_is_a_reference_not_a_publication_date() -> None:
    article = _read(f"date 2019-05 Các tỉnh tổng kết phong trào thi đua\n\n{BODY}\n")
    assert article.published is None
    assert article.published_month == date(2019, 5, 1)
    assert article.reference == date(2019, 5, 31)
    assert article.title == "Các tỉnh tổng kết phong trào thi đua"


def test_a_day_stamp_opening_the_headline_line() -> None:
    article = _read(f"published 2021-11-03 Ký kết giao ước thi đua năm 2022\n\n{BODY}\n")
    assert article.published == date(2021, 11, 3)
    assert article.title == "Ký kết giao ước thi đua năm 2022"


@pytest.mark.parametrize("weekday", ["Thứ ba,", "Chủ nhật", "Thứ 6 -"])
def test_a_weekday_stamp_years_after_the_story_is_a_crawl_stamp(weekday: str) -> None:
    story = (
        "Ngày 10/1/2011, các huyện trong cụm tổ chức hội nghị tổng kết công tác năm 2010 "
        "và ký giao ước thi đua năm 2011."
    )
    article = _read(f"{weekday} 14/06/2022\n\nCác huyện tổng kết thi đua\n\n{story}\n")
    assert article.published is None


def test_a_weekday_stamp_of_the_story_year_is_kept() -> None:
    story = "Ngày 10/6/2022, các tỉnh tổ chức hội nghị sơ kết 6 tháng đầu năm 2022."
    article = _read(f"Thứ ba, 14/06/2022\n\nCác tỉnh sơ kết thi đua\n\n{story}\n")
    assert article.published == date(2022, 6, 14)


# ------------------------------------------------------------------ chrome


@pytest.mark.parametrize(
    "line",
    [
        "URL: https://example.vn/tin-tuc/bai-viet-123.html",
        "https://baomau.vn/thi-dua",
        "Baomau.vn - Tin tức tổng hợp mỗi ngày",
        "Theo dõi Báo Mẫu trên",
        "Theo dõi Tạp chí Thi đua trên Google News",
        "Google News",
        "Đang tải nội dung, vui lòng chờ giây lát...",
    ],
)
def test_page_widgets_and_addresses_are_chrome(line: str) -> None:
    assert is_chrome(line)


def test_a_lead_naming_its_portal_is_content() -> None:
    assert not is_chrome("(Baomau.vn) - Chiều 4/7, tại thành phố, các tỉnh ký kết giao ước.")


# ------------------------------------------------------------------ headlines


@pytest.mark.parametrize(
    "first_lines",
    [
        # a caption, then the body
        "Lãnh đạo tỉnh phát biểu tại hội nghị (Ảnh: Thanh Hà)\n\n" + BODY,
        "Toàn cảnh hội nghị sáng 3/4. Ảnh: Minh Trí\n\n" + BODY,
        # a sentence introducing a list
        "Theo đó, hội nghị thống nhất đề nghị khen thưởng cho các tập thể sau đây:\n\n" + BODY,
        # a parenthesised note and a list of officials ending with an ellipsis
        "(Cụm thi đua các tỉnh miền Trung)\n\n" + BODY,
        "Về phía tỉnh có các đồng chí: Trần Văn A - Bí thư; Lê Thị B - Chủ tịch;…\n\n" + BODY,
        # the text starts in its body: two sentences, then a short line that is no headline
        BODY + "\n\n" + BODY + "\n\nKết quả thi đua của các tỉnh trong cụm",
    ],
)
def test_no_caption_list_line_or_body_line_is_a_headline(first_lines: str) -> None:
    assert _read(first_lines + "\n").title is None


def test_a_lead_before_the_headline_does_not_hide_it() -> None:
    article = _read(f"{BODY}\n\nTỉnh tổ chức Đại hội thi đua yêu nước lần thứ V\n\n{BODY}\n")
    assert article.title == "Tỉnh tổ chức Đại hội thi đua yêu nước lần thứ V"


# ------------------------------------------------------------------ official documents

DECISION = """Trang văn bản pháp luật
ỦY BAN NHÂN DÂN
TỈNH MẪU SƠN
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Số: 217/QĐ-UBND

Mẫu Sơn, ngày 14 tháng 3 năm 2019

QUYẾT ĐỊNH

VỀ VIỆC TẶNG CỜ THI ĐUA CHO CÁC TẬP THỂ DẪN ĐẦU CỤM, KHỐI THI ĐUA

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH

Căn cứ Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003;
"""

TABLE_PLAN = """ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
Số: 58/KH-UBND | Hòa Lạc, ngày 2 tháng 8 năm 2021 |
KẾ HOẠCH
TỔ CHỨC PHONG TRÀO THI ĐUA CHÀO MỪNG NGÀY TRUYỀN THỐNG CỦA TỈNH
Thực hiện chỉ đạo của Tỉnh ủy, Ủy ban nhân dân tỉnh ban hành kế hoạch như sau:
"""

SUBJECT_ONLY = """CHÍNH PHỦ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
Số: 77/2018/NĐ-CP | Hà Nội, ngày 30 tháng 5 năm 2018 |
Về việc sửa đổi quy định khen thưởng
Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;
"""


@pytest.mark.parametrize(
    ("text", "number", "issued", "doc_type", "title"),
    [
        (
            DECISION,
            "217/QĐ-UBND",
            date(2019, 3, 14),
            "Decision",
            "VỀ VIỆC TẶNG CỜ THI ĐUA CHO CÁC TẬP THỂ DẪN ĐẦU CỤM, KHỐI THI ĐUA",
        ),
        (
            TABLE_PLAN,
            "58/KH-UBND",
            date(2021, 8, 2),
            "Plan",
            "TỔ CHỨC PHONG TRÀO THI ĐUA CHÀO MỪNG NGÀY TRUYỀN THỐNG CỦA TỈNH",
        ),
        (
            SUBJECT_ONLY,
            "77/2018/NĐ-CP",
            date(2018, 5, 30),
            None,
            "Về việc sửa đổi quy định khen thưởng",
        ),
    ],
)
def test_a_documents_letterhead(
    text: str, number: str, issued: date, doc_type: str | None, title: str
) -> None:
    article = _read(text)
    head = article.letterhead
    assert head is not None
    assert (head.number, head.issued, head.doc_type) == (number, issued, doc_type)
    assert article.published == issued
    assert article.title == title
    quote = article.text[head.start : head.end]
    assert quote.startswith("Số:") and str(issued.year) in quote


def test_a_news_article_citing_a_number_has_no_letterhead() -> None:
    text = (
        "Các tỉnh ký kết giao ước thi đua\n\n"
        "Số: 12/KH-UBND là kế hoạch của tỉnh về phong trào thi đua năm nay.\n\n" + BODY + "\n"
    )
    assert _read(text).letterhead is None
