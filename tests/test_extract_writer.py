"""The worker's N-Quads writer: the same quads as the rdflib graph the CLI and tests read,
escaped as the N-Quads grammar wants, whatever the article holds; and the folding and Telex
forms the fast scans and the person keys rely on (texts written for the tests)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import URIRef

from tdkt.extraction import to_nquads
from tdkt.loaders.articles import nquads
from tdkt.loaders.articles.corpus import extract_article
from tdkt.loaders.articles.reader import parse_article
from tdkt.loaders.articles.to_rdf import facts_to_graph, facts_to_nquads
from tdkt.loaders.gazetteer import Gazetteer
from tdkt.text import fold, fold_chars, telex


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def _quads(text: str) -> set:
    return set(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS))


def _same_as_the_graph(facts) -> None:
    name, text, count = facts_to_nquads(facts)
    named = facts_to_graph(facts)
    assert name == named.iri
    assert _quads(text) == _quads(to_nquads(named))
    assert count == len(named.graph) == len(text.splitlines())


def test_the_seed_articles_give_the_quads_of_their_graph(corpus_dir: Path, gazetteer) -> None:
    for path in sorted(corpus_dir.glob("*.txt")):
        _same_as_the_graph(extract_article(parse_article(path.read_bytes(), path), gazetteer))


ODD = [
    'Tin "đặc biệt" \\ có\tký tự lạ\n\nNgày 12/3/2024, đồng chí Hà Văn Tú, Chủ tịch UBND tỉnh Bắc '
    'Kạn phát biểu: "Thi đua là yêu nước\\\x07". Cờ thi đua của Chính phủ tặng tỉnh Bắc Kạn.\n',
    "Tiêu đề\r\nvới dòng Windows\r\n\r\nNgày 2/5/2023, Cụm thi đua các tỉnh Tây Nam Bộ gồm các "
    "tỉnh An Giang, Cà Mau tổ chức hội nghị tổng kết.\u2028 Hết.\r\n",
]


@pytest.mark.parametrize("text", ODD)
def test_quotes_backslashes_and_control_characters_are_escaped(text: str, gazetteer) -> None:
    article = parse_article(text.encode("utf-8"), Path("ky-tu-la.txt"))
    _same_as_the_graph(extract_article(article, gazetteer))


def test_a_literal_is_escaped_as_the_grammar_asks() -> None:
    line = nquads.lines(
        [(URIRef("https://x.org/s"), URIRef("https://x.org/p"), nquads.plain('a"b\\c\nd\re\x01'))],
        URIRef("https://x.org/g"),
    )
    assert (
        line
        == '<https://x.org/s> <https://x.org/p> "a\\"b\\\\c\\nd\\re\\u0001" <https://x.org/g> .\n'
    )
    ((quad),) = _quads(line)
    assert quad.object.value == 'a"b\\c\nd\re\x01'


@pytest.mark.parametrize(
    "bad", ["https://x.org/a b", "https://x.org/<a>", 'https://x.org/"', "", "id/person/a"]
)
def test_a_string_no_iri_can_be_is_refused(bad: str) -> None:
    triple = (URIRef("https://x.org/s"), URIRef("https://x.org/p"), URIRef(bad))
    with pytest.raises(ValueError, match="not an IRI"):
        nquads.lines([triple], URIRef("https://x.org/g"))


# ------------------------------------------------------------------ folding and Telex


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
@settings(max_examples=300, deadline=None)
def test_folding_keeps_every_offset_and_agrees_with_fold(text: str) -> None:
    folded = fold_chars(text)
    assert len(folded) == len(text)
    for ch, f in zip(text, folded, strict=True):
        expected = fold(ch)
        assert f == (expected if len(expected) == 1 else ch)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đặng Thị Ngọc Thịnh", "dang thi ngoc thinh"),
        ("CỤM THI ĐUA Tây Nguyên", "cum thi dua tay nguyen"),
        ("Hoà – Hòa – 漢字 Ω", "hoa – hoa – 漢字 ω"),
    ],
)
def test_folding_examples(text: str, folded: str) -> None:
    assert fold_chars(text) == folded


@pytest.mark.parametrize(
    ("name", "typed"),
    [
        ("Lê Văn Bính", "lee vawn binhs"),
        ("Lê Văn Bình", "lee vawn binhf"),
        ("Đặng Thị Ngọc Thịnh", "ddawngj thij ngocj thinhj"),
        ("Trương Ươm", "truwowng uwowm"),
        ("Nguyễn Thị Hỏa", "nguyeenx thij hoar"),
    ],
)
def test_telex_keeps_every_diacritic(name: str, typed: str) -> None:
    assert telex(name) == typed
    assert telex(unicodedata.normalize("NFD", name)) == typed  # whatever the normal form


def test_telex_ignores_where_the_tone_mark_sits() -> None:
    assert telex("Nguyễn Thị Hoà") == telex("Nguyễn Thị Hòa") == "nguyeenx thij hoaf"


# ------------------------------------------------------------------ the scans' cues


@pytest.mark.parametrize(
    ("sentence", "cluster"),
    [
        ("Hội nghị của Cụm thi đua các tỉnh Tây Nam Bộ diễn ra sáng nay.", "tay-nam-bo"),
        ("CỤM THI ĐUA CÁC TỈNH ĐÔNG NAM BỘ TỔNG KẾT NĂM 2023", "dong-nam-bo"),
        ("Đại diện cụm 7 tỉnh biên giới phía Bắc đã ký giao ước.", "mien-nui-bien-gioi-phia-bac"),
        ("Năm nay, 7 tỉnh miền núi biên giới phía Bắc thống nhất.", "mien-nui-bien-gioi-phia-bac"),
        ("Lãnh đạo cụm bảy tỉnh biên giới phía bắc dự họp.", "mien-nui-bien-gioi-phia-bac"),
        ("(Cụm thi đua các tỉnh Đồng bằng sông Hồng) họp.", "dong-bang-song-hong"),
    ],
)
def test_a_cluster_name_in_any_case_passes_the_cue(sentence: str, cluster: str, gazetteer) -> None:
    assert [m.entry.key for m in gazetteer.find_clusters(sentence)] == [cluster]


@pytest.mark.parametrize(
    "sentence",
    [
        "Hưởng ứng phong trào “Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía "
        "sau”, tỉnh đã vận động.",
        "Phong trào “ca nuoc chung tay xay dung nong thon moi” được triển khai.",
        "DOANH NGHIỆP VIỆT NAM HỘI NHẬP VÀ PHÁT TRIỂN: kết quả năm 2023",
    ],
)
def test_a_campaign_named_or_folded_in_quotes_passes_the_cue(sentence: str, gazetteer) -> None:
    assert gazetteer.find_campaigns(sentence)
