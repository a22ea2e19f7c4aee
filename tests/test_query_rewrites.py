"""The named queries written for the engine's planner (start from the bound parameter, a path
read as a set, a sort key built once) answer as their plain reading says: a bound parameter
keeps exactly the rows of the unbound answer that it names, in the same order."""

from __future__ import annotations

import pytest
from conftest import sample_store
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS, XSD

from tdkt import catalogue, iris
from tdkt.loaders import NamedGraph

TDKT, ORG, PROV, RDF = iris.TDKT, iris.ORG, iris.PROV, iris.RDF
BODY_BG = iris.organization("so-noi-vu-bac-giang")  # a body of Bắc Giang
BODY_LC = iris.organization("so-noi-vu-lao-cai")  # a body of Lào Cai
AWARD_TYPE = URIRef(iris.ID + "award-type/bang-khen-thu-tuong")
CLUSTER = "bac-trung-bo"
TERM = iris.cluster_role_term(CLUSTER, "chair", 2021)


def _award(graph: Graph, key: str, *recipients: URIRef) -> URIRef:
    node = URIRef(iris.ID + f"award/test/{key}")
    graph.add((node, RDF.type, TDKT.Award))
    graph.add((node, TDKT.awardType, AWARD_TYPE))
    graph.add((node, TDKT.meritYear, Literal("2021", datatype=XSD.gYear)))
    graph.add((node, TDKT.status, TDKT.Proposed))
    graph.add((node, PROV.wasDerivedFrom, URIRef(f"urn:test:award-{key}")))
    for recipient in recipients:
        graph.add((node, TDKT.recipient, recipient))
    return node


def _awards_graph() -> Graph:
    """Awards to a body of a province, to a province and a body of another at once, to bodies of
    two provinces at once, to no one."""
    graph = Graph()
    for body, province, name in [
        (BODY_BG, "bac-giang", "Sở Nội vụ tỉnh Bắc Giang"),
        (BODY_LC, "lao-cai", "Sở Nội vụ tỉnh Lào Cai"),
    ]:
        graph.add((body, TDKT.ofProvince, iris.province(province)))
        graph.add((body, RDFS.label, Literal(name, lang="vi")))
    graph.add((AWARD_TYPE, SKOS.prefLabel, Literal("Bằng khen của Thủ tướng", lang="vi")))
    _award(graph, "body", BODY_BG)
    _award(graph, "mixed", iris.province("bac-giang"), BODY_LC)
    _award(graph, "bodies", BODY_LC, BODY_BG)
    _award(graph, "nobody")
    return graph


def _claim(source: str, status: URIRef, *, organization: bool = True) -> Graph:
    """One source's claim that Quảng Trị chaired the cluster in 2021."""
    graph = Graph()
    graph.add((TERM, RDF.type, TDKT.ClusterRoleTerm))
    if organization:
        graph.add((TERM, ORG.organization, iris.cluster(CLUSTER)))
    graph.add((TERM, ORG.member, iris.province("Quảng Trị")))
    graph.add((TERM, ORG.role, TDKT.ClusterChair))
    graph.add((TERM, TDKT.year, Literal("2021", datatype=XSD.gYear)))
    graph.add((TERM, TDKT.status, status))
    graph.add((TERM, PROV.wasDerivedFrom, URIRef(source)))
    return graph


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    kg = sample_store(tmp_path_factory.mktemp("rewrites") / "kg")
    extra = [
        ("awards", _awards_graph()),
        ("claim-c", _claim("urn:test:c", TDKT.Elected)),
        ("claim-a", _claim("urn:test:a", TDKT.Proposed)),
        ("claim-b", _claim("urn:test:b", TDKT.Stated)),
        ("claim-no-cluster", _claim("urn:test:0", TDKT.Stated, organization=False)),
    ]
    for name, graph in extra:
        kg.replace_graph(NamedGraph(iris.article_graph(f"rewrites-{name}"), graph, "test"))
    yield kg
    kg.close()


def run(store, name: str, **values: str):
    return catalogue.run(store, catalogue.named(name), values)


def rows_as_dicts(result) -> list[dict]:
    return [dict(zip(result.variables, row, strict=True)) for row in result.rows]


def test_awards_of_a_province_include_its_bodies_and_only_its_recipients(store):
    rows = rows_as_dicts(run(store, "awards", province="bac-giang"))
    mine = [(str(r["award"]).rsplit("/", 1)[1], r["recipient"]) for r in rows]
    assert ("body", BODY_BG) in mine
    assert ("mixed", iris.province("bac-giang")) in mine
    assert ("bodies", BODY_BG) in mine
    assert ("mixed", BODY_LC) not in mine  # the other recipients of the same awards
    assert ("bodies", BODY_LC) not in mine
    assert all(award != "nobody" for award, _ in mine)
    body = next(r for r in rows if r["recipient"] == BODY_BG)
    assert body["recipient_label"] == Literal("Sở Nội vụ tỉnh Bắc Giang", lang="vi")
    assert body["award_label"] == Literal("Bằng khen của Thủ tướng", lang="vi")
    other = [r["recipient"] for r in rows_as_dicts(run(store, "awards", province="lao-cai"))]
    assert sorted(other) == [BODY_LC, BODY_LC]  # "mixed" and "bodies"


def test_awards_of_each_province_are_the_matching_rows_of_all_awards_in_order(store):
    everything = run(store, "awards")
    homes = {
        iris.province("bac-giang"): {BODY_BG, iris.province("bac-giang")},
        iris.province("lao-cai"): {BODY_LC},
    }
    recipient = everything.variables.index("recipient")
    for province, recipients in homes.items():
        key = str(province).rsplit("/", 1)[1]
        expected = [row for row in everything.rows if row[recipient] in recipients]
        assert run(store, "awards", province=key).rows == expected
    unclaimed = [r for r in rows_as_dicts(everything) if r["recipient"] is None]
    assert {str(r["award"]).rsplit("/", 1)[1] for r in unclaimed} >= {"nobody"}


def test_chair_claims_are_ordered_by_source_and_need_the_cluster_in_the_same_graph(store):
    rows = rows_as_dicts(run(store, "chair-rotation", cluster=CLUSTER))
    claims = [r for r in rows if r["year"] == Literal("2021", datatype=XSD.gYear)]
    assert [(str(r["source"]), r["status"]) for r in claims] == [
        ("urn:test:a", TDKT.Proposed),
        ("urn:test:b", TDKT.Stated),
        ("urn:test:c", TDKT.Elected),
    ]  # not urn:test:0: that graph does not say which cluster
    assert claims[0]["cluster_label"] and claims[0]["province_label"]


def test_chair_rotation_sorts_as_its_columns_say(store):
    result = run(store, "chair-rotation")
    keys = [(str(r[0]), str(r[2]), str(r[3]), str(r[4]), str(r[7])) for r in result.rows]
    assert keys == sorted(keys)
    assert len(keys) == len(set(keys)) >= 9


def test_chair_rotation_of_one_cluster_is_its_rows_of_the_whole_rotation(store):
    everything = run(store, "chair-rotation")
    for cluster in {row[0] for row in everything.rows}:
        key = str(cluster).rsplit("/", 1)[1]
        expected = [row for row in everything.rows if row[0] == cluster]
        assert run(store, "chair-rotation", cluster=key).rows == expected


def test_entities_of_one_kind_are_its_rows_of_all_entities(store):
    everything = run(store, "entities")
    kinds = {row[1] for row in everything.rows}
    assert len(kinds) > 3
    for kind in kinds:
        expected = [row for row in everything.rows if row[1] == kind]
        assert run(store, "entities", kind=str(kind)).rows == expected


def test_cluster_members_of_one_cluster_are_its_rows_of_the_year(store):
    year = run(store, "cluster-members", year="2024")
    clusters = {row[0] for row in year.rows}
    assert clusters
    for cluster in clusters:
        key = str(cluster).rsplit("/", 1)[1]
        expected = [row for row in year.rows if row[0] == cluster]
        assert run(store, "cluster-members", cluster=key, year="2024").rows == expected
