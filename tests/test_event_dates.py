"""The event a text reports and its date, by class of wording (sentences written for the tests).

Day-month dates without a year read against the article's date or, without one, against what
the meeting reviews; dates of cited documents are never the event's; council meetings,
congresses, award ceremonies and issued documents are events; an undated event is kept and
says so in the graph.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.namespace import XSD

from tdkt.iris import SCHEMA, TDKT
from tdkt.loaders.articles import facts_to_graph
from tdkt.loaders.articles.dates import find_dates, find_day_months, find_months
from tdkt.loaders.articles.facts import (
    ANNUAL,
    CEREMONY,
    CONGRESS,
    COUNCIL,
    COVENANT,
    DATE_NOT_STATED,
    ISSUANCE,
    MID_YEAR,
    YEAR_INFERRED,
    ArticleFacts,
)
from tdkt.loaders.articles.reader import parse_article
from tdkt.loaders.articles.rules import events
from tdkt.loaders.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def _facts(text: str, gazetteer: Gazetteer) -> ArticleFacts:
    """The article and its event only: the events rule on its own, as the pipeline runs it."""
    article = parse_article(text.encode("utf-8"), Path("bai.txt"))
    found = events.extract(article, events.setting(article, gazetteer), gazetteer)
    return ArticleFacts(article=article, events=tuple(found))


def _event(text: str, gazetteer: Gazetteer):
    events = _facts(text, gazetteer).events
    assert len(events) == 1, events
    return events[0]


# ------------------------------------------------------------------ day and month


@pytest.mark.parametrize(
    ("text", "day", "month"),
    [
        ("Sáng 14-4, tại tỉnh", 14, 4),
        ("chiều 2.11 vừa qua", 2, 11),
        ("Trong hai ngày 28 - 29/7, hội nghị", 28, 7),
        ("Tối 9/3, lễ trao", 9, 3),
        ("ngày 17 tháng 10, các tỉnh", 17, 10),
    ],
)
def test_day_months_without_a_year(text: str, day: int, month: int) -> None:
    (found,) = find_day_months(text)
    assert (found.day, found.month) == (day, month)


@pytest.mark.parametrize(
    "text", ["từ 3-5 ngày", "sau 2-3 năm", "khoảng 4.5 tỷ đồng", "hạng 1-2", "tỷ lệ 3/4 số xã"]
)
def test_counts_and_fractions_are_not_days(text: str) -> None:
    assert find_day_months(text) == []


def test_a_day_range_before_a_full_date_starts_on_its_first_day() -> None:
    (found,) = find_dates("Trong 2 ngày 11 - 12/5/2022, các đoàn kiểm tra", None)
    assert found.value == date(2022, 5, 11)


# ------------------------------------------------------------------ year of a meeting


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # an annual review of N: early in N + 1, or in December of N
        (
            "Sáng 14-3, Cụm thi đua các tỉnh miền núi tổ chức hội nghị tổng kết công tác "
            "thi đua năm 2018.",
            date(2019, 3, 14),
        ),
        (
            "Ngày 8/12, các tỉnh trong Cụm tổ chức hội nghị tổng kết phong trào thi đua năm "
            "2020 và triển khai nhiệm vụ năm 2021.",
            date(2020, 12, 8),
        ),
        # a review of the first half of N: in N
        (
            "Chiều 21/7, Cụm thi đua tổ chức hội nghị sơ kết 6 tháng đầu năm 2017.",
            date(2017, 7, 21),
        ),
        # a covenant for N: early in N
        (
            "Sáng 9-2, các tỉnh trong cụm tổ chức lễ ký kết giao ước thi đua năm 2016.",
            date(2016, 2, 9),
        ),
        # a council considering awards for the year N: early in N + 1
        (
            "Chiều 25-2, Hội đồng Thi đua - Khen thưởng tỉnh họp xét khen thưởng năm 2021.",
            date(2022, 2, 25),
        ),
    ],
)
def test_a_meetings_year_follows_what_it_reviews(
    sentence: str, expected: date, gazetteer: Gazetteer
) -> None:
    event = _event(f"Tin thi đua của các tỉnh trong khu vực\n\n{sentence}\n", gazetteer)
    assert event.date == expected
    assert event.notes == (YEAR_INFERRED,)


def test_the_article_date_wins_over_inference(gazetteer: Gazetteer) -> None:
    text = (
        "Các tỉnh tổng kết thi đua\n\n04/01/2019\n\n"
        "Sáng 3-1, Cụm thi đua tổ chức hội nghị tổng kết công tác thi đua năm 2018.\n"
    )
    event = _event(text, gazetteer)
    assert event.date == date(2019, 1, 3)
    assert event.notes == ()


@pytest.mark.parametrize(
    "sentence",
    [
        "Thực hiện Kế hoạch số 21/KH-CTĐ ngày 02/3/2018 của Cụm thi đua, ngày 12/7/2018, "
        "Cụm thi đua tổ chức hội nghị sơ kết 6 tháng đầu năm 2018.",
        "Theo Thông báo số 88/TB-UBND, ngày 30/6/2018 về việc tổ chức hội nghị sơ kết, "
        "ngày 12/7/2018 các tỉnh đã họp sơ kết 6 tháng đầu năm 2018.",
        "Căn cứ Công văn 415/CV-CTĐ (ngày 1/6/2018), sáng 12/7/2018 cụm tổ chức hội nghị sơ "
        "kết 6 tháng đầu năm 2018.",
    ],
)
def test_a_cited_documents_date_is_never_the_events(sentence: str, gazetteer: Gazetteer) -> None:
    event = _event(f"Các tỉnh sơ kết thi đua\n\n{sentence}\n", gazetteer)
    assert event.date == date(2018, 7, 12)
    assert MID_YEAR in event.kinds


# ------------------------------------------------------------------ kinds


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        (
            "Ngày 6/1/2023, Hội đồng Thi đua - Khen thưởng tỉnh tổ chức hội nghị xét thưởng "
            "thành tích tổng kết năm 2022.",
            COUNCIL,
        ),
        (
            "Ngày 6/1/2023, Hội đồng TĐKT tỉnh họp phiên thứ hai để xét đề nghị khen thưởng.",
            COUNCIL,
        ),
        (
            "Ngày 6/1/2023, tỉnh long trọng tổ chức Đại hội Thi đua yêu nước lần thứ VI.",
            CONGRESS,
        ),
        (
            "Chiều 6/1/2023, tại kỳ họp HĐND tỉnh, lãnh đạo tỉnh trao tặng Huân chương Lao "
            "động hạng Ba cho 2 cá nhân.",
            CEREMONY,
        ),
        (
            "Ngày 6/1/2023, các tỉnh trong cụm tổ chức Hội nghị tổng kết năm 2022 và ký kết "
            "giao ước thi đua năm 2023.",
            ANNUAL,
        ),
    ],
)
def test_meetings_of_every_kind_are_events(sentence: str, kind: str, gazetteer: Gazetteer) -> None:
    event = _event(f"Tin hoạt động thi đua trong tỉnh\n\n{sentence}\n", gazetteer)
    assert event.date == date(2023, 1, 6)
    assert kind in event.kinds


def test_a_review_and_a_covenant_in_one_meeting(gazetteer: Gazetteer) -> None:
    sentence = (
        "Ngày 6/1/2023, các tỉnh trong cụm tổ chức Hội nghị tổng kết năm 2022 và ký kết giao "
        "ước thi đua năm 2023."
    )
    event = _event(f"Tin hoạt động thi đua\n\n{sentence}\n", gazetteer)
    assert set(event.kinds) == {ANNUAL, COVENANT}
    assert event.reporting_year == 2022


def test_a_document_text_is_the_issuing_of_the_document(gazetteer: Gazetteer) -> None:
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH MẪU SƠN\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\n"
        "Số: 305/QĐ-UBND\n\nMẫu Sơn, ngày 9 tháng 5 năm 2016\n\nQUYẾT ĐỊNH\n\n"
        "VỀ VIỆC BAN HÀNH QUY CHẾ HOẠT ĐỘNG CỦA CÁC CỤM THI ĐUA\n\n"
        "Căn cứ Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003;\n"
        "Ngày 2/5/2016, Hội đồng Thi đua - Khen thưởng tỉnh đã họp và thống nhất quy chế.\n"
    )
    event = _event(text, gazetteer)
    assert event.kinds == (ISSUANCE,)
    assert event.date == date(2016, 5, 9)
    assert event.document == "305/QĐ-UBND"
    assert event.label.startswith("VỀ VIỆC BAN HÀNH")


# ------------------------------------------------------------------ no date


def test_an_undated_meeting_is_kept_and_says_so(gazetteer: Gazetteer) -> None:
    text = (
        "Cập nhật: 15/04/2017 | 10:20\n\n"
        "Cụm thi đua các tỉnh Tây Bắc tổng kết công tác thi đua năm 2016\n\n"
        "Cụm thi đua các tỉnh Tây Bắc vừa tổ chức hội nghị tổng kết công tác thi đua năm 2016.\n"
    )
    facts = _facts(text, gazetteer)
    (event,) = facts.events
    assert event.date is None and event.notes == (DATE_NOT_STATED,)
    assert event.reporting_year == 2016
    graph = facts_to_graph(facts).graph
    (node,) = graph.subjects(TDKT.extractionNote, TDKT.DateNotStated)
    assert "undated-" in str(node)
    assert graph.value(node, SCHEMA.startDate) is None
    assert graph.value(node, TDKT.notAfter) == Literal("2017-04-15", datatype=XSD.date)


def test_a_text_without_a_meeting_has_no_event(gazetteer: Gazetteer) -> None:
    text = "Kinh tế tỉnh tăng trưởng\n\nNăm 2022, kinh tế của tỉnh tăng trưởng 7,5%.\n"
    assert _facts(text, gazetteer).events == ()


def test_a_meeting_in_a_stated_month_is_bounded_by_it(gazetteer: Gazetteer) -> None:
    text = (
        "Các tỉnh miền núi tổng kết thi đua\n\n"
        "Trong tháng 1/2024, Cụm thi đua các tỉnh miền núi tổ chức hội nghị tổng kết năm 2023.\n"
    )
    facts = _facts(text, gazetteer)
    (event,) = facts.events
    assert event.date is None and event.not_after == date(2024, 1, 31)
    graph = facts_to_graph(facts).graph
    (node,) = graph.subjects(TDKT.extractionNote, TDKT.DateNotStated)
    assert graph.value(node, TDKT.notAfter) == Literal("2024-01-31", datatype=XSD.date)


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Trong tháng 6/2023, các tỉnh", date(2023, 6, 1)),
        ("kế hoạch tháng 11-2019 của cụm", date(2019, 11, 1)),
        ("từ tháng 2 năm 2021", date(2021, 2, 1)),
    ],
)
def test_months_of_a_year(text: str, first: date) -> None:
    (month,) = find_months(text)
    assert month.first == first and text[month.start : month.end].startswith("tháng")


def test_a_full_date_is_not_a_month() -> None:
    assert find_months("ngày 5 tháng 6 năm 2023") == []


def test_a_meeting_of_no_known_kind_does_not_hide_the_event(gazetteer: Gazetteer) -> None:
    text = (
        "Tin hoạt động của tỉnh\n\n"
        "Ngày 2/10/2023, tỉnh tổ chức hội nghị giao ban công tác quý III.\n\n"
        "Ngày 20/10/2023, các tỉnh trong cụm tổ chức lễ biểu dương điển hình tiên tiến.\n"
    )
    event = _event(text, gazetteer)
    assert event.kinds == (CEREMONY,) and event.date == date(2023, 10, 20)


@pytest.mark.parametrize(
    ("sentence", "host"),
    [
        (
            "Ngày 9/3/2024, tại thành phố Lào Cai, UBND tỉnh Lào Cai phối hợp với UBND tỉnh Hà "
            "Giang tổ chức Hội nghị tổng kết năm 2023.",
            "lao-cai",
        ),
        (
            "Ngày 9/3/2024, tại tỉnh Sơn La, Cụm thi đua tổ chức Hội nghị tổng kết năm 2023.",
            "son-la",
        ),
    ],
)
def test_the_host_is_where_the_meeting_is_held(
    sentence: str, host: str, gazetteer: Gazetteer
) -> None:
    event = _event(f"Tin thi đua\n\n{sentence}\n", gazetteer)
    assert event.host is not None and event.host.key == host
