"""Dates and periods in every form the portals write them."""

from __future__ import annotations

from datetime import date

import pytest

from tdkt.loaders.articles.dates import find_dates, find_periods, parse_date, resolve_partial


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("07/4/2014", date(2014, 4, 7)),
        ("7.2.2014", date(2014, 2, 7)),
        ("31/7/2017", date(2017, 7, 31)),
        ("1.1.2024", date(2024, 1, 1)),
        ("2024-01-01", date(2024, 1, 1)),
        ("28/07/2022", date(2022, 7, 28)),
        ("05-6-1998", date(1998, 6, 5)),
        ("ngày 7 tháng 2 năm 2014", date(2014, 2, 7)),
        ("Ngày 5 tháng 6 năm 2023", date(2023, 6, 5)),
    ],
)
def test_parse_date_reads_every_form(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text", ["91/2017", "946/QĐ-UBND", "6 tháng đầu năm 2022", "2021 - 2025", "31/2/2020", "7/2"]
)
def test_parse_date_rejects_what_is_not_a_full_date(text: str) -> None:
    assert parse_date(text) is None


def test_partial_dates_take_the_year_of_the_reference() -> None:
    text = "Sáng 28/7, tại tỉnh; chiều 27/7 các đại biểu; Ngày 17/3 và ngày 29/3."
    found = find_dates(text, date(2022, 7, 28))
    assert [(m.text, m.value, m.partial) for m in found] == [
        ("28/7", date(2022, 7, 28), True),
        ("27/7", date(2022, 7, 27), True),
        ("Ngày 17/3", date(2022, 3, 17), True),
        ("ngày 29/3", date(2022, 3, 29), True),
    ]


def test_partial_date_crosses_the_year_boundary() -> None:
    (mention,) = find_dates("Hội nghị diễn ra ngày 28/12 tại tỉnh.", date(2024, 1, 2))
    assert mention.value == date(2023, 12, 28)
    assert resolve_partial(28, 12, date(2024, 1, 2)) == date(2023, 12, 28)


def test_partial_date_soon_after_the_reference_is_upcoming() -> None:
    assert resolve_partial(5, 4, date(2024, 3, 29)) == date(2024, 4, 5)
    assert resolve_partial(5, 1, date(2023, 12, 20)) == date(2024, 1, 5)
    assert resolve_partial(29, 2, date(2023, 3, 1)) is None  # no 29 February near 2023


def test_partial_dates_need_a_reference_and_a_cue() -> None:
    assert find_dates("Sáng 28/7, tại tỉnh.", None) == []
    assert find_dates("khoảng 3/4 số tỉnh", date(2024, 1, 1)) == []


def test_numbers_and_periods_are_not_dates() -> None:
    text = (
        "Nghị định 91/2017/NĐ-CP, Quyết định 946/QĐ-UBND, 6 tháng đầu năm 2022, "
        "kế hoạch 5 năm (2021 - 2025), 12.000.000 đồng"
    )
    assert find_dates(text, date(2022, 7, 28)) == []


def test_anniversary_ranges_are_two_full_dates() -> None:
    found = find_dates("Lời kêu gọi thi đua ái quốc (11/6/1948-11/6/2018)", None)
    assert [(m.text, m.value, m.partial) for m in found] == [
        ("11/6/1948", date(1948, 6, 11), False),
        ("11/6/2018", date(2018, 6, 11), False),
    ]


def test_date_offsets_round_trip() -> None:
    text = "Chỉ thị 34-CT/TW ngày 07/4/2014; hiệu lực từ 1.1.2024; sáng 2/6 khai mạc."
    for mention in find_dates(text, date(2023, 6, 2), offset=100):
        assert text[mention.start - 100 : mention.end - 100] == mention.text
    assert [m.value for m in find_dates(text, date(2023, 6, 2))] == [
        date(2014, 4, 7),
        date(2024, 1, 1),
        date(2023, 6, 2),
    ]


def test_dates_in_a_real_article(corpus_dir) -> None:
    text = (corpus_dir / "000_93dfd16ce8d20f0d.txt").read_text(encoding="utf-8")
    values = {m.text: m.value for m in find_dates(text, date(2022, 7, 28))}
    assert values["28/7"] == date(2022, 7, 28)
    assert values["27/7"] == date(2022, 7, 27)


def test_periods() -> None:
    text = (
        "sơ kết 6 tháng đầu năm 2022; 6 tháng cuối năm 2019; giai đoạn 2021 - 2023; "
        "nhiệm kỳ 2020 - 2025; năm 2023; (1969-2019); trong năm 2024 - 2025"
    )
    found = find_periods(text, offset=7)
    assert [(p.text, p.year, p.first_year, p.last_year, p.half) for p in found] == [
        ("6 tháng đầu năm 2022", 2022, 2022, 2022, "first"),
        ("6 tháng cuối năm 2019", 2019, 2019, 2019, "second"),
        ("giai đoạn 2021 - 2023", None, 2021, 2023, None),
        ("nhiệm kỳ 2020 - 2025", None, 2020, 2025, None),
        ("năm 2023", 2023, 2023, 2023, None),
        ("1969-2019", None, 1969, 2019, None),
        ("năm 2024 - 2025", None, 2024, 2025, None),
    ]
    for period in found:
        assert text[period.start - 7 : period.end - 7] == period.text


def test_dates_are_not_periods() -> None:
    assert find_periods("ngày 11/6/1948-11/6/2018 và 91/2017/NĐ-CP") == []


def test_a_year_ending_a_sentence_is_a_period() -> None:
    found = find_periods("Cụm trưởng năm 2024. Giai đoạn 2021 - 2023. Số 2024.5 thì không.")
    assert [(p.text, p.first_year, p.last_year) for p in found] == [
        ("năm 2024", 2024, 2024),
        ("Giai đoạn 2021 - 2023", 2021, 2023),
    ]
