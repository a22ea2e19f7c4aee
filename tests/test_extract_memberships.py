"""Cluster memberships a text lists with no date at all: kept, undated, and saying so; the
shapes accept them and no year-reading query takes them for a dated membership (sentences
written for the tests)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import XSD

from tdkt import validate
from tdkt.build import validate_graphs
from tdkt.iris import ORG, TDKT
from tdkt.loaders.articles.corpus import extract_article
from tdkt.loaders.articles.facts import DATE_NOT_STATED, ArticleFacts
from tdkt.loaders.articles.reader import parse_article
from tdkt.loaders.articles.to_rdf import facts_to_graph
from tdkt.loaders.gazetteer import Gazetteer
from tdkt.loaders.tables import load_tables


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def _facts(text: str, gazetteer: Gazetteer, name: str = "khong-ngay.txt") -> ArticleFacts:
    return extract_article(parse_article(text.encode("utf-8"), Path(name)), gazetteer)


def _members(facts: ArticleFacts) -> set[tuple[str, str, int | None]]:
    return {(m.cluster.key, m.province.key, m.year) for m in facts.memberships}


UNDATED = [
    (
        "Các tỉnh Tây Nam Bộ thi đua\n\nCụm thi đua các tỉnh Tây Nam Bộ gồm các tỉnh An Giang, "
        "Kiên Giang, Cà Mau và Bạc Liêu.\n",
        "tay-nam-bo",
        {"an-giang", "kien-giang", "ca-mau", "bac-lieu"},
    ),
    (
        "Cụm Đông Nam Bộ bàn phương hướng\n\nCụm thi đua các tỉnh Đông Nam Bộ (gồm: Bình Dương, "
        "Bình Phước, Tây Ninh, Đồng Nai) họp bàn phương hướng thi đua.\n",
        "dong-nam-bo",
        {"binh-duong", "binh-phuoc", "tay-ninh", "dong-nai"},
    ),
    (
        "Cụm thi đua các tỉnh miền núi biên giới phía Bắc\n\nPhong trào thi đua được giữ vững. "
        "Cụm gồm các tỉnh Lào Cai, Hà Giang và Cao Bằng.\n",
        "mien-nui-bien-gioi-phia-bac",
        {"lao-cai", "ha-giang", "cao-bang"},
    ),
]


@pytest.mark.parametrize(("text", "cluster", "provinces"), UNDATED)
def test_a_membership_with_no_date_is_kept_and_says_so(
    text: str, cluster: str, provinces: set[str], gazetteer: Gazetteer
) -> None:
    facts = _facts(text, gazetteer)
    assert _members(facts) == {(cluster, p, None) for p in provinces}
    assert all(m.notes == (DATE_NOT_STATED,) for m in facts.memberships)
    graph = facts_to_graph(facts).graph
    nodes = set(graph.subjects(ORG.role, TDKT.ClusterMember))
    assert len(nodes) == len(provinces)
    for node in nodes:
        assert "/member/undated-khong-ngay/" in str(node)
        assert graph.value(node, TDKT.year) is None
        assert graph.value(node, TDKT.extractionNote) == TDKT.DateNotStated
        assert graph.value(node, TDKT.notAfter) is None  # the text bounds it by nothing


def test_a_dated_text_still_gives_the_year_and_no_note(gazetteer: Gazetteer) -> None:
    text = (
        "Tin thi đua\n\nNgày 12/3/2024, Cụm thi đua các tỉnh Tây Nam Bộ gồm các tỉnh An Giang, "
        "Kiên Giang, Cà Mau và Bạc Liêu tổ chức hội nghị tổng kết.\n"
    )
    facts = _facts(text, gazetteer)
    assert {m.year for m in facts.memberships} == {2024}
    assert all(m.notes == () for m in facts.memberships)
    graph = facts_to_graph(facts).graph
    assert not set(graph.subjects(TDKT.extractionNote, TDKT.DateNotStated))


@pytest.mark.parametrize(
    ("text", "bound"),
    [
        (
            "Sơ kết thi đua\n\nTrong tháng 6/2023, Cụm thi đua các tỉnh Tây Nam Bộ tổ chức hội "
            "nghị sơ kết. Cụm gồm các tỉnh An Giang, Cà Mau.\n",
            date(2023, 6, 30),
        ),
        (
            "Tổng kết thi đua\n\nTrong tháng 2 năm 2021, Cụm thi đua các tỉnh Đông Nam Bộ tổ chức "
            "hội nghị tổng kết; Cụm gồm các tỉnh Bình Dương và Tây Ninh.\n",
            date(2021, 2, 28),
        ),
    ],
)
def test_an_undated_membership_is_bounded_by_the_month_the_text_gives(
    text: str, bound: date, gazetteer: Gazetteer
) -> None:
    facts = _facts(text, gazetteer)
    assert facts.memberships and {m.year for m in facts.memberships} == {None}
    graph = facts_to_graph(facts).graph
    for node in graph.subjects(ORG.role, TDKT.ClusterMember):
        assert graph.value(node, TDKT.notAfter) == Literal(bound.isoformat(), datatype=XSD.date)


def _union(graphs) -> Graph:
    data = Graph()
    for named in graphs:
        data += named.graph
    return data


def test_the_shapes_accept_an_undated_membership_and_refuse_a_silent_one(
    gazetteer: Gazetteer,
) -> None:
    text, _, _ = UNDATED[0]
    article = facts_to_graph(_facts(text, gazetteer))
    tables = load_tables()
    assert validate_graphs([*tables, article]).findings == []
    # The same node without its note is a fact that lost its year silently: refused, by the
    # engine and by pyshacl alike.
    silent = _union([*tables, article])
    silent.remove((None, TDKT.extractionNote, TDKT.DateNotStated))
    for reference in (False, True):
        findings = validate.validate(silent, reference=reference).findings
        assert {f.shape.rsplit("#", 1)[-1].rsplit("/", 1)[-1] for f in findings} == {"OneYear"}
        assert len(findings) == 4


def test_the_year_reading_queries_do_not_take_it_for_a_dated_membership(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    from tdkt.analysis.records import records
    from tdkt.store.embedded import EmbeddedStore

    undated, _, _ = UNDATED[0]
    dated = (
        "Tin thi đua\n\nNgày 12/3/2024, Cụm thi đua các tỉnh Tây Nam Bộ gồm các tỉnh An Giang "
        "và Kiên Giang tổ chức hội nghị tổng kết.\n"
    )
    articles = [
        facts_to_graph(_facts(undated, gazetteer, "khong-ngay.txt")),
        facts_to_graph(_facts(dated, gazetteer, "co-ngay.txt")),
    ]
    store = EmbeddedStore(tmp_path / "store")
    store.replace_all([*load_tables(), *articles])
    for name, values in (
        ("membership-history", {"cluster": "tay-nam-bo"}),
        ("cluster-members", {"cluster": "tay-nam-bo", "year": "2024"}),
    ):
        rows = records(store, name, values)
        assert not [r for r in rows if "khong-ngay" in str(r.get("source"))]
        from_article = [r for r in rows if "co-ngay" in str(r.get("source"))]
        assert {str(r["province"]).rsplit("/", 1)[-1] for r in from_article} == {
            "an-giang",
            "kien-giang",
        }
        assert {str(r["year"]) for r in from_article} == {"2024"}
