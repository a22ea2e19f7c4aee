"""Cluster roles: which year a role is for, and look-alike clusters that are never provincial
(sentences written for the tests)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tdkt.loaders.articles.facts import YEAR_INFERRED
from tdkt.loaders.articles.reader import parse_article
from tdkt.loaders.articles.rules import clusters, events, roles
from tdkt.loaders.gazetteer import Gazetteer

REVIEW = "Ngày 14/3/2023, Cụm thi đua các tỉnh Tây Nam Bộ tổ chức hội nghị tổng kết năm 2022."


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def _read(body: str, gazetteer: Gazetteer):
    article = parse_article(f"Tin thi đua khu vực\n\n{body}\n".encode(), Path("tin.txt"))
    context = events.setting(article, gazetteer)
    found = events.extract(article, context, gazetteer)
    context = replace(context, event=found[0] if found else None)
    return article, context


def _roles(body: str, gazetteer: Gazetteer) -> list[tuple[str, int, str, str]]:
    article, context = _read(body, gazetteer)
    return sorted(
        (r.role, r.year, r.province.key, r.status)
        for r in roles.extract(article, context, gazetteer)
    )


# ------------------------------------------------------------------ the year of a role


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # elected or handed over at the review of 2022, no year written: for 2023
        (
            "Hội nghị thống nhất suy tôn tỉnh Cà Mau làm Cụm trưởng.",
            [("chair", 2023, "ca-mau", "elected")],
        ),
        (
            "Hội nghị đã bầu tỉnh Hậu Giang là Cụm phó.",
            [("vice-chair", 2023, "hau-giang", "elected")],
        ),
        (
            "Tỉnh Sóc Trăng đã bàn giao nhiệm vụ Cụm trưởng cho tỉnh Bạc Liêu.",
            [("chair", 2023, "bac-lieu", "assigned")],
        ),
        # stated without a year at the review of 2022: the 2022 office-holder
        (
            "Phát biểu khai mạc, lãnh đạo tỉnh Trà Vinh (Cụm trưởng) cảm ơn các tỉnh.",
            [("chair", 2022, "tra-vinh", "stated")],
        ),
    ],
)
def test_a_role_without_a_year_takes_it_from_what_the_meeting_did(
    sentence: str, expected: list, gazetteer: Gazetteer
) -> None:
    article, context = _read(f"{REVIEW} {sentence}", gazetteer)
    found = roles.extract(article, context, gazetteer)
    assert sorted((r.role, r.year, r.province.key, r.status) for r in found) == expected
    assert all(r.notes == (YEAR_INFERRED,) for r in found)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # hosting the review of N: chair of N, whatever year comes later in the sentence
        (
            "Ngày 14/3/2023, tỉnh Sóc Trăng, Cụm trưởng Cụm thi đua các tỉnh Tây Nam Bộ, tổ "
            "chức hội nghị tổng kết năm 2022 và ký kết giao ước thi đua năm 2023.",
            [("chair", 2022, "soc-trang", "stated")],
        ),
        # a year written with the other role word is not this one's
        (
            f"{REVIEW} Tỉnh Cà Mau được suy tôn làm Cụm trưởng, thay tỉnh Sóc Trăng là Cụm "
            "trưởng năm 2022.",
            [("chair", 2022, "soc-trang", "stated"), ("chair", 2023, "ca-mau", "elected")],
        ),
        (
            f"{REVIEW} Hội nghị suy tôn tỉnh Cà Mau làm Cụm trưởng năm 2023, tỉnh Bạc Liêu "
            "làm Cụm phó năm 2023.",
            [("chair", 2023, "ca-mau", "elected"), ("vice-chair", 2023, "bac-lieu", "elected")],
        ),
    ],
)
def test_a_written_year_belongs_to_its_own_role_word(
    body: str, expected: list, gazetteer: Gazetteer
) -> None:
    assert _roles(body, gazetteer) == expected


# ------------------------------------------------------------------ look-alike clusters


@pytest.mark.parametrize(
    "body",
    [
        # a sector's cluster under a provincial cluster's name
        "Ngày 14/3/2023, Cụm thi đua các tỉnh Tây Nam Bộ của Hội Cựu chiến binh tổ chức tổng "
        "kết năm 2022. Hội CCB tỉnh Cà Mau là Cụm trưởng năm 2022.",
        "Ngày 14/3/2023, Cụm thi đua các tỉnh Tây Nam Bộ thuộc Liên minh Hợp tác xã tổ chức "
        "tổng kết năm 2022. Liên minh HTX tỉnh Bạc Liêu làm Cụm phó năm 2022.",
        # a provincial cluster's meeting where a sector body's role is mentioned
        f"{REVIEW} Tại hội nghị, Sở Văn hóa, Thể thao và Du lịch tỉnh Cà Mau, Cụm trưởng Cụm "
        "các Sở năm 2022, báo cáo kết quả.",
        f"{REVIEW} Đồng chí Lê Văn Tâm, Chánh Thanh tra tỉnh Hậu Giang, Cụm phó Cụm thanh tra "
        "năm 2022, dự hội nghị.",
        f"{REVIEW} Ủy ban MTTQ tỉnh Sóc Trăng được bầu làm Cụm trưởng năm 2023 của Mặt trận.",
        f"{REVIEW} Đài Phát thanh và Truyền hình tỉnh Trà Vinh làm Cụm trưởng năm 2023.",
    ],
)
def test_a_sector_bodys_role_is_never_a_provinces(body: str, gazetteer: Gazetteer) -> None:
    assert _roles(body, gazetteer) == []


def test_a_borrowed_cluster_name_is_not_the_cluster(gazetteer: Gazetteer) -> None:
    article, context = _read(
        "Ngày 14/3/2023, Cụm thi đua các tỉnh Tây Nam Bộ của Hội Cựu chiến binh gồm: tỉnh Cà "
        "Mau, Bạc Liêu và Sóc Trăng tổ chức tổng kết năm 2022.",
        gazetteer,
    )
    assert context.cluster is None
    assert clusters.mentions(article, context, gazetteer) == []
    assert clusters.extract(article, context, gazetteer) == []


def test_the_provinces_own_role_still_counts(gazetteer: Gazetteer) -> None:
    body = f"{REVIEW} Hội nghị thống nhất suy tôn UBND tỉnh Cà Mau làm Cụm trưởng năm 2023."
    assert _roles(body, gazetteer) == [("chair", 2023, "ca-mau", "elected")]
