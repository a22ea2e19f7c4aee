"""The officials rule on sentences written for these tests (several variants per pattern
class): who is named with which post, in either order, and what is never a name."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from rdflib import Literal

from tdkt.iris import TDKT
from tdkt.loaders.articles.facts import ArticleFacts, Official
from tdkt.loaders.articles.reader import Article, Paragraph, parse_article
from tdkt.loaders.articles.rules import officials
from tdkt.loaders.articles.rules.common import Context
from tdkt.loaders.articles.to_rdf import facts_to_graph
from tdkt.loaders.gazetteer import Gazetteer
from tdkt.text import slug, telex


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def read(text: str, gazetteer: Gazetteer, on: date | None = date(2024, 3, 5)) -> list[Official]:
    article = parse_article(text.encode("utf-8"), Path("test.txt"))
    return officials.extract(article, Context(date=on), gazetteer)


def people(text: str, gazetteer: Gazetteer) -> dict[str, list[str]]:
    """Name → the post titles as written."""
    return {o.name: [p.title for p in o.posts] for o in read(text, gazetteer)}


# ------------------------------------------------------------------ orders


@pytest.mark.parametrize(
    "sentence",
    [
        "Dự hội nghị có ông Phan Quốc Bảo - Phó Chủ tịch UBND tỉnh Long An.",
        "Dự hội nghị có ông Phan Quốc Bảo, Phó Chủ tịch UBND tỉnh Long An.",
        "Phát biểu tại buổi lễ, Phó Chủ tịch UBND tỉnh Long An Phan Quốc Bảo cho biết thêm.",
        "Hội nghị do đồng chí Phan Quốc Bảo (Phó Chủ tịch UBND tỉnh Long An) chủ trì.",
        "Phó Chủ tịch UBND tỉnh Long An, ông Phan Quốc Bảo, đã trao cờ.",
        "Tham dự có Phó Chủ tịch UBND tỉnh Long An - Phan Quốc Bảo và các sở, ngành.",
    ],
)
def test_name_and_title_in_either_order(sentence: str, gazetteer: Gazetteer) -> None:
    (person,) = read(sentence, gazetteer)
    assert person.name == "Phan Quốc Bảo"
    (post,) = person.posts
    assert (post.role, post.organization_key) == ("Phó Chủ tịch", "ubnd-long-an")


# ------------------------------------------------------------------ names


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Tham dự có đồng chí Cầm Văn Lịch - Chủ tịch HĐND tỉnh Sơn La.", "Cầm Văn Lịch"),
        ("Về phía tỉnh có: Giàng A Tủa - Phó Bí thư Tỉnh ủy Lào Cai.", "Giàng A Tủa"),
        ("Tham dự có các đồng chí: Điểu K’Lâm - Phó Chủ tịch UBND tỉnh Bình Phước.", "Điểu K’Lâm"),
        (
            "Khách mời gồm: Hrê Thị Mơ - Phó Chủ tịch UBND tỉnh Kon Tum; và nhiều đại biểu.",
            "Hrê Thị Mơ",
        ),
        ("Có mặt ông Y Khem Niê - Giám đốc Sở Nội vụ tỉnh Đắk Lắk.", "Y Khem Niê"),
    ],
)
def test_minority_names_and_marked_slots(sentence: str, name: str, gazetteer: Gazetteer) -> None:
    """A listed minority surname reads anywhere; any capitalised name reads in a slot the text
    marks as a name (after an honorific or at the head of a list item)."""
    assert list(people(sentence, gazetteer)) == [name]


@pytest.mark.parametrize(
    "sentence",
    [
        "Hội nghị thông qua báo cáo, Hrê Thị Mơ - Phó Chủ tịch UBND tỉnh Kon Tum phát biểu.",
        "Chủ tịch HĐND tỉnh, Trưởng Đoàn ĐBQH tỉnh Quảng Nam phát biểu khai mạc.",
        "Bí thư Tỉnh ủy, Trưởng Ban Chỉ đạo tỉnh Hà Giang đã kết luận.",
        "Chủ tịch UBND tỉnh Hà Nam Hướng Dẫn Thực Hiện cho năm tới.",
    ],
)
def test_no_name_without_a_surname_or_a_marked_slot(sentence: str, gazetteer: Gazetteer) -> None:
    """Capitalised words that are post words, or that start with no surname in an unmarked
    slot, are not a person."""
    assert people(sentence, gazetteer) == {}


def test_a_dash_on_both_sides_binds_the_name_before(gazetteer: Gazetteer) -> None:
    text = "Đồng chí Phan Quốc Bảo - Phó Chủ tịch UBND tỉnh Long An - Trần Văn Sáu phát biểu."
    assert list(people(text, gazetteer)) == ["Phan Quốc Bảo"]


def test_names_differing_by_a_tone_mark_stay_apart_when_provinces_differ(
    gazetteer: Gazetteer,
) -> None:
    found = read(
        "Dự có ông Lê Văn Bình, Chủ tịch UBND tỉnh Hà Nam và ông Lê Văn Bính, Phó Chủ tịch "
        "UBND tỉnh Ninh Bình.",
        gazetteer,
    )
    assert {(o.name, o.province.key) for o in found} == {
        ("Lê Văn Bình", "ha-nam"),
        ("Lê Văn Bính", "ninh-binh"),
    }


def keyed(text: str, gazetteer: Gazetteer) -> dict[str, tuple[str, ...]]:
    """Person key → every spelling of that person (name first)."""
    return {o.key: (o.name, *o.spellings) for o in read(text, gazetteer)}


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        (
            "Ông Lê Văn Bình, Giám đốc Sở Tư pháp phát biểu khai mạc. Sau đó ông Lê Văn Bính, "
            "Trưởng ban Dân vận Tỉnh ủy trình bày báo cáo.",
            "Lê Văn Bình",
            "Lê Văn Bính",
        ),
        (
            "Giám đốc Sở Nội vụ Nguyễn Thị Hoà cho biết kết quả năm qua. Phó Giám đốc Sở Y tế "
            "Nguyễn Thị Hoá nêu một số kiến nghị.",
            "Nguyễn Thị Hoà",
            "Nguyễn Thị Hoá",
        ),
        (
            "Trần Văn Hải - Chánh Văn phòng Đoàn ĐBQH báo cáo. Cuối buổi, Trần Văn Hài - Tổng "
            "Biên tập Báo Nhân Dân, phát biểu.",
            "Trần Văn Hải",
            "Trần Văn Hài",
        ),
    ],
)
def test_names_differing_by_a_diacritic_are_two_people_when_nothing_ties_them(
    text: str, first: str, second: str, gazetteer: Gazetteer
) -> None:
    found = {o.name: o for o in read(text, gazetteer)}
    assert set(found) == {first, second}
    assert found[first].spellings == () and found[second].spellings == ()
    assert found[first].key != found[second].key
    # Neither named by more sources: the spelling first in Telex order keeps the plain key
    # (whichever the article names first, so one article keys its people as a corpus would).
    plain, other = sorted((first, second), key=telex)
    assert found[plain].key == slug(plain)
    assert found[other].key == slug(telex(other))


@pytest.mark.parametrize(
    "text",
    [
        "Phó Chủ tịch nước Đặng Văn Hùng phát biểu chỉ đạo. Sau đó, Phó Chủ tịch nước Đăng Văn "
        "Hùng tặng hoa các tỉnh.",
        "Ông Phạm Minh Tuấn, Giám đốc Sở Tài chính báo cáo. Giám đốc Sở Tài chính Phạm Minh "
        "Tuân giải trình thêm.",
        "Bí thư Tỉnh ủy Lê Thị Thủy phát biểu. Đồng chí Lê Thị Thuỷ, Bí thư Tỉnh ủy cảm ơn các "
        "đại biểu.",
    ],
)
def test_a_shared_post_ties_two_spellings_into_one_person(text: str, gazetteer: Gazetteer) -> None:
    ((key, spellings),) = keyed(text, gazetteer).items()
    assert key == slug(spellings[0])


@pytest.mark.parametrize(
    "text",
    [
        "Dự hội nghị có ông Hoàng Văn Nam, Giám đốc Sở Nội vụ. Hội nghị do ông Hoàng Văn Năm, "
        "Trưởng ban Thi đua - Khen thưởng chủ trì.",
        "Tới dự có đồng chí Vũ Thị Hằng, Phó Trưởng ban Tuyên giáo. Đồng chí Vũ Thị Hăng, "
        "Chánh Văn phòng Đoàn ĐBQH cùng dự.",
    ],
)
def test_taking_part_in_the_event_ties_two_spellings(text: str, gazetteer: Gazetteer) -> None:
    ((_, spellings),) = keyed(text, gazetteer).items()
    assert len(spellings) == 2


@pytest.mark.parametrize(
    "text",
    [
        "Dự có ông Lê Văn Bình, Phó Chủ tịch UBND tỉnh Hà Nam và ông Lê Văn Bính, Phó Chủ tịch "
        "UBND tỉnh Hà Nam.",
        "Tới dự có các đồng chí: Hoàng Văn Nam, Giám đốc Sở Nội vụ; Hoàng Văn Năm, Giám đốc Sở "
        "Nội vụ.",
    ],
)
def test_two_spellings_one_sentence_names_are_two_people(text: str, gazetteer: Gazetteer) -> None:
    found = keyed(text, gazetteer)
    assert len(found) == 2 and all(len(s) == 1 for s in found.values())


def test_the_same_province_ties_two_spellings(gazetteer: Gazetteer) -> None:
    text = (
        "Ông Lê Văn Bình, Chủ tịch UBND tỉnh Hà Nam phát biểu. Phó Bí thư Tỉnh ủy Hà Nam Lê Văn "
        "Bính tặng hoa."
    )
    ((key, spellings),) = keyed(text, gazetteer).items()
    assert key == "le-van-binh" and len(spellings) == 2


def test_a_bare_mention_goes_to_the_person_spelled_the_same(gazetteer: Gazetteer) -> None:
    text = (
        "Ông Lê Văn Bình, Giám đốc Sở Tư pháp phát biểu khai mạc. Sau đó ông Lê Văn Bính, "
        "Trưởng ban Dân vận Tỉnh ủy trình bày báo cáo. Kết luận, ông Lê Văn Bình cảm ơn."
    )
    found = {o.name: o for o in read(text, gazetteer)}
    assert [m.quote for m in found["Lê Văn Bình"].mentions] == ["Lê Văn Bình", "Lê Văn Bình"]
    assert [m.quote for m in found["Lê Văn Bính"].mentions] == ["Lê Văn Bính"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Đồng chí Trần Thu hà, Phó Chủ tịch UBND tỉnh Yên Bái phát biểu. Sau đó đồng chí "
            "Trần Thu Hà trao cờ.",
            "Trần Thu Hà",
        ),
        (
            "Ông Vũ Đức toàn, Giám đốc Sở Tư pháp tỉnh Thái Bình dự họp. Ông Vũ Đức Toàn cảm ơn.",
            "Vũ Đức Toàn",
        ),
    ],
)
def test_a_lower_case_typo_reads_when_written_right_elsewhere(
    text: str, expected: str, gazetteer: Gazetteer
) -> None:
    (person,) = read(text, gazetteer)
    assert person.name == expected  # the commonest spelling; the typo stays a spelling
    assert len(person.spellings) == 1


def test_a_lower_case_word_is_not_a_name_otherwise(gazetteer: Gazetteer) -> None:
    assert (
        people("Đồng chí Trần Thu hà, Phó Chủ tịch UBND tỉnh Yên Bái phát biểu.", gazetteer) == {}
    )
    assert people("Ông Vũ Đức nói, Giám đốc Sở Tư pháp tỉnh Thái Bình dự họp.", gazetteer) == {}


# ------------------------------------------------------------------ lists and chains


def test_a_list_of_people_each_with_a_chain_of_posts(gazetteer: Gazetteer) -> None:
    text = (
        "Về phía tỉnh Gia Lai có các đồng chí: Rah Lan Chung - Phó Bí thư Thường trực Tỉnh ủy; "
        "Đỗ Minh Khang - Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh, Chủ tịch Hội đồng Thi đua - "
        "Khen thưởng tỉnh; Ksor Thị Hoa - Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch Thường "
        "trực HĐND tỉnh."
    )
    found = {o.name: o for o in read(text, gazetteer)}
    assert set(found) == {"Rah Lan Chung", "Đỗ Minh Khang", "Ksor Thị Hoa"}
    assert [p.organization_key for p in found["Đỗ Minh Khang"].posts] == [
        "tinh-uy-gia-lai",
        "ubnd-gia-lai",
        "hoi-dong-tdkt-gia-lai",
    ]
    assert [p.role for p in found["Ksor Thị Hoa"].posts] == ["Ủy viên", "Phó Chủ tịch Thường trực"]


@pytest.mark.parametrize(
    ("sentence", "titles"),
    [
        (
            "Dự lễ có đồng chí Lê Quang Tiến - Ủy viên Ban Chấp hành Đảng bộ tỉnh, Chánh Văn "
            "phòng UBND tỉnh Hà Tĩnh.",
            ["Ủy viên Ban Chấp hành Đảng bộ tỉnh", "Chánh Văn phòng UBND tỉnh Hà Tĩnh"],
        ),
        (
            "Đồng chí Lê Quang Tiến, Chánh Thanh tra tỉnh Hà Tĩnh, báo cáo.",
            ["Chánh Thanh tra tỉnh Hà Tĩnh"],
        ),
        (
            "Ông Lê Quang Tiến - Chủ tịch Liên minh Hợp tác xã tỉnh Hà Tĩnh phát biểu.",
            ["Chủ tịch Liên minh Hợp tác xã tỉnh Hà Tĩnh"],
        ),
        (
            "Dự có đồng chí Lê Quang Tiến - Ủy viên Trung ương Đảng, Phó Trưởng ban Thường trực "
            "Ban Tuyên giáo Trung ương.",
            ["Ủy viên Trung ương Đảng", "Phó Trưởng ban Thường trực Ban Tuyên giáo Trung ương"],
        ),
        (
            "Đồng chí Lê Quang Tiến - Bí thư Tỉnh ủy, Trưởng Đoàn ĐBQH tỉnh Hà Tĩnh dự lễ.",
            ["Bí thư Tỉnh ủy", "Trưởng Đoàn ĐBQH tỉnh Hà Tĩnh"],
        ),
        (
            "Có mặt ông Lê Quang Tiến, Vụ trưởng - Giám đốc Trung tâm Thông tin tỉnh Hà Tĩnh.",
            ["Giám đốc Trung tâm Thông tin tỉnh Hà Tĩnh"],
        ),
        (
            "Đồng chí Lê Quang Tiến - Ủy viên Bộ Chính trị, Bí thư Trung ương Đoàn phát biểu.",
            ["Ủy viên Bộ Chính trị", "Bí thư Trung ương Đoàn"],
        ),
    ],
)
def test_title_bodies_beyond_the_people_s_committee(
    sentence: str, titles: list[str], gazetteer: Gazetteer
) -> None:
    assert people(sentence, gazetteer) == {"Lê Quang Tiến": titles}


@pytest.mark.parametrize(
    ("sentence", "role", "key"),
    [
        (
            "Ông Lê Quang Tiến, Chánh Văn phòng UBND tỉnh Hà Tĩnh, đọc quyết định.",
            "Chánh Văn phòng",
            "van-phong-ubnd-ha-tinh",
        ),
        (
            "Ông Lê Quang Tiến, Chánh Thanh tra tỉnh Hà Tĩnh, đọc báo cáo.",
            "Chánh Thanh tra",
            "thanh-tra-ha-tinh",
        ),
        (
            "Bà Lê Thị Hoa, Phó Chánh Văn phòng Bộ Nội vụ, dự họp.",
            "Phó Chánh Văn phòng",
            "van-phong-bo-noi-vu",
        ),
    ],
)
def test_a_chief_of_an_office_belongs_to_the_office(
    sentence: str, role: str, key: str, gazetteer: Gazetteer
) -> None:
    """ "Chánh Văn phòng UBND tỉnh" heads the office of the committee, not the committee."""
    (person,) = read(sentence, gazetteer)
    assert [(p.role, p.organization_key) for p in person.posts] == [(role, key)]


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        ("Bà Lê Thị Hoa, Chủ tịch UBND huyện Đăk Glei, phát biểu.", "Chủ tịch UBND huyện Đăk Glei"),
        ("Phó Chủ tịch UBND xã Tân Lập, ông Lê Văn Hòa cho biết.", "Phó Chủ tịch UBND xã Tân Lập"),
        (
            "Bí thư Huyện ủy Mường Tè Lò Văn Hải trao cờ cho các đơn vị.",
            None,  # the place's end is not marked: no name can be told from it
        ),
        ("Chủ tịch UBND huyện Mường Tè Lò Văn Hải trao cờ.", None),
        (
            "Bí thư Huyện ủy Mường Tè, ông Lò Văn Hải trao cờ cho các đơn vị.",
            "Bí thư Huyện ủy Mường Tè",
        ),
        (
            "Ông Lò Văn Hải - Giám đốc Trung tâm Y tế huyện Mường Tè dự lễ.",
            "Giám đốc Trung tâm Y tế huyện Mường Tè",
        ),
        (
            "Dự có ông Lò Văn Hải, Chủ tịch UBND thành phố Điện Biên Phủ.",
            "Chủ tịch UBND thành phố Điện Biên Phủ",
        ),
    ],
)
def test_a_district_s_body_is_not_the_province_s(
    sentence: str, title: str | None, gazetteer: Gazetteer
) -> None:
    article = parse_article(sentence.encode("utf-8"), Path("test.txt"))
    host = gazetteer.province("Lai Châu", date(2024, 1, 1))
    found = officials.extract(article, Context(date=date(2024, 1, 1), host=host), gazetteer)
    if title is None:
        assert found == []
        return
    (person,) = found
    assert [(p.title, p.organization_key, p.province) for p in person.posts] == [
        (title, None, None)
    ]


@pytest.mark.parametrize(
    ("sentence", "name", "titles", "keys"),
    [
        (
            "Phát biểu tại lễ, Thủ tướng Đoàn Minh Khôi nhấn mạnh vai trò thi đua.",
            "Đoàn Minh Khôi",
            ["Thủ tướng"],
            ["chinh-phu"],
        ),
        (
            "Phó Thủ tướng Đoàn Minh Khôi trao Huân chương cho tỉnh.",
            "Đoàn Minh Khôi",
            ["Phó Thủ tướng"],
            ["chinh-phu"],
        ),
        (
            "Đồng chí Vi Thị Hằng - Ủy viên Ban Thường vụ, Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy "
            "Lạng Sơn dự họp.",
            "Vi Thị Hằng",
            ["Ủy viên Ban Thường vụ", "Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy Lạng Sơn"],
            ["ban-thuong-vu-tinh-uy-lang-son", "ubkt-tinh-uy-lang-son"],
        ),
        (
            "Bà Vi Thị Hằng, Trưởng phòng Thi đua - Khen thưởng, báo cáo kết quả.",
            "Vi Thị Hằng",
            ["Trưởng phòng Thi đua - Khen thưởng"],
            [None],
        ),
        (
            "Giám đốc Trung tâm Y tế Vi Thị Hằng tặng quà.",
            "Vi Thị Hằng",
            ["Giám đốc Trung tâm Y tế"],
            [None],
        ),
    ],
)
def test_posts_that_name_their_body_or_an_open_one(
    sentence: str, name: str, titles: list[str], keys: list, gazetteer: Gazetteer
) -> None:
    (person,) = read(sentence, gazetteer)
    assert person.name == name
    assert [p.title for p in person.posts] == titles
    assert [p.organization_key for p in person.posts] == keys


def test_a_former_post_is_flagged(gazetteer: Gazetteer) -> None:
    (person,) = read(
        "Trao Huân chương cho đồng chí Mai Văn Hùng - nguyên Phó Bí thư Tỉnh ủy, nguyên Chủ "
        "tịch HĐND tỉnh Thanh Hóa.",
        gazetteer,
    )
    assert [(p.role, p.former) for p in person.posts] == [
        ("Phó Bí thư", True),
        ("Chủ tịch", True),
    ]


def test_a_title_for_someone_one_acts_for_is_not_the_person_s(gazetteer: Gazetteer) -> None:
    text = "Thừa ủy quyền của Chủ tịch nước, đồng chí Mai Văn Hùng trao Huân chương."
    assert people(text, gazetteer) == {}


# ------------------------------------------------------------------ signature blocks


@pytest.mark.parametrize(
    ("tail", "name", "role"),
    [
        ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nTrần Đức Lợi\n", "Trần Đức Lợi", "PHÓ CHỦ TỊCH"),
        ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n(Đã ký)\n\nHà Thị Nga\n", "Hà Thị Nga", "CHỦ TỊCH"),
        ("KT. BỘ TRƯỞNG\nThứ trưởng\n[đã ký]\nĐinh Văn Khôi\n", "Đinh Văn Khôi", "Thứ trưởng"),
        ("BỘ TRƯỞNG\n\nĐinh Văn Khôi\n", "Đinh Văn Khôi", "BỘ TRƯỞNG"),
    ],
)
def test_the_signer_of_a_legal_text(tail: str, name: str, role: str, gazetteer: Gazetteer) -> None:
    text = "QUYẾT ĐỊNH:\n\nĐiều 1. Tặng Bằng khen cho 5 tập thể.\n\nĐiều 2. Thi hành.\n\n" + tail
    (person,) = read(text, gazetteer)
    assert person.name == name
    assert [p.title for p in person.posts] == [role]


def test_the_signer_of_the_government_is_tied_to_it(gazetteer: Gazetteer) -> None:
    text = "Điều 1. Tặng Cờ thi đua.\n\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\nPhùng Văn Khải\n"
    (person,) = read(text, gazetteer)
    assert [p.organization_key for p in person.posts] == ["chinh-phu"]


@pytest.mark.parametrize(
    "tail",
    [
        "- Người ký: Trần Đức Lợi\n- Ngày hiệu lực: 01/01/2024\n",
        "Nơi nhận:\n- Như Điều 2;\n- Lưu: VT.\n\nTrần Đức Lợi\n",
        "KT. CHỦ TỊCH\nPhó Chủ tịch\nđã ký thay mặt ủy ban\n",
    ],
)
def test_no_signer_without_the_block_layout(tail: str, gazetteer: Gazetteer) -> None:
    text = "Điều 1. Tặng Bằng khen.\n\n" + tail
    assert read(text, gazetteer) == []


# ------------------------------------------------------------------ the graph


def _graph(text: str, gazetteer: Gazetteer):
    article = parse_article(text.encode("utf-8"), Path("undated.txt"))
    found = officials.extract(article, Context(date=article.published), gazetteer)
    return article, facts_to_graph(ArticleFacts(article=article, officials=tuple(found))).graph


def test_an_undated_source_keeps_its_posts_without_a_date(gazetteer: Gazetteer) -> None:
    article, graph = _graph(
        "Dự hội nghị có ông Phan Quốc Bảo - Phó Chủ tịch UBND tỉnh Long An.\n", gazetteer
    )
    assert article.published is None
    posts = list(graph.subjects(TDKT.postTitle, None))
    assert len(posts) == 1 and "/post/undated-" in str(posts[0])
    assert not list(graph.objects(posts[0], TDKT.attestedOn))
    assert list(graph.objects(posts[0], TDKT.extractionNote)) == [TDKT.DateNotStated]


def test_a_dated_source_dates_its_posts_and_flags_former_ones(gazetteer: Gazetteer) -> None:
    _, graph = _graph(
        "Hội nghị tổng kết\n\n05/03/2024\n\nTrao Huân chương cho ông Mai Văn Hùng - nguyên "
        "Chủ tịch UBND tỉnh Thanh Hóa.\n",
        gazetteer,
    )
    (post,) = graph.subjects(TDKT.postTitle, None)
    assert list(graph.objects(post, TDKT.attestedOn)) == [Literal(date(2024, 3, 5))]
    assert list(graph.objects(post, TDKT.formerPost)) == [Literal(True)]


# ------------------------------------------------------------------ adversarial input
# Each text is about 200 KB. With a backtracking (quadratic) pattern any one of them takes
# minutes; linear rules read them in well under a second. The asserts are on what is read.
# The article is built here (paragraphs = blocks between blank lines) so that only the
# officials rule is exercised, not the reader.


def adversarial(text: str, gazetteer: Gazetteer) -> list[Official]:
    blocks = [Paragraph(m.start(), m.end(), m.group()) for m in _BLOCK.finditer(text)]
    article = Article(Path("t.txt"), "t", "", text, None, None, None, None, None, None, blocks)
    return officials.extract(article, Context(date=date(2024, 3, 5)), gazetteer)


_BLOCK = re.compile(r"[^\n]+(?:\n[^\n]+)*")

_TITLED = "Ông Lê Văn An - Chủ tịch UBND tỉnh Hà Nam."
_SIZE = 200_000


@pytest.mark.parametrize(
    "filler",
    [" ", " \t", "- ", ", ", "(", ";:", "Chủ tịch ", "Ông ", "An ", "Văn Bình Chủ ", "K’", "a"],
)
def test_long_runs_read_in_linear_time(filler: str, gazetteer: Gazetteer) -> None:
    text = "Mở đầu " + filler * (_SIZE // len(filler)) + " đoạn.\n\n" + _TITLED + "\n"
    assert [o.name for o in adversarial(text, gazetteer)] == ["Lê Văn An"]


def test_a_long_run_of_spaces_inside_a_title(gazetteer: Gazetteer) -> None:
    text = "Chủ tịch" + " " * _SIZE + "UBND tỉnh Hà Nam Lê Văn An đến dự.\n"
    (person,) = adversarial(text, gazetteer)
    assert person.posts[0].organization_key == "ubnd-ha-nam"


def test_one_person_named_thousands_of_times(gazetteer: Gazetteer) -> None:
    count = _SIZE // len(_TITLED)
    (person,) = adversarial(" ".join([_TITLED] * count), gazetteer)
    assert len(person.mentions) == count


def test_thousands_of_people_in_one_text(gazetteer: Gazetteer) -> None:
    surnames = ["Lê", "Phạm", "Đỗ", "Hồ", "Vũ"]
    middles = ["Văn", "Thị", "Minh", "Quang", "Hữu", "Đức", "Thanh", "Ngọc"]
    given = ["An", "Bình", "Cường", "Dung", "Giang", "Hải", "Khánh", "Lan", "Minh", "Nam"]
    names = [f"{s} {m} {g}" for s in surnames for m in middles for g in given]
    paragraphs = [f"Đồng chí {name} - Phó Chủ tịch UBND tỉnh Hà Nam phát biểu." for name in names]
    text = "\n\n".join(paragraphs * (_SIZE // len("\n\n".join(paragraphs)) + 1))
    assert {o.name for o in adversarial(text, gazetteer)} == set(names)


def test_many_signature_like_lines(gazetteer: Gazetteer) -> None:
    block = "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n"
    assert adversarial("Điều 1.\n" + block * (_SIZE // len(block)), gazetteer) == []


def test_many_lower_case_typos(gazetteer: Gazetteer) -> None:
    typo = "Ông Lê Văn an, Chủ tịch UBND tỉnh Hà Nam dự. "
    count = _SIZE // len(typo)
    assert (
        adversarial(typo * count + "\n\nÔng Lê Văn An cảm ơn.\n", gazetteer)[0].name == "Lê Văn An"
    )
