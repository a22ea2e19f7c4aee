"""`tdkt network`: each network read back the way a user would (networkx for GraphML and GEXF,
json for JSON), node ids the graph's IRIs, labels and dates as attributes, spells in GEXF."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from conftest import DATA, tdkt

from tdkt import iris
from tdkt.analysis.network import KINDS, network, serialise, top

pytest_plugins = ["analysis_fixtures"]

GEXF = "{http://www.gexf.net/1.2draft}"


@pytest.fixture(scope="module")
def graphs(analysis_store) -> dict[str, nx.Graph]:
    return {kind: network(analysis_store, kind) for kind in KINDS}


def test_citation_network_links_seed_sources_to_34_ct_tw(graphs) -> None:
    g = graphs["citations"]
    directive = str(iris.document("34-CT/TW"))
    assert g.nodes[directive]["kind"] == "document" and g.nodes[directive]["label"] == "34-CT/TW"
    citing = {u for u, _ in g.in_edges(directive) if g.nodes[u]["kind"] == "source"}
    assert citing == {
        str(iris.source("001_a8b3c08234c141ac")),
        str(iris.source("002_6a2b356a64c4720c")),
    }
    assert g.edges[str(iris.source("002_6a2b356a64c4720c")), directive]["weight"] == 2
    assert all(not str(n).startswith('"') for n in g.nodes)  # literals are attributes


def test_succession_follows_the_reference_chairs(graphs) -> None:
    g = graphs["succession"]
    # cluster_chairs.csv: the 5-city cluster was chaired by Đà Nẵng (2017), Hải Phòng (2018, 2023)
    edge = g.edges[str(iris.province("da-nang")), str(iris.province("hai-phong"))]
    assert (edge["from_year"], edge["to_year"]) == (2017, 2018)
    assert edge["cluster"] == str(iris.cluster("thanh-pho-truc-thuoc-tw"))


def test_membership_carries_years_and_the_merger(graphs) -> None:
    g = graphs["membership"]
    with (DATA / "clusters.csv").open(encoding="utf-8") as f:
        row = next(r for r in csv.DictReader(f) if r["cluster_id"] == "thanh-pho-truc-thuoc-tw")
    for name in row["members"].split(";"):
        assert g.has_edge(str(iris.province(name)), str(iris.cluster("thanh-pho-truc-thuoc-tw")))
    merged = g.edges[str(iris.province("bac-kan")), str(iris.province("thai-nguyen-2025"))]
    assert merged["relation"] == "merged_into" and merged["date"] == "2025-07-01"


@pytest.mark.parametrize("kind", KINDS)
def test_graphml_reads_back_in_networkx(graphs, kind) -> None:
    original = graphs[kind]
    back = nx.read_graphml(io.BytesIO(serialise(original, "graphml").encode("utf-8")))
    assert set(back.nodes) == set(original.nodes)
    assert back.number_of_edges() == original.number_of_edges()
    for node, data in back.nodes(data=True):
        assert node.startswith(iris.BASE) and data["label"] and data["kind"]


@pytest.mark.parametrize("kind", KINDS)
def test_gexf_reads_back_in_networkx(graphs, kind) -> None:
    original = graphs[kind]
    back = nx.read_gexf(io.BytesIO(serialise(original, "gexf").encode("utf-8")))
    assert set(back.nodes) == set(original.nodes)
    assert back.number_of_edges() == original.number_of_edges()


def test_gexf_membership_is_time_aware(graphs) -> None:
    text = serialise(graphs["membership"], "gexf")
    root = ET.fromstring(text)
    graph = root.find(f"{GEXF}graph")
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    edges = {(e.get("source"), e.get("target")): e for e in graph.iter(f"{GEXF}edge")}
    member = edges[(str(iris.province("da-nang")), str(iris.cluster("thanh-pho-truc-thuoc-tw")))]
    spells = [(s.get("start"), s.get("end")) for s in member.iter(f"{GEXF}spell")]
    assert ("2017-01-01", "2018-12-31") in spells  # clusters.csv: member in 2017 and 2018
    role = next(a for a in ET.fromstring(text).iter(f"{GEXF}attribute") if a.get("title") == "role")
    values = [v for v in member.iter(f"{GEXF}attvalue") if v.get("for") == role.get("id")]
    assert ("Cụm trưởng", "2017-01-01") in {(v.get("value"), v.get("start")) for v in values}
    merger = edges[(str(iris.province("bac-kan")), str(iris.province("thai-nguyen-2025")))]
    assert [s.get("start") for s in merger.iter(f"{GEXF}spell")] == ["2025-07-01"]
    ended = next(
        n for n in graph.iter(f"{GEXF}node") if n.get("id") == str(iris.province("bac-kan"))
    )
    assert [s.get("end") for s in ended.iter(f"{GEXF}spell")] == ["2025-06-30"]


def test_json_is_node_link(graphs) -> None:
    data = json.loads(serialise(graphs["officials"], "json"))
    ids = {n["id"] for n in data["nodes"]}
    assert str(iris.person("vo-thi-anh-xuan")) in ids
    assert all({"source", "target", "weight"} <= set(link) for link in data["links"])


def test_top_ranks_by_pagerank_with_labels(graphs) -> None:
    ranked = top(graphs["succession"], 3)
    assert len(ranked) == 3
    assert ranked[0].pagerank >= ranked[1].pagerank >= ranked[2].pagerank
    assert all(c.label and not c.label.startswith("http") for c in ranked)
    assert top(nx.Graph(), 5) == []


def test_cli_network_files_and_top(corpus_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "m.gexf"
    result = tdkt("network", "membership", "--format", "gexf", "-o", str(out), store=corpus_store)
    assert result.exit_code == 0, result.output
    assert nx.read_gexf(out).number_of_nodes() > 0
    piped = tdkt("network", "citations", store=corpus_store)
    assert nx.read_graphml(io.BytesIO(piped.stdout.encode("utf-8"))).number_of_nodes() > 0
    ranked = tdkt("network", "succession", "--top", "3", store=corpus_store)
    assert (
        ranked.exit_code == 0 and "Hải Phòng" in ranked.output and "https://" not in ranked.output
    )
    assert tdkt("network", "nonsense", store=corpus_store).exit_code == 2
