"""Awards: the award-name grammar (form × giver), recipients and counts before or after the
award, named organisations and people, status, and figures a later sentence revises
(sentences written for the tests)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tdkt.build import validate_graphs
from tdkt.loaders.articles.corpus import extract_article
from tdkt.loaders.articles.reader import parse_article
from tdkt.loaders.articles.rules.award_forms import find_forms
from tdkt.loaders.articles.to_rdf import facts_to_graph
from tdkt.loaders.gazetteer import Gazetteer
from tdkt.loaders.tables import load_tables

HEAD = (
    "Tin khen thưởng\n\nNgày 10/12/2024, Hội đồng Thi đua - Khen thưởng tỉnh họp xét khen thưởng."
)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def _facts(body: str, gazetteer: Gazetteer):
    text = f"{HEAD}\n\n{body}\n"
    return extract_article(parse_article(text.encode(), Path("tin.txt")), gazetteer)


def _counted(body: str, gazetteer: Gazetteer) -> list[tuple[str, int | None, int | None, str]]:
    return [
        (a.award_type.label, a.count_collectives, a.count_individuals, a.status)
        for a in _facts(body, gazetteer).awards
    ]


# ------------------------------------------------------------------ the award-name grammar


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("trao Huân chương Lao động hạng Nhì cho", "Huân chương Lao động hạng Nhì"),
        ("tặng Huân chương Bảo vệ Tổ quốc hạng Ba", "Huân chương Bảo vệ Tổ quốc hạng Ba"),
        ("Huân chương Độc lập hạng nhất", "Huân chương Độc lập hạng Nhất"),
        ("nhận cờ thi đua xuất sắc của UBND tỉnh", "Cờ thi đua của Ủy ban nhân dân tỉnh"),
        ("nhận Cờ thi đua của tỉnh", "Cờ thi đua của Ủy ban nhân dân tỉnh"),
        ("Cờ “Đơn vị xuất sắc trong phong trào thi đua” của Chính phủ", "Cờ thi đua của Chính phủ"),
        ("Cờ thi đua của Thủ tướng Chính phủ", "Cờ thi đua của Chính phủ"),
        (
            "bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
            "Bằng khen của Chủ tịch Ủy ban nhân dân cấp tỉnh",
        ),
        ("Bằng khen của Thủ tướng", "Bằng khen của Thủ tướng Chính phủ"),
        ("Giấy khen", "Giấy khen"),
        ("danh hiệu Tập thể lao động xuất sắc", "Tập thể lao động xuất sắc"),
        ("danh hiệu Chiến sĩ thi đua cấp tỉnh", "Chiến sĩ thi đua Bộ, ban, ngành, tỉnh"),
        ("Chiến sĩ thi đua toàn quốc", "Chiến sĩ thi đua toàn quốc"),
        (
            "Bằng khen của Tổng Liên đoàn Lao động Việt Nam cho",
            "Bằng khen của Tổng Liên đoàn Lao động Việt Nam",
        ),
        (
            "Cờ thi đua của Liên minh hợp tác xã Việt Nam năm 2019",
            "Cờ thi đua của Liên minh hợp tác xã Việt Nam",
        ),
        ("Cờ thi đua củaChính phủ", "Cờ thi đua của Chính phủ"),  # words glued by the page
    ],
)
def test_award_names(text: str, name: str) -> None:
    (form,) = find_forms(text, 5)
    assert form.name == name
    assert text[form.start - 5 : form.end - 5] == form.text


def test_a_flag_named_by_its_inscription_takes_the_giver_before_it(gazetteer) -> None:
    found = _counted(
        "Hội đồng đề nghị UBND tỉnh tặng “Đơn vị dẫn đầu phong trào thi đua” cho 17 tập thể.",
        gazetteer,
    )
    assert found == [("Cờ thi đua của Ủy ban nhân dân tỉnh", 17, None, "proposed")]


# ------------------------------------------------------------------ counts


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # after "cho", thousands written with a dot, "đơn vị" counted as collectives
        (
            "Chủ tịch UBND tỉnh tặng Bằng khen cho 1.250 cá nhân và 38 đơn vị.",
            [("Bằng khen của Chủ tịch Ủy ban nhân dân cấp tỉnh", 38, 1250, "conferred")],
        ),
        # a colon list of award: count
        (
            "Kết quả: Cờ thi đua của UBND tỉnh: 21 tập thể; Chiến sĩ thi đua cấp tỉnh: 9 cá nhân.",
            [
                ("Cờ thi đua của Ủy ban nhân dân tỉnh", 21, None, "stated"),
                ("Chiến sĩ thi đua Bộ, ban, ngành, tỉnh", None, 9, "stated"),
            ],
        ),
        # passive, the count before the award; a submission upward is a proposal
        (
            "Có 7 tập thể đã được UBND tỉnh trình Thủ tướng Chính phủ tặng Cờ thi đua "
            "của Chính phủ.",
            [("Cờ thi đua của Chính phủ", 7, None, "proposed")],
        ),
        (
            "Năm nay, 15 tập thể, 20 cá nhân được Chủ tịch UBND tỉnh tặng Bằng khen.",
            [("Bằng khen của Chủ tịch Ủy ban nhân dân cấp tỉnh", 15, 20, "conferred")],
        ),
        # a total raised to
        (
            "Hội đồng đề nghị bổ sung, nâng số đề nghị tặng Bằng khen của Thủ tướng Chính phủ "
            "lên 12 tập thể và 4 cá nhân.",
            [("Bằng khen của Thủ tướng Chính phủ", 12, 4, "proposed")],
        ),
        # an order of the State not in the tables, one class each
        (
            "Hội đồng thống nhất đề nghị tặng Huân chương Lao động hạng Nhì cho 3 tập thể, "
            "Huân chương Độc lập hạng Ba cho 1 tập thể.",
            [
                ("Huân chương Lao động hạng Nhì", 3, None, "proposed"),
                ("Huân chương Độc lập hạng Ba", 1, None, "proposed"),
            ],
        ),
        # "trường hợp" and "hộ gia đình" are recipients of any kind: no collective count
        (
            "UBND tỉnh tặng Giấy khen cho 15 trường hợp.",
            [("Giấy khen", None, None, "conferred")],
        ),
    ],
)
def test_counts(body: str, expected, gazetteer) -> None:
    assert _counted(body, gazetteer) == expected


def test_classes_sharing_one_count_are_not_given_that_count(gazetteer) -> None:
    body = "Chủ tịch nước tặng Huân chương Lao động hạng Nhất, hạng Nhì và hạng Ba cho 6 cá nhân."
    assert _counted(body, gazetteer) == []


def test_a_later_figure_for_the_same_group_revises_the_earlier(gazetteer) -> None:
    body = (
        "Hội đồng nghe báo cáo xét tặng Cờ thi đua của UBND tỉnh cho 40 đơn vị dẫn đầu các "
        "khối thi đua của tỉnh. Sau khi bỏ phiếu, Hội đồng thống nhất đề nghị tặng Cờ thi đua "
        "của UBND tỉnh cho 36 đơn vị dẫn đầu các khối thi đua của tỉnh; Cờ thi đua của Chính "
        "phủ cho 2 tập thể và Cờ thi đua của Chính phủ cho 5 tập thể."
    )
    assert _counted(body, gazetteer) == [
        ("Cờ thi đua của Ủy ban nhân dân tỉnh", 36, None, "proposed"),
        ("Cờ thi đua của Chính phủ", 2, None, "proposed"),
        ("Cờ thi đua của Chính phủ", 5, None, "proposed"),
    ]


# ------------------------------------------------------------------ named recipients


def test_an_organisation_after_cho_tied_to_its_province(gazetteer) -> None:
    body = (
        "Thủ tướng Chính phủ quyết định tặng Cờ thi đua của Chính phủ cho Sở Tài chính tỉnh "
        "Ninh Bình, đã hoàn thành xuất sắc nhiệm vụ năm 2023."
    )
    (award,) = _facts(body, gazetteer).awards
    assert award.recipient.kind == "organization"
    assert award.recipient.label == "Sở Tài chính tỉnh Ninh Bình"
    assert award.recipient_province.key == "ninh-binh"
    assert (award.status, award.merit_year) == ("conferred", 2023)


def test_a_numbered_list_after_gom(gazetteer) -> None:
    body = (
        "UBND tỉnh tặng Cờ thi đua của Ủy ban nhân dân tỉnh cho 03 tập thể dẫn đầu năm "
        "2024, gồm:\n\n"
        "1. Trường Trung học phổ thông Chu Văn An, thành phố Thái Bình; đã có thành tích "
        "xuất sắc;\n\n"
        "2. Phòng Giáo dục và Đào tạo huyện Kiến Xương;\n\n"
        "3. Hội Nông dân xã Vũ Hội, huyện Vũ Thư, tỉnh Thái Bình.\n\n"
        "Các tập thể trên được trao cờ tại hội nghị."
    )
    found = [(a.recipient.label, a.award_type.label) for a in _facts(body, gazetteer).awards]
    assert found == [
        (
            "Trường Trung học phổ thông Chu Văn An, thành phố Thái Bình",
            "Cờ thi đua của Ủy ban nhân dân tỉnh",
        ),
        ("Phòng Giáo dục và Đào tạo huyện Kiến Xương", "Cờ thi đua của Ủy ban nhân dân tỉnh"),
        (
            "Hội Nông dân xã Vũ Hội, huyện Vũ Thư, tỉnh Thái Bình",
            "Cờ thi đua của Ủy ban nhân dân tỉnh",
        ),
    ]


def test_people_named_after_cho_are_the_officials_of_the_text(gazetteer) -> None:
    body = (
        "Thừa ủy quyền của Chủ tịch nước, Bí thư Tỉnh ủy trao Huân chương Lao động hạng Ba cho "
        "các đồng chí: Lê Văn Tám - Phó Chủ tịch UBND tỉnh Hà Nam; Trần Thị Mai - Giám đốc Sở "
        "Nội vụ tỉnh Hà Nam."
    )
    facts = _facts(body, gazetteer)
    officials = {o.key for o in facts.officials}
    recipients = [a.recipient.key for a in facts.awards if a.recipient is not None]
    assert recipients and set(recipients) <= officials
    assert all(a.award_type.label == "Huân chương Lao động hạng Ba" for a in facts.awards)


# ------------------------------------------------------------------ in the graph


def test_types_read_from_their_name_and_named_organisations_validate(gazetteer) -> None:
    body = (
        "Hội đồng đề nghị tặng Huân chương Độc lập hạng Ba cho 2 tập thể. Thủ tướng Chính phủ "
        "quyết định tặng Cờ thi đua của Chính phủ cho Sở Xây dựng tỉnh Bắc Ninh, đã hoàn "
        "thành xuất sắc nhiệm vụ năm 2023."
    )
    article = facts_to_graph(_facts(body, gazetteer))
    report = validate_graphs([*load_tables(), article])
    assert [f for f in report.findings if f.severity == "Violation"] == []
    labels = {str(o) for o in article.graph.objects()}
    assert "Huân chương Độc lập hạng Ba" in labels and "Sở Xây dựng tỉnh Bắc Ninh" in labels


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Hội nghị đã bình chọn tỉnh Hà Giang và tỉnh Lào Cai là đơn vị dẫn đầu phong trào thi "
            "đua, đề nghị Thủ tướng Chính phủ tặng Cờ thi đua của Chính phủ.",
            [("Hà Giang", "Cờ thi đua của Chính phủ"), ("Lào Cai", "Cờ thi đua của Chính phủ")],
        ),
        (
            "Các thành viên thống nhất suy tôn Hội Cựu chiến binh tỉnh Phú Thọ là đơn vị xuất sắc "
            "để đề nghị xét tặng Cờ thi đua của Hội Cựu chiến binh Việt Nam.",
            [("Hội Cựu chiến binh tỉnh Phú Thọ", "Cờ thi đua của Hội Cựu chiến binh Việt Nam")],
        ),
        # a chair elected, not a unit nominated for the award: the award's own recipient
        (
            "Cụm suy tôn tỉnh Sơn La làm Cụm trưởng và đề nghị tặng Cờ thi đua của Chính phủ "
            "cho tỉnh Điện Biên.",
            [("Điện Biên", "Cờ thi đua của Chính phủ")],
        ),
    ],
)
def test_the_unit_a_meeting_nominates_for_the_award(body: str, expected, gazetteer) -> None:
    awards = _facts(body, gazetteer).awards
    assert [(a.recipient.label, a.award_type.label) for a in awards] == expected
    assert {a.status for a in awards} == {"proposed"}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Chủ tịch UBND tỉnh tặng Bằng khen cho hai tập thể và năm cá nhân.",
            [("Bằng khen của Chủ tịch Ủy ban nhân dân cấp tỉnh", 2, 5, "conferred")],
        ),
        (
            "Dịp này, Thủ tướng Chính phủ tặng Bằng khen (8 tập thể, 11 cá nhân) vì thành tích "
            "xuất sắc.",
            [("Bằng khen của Thủ tướng Chính phủ", 8, 11, "conferred")],
        ),
    ],
)
def test_counts_in_words_and_in_parentheses(body: str, expected, gazetteer) -> None:
    assert _counted(body, gazetteer) == expected


def test_a_province_honoured_to_receive(gazetteer) -> None:
    body = "Năm 2023, tỉnh Bình Dương vinh dự đón nhận Cờ thi đua của Chính phủ."
    (award,) = _facts(body, gazetteer).awards
    assert (award.recipient.key, award.award_type.label, award.merit_year) == (
        "binh-duong",
        "Cờ thi đua của Chính phủ",
        2023,
    )


def test_an_organisation_placed_nowhere_is_not_a_recipient(gazetteer) -> None:
    # "Sở Nội vụ" names a body of every province: no key tells which one
    body = "UBND tỉnh quyết định tặng Cờ thi đua của UBND tỉnh cho Sở Nội vụ, đã hoàn thành."
    assert _facts(body, gazetteer).awards == ()


def test_a_district_body_is_tied_to_the_awarding_province(gazetteer) -> None:
    body = "UBND tỉnh Bắc Giang tặng Cờ thi đua của UBND tỉnh cho Huyện ủy Yên Thế năm 2023."
    (award,) = _facts(body, gazetteer).awards
    assert (award.recipient.label, award.recipient_province.key) == (
        "Huyện ủy Yên Thế",
        "bac-giang",
    )


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ("Hội đồng thông qua đề nghị tặng Cờ thi đua của Chính phủ cho 4 tập thể.", "proposed"),
        ("UBND tỉnh trình Thủ tướng Chính phủ tặng Bằng khen cho 6 cá nhân.", "proposed"),
        ("Hội đồng xét đề nghị tặng Giấy khen cho 12 tập thể.", "proposed"),
        (
            "Theo đề nghị của Sở Nội vụ, Chủ tịch UBND tỉnh đã tặng Bằng khen cho 9 tập thể.",
            "conferred",
        ),
        ("Chủ tịch UBND tỉnh trao Bằng khen cho 9 tập thể.", "conferred"),
        ("Năm qua, Giấy khen: 30 tập thể.", "stated"),
    ],
)
def test_status(body: str, status: str, gazetteer) -> None:
    (award,) = _facts(body, gazetteer).awards
    assert award.status == status


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("Bộ trưởng Bộ Nội vụ tặng Bằng khen cho 5 tập thể.", "Bằng khen của Bộ trưởng Bộ Nội vụ"),
        (
            "Bộ Văn hóa, Thể thao và Du lịch đã tặng Bằng khen cho 3 cá nhân.",
            "Bằng khen của Bộ Văn hóa, Thể thao và Du lịch",
        ),
        (
            "Ban Thường vụ Tỉnh uỷ trao Giấy khen cho 7 tập thể.",
            "Giấy khen của Ban Thường vụ Tỉnh uỷ",
        ),
        # the council proposes; it does not give
        (
            "Hội đồng Thi đua - Khen thưởng tỉnh đề nghị Chủ tịch UBND tỉnh tặng Bằng khen cho 4 "
            "tập thể.",
            "Bằng khen của Chủ tịch Ủy ban nhân dân cấp tỉnh",
        ),
    ],
)
def test_a_bare_award_is_the_giving_body_s(body: str, name: str, gazetteer) -> None:
    (award,) = _facts(body, gazetteer).awards
    assert award.award_type.label == name
