"""The /sparql endpoint over real HTTP, driven by SPARQLWrapper and rdflib's SPARQLStore."""

from __future__ import annotations

import csv
import io

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDFS
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, N3, TSV, XML, SPARQLWrapper
from test_serve import LAM_DONG

from tdkt.serve import sparql

pytest_plugins = ["serve_fixtures"]

LABEL = f"SELECT ?label WHERE {{ <{LAM_DONG}> <{RDFS.label}> ?label }}"
DESCRIBE = f"CONSTRUCT {{ <{LAM_DONG}> ?p ?o }} WHERE {{ <{LAM_DONG}> ?p ?o }}"


def wrapper(server: str, fmt: str, query: str) -> SPARQLWrapper:
    endpoint = SPARQLWrapper(server + "sparql")
    endpoint.setQuery(query)
    endpoint.setReturnFormat(fmt)
    return endpoint


def test_sparqlwrapper_json_and_xml(server):
    rows = wrapper(server, JSON, LABEL).queryAndConvert()["results"]["bindings"]
    assert rows == [{"label": {"type": "literal", "xml:lang": "vi", "value": "Lâm Đồng"}}]
    document = wrapper(server, XML, LABEL).queryAndConvert()
    literal = document.getElementsByTagName("literal")[0]
    assert literal.firstChild.data == "Lâm Đồng" and literal.getAttribute("xml:lang") == "vi"


def test_sparqlwrapper_csv_and_tsv(server):
    text = wrapper(server, CSV, LABEL).queryAndConvert().decode("utf-8")
    assert list(csv.reader(io.StringIO(text))) == [["label"], ["Lâm Đồng"]]
    text = wrapper(server, TSV, LABEL).queryAndConvert().decode("utf-8")
    assert text.splitlines() == ["?label", '"Lâm Đồng"@vi']


def test_sparqlwrapper_construct_as_turtle(server, store):
    text = wrapper(server, N3, DESCRIBE).queryAndConvert()  # SPARQLWrapper hands N3 back raw
    graph = Graph().parse(data=text, format="turtle")
    expected = {(s, p, o) for s, p, o, _ in store.quads() if s == LAM_DONG}
    assert set(graph) == expected


def test_rdflib_sparqlstore(server):
    remote = Graph(store=SPARQLStore(server + "sparql"))
    labels = {row.label for row in remote.query(LABEL)}
    assert labels == {Literal("Lâm Đồng", lang="vi")}
    assert (LAM_DONG, RDFS.label, Literal("Lâm Đồng", lang="vi")) in remote


@pytest.mark.parametrize(
    "media_type,fmt",
    [
        ("application/ld+json", "json-ld"),
        ("application/n-triples", "nt"),
        ("text/turtle", "turtle"),
    ],
)
def test_construct_formats(client, store, media_type, fmt):
    response = client.get("/sparql", params={"query": DESCRIBE}, headers={"Accept": media_type})
    assert response.headers["content-type"].startswith(media_type)
    graph = Graph().parse(data=response.text, format=fmt)
    assert set(graph) == {(s, p, o) for s, p, o, _ in store.quads() if s == LAM_DONG}


def test_post_form_and_direct_body(client):
    accept = {"Accept": "application/sparql-results+json"}
    form = client.post("/sparql", data={"query": LABEL}, headers=accept)
    direct = client.post(
        "/sparql",
        content=LABEL.encode(),
        headers={**accept, "Content-Type": "application/sparql-query"},
    )
    assert form.json() == direct.json()
    assert form.json()["results"]["bindings"][0]["label"]["value"] == "Lâm Đồng"


def test_describe_query(client):
    response = client.get(
        "/sparql", params={"query": f"DESCRIBE <{LAM_DONG}>"}, headers={"Accept": "text/turtle"}
    )
    graph = Graph().parse(data=response.text, format="turtle")
    assert (LAM_DONG, RDFS.label, Literal("Lâm Đồng", lang="vi")) in graph


@pytest.mark.parametrize(
    "query,word",
    [
        ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "INSERT"),
        ("PREFIX ex: <http://example.org/#>\nDELETE WHERE { ?s ?p ?o }", "DELETE"),
        ("LOAD <http://example.org/data.ttl>", "LOAD"),
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
    ],
)
def test_writes_and_federation_are_refused(client, store, query, word):
    before = sum(1 for _ in store.quads())
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 403
    assert word in response.text and response.text[-1] == "\n" and response.text.count("\n") == 1
    assert sum(1 for _ in store.quads()) == before


def test_update_operation_is_refused(client):
    response = client.post("/sparql", data={"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"})
    assert response.status_code == 403 and "read-only" in response.text


def test_syntax_error_is_400(client):
    response = client.get("/sparql", params={"query": "SELECT ?x WHERE { ?x"})
    assert response.status_code == 400 and response.text.startswith("query error")


def test_query_page_offers_the_named_queries(client):
    html = client.get("/sparql", headers={"Accept": "text/html"}).text
    assert "<textarea" in html and 'for="query"' in html
    assert "chair-rotation" in html and "province-lineage" in html


def test_html_results_for_the_query_form(client):
    html = client.post("/sparql", data={"query": LABEL, "format": "html"}).text
    assert '<td><span lang="vi">Lâm Đồng</span></td>' in html


def test_format_without_match_is_406(client):
    response = client.get("/sparql", params={"query": LABEL}, headers={"Accept": "image/png"})
    assert response.status_code == 406


# --- the guards, on an in-memory engine --------------------------------------------------------


def _engine(triples: int) -> ox.Store:
    engine = ox.Store()
    for i in range(triples):
        engine.add(ox.Quad(ox.NamedNode(f"urn:s{i}"), ox.NamedNode("urn:p"), ox.Literal(str(i))))
    return engine


def test_result_limit():
    request = sparql.Request("SELECT * WHERE { ?s ?p ?o }")
    result = sparql.execute(_engine(5), request)
    with pytest.raises(sparql.ProtocolError) as refused:
        sparql.write(result, "text/csv", sparql.Limits(max_results=3), {})
    assert refused.value.status == 413 and "3 rows" in str(refused.value)
    result = sparql.execute(_engine(3), request)
    assert len(sparql.write(result, "text/csv", sparql.Limits(max_results=3), {}).split()) == 4


def test_timeout():
    result = sparql.execute(_engine(5), sparql.Request("SELECT * WHERE { ?s ?p ?o }"))
    with pytest.raises(sparql.ProtocolError) as late:
        sparql.write(result, "application/sparql-results+json", sparql.Limits(timeout=0), {})
    assert late.value.status == 503


def test_named_graph_parameters(client):
    graph = "https://w3id.org/tdkt/graph/table/provinces-2025"
    query = f"ASK {{ <{LAM_DONG}> <{RDFS.label}> ?l }}"
    accept = {"Accept": "application/sparql-results+json"}
    inside = client.get(
        "/sparql", params={"query": query, "default-graph-uri": graph}, headers=accept
    )
    assert inside.json()["boolean"] is False  # the label is in the 2008–2025 table's graph
    everywhere = client.get("/sparql", params={"query": query}, headers=accept)
    assert everywhere.json()["boolean"] is True
