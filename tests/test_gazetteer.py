"""Matching names against the reference tables, with offsets, time and spelling variants."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import DATA

from tdkt.errors import InputError
from tdkt.loaders.gazetteer import Gazetteer

BEFORE = date(2024, 3, 29)
AFTER = date(2025, 8, 1)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def _round_trip(text: str, matches, offset: int = 0) -> None:
    for match in matches:
        assert text[match.start - offset : match.end - offset] == match.text


def test_default_instance_is_cached() -> None:
    assert Gazetteer.load() is Gazetteer.load()


@pytest.mark.parametrize(
    ("name", "on", "key"),
    [
        ("Bắc Kạn", date(2022, 7, 28), "bac-kan"),
        ("Bắc Kạn", AFTER, "thai-nguyen-2025"),  # merged into the new Thái Nguyên
        ("Thái Nguyên", BEFORE, "thai-nguyen"),
        ("Thái Nguyên", date(2025, 7, 1), "thai-nguyen-2025"),
        ("Thái Nguyên", date(2025, 6, 30), "thai-nguyen"),
        ("tỉnh Cao Bằng", AFTER, "cao-bang"),  # not merged: keeps its IRI
        ("Hà Giang", AFTER, "tuyen-quang-2025"),
        ("Huế", date(2019, 3, 1), "thua-thien-hue"),
        ("Thừa Thiên Huế", date(2024, 12, 31), "thua-thien-hue"),
        ("Thừa Thiên Huế", date(2025, 3, 1), "hue"),
        ("Thành phố Huế", AFTER, "hue"),
        ("TP. Hồ Chí Minh", BEFORE, "ho-chi-minh"),
        ("Hòa Bình", BEFORE, "hoa-binh"),
        ("Hoà Bình", BEFORE, "hoa-binh"),  # old tone-mark placement
        ("Hoa Binh", BEFORE, "hoa-binh"),  # no diacritics, unambiguous
        ("HÒA BÌNH", BEFORE, "hoa-binh"),
        ("Đăk Lăk", BEFORE, "dak-lak"),
    ],
)
def test_province_resolves_against_time(gaz: Gazetteer, name: str, on: date, key: str) -> None:
    entry = gaz.province(name, on)
    assert entry is not None and entry.key == key
    assert entry.iri.endswith(f"/id/province/{key}")


def test_province_entries_carry_their_validity(gaz: Gazetteer) -> None:
    old = gaz.province("Bắc Kạn", BEFORE)
    new = gaz.province("Bắc Kạn", AFTER)
    assert old.valid_until == date(2025, 6, 30)
    assert new.valid_from == date(2025, 7, 1)
    assert gaz.province("Hà Nội", BEFORE) == gaz.province("Hà Nội", AFTER)
    assert gaz.province("Atlantis", BEFORE) is None


def test_find_provinces_with_prefixes_and_offsets(gaz: Gazetteer) -> None:
    text = (
        "UBND tỉnh Lâm Đồng là Cụm trưởng; TP. Hồ Chí Minh, thành phố Đà Nẵng, TP.HCM, "
        "Sở Nội vụ Bình Định và các tỉnh Thái Nguyên, Tuyên Quang."
    )
    found = gaz.find_provinces(text, BEFORE, offset=40)
    _round_trip(text, found, 40)
    assert [(m.text, m.entry.key) for m in found] == [
        ("tỉnh Lâm Đồng", "lam-dong"),
        ("TP. Hồ Chí Minh", "ho-chi-minh"),
        ("thành phố Đà Nẵng", "da-nang"),
        ("TP.HCM", "ho-chi-minh"),
        ("Bình Định", "binh-dinh"),
        ("tỉnh Thái Nguyên", "thai-nguyen"),
        ("Tuyên Quang", "tuyen-quang"),
    ]


def test_find_provinces_after_the_merger(gaz: Gazetteer) -> None:
    found = gaz.find_provinces("tỉnh Hà Nam và tỉnh Cao Bằng", AFTER)
    assert [m.entry.key for m in found] == ["ninh-binh-2025", "cao-bang"]


def test_names_that_are_something_else(gaz: Gazetteer) -> None:
    text = (
        "tham quan thành phố Bắc Kạn, TP Lào Cai và huyện Bạch Thông; học tập tư tưởng "
        "Hồ Chí Minh; giữ gìn hòa bình; chiến thắng Điện Biên Phủ"
    )
    assert gaz.find_provinces(text, BEFORE) == []


def test_near_names_do_not_mix(gaz: Gazetteer) -> None:
    text = "Hà Nam, Hà Nội, Quảng Nam, Quảng Ngãi, Bắc Giang, Bắc Ninh, Bắc Kạn"
    keys = [m.entry.key for m in gaz.find_provinces(text, BEFORE)]
    assert keys == [
        "ha-nam",
        "ha-noi",
        "quang-nam",
        "quang-ngai",
        "bac-giang",
        "bac-ninh",
        "bac-kan",
    ]
    assert gaz.find_provinces("Hà Namđịnh và BắcGiang", BEFORE) == []  # never inside a word


def test_spelling_variants_in_text(gaz: Gazetteer) -> None:
    text = "gồm Hoà Bình, Hòa Bình, Hoa Binh và Khánh Hoà"
    found = gaz.find_provinces(text, BEFORE)
    _round_trip(text, found)
    assert [(m.text, m.entry.key) for m in found] == [
        ("Hoà Bình", "hoa-binh"),
        ("Hòa Bình", "hoa-binh"),
        ("Hoa Binh", "hoa-binh"),
        ("Khánh Hoà", "khanh-hoa"),
    ]


def _write(folder: Path, name: str, rows: list[str]) -> None:
    (folder / name).write_text("\n".join(rows) + "\n", encoding="utf-8")


def test_fold_is_used_only_when_unambiguous(tmp_path: Path) -> None:
    names = [("01", "Hà Nam"), ("02", "Hạ Nam"), ("03", "Bình Long")]
    _write(
        tmp_path,
        "provinces_2008_2025.csv",
        ["code,name_vi,full_name_vi,type,region,wikidata_qid,source,note"]
        + [f"{code},{name},Tỉnh {name},tỉnh,,,test," for code, name in names],
    )
    _write(
        tmp_path,
        "provinces_2025.csv",
        [
            "code_2025,name_vi,full_name_vi,type,merged_from,merged_from_codes,admin_centre,source,note"
        ]
        + [f"{code},{name},Tỉnh {name},tỉnh,{name},{code},,test," for code, name in names],
    )
    gaz = Gazetteer.load(tmp_path)
    assert gaz.province("Hạ Nam").label == "Hạ Nam"
    assert gaz.province("Ha Nam") is None  # "ha nam" folds from two names
    assert gaz.province("Binh Long").label == "Bình Long"


def test_a_table_missing_from_the_folder_is_taken_from_the_package(tmp_path: Path) -> None:
    gaz = Gazetteer.load(tmp_path)
    assert gaz.province("Bắc Kạn", BEFORE).key == "bac-kan"
    assert gaz.document("34-CT/TW") is not None


def test_a_bad_date_in_a_table_names_the_file_and_field(tmp_path: Path) -> None:
    packaged = (DATA / "legal_documents.csv").read_text(encoding="utf-8").splitlines()
    bad = "1/2020/QH14,Luật,Quốc hội,Luật Thử,2020-13-01,,,test,"
    _write(tmp_path, "legal_documents.csv", [*packaged, bad])
    with pytest.raises(InputError, match=rf"legal_documents.csv:{len(packaged) + 1}: date_issued"):
        Gazetteer.load(tmp_path)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Cụm thi đua các tỉnh trung du và miền núi phía Bắc", "trung-du-mien-nui-phia-bac"),
        ("Cụm thi đua 7 tỉnh trung du miền núi phía Bắc", "trung-du-mien-nui-phia-bac"),
        ("7 tỉnh trung du miền núi phía Bắc", "trung-du-mien-nui-phia-bac"),
        ("Cụm thi đua 9 tỉnh đồng bằng Sông Hồng", "dong-bang-song-hong"),
        ("Cụm thi đua các tỉnh đồng bằng sông Hồng", "dong-bang-song-hong"),
        (
            "Cụm thi đua các tỉnh Tây Nguyên và Duyên hải miền Trung",
            "tay-nguyen-duyen-hai-mien-trung",
        ),
        ("9 tỉnh Tây Nguyên và Duyên hải miền Trung", "tay-nguyen-duyen-hai-mien-trung"),
        ("Cụm thi đua 7 tỉnh miền núi biên giới phía Bắc", "mien-nui-bien-gioi-phia-bac"),
        ("Cụm thi đua các tỉnh Bắc Trung Bộ", "bac-trung-bo"),
        ("Cụm thi đua các tỉnh Đông Nam Bộ", "dong-nam-bo"),
        ("Cụm thi đua các tỉnh miền Tây Nam Bộ", "tay-nam-bo"),
        ("Cụm thi đua 5 thành phố trực thuộc Trung ương", "thanh-pho-truc-thuoc-tw"),
        ("5 thành phố trực thuộc Trung ương", "thanh-pho-truc-thuoc-tw"),
        ("CỤM THI ĐUA CÁC TỈNH BẮC TRUNG BỘ", "bac-trung-bo"),
    ],
)
def test_cluster_names_and_patterns(gaz: Gazetteer, text: str, key: str) -> None:
    sentence = f"Hội nghị của {text} diễn ra."
    (match,) = gaz.find_clusters(sentence, offset=3)
    assert (match.text, match.entry.key) == (text, key)
    assert sentence[match.start - 3 : match.end - 3] == text
    assert gaz.cluster(text).key == key


def test_regions_without_a_cluster_word_are_not_clusters(gaz: Gazetteer) -> None:
    text = "các tỉnh Tây Nguyên và Duyên hải miền Trung có lợi thế; Cụm thi đua đạt kết quả"
    assert gaz.find_clusters(text) == []
    assert gaz.cluster("tay-nam-bo").key == "tay-nam-bo"
    assert gaz.cluster("Cụm thi đua") is None


def test_clusters_in_real_articles(gaz: Gazetteer, corpus_dir) -> None:
    expected = {
        "000_93dfd16ce8d20f0d.txt": "trung-du-mien-nui-phia-bac",
        "001_a8b3c08234c141ac.txt": "tay-nguyen-duyen-hai-mien-trung",
        "002_6a2b356a64c4720c.txt": "dong-bang-song-hong",
        "003_f5499bc3bc7e4f1f.txt": "trung-du-mien-nui-phia-bac",
    }
    for name, key in expected.items():
        text = (corpus_dir / name).read_text(encoding="utf-8")
        found = gaz.find_clusters(text)
        _round_trip(text, found)
        assert found and {m.entry.key for m in found} == {key}


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Cờ Thi đua của Chính phủ", "co-thi-dua-chinh-phu"),
        ("cờ thi đua Chính phủ", "co-thi-dua-chinh-phu"),
        ("Bằng khen của Thủ tướng Chính phủ", "bang-khen-thu-tuong-chinh-phu"),
        ("Bằng khen Thủ tướng Chính phủ", "bang-khen-thu-tuong-chinh-phu"),
        ("Cờ thi đua của UBND tỉnh", "co-thi-dua-uy-ban-nhan-dan-tinh"),
        ("Huân chương Lao động hạng Ba", "huan-chuong-lao-dong-hang-ba"),
    ],
)
def test_award_types(gaz: Gazetteer, text: str, key: str) -> None:
    sentence = f"đề nghị tặng {text} cho hai tỉnh"
    (match,) = gaz.find_award_types(sentence)
    assert (match.text, match.entry.key) == (text, key)
    assert gaz.award_type(text).key == key


def test_documents_by_number_and_by_name(gaz: Gazetteer) -> None:
    decree = gaz.document("91/2017NĐ-CP")
    assert decree.key == "91-2017-nd-cp" and decree.valid_from == date(2017, 7, 31)
    assert gaz.document("34 -CT/TW").key == "34-ct-tw"
    assert gaz.document("999/2099/XX-YY") is None
    law = "Luật Thi đua, khen thưởng"
    assert gaz.document_by_name(law, date(2019, 3, 21)).key == "15-2003-qh11"
    assert (
        gaz.document_by_name("Luật Thi đua, Khen thưởng", date(2024, 3, 29)).key == "06-2022-qh15"
    )
    assert gaz.document_by_name(f"{law} năm 2022", date(2023, 5, 1)).key == "06-2022-qh15"
    assert gaz.document_by_name("Luật Không Có", date(2024, 1, 1)) is None


def test_campaigns_and_organizations(gaz: Gazetteer, corpus_dir) -> None:
    text = (corpus_dir / "002_6a2b356a64c4720c.txt").read_text(encoding="utf-8")
    found = gaz.find_campaigns(text)
    _round_trip(text, found)
    keys = {m.entry.key for m in found}
    assert "doanh-nghiep-viet-nam-hoi-nhap-va-phat-trien" in keys
    # the article's own typo "xây dụng" inside quotes still names the campaign
    assert any(m.text == "Chung sức xây dụng nông thôn mới" for m in found)
    assert gaz.campaign("Cả nước chung sức xây dựng nông thôn mới") is not None
    assert gaz.organization("Bộ Chính trị").key == "bo-chinh-tri"


def test_a_table_without_a_needed_column_is_named(tmp_path: Path) -> None:
    _write(tmp_path, "award_types.csv", ["name,kind", "Giấy khen,hình thức khen thưởng"])
    with pytest.raises(InputError, match=r"award_types.csv:1: name_vi"):
        Gazetteer.load(tmp_path)


def test_an_unknown_predecessor_code_is_named(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "provinces_2025.csv",
        [
            "code_2025,name_vi,full_name_vi,type,merged_from,merged_from_codes,admin_centre,source,note",
            "01,Hà Nội,Thành phố Hà Nội,thành phố trực thuộc trung ương,Hà Nội,99,,test,",
        ],
    )
    with pytest.raises(InputError, match=r"provinces_2025.csv:2: merged_from_codes"):
        Gazetteer.load(tmp_path)


def test_province_names_inside_person_names(gaz: Gazetteer) -> None:
    text = "ông Nguyễn Thái Bình, bà Lê Hòa Bình và đại biểu tỉnh Thái Bình, Hòa Bình"
    found = gaz.find_provinces(text, BEFORE)
    assert [(m.text, m.entry.key) for m in found] == [
        ("tỉnh Thái Bình", "thai-binh"),
        ("Hòa Bình", "hoa-binh"),
    ]
