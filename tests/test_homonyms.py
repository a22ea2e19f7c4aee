"""Names one diacritic apart across a corpus: two spellings of one slug are two people unless
something ties them across articles (the same province, a shared post); namesakes in two
provinces stay apart. Small articles written for these tests are built into a store and the
people read back from it; incremental builds must give what a full build gives."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from tdkt import manifest
from tdkt.build import build
from tdkt.extraction import MIN_POOLED
from tdkt.loaders.articles.rules.officials import Seen, corpus_keys
from tdkt.store.embedded import EmbeddedStore

PEOPLE = """
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
SELECT ?person ?name WHERE { ?person a foaf:Person ; foaf:name ?name }
"""

# One sentence each, written for these tests: (article name, sentence).
PROVINCE = [
    ("bg-tong-ket", "Ông Lê Văn Bình, Chủ tịch UBND tỉnh Bắc Giang đánh giá cao kết quả."),
    ("bg-phat-dong", "Ông Lê Văn Bính, Phó Bí thư Tỉnh ủy Bắc Giang phát biểu chỉ đạo."),
]
POST = [
    ("trao-tang", "Phó Chủ tịch nước Đặng Văn Hùng dự lễ trao tặng danh hiệu thi đua."),
    ("bieu-duong", "Ông Đăng Văn Hùng, Phó Chủ tịch nước tặng hoa các điển hình."),
]
UNTIED = [
    ("tap-huan", "Ông Phạm Văn Tùng, Giám đốc Sở Tư pháp phát biểu khai mạc."),
    ("dan-van", "Ông Phạm Văn Tụng, Chánh Văn phòng Đoàn ĐBQH tham luận tại hội nghị."),
]
THREE = [
    ("trien-khai", "Thứ trưởng Bộ Nội vụ Hoàng Văn Nam phát biểu chỉ đạo hội nghị."),
    ("so-ket", "Ông Hoàng Văn Năm, Thứ trưởng Bộ Nội vụ trao cờ thi đua cho các tỉnh."),
    ("tuyen-duong", "Ông Hoàng Văn Nấm, Giám đốc Sở Xây dựng báo cáo kết quả."),
]
PROVINCES = [
    ("nam-dinh", "Ông Trần Văn Nam, Chủ tịch UBND tỉnh Nam Định phát biểu khai mạc."),
    ("ninh-binh", "Ông Trần Văn Nam, Phó Chủ tịch UBND tỉnh Ninh Bình phát biểu bế mạc."),
]


def write(directory: Path, articles: list[tuple[str, str]]) -> Path:
    """Each article: a headline, a date line, and one paragraph with the sentence."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, sentence in articles:
        body = f"Sáng 9/1, hội nghị về công tác thi đua được tổ chức. {sentence}"
        text = f"Hội nghị về công tác thi đua, khen thưởng\n\n10/01/2024\n\n{body}\n"
        (directory / f"{name}.txt").write_text(text, encoding="utf-8")
    return directory


def people(store_path: Path) -> dict[str, set[str]]:
    """Person key → every name the store gives that person."""
    store = EmbeddedStore(store_path)
    try:
        rows = store.select(PEOPLE).rows
    finally:
        store.close()
    found: dict[str, set[str]] = {}
    for person, name in rows:
        found.setdefault(str(person).rsplit("/", 1)[1], set()).add(str(name))
    return found


def built(tmp_path: Path, articles: list[tuple[str, str]]) -> dict[str, set[str]]:
    build(tmp_path / "kg", corpus_dirs=[write(tmp_path / "corpus", articles)])
    return people(tmp_path / "kg")


def test_the_same_province_ties_two_spellings(tmp_path, quick_validation) -> None:
    assert built(tmp_path, PROVINCE) == {"le-van-binh": {"Lê Văn Bình", "Lê Văn Bính"}}


def test_a_shared_post_ties_two_spellings(tmp_path, quick_validation) -> None:
    assert built(tmp_path, POST) == {"dang-van-hung": {"Đặng Văn Hùng", "Đăng Văn Hùng"}}


def test_untied_spellings_are_two_people(tmp_path, quick_validation) -> None:
    # Named by as many sources each: the spelling first in Telex order keeps the plain key.
    assert built(tmp_path, UNTIED) == {
        "pham-van-tung": {"Phạm Văn Tùng"},
        "phamj-vawn-tungj": {"Phạm Văn Tụng"},
    }


def test_the_spelling_most_sources_use_keeps_the_plain_key(tmp_path, quick_validation) -> None:
    again = ("hop-bao", "Ông Phạm Văn Tụng, Chánh Văn phòng Đoàn ĐBQH trả lời báo chí.")
    assert built(tmp_path, [*UNTIED, again]) == {
        "pham-van-tung": {"Phạm Văn Tụng"},
        "phamj-vawn-tungf": {"Phạm Văn Tùng"},
    }


def test_three_spellings_two_tied_by_a_post(tmp_path, quick_validation) -> None:
    assert built(tmp_path, THREE) == {
        "hoang-van-nam": {"Hoàng Văn Nam", "Hoàng Văn Năm"},
        "hoangf-vawn-naams": {"Hoàng Văn Nấm"},
    }


def test_namesakes_in_two_provinces_stay_apart(tmp_path, quick_validation) -> None:
    assert built(tmp_path, PROVINCES) == {
        "tran-van-nam-nam-dinh": {"Trần Văn Nam"},
        "tran-van-nam-ninh-binh": {"Trần Văn Nam"},
    }


def test_two_people_one_article_names_stay_two_across_the_corpus(
    tmp_path, quick_validation
) -> None:
    """One sentence names both spellings in one province (two people there); another article's
    province must not merge them."""
    both = (
        "hai-nguoi",
        "Dự có ông Lê Văn Bình, Phó Chủ tịch UBND tỉnh Hà Nam và ông Lê Văn Bính, Phó Chủ "
        "tịch UBND tỉnh Hà Nam.",
    )
    one = ("mot-nguoi", "Ông Lê Văn Bính, Phó Chủ tịch UBND tỉnh Hà Nam phát biểu bế mạc.")
    assert built(tmp_path, [both, one]) == {
        "le-van-binh": {"Lê Văn Bính"},
        "lee-vawn-binhf": {"Lê Văn Bình"},
    }


@pytest.mark.parametrize(
    ("first", "then"),
    [
        (PROVINCE[:1], PROVINCE[1:]),  # a tie arrives: the new spelling joins the old key
        (UNTIED[:1], UNTIED[1:]),  # an untied spelling arrives: it takes a Telex key
        (UNTIED, [("hop-bao", "Ông Phạm Văn Tụng, Chánh Văn phòng Đoàn ĐBQH dự họp.")]),
        (THREE[2:], THREE[:2]),  # the plain key moves to the two sources tied by a post
    ],
)
def test_an_incremental_build_gives_what_a_full_build_gives(
    tmp_path, quick_validation, first, then
) -> None:
    from conftest import all_quads

    corpus = write(tmp_path / "corpus", first)
    build(tmp_path / "kg", corpus_dirs=[corpus])
    write(corpus, then)
    summary = build(tmp_path / "kg", corpus_dirs=[corpus])
    build(tmp_path / "full", corpus_dirs=[corpus], full=True)
    assert not summary.full
    stores = [EmbeddedStore(tmp_path / name) for name in ("kg", "full")]
    try:
        assert all_quads(stores[0]) == all_quads(stores[1])
    finally:
        for store in stores:
            store.close()


def test_worker_processes_give_the_keys_one_process_gives(tmp_path, quick_validation) -> None:
    """Enough articles for a pool of workers (whose results arrive in any order)."""
    corpus = write(tmp_path / "corpus", PROVINCE + POST + UNTIED + THREE)
    assert len(list(corpus.iterdir())) >= MIN_POOLED
    build(tmp_path / "one", corpus_dirs=[corpus], workers=1)
    build(tmp_path / "two", corpus_dirs=[corpus], workers=2)
    assert people(tmp_path / "two") == people(tmp_path / "one")
    assert set(people(tmp_path / "one")) == {
        "le-van-binh",
        "dang-van-hung",
        "pham-van-tung",
        "phamj-vawn-tungj",
        "hoang-van-nam",
        "hoangf-vawn-naams",
    }


def test_keys_do_not_depend_on_the_order_of_the_sources() -> None:
    sources = {
        "a": (Seen("le-van-binh", "Lê Văn Bình", province="bac-giang"),),
        "b": (Seen("le-van-binh", "Lê Văn Bính"),),
        "c": (Seen("le-van-binh", "Lê Văn Bình", posts=("tinh-uy-bac-giang/bi-thu",)),),
        "d": (Seen("le-van-binh", "Lê Văn Bính", posts=("bo-noi-vu/thu-truong",)),),
        "e": (Seen("le-van-binh", "Le Van Binh"),),
    }
    expected = corpus_keys(sources)
    for order in itertools.permutations(sources):
        assert corpus_keys({source: sources[source] for source in order}) == expected
    final = {s: expected[s].get(p.key, p.key) for s, (p,) in sources.items()}
    assert final["a"] == final["c"] == "le-van-binh"  # one spelling, the one province
    assert final["b"] == final["d"] != final["a"]  # the same spelling, no province
    assert len(set(final.values())) == 3  # the spelling without diacritics is its own


def test_an_older_manifest_makes_the_next_build_full(tmp_path, quick_validation) -> None:
    corpus = write(tmp_path / "corpus", PROVINCE)
    build(tmp_path / "kg", corpus_dirs=[corpus])
    path = manifest.path_in(tmp_path / "kg")
    document = json.loads(path.read_text("utf-8"))
    document["version"] = 1
    for record in document["sources"].values():  # the old form: (key, province) pairs
        record["seen"] = [[p["key"], p["province"]] for p in record["seen"]]
    path.write_text(json.dumps(document), "utf-8")
    assert manifest.read(tmp_path / "kg") is None
    again = build(tmp_path / "kg", corpus_dirs=[corpus])
    assert (again.full, again.extracted) == (True, 2)
    assert manifest.read(tmp_path / "kg") is not None
