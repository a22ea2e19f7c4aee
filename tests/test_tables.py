"""The reference tables in data/ load into one named graph each, as docs/model.md maps them."""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

import pytest
from conftest import DATA
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from tdkt import iris
from tdkt.errors import InputError
from tdkt.iris import ELI, OA, ORG, PROV, RDF, RDFS, SKOS, TDKT, XSD
from tdkt.loaders.tables import load_table, load_tables


def read_csv(stem: str) -> list[dict[str, str]]:
    with (DATA / f"{stem}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def sources(row: dict[str, str]) -> set[URIRef]:
    return {
        iris.source(s.removeprefix("corpus:")) if s.startswith("corpus:") else URIRef(s)
        for s in (part.strip() for part in row["source"].split(" ; "))
    }


@pytest.fixture(scope="module")
def graphs() -> dict[str, Graph]:
    return {named.iri: named.graph for named in load_tables()}


def table(graphs: dict[str, Graph], stem: str) -> Graph:
    return graphs[iris.table_graph(stem)]


def union(graphs: dict[str, Graph]) -> Graph:
    merged = Graph()
    for graph in graphs.values():
        merged += graph
    return merged


def day(iso: str) -> Literal:
    return Literal(iso, datatype=XSD.date)


# --- provinces and their lineage ---------------------------------------------------------------


def test_every_csv_becomes_its_own_named_graph(graphs):
    stems = sorted(path.stem for path in DATA.glob("*.csv"))
    assert sorted(graphs) == sorted(iris.table_graph(stem) for stem in stems)
    assert all(len(graph) > 0 for graph in graphs.values())


def test_63_units_and_34_units(graphs):
    old = set(table(graphs, "provinces_2008_2025").subjects(RDF.type, TDKT.Province))
    new = set(table(graphs, "provinces_2025").subjects(RDF.type, TDKT.Province))
    assert len(old) == 63
    assert len(new) == 34
    codes = {str(c) for c in table(graphs, "provinces_2008_2025").objects(None, TDKT.gsoCode)}
    assert codes == {row["code"] for row in read_csv("provinces_2008_2025")}


def test_tuyen_quang_2025_comes_from_ha_giang_and_tuyen_quang(graphs):
    g = union(graphs)
    new = iris.province("tuyen-quang-2025")
    (event,) = g.objects(new, ORG.resultedFrom)
    assert set(g.objects(event, ORG.originalOrganization)) == {
        iris.province("Hà Giang"),
        iris.province("Tuyên Quang"),
    }
    assert g.value(event, ORG.resultingOrganization) == new
    assert g.value(event, TDKT.legalBasis) == iris.document("202/2025/QH15")
    assert g.value(event, iris.DCTERMS.date) == day("2025-07-01")
    assert g.value(new, TDKT.validFrom) == day("2025-07-01")
    assert g.value(new, RDFS.label) == Literal("Tuyên Quang", lang="vi")
    assert g.value(iris.province("Tuyên Quang"), TDKT.validUntil) == day("2025-06-30")


def test_bac_kan_ends_on_2025_06_30_by_resolution_202(graphs):
    g = union(graphs)
    bac_kan = iris.province("Bắc Kạn")
    assert g.value(bac_kan, TDKT.validUntil) == day("2025-06-30")
    (event,) = g.objects(bac_kan, ORG.changedBy)
    assert (event, RDF.type, ORG.ChangeEvent) in g
    assert g.value(event, TDKT.legalBasis) == iris.document("202/2025/QH15")
    # the event cites the resolution's own sources next to the province row's
    basis = next(r for r in read_csv("legal_documents") if r["number"] == "202/2025/QH15")
    assert sources(basis) <= set(g.objects(event, PROV.wasDerivedFrom))


def test_every_predecessor_of_a_merger_ends_and_unchanged_units_keep_their_iri(graphs):
    g = union(graphs)
    names = {r["code"]: r["name_vi"] for r in read_csv("provinces_2008_2025")}
    merged = {
        c
        for r in read_csv("provinces_2025")
        for c in r["merged_from_codes"].split(";")
        if ";" in r["merged_from_codes"]
    }
    ended = {str(s) for s in g.subjects(TDKT.validUntil, day("2025-06-30"))}
    assert ended == {str(iris.province(names[code])) for code in merged}
    ha_noi = iris.province("Hà Nội")
    assert (ha_noi, RDF.type, TDKT.Province) in table(graphs, "provinces_2025")
    assert g.value(ha_noi, TDKT.validUntil) is None


def test_hue_succeeds_thua_thien_hue_on_2025_01_01_by_resolution_175(graphs):
    g = union(graphs)
    hue, old = iris.province("Huế"), iris.province("Thừa Thiên Huế")
    assert g.value(old, TDKT.validUntil) == day("2024-12-31")
    (event,) = g.objects(hue, ORG.resultedFrom)
    assert g.value(event, ORG.originalOrganization) == old
    assert g.value(event, TDKT.legalBasis) == iris.document("175/2024/QH15")
    assert g.value(event, iris.DCTERMS.date) == day("2025-01-01")
    assert g.value(hue, TDKT.unitType) == TDKT.CityType
    assert g.value(old, TDKT.unitType) == TDKT.TinhType


# --- clusters ------------------------------------------------------------------------------------


def test_membership_per_year_from_a_period_range(graphs):
    g = table(graphs, "clusters")
    period = "2018–2019 (tổng kết 2018, tại Đồng Nai 15/3/2019)"
    for year in (2018, 2019):
        node = iris.cluster_membership("dong-nam-bo", "long-an", year)
        assert (node, RDF.type, TDKT.ClusterMembership) in g
        assert g.value(node, ORG.member) == iris.province("Long An")
        assert g.value(node, TDKT.year) == Literal(str(year), datatype=XSD.gYear)
        assert g.value(node, TDKT.periodAsStated) == Literal(period, lang="vi")
        assert g.value(node, ORG.role) == TDKT.ClusterMember
    # Long An left the Đông Nam Bộ cluster by 2023–2024
    assert (iris.cluster_membership("dong-nam-bo", "long-an", 2023), None, None) not in g


def test_a_2025_membership_resolves_hue_among_the_units_of_2025(graphs):
    node = iris.cluster_membership("thanh-pho-truc-thuoc-tw", "hue", 2025)
    assert table(graphs, "clusters").value(node, ORG.member) == iris.province("Huế")


def test_cluster_names_become_alt_labels(graphs):
    g = union(graphs)
    cluster = iris.cluster("dong-bang-song-hong")
    alt = {str(label) for label in g.objects(cluster, SKOS.altLabel)}
    assert {
        "Cụm thi đua 9 tỉnh đồng bằng Sông Hồng",
        "Cụm thi đua các tỉnh Đồng bằng Sông Hồng",
    } <= alt
    labels = {str(label) for label in g.objects(cluster, RDFS.label)}
    assert labels == {"Cụm thi đua các tỉnh đồng bằng sông Hồng"}
    assert not labels & alt
    for row in read_csv("cluster_names"):
        names = set(g.objects(iris.cluster(row["cluster_id"]), SKOS.altLabel)) | set(
            g.objects(iris.cluster(row["cluster_id"]), RDFS.label)
        )
        assert Literal(row["name_vi"], lang="vi") in names


def test_every_chair_row_becomes_a_stated_role_term_with_its_source(graphs):
    g = table(graphs, "cluster_chairs")
    rows = read_csv("cluster_chairs")
    for number, row in enumerate(rows, start=1):
        role = "vice-chair" if "phó" in row["role"].lower() else "chair"
        node = iris.cluster_role_term(row["cluster"], role, int(row["year"]))
        assert (node, RDF.type, TDKT.ClusterRoleTerm) in g
        assert g.value(node, ORG.member) == iris.province(row["province"])
        assert g.value(node, ORG.organization) == iris.cluster(row["cluster"])
        assert g.value(node, ORG.role) == (
            TDKT.ClusterViceChair if role == "vice-chair" else TDKT.ClusterChair
        )
        assert g.value(node, TDKT.status) == TDKT.Stated
        assert sources(row) <= set(g.objects(node, PROV.wasDerivedFrom))
        evidence = g.value(node, TDKT.evidence)
        if row["quote"]:
            selector = g.value(evidence, OA.hasSelector)
            assert str(g.value(selector, OA.exact)) == row["quote"]
            assert g.value(evidence, OA.hasSource) in sources(row)
            assert str(evidence).endswith(f"/table-cluster-chairs/{number}")
        else:
            assert evidence is None
    assert len(set(g.subjects(RDF.type, TDKT.ClusterRoleTerm))) == len(rows)


# --- documents, bodies, campaigns ------------------------------------------------------------


def test_34_ct_tw_carries_2014_04_07_with_its_sources(graphs):
    g = table(graphs, "legal_documents")
    node = iris.document("34-CT/TW")
    assert g.value(node, ELI.date_document) == day("2014-04-07")
    assert g.value(node, ELI.passed_by) == iris.organization("bo-chinh-tri")
    assert g.value(node, TDKT.issuerAsStated) == Literal("Bộ Chính trị (khóa XI)", lang="vi")
    derived = {str(s) for s in g.objects(node, PROV.wasDerivedFrom)}
    assert {
        "https://lawnet.vn/van-ban/furl?id=9C760",
        "http://bacgiangdpi.gov.vn/node/10550",
    } <= derived
    assert any("luatminhkhue.vn/ke-hoach-3793" in s for s in derived)
    assert any("ninhthuan.gov.vn" in s for s in derived)
    note = str(g.value(node, SKOS.editorialNote))
    assert "7.2.2014" in note and "7th July 2014" in note  # earlier claims are kept


def test_41_ct_tw_is_recorded_without_a_replaces_claim(graphs):
    g = table(graphs, "legal_documents")
    node = iris.document("41-CT/TW")
    assert g.value(node, ELI.date_document) == day("2024-12-26")
    assert g.value(node, ELI.type_document) == TDKT.Directive
    assert (node, ELI.repeals, None) not in g
    assert (node, ELI.amends, None) not in g


def test_the_2022_law_repeals_the_2003_law_which_ends_the_day_before(graphs):
    g = table(graphs, "legal_documents")
    law_2003, law_2022 = iris.document("15/2003/QH11"), iris.document("06/2022/QH15")
    assert (law_2022, ELI.repeals, law_2003) in g
    assert g.value(law_2003, ELI.date_no_longer_in_force) == day("2023-12-31")
    assert (iris.document("47/2005/QH11"), ELI.amends, law_2003) in g


def test_the_law_s_unnumbered_name_resolves_by_date(graphs):
    g = table(graphs, "document_aliases")
    by_document = {
        g.value(node, TDKT.aliasOf): node
        for node in g.subjects(RDFS.label, Literal("Luật Thi đua, khen thưởng", lang="vi"))
    }
    old, new = (
        by_document[iris.document("15/2003/QH11")],
        by_document[iris.document("06/2022/QH15")],
    )
    assert g.value(old, TDKT.validUntil) == day("2023-12-31")
    assert g.value(new, TDKT.validFrom) == day("2024-01-01")


def test_award_types_form_a_skos_scheme(graphs):
    g = table(graphs, "award_types")
    scheme = iris.concept_scheme("award-types")
    concepts = set(g.subjects(SKOS.inScheme, scheme))
    assert len(concepts) == len(read_csv("award_types"))
    flag = iris.award_type("Cờ thi đua của Chính phủ")
    assert flag in concepts
    assert g.value(flag, TDKT.awardKind) == TDKT.EmulationTitle
    assert g.value(flag, TDKT.conferredBy) == iris.organization("chinh-phu")
    medal = iris.award_type("Huân chương Lao động hạng Nhất")
    assert g.value(medal, TDKT.conferredBy) == iris.organization("chu-tich-nuoc")
    assert set(g.objects(medal, TDKT.recipientKind)) == {TDKT.Collective, TDKT.Individual}


def test_one_campaign_under_its_names(graphs):
    g = table(graphs, "campaigns")
    node = iris.campaign("Cả nước chung sức xây dựng nông thôn mới")
    names = {str(n) for n in g.objects(node, SKOS.altLabel)}
    assert {"Cả nước chung tay xây dựng nông thôn mới", "Chung sức xây dựng nông thôn mới"} <= names
    assert g.value(node, TDKT.launchedBy) == iris.organization("thu-tuong-chinh-phu")
    assert len(set(g.subjects(RDF.type, TDKT.EmulationCampaign))) == len(read_csv("campaigns"))


def test_every_issuer_resolves_to_a_body_of_organizations_csv(graphs):
    g = union(graphs)
    bodies = set(g.subjects(RDF.type, ORG.Organization))
    issuers = set(g.objects(None, ELI.passed_by))
    assert issuers and issuers <= bodies
    assert len(bodies) == len(read_csv("organizations"))


# --- graph hygiene -------------------------------------------------------------------------------


def test_every_typed_node_has_prov_was_derived_from(graphs):
    for iri, graph in graphs.items():
        for node in set(graph.subjects(RDF.type, None)):
            assert (node, PROV.wasDerivedFrom, None) in graph, (iri, node)


def test_no_blank_nodes_and_all_strings_nfc(graphs):
    for graph in graphs.values():
        for triple in graph:
            assert not any(isinstance(term, BNode) for term in triple)
            for term in triple:
                assert str(term) == unicodedata.normalize("NFC", str(term))


def test_loading_twice_gives_the_same_quads():
    first, second = load_tables(), load_tables()
    assert [n.iri for n in first] == [n.iri for n in second]
    for a, b in zip(first, second, strict=True):
        assert set(a.graph) == set(b.graph)
        assert isomorphic(a.graph, b.graph)


def test_load_table_reads_one_file(graphs):
    named = load_table(DATA / "cluster_chairs.csv")
    assert named.iri == iris.table_graph("cluster_chairs")
    assert set(named.graph) == set(table(graphs, "cluster_chairs"))


# --- malformed rows ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("case", "stem", "line", "field", "says"),
    [
        ("missing_column", "clusters", 1, "period", "missing column"),
        ("unknown_province", "clusters", 4, "members", "Hà Tây"),
        ("bad_date", "legal_documents", 2, "date_issued", "2014-13-07"),
        ("bad_year", "cluster_chairs", 2, "year", "20x4"),
        ("bad_period", "clusters", 2, "period", "2024–2023"),
        ("unknown_cluster", "cluster_chairs", 3, "cluster", "cum-khong-co"),
        ("bad_number", "legal_documents", 3, "number", "34CT/TW"),
    ],
)
def test_a_malformed_row_names_file_line_and_field(fixtures_dir, case, stem, line, field, says):
    path = fixtures_dir / "tables" / case / f"{stem}.csv"
    with pytest.raises(InputError) as caught:
        load_table(path)
    error = caught.value
    assert (Path(error.path), error.line, error.field) == (path, line, field)
    message = str(error)
    assert message.startswith(f"{path}:{line}: {field}: ")
    assert says in message


def test_unknown_table_and_missing_file_are_input_errors(tmp_path):
    (tmp_path / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown table"):
        load_table(tmp_path / "notes.csv")
    with pytest.raises(InputError, match="not found"):
        load_table(tmp_path / "clusters.csv")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no \\*.csv"):
        load_tables(tmp_path / "empty")


def test_a_province_name_matches_whatever_the_tone_mark_placement(tmp_path):
    # "Hoà Bình" (old placement) is the unit the table writes "Hòa Bình"
    rows = read_csv("cluster_chairs")[:1]
    rows[0].update(cluster="trung-du-mien-nui-phia-bac", year="2017", province="Hoà Bình")
    path = tmp_path / "cluster_chairs.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    g = load_table(path).graph
    node = iris.cluster_role_term("trung-du-mien-nui-phia-bac", "chair", 2017)
    assert g.value(node, ORG.member) == iris.province("Hòa Bình")
