"""The Linked Data server over real HTTP: uvicorn on a free loopback port, a store built from
the tables and the shared corpus, and clients nobody here wrote (httpx, rdflib, pyld)."""

from __future__ import annotations

import gzip
import hashlib
import json

import httpx
import pytest
from conftest import tdkt
from pyld import jsonld
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDFS

from tdkt import catalogue, iris
from tdkt.serve.dataset import SPDX
from tdkt.store.embedded import EmbeddedStore

pytest_plugins = ["serve_fixtures"]

DCAT = Namespace("http://www.w3.org/ns/dcat#")
VOID = Namespace("http://rdfs.org/ns/void#")
LAM_DONG = iris.province("lam-dong")
CLUSTER = iris.cluster("tay-nguyen-duyen-hai-mien-trung")
DIRECTIVE = iris.document("34-CT/TW")
RDF_TYPES = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
}


def path_of(iri: URIRef) -> str:
    return "/" + str(iri).removeprefix(iris.BASE)


def triples_about(store: EmbeddedStore, iri: URIRef) -> set[tuple]:
    return {(s, p, o) for s, p, o, _ in store.quads() if s == iri}


# --- content negotiation ---------------------------------------------------------------------


@pytest.mark.parametrize("iri", [LAM_DONG, CLUSTER, DIRECTIVE])
@pytest.mark.parametrize("media_type", sorted(RDF_TYPES))
def test_each_rdf_format_gives_the_stores_triples(client, store, iri, media_type):
    response = client.get(path_of(iri), headers={"Accept": media_type})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    graph = Graph().parse(
        data=response.text, format=RDF_TYPES[media_type], publicID=str(client.base_url)
    )
    expected = triples_about(store, iri)
    assert expected and set(graph) == expected


def test_suffix_urls_match_negotiation(client):
    by_accept = client.get(path_of(LAM_DONG), headers={"Accept": "text/turtle"})
    by_suffix = client.get(path_of(LAM_DONG) + ".ttl")
    assert by_suffix.status_code == 200 and by_suffix.content == by_accept.content
    html = client.get(path_of(LAM_DONG) + ".html")
    assert html.headers["content-type"].startswith("text/html")


def test_q_values_pick_the_preferred_format(client):
    accept = "text/turtle;q=0.5, application/ld+json;q=0.9, text/html;q=0.1"
    response = client.get(path_of(LAM_DONG), headers={"Accept": accept})
    assert response.headers["content-type"].startswith("application/ld+json")
    response = client.get(path_of(LAM_DONG), headers={"Accept": "text/*;q=0.2, text/turtle"})
    assert response.headers["content-type"].startswith("text/turtle")


def test_a_browser_gets_html(client):
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = client.get(path_of(LAM_DONG), headers={"Accept": accept})
    assert response.headers["content-type"].startswith("text/html")


def test_unavailable_format_is_406(client):
    response = client.get(path_of(LAM_DONG), headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert "text/turtle" in response.text


def test_headers_vary_link_and_conditional_requests(client):
    response = client.get(path_of(LAM_DONG), headers={"Accept": "text/turtle"})
    assert "Accept" in response.headers["vary"]
    link = response.headers["link"]
    assert f'<{path_of(LAM_DONG)}.jsonld>; rel="alternate"; type="application/ld+json"' in link
    etag, modified = response.headers["etag"], response.headers["last-modified"]
    again = client.get(path_of(LAM_DONG), headers={"Accept": "text/turtle", "If-None-Match": etag})
    assert again.status_code == 304
    since = client.get(
        path_of(LAM_DONG), headers={"Accept": "text/turtle", "If-Modified-Since": modified}
    )
    assert since.status_code == 304
    other = client.get(path_of(LAM_DONG), headers={"Accept": "text/html", "If-None-Match": etag})
    assert other.status_code == 200


def test_gzip_when_asked(client):
    response = client.get(path_of(CLUSTER), headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert "Tây Nguyên" in response.text  # httpx decompressed it


def test_named_graph_as_trig_and_nquads(client, store):
    graph = iris.article_graph("001_a8b3c08234c141ac")
    expected = {(s, p, o, g) for s, p, o, g in store.quads(graph)}
    for media_type, fmt in (("application/trig", "trig"), ("application/n-quads", "nquads")):
        response = client.get(path_of(graph), headers={"Accept": media_type})
        assert response.status_code == 200
        dataset = Dataset()
        dataset.parse(data=response.text, format=fmt)
        assert set(dataset.quads((None, None, None, None))) == expected
    page = client.get(path_of(graph))
    assert page.status_code == 200 and "001_a8b3c08234c141ac" in page.text


def test_unknown_iri_is_404(client):
    assert client.get("/id/province/atlantis").status_code == 404
    assert client.get("/graph/source/nothing", headers={"Accept": "text/turtle"}).status_code == 404


def test_jsonld_expands_with_the_published_context(client, server):
    def loader(url, options=None):
        fetched = httpx.get(url, timeout=30)
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": fetched.json(),
        }

    response = client.get(path_of(LAM_DONG), headers={"Accept": "application/ld+json"})
    document = response.json()
    assert document["@context"] == f"{server}context.jsonld"
    expanded = jsonld.expand(document, {"documentLoader": loader})
    node = next(n for n in expanded if n["@id"] == str(LAM_DONG))
    labels = node[str(RDFS.label)]
    assert {"@value": "Lâm Đồng", "@language": "vi"} in labels


# --- pages -----------------------------------------------------------------------------------


def test_province_page(client):
    html = client.get(path_of(LAM_DONG)).text
    assert "<h1>Lâm Đồng</h1>" in html
    assert 'lang="en">Province</span>' in html  # the type, English beside Vietnamese
    assert f'href="{path_of(CLUSTER)}"' in html  # roles held link the cluster
    assert "<mark>" in html  # an evidence quote, highlighted
    assert "Liên kết đến" in html  # incoming links


def test_cluster_page_draws_the_rotation(client):
    html = client.get(path_of(CLUSTER)).text
    assert "<svg" in html and 'id="chair-2024-lam-dong"' in html


def test_cluster_page_lists_members_by_year(client):
    html = client.get(path_of(iris.cluster("mien-nui-bien-gioi-phia-bac"))).text
    assert "Membership over time" in html
    assert f'href="{path_of(iris.province("Cao Bằng"))}"' in html


def test_document_page_shows_citations(client):
    html = client.get(path_of(DIRECTIVE)).text
    assert "<h1>34-CT/TW</h1>" in html and "Citations over time" in html
    assert 'id="year-2019"' in html  # the chart of citations per year


def test_document_page_shows_the_chain_of_texts(client):
    html = client.get(path_of(iris.document("15/2003/QH11"))).text
    assert "Implementing chain" in html
    assert f'href="{path_of(iris.document("06/2022/QH15"))}"' in html  # the law that repealed it


def test_person_page_lists_posts_by_date(client, store):
    posts = catalogue.run(store, catalogue.named("officials"))
    person, title = posts.rows[0][0], posts.rows[0][posts.variables.index("title")]
    html = client.get(path_of(person)).text
    assert "Posts as attested" in html and str(title) in html


@pytest.mark.parametrize("typed", ["lam dong", "LÂM ĐỒNG", "Lam Đong"])
def test_search_ignores_case_and_diacritics(client, typed):
    hits = client.get("/search", params={"q": typed}, headers={"Accept": "application/json"})
    assert hits.json()[0]["iri"] == str(LAM_DONG)
    assert hits.json()[0]["label"] == "Lâm Đồng"
    page = client.get("/search", params={"q": typed}).text
    assert f'href="{path_of(LAM_DONG)}"' in page


def test_home_page_figures_and_entries(client, store):
    html = client.get("/").text
    triples = sum(1 for _ in store.quads())
    assert f"<strong>{triples}</strong>" in html
    assert f'href="{path_of(CLUSTER)}"' in html and f'href="{path_of(LAM_DONG)}"' in html


def test_ontology_at_its_iri(client, store):
    html = client.get("/ontology").text
    assert 'id="Province"' in html and 'id="ClusterRoleTerm"' in html
    turtle = client.get("/ontology", headers={"Accept": "text/turtle"})
    graph = Graph().parse(data=turtle.text, format="turtle")
    expected = {(s, p, o) for s, p, o, _ in store.quads(iris.ontology_graph())}
    assert set(graph) == expected
    assert client.get(path_of(LAM_DONG)).text.count('href="/ontology#Province"') >= 1


# --- dataset description and dumps -----------------------------------------------------------


def test_void_and_dcat_describe_the_dumps(client, store):
    response = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    description = Graph().parse(data=response.text, format="turtle")
    dataset = URIRef(iris.BASE + "dataset")
    triples = sum(1 for _ in store.quads())
    assert (dataset, VOID.triples, Literal(triples)) in description
    assert (dataset, VOID.sparqlEndpoint, URIRef(iris.BASE + "sparql")) in description
    graphs = set(description.objects(dataset, VOID.subset))
    assert graphs == set(store.graphs())
    dumps = list(description.objects(dataset, DCAT.distribution))
    assert len(dumps) == 2
    for dump in dumps:
        body = client.get("/" + str(dump).removeprefix(iris.BASE)).content
        size = description.value(dump, DCAT.byteSize)
        checksum = description.value(description.value(dump, SPDX.checksum), SPDX.checksumValue)
        assert int(size) == len(body)
        assert str(checksum) == hashlib.sha256(body).hexdigest()
        if str(dump).endswith(".nq.gz"):
            quads = [line for line in gzip.decompress(body).decode().splitlines() if line]
            assert len(quads) == triples
    html = client.get("/dataset").text
    assert "tdkt.trig.gz" in html and "SHA-256" in html


def test_cors_on_the_endpoint(client):
    response = client.get(
        "/sparql",
        params={"query": "ASK { ?s ?p ?o }"},
        headers={"Origin": "https://example.org", "Accept": "application/sparql-results+json"},
    )
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.json()["boolean"] is True


def test_context_is_json(client):
    context = client.get("/context.jsonld").json()["@context"]
    assert context["tdkt"] == str(iris.TDKT)
    assert json.dumps(context)


def test_serve_without_a_store_is_one_line(tmp_path):
    result = tdkt("serve", "--port", "1", store=tmp_path / "nothing")
    assert result.exit_code == 2
    assert result.output.strip().startswith("error:") and result.output.count("\n") == 1
