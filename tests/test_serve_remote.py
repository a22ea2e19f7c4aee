"""`tdkt serve` in front of a SPARQL engine (Oxigraph server, Virtuoso 7): the same graphs
loaded into the engine and into an embedded store, one server on each, over real HTTP, and
every answer compared — RDF of the pages, /sparql rows, CSV, graphs, errors, limits, VoID."""

from __future__ import annotations

import gzip
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from conftest import tdkt
from engines import Engine, oxigraph
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS
from test_serve import CLUSTER, DCAT, DIRECTIVE, LAM_DONG, RDF_TYPES, VOID, path_of
from test_serve_paging import CAP, COUNT, LISTS, rows, section

from tdkt import export, iris
from tdkt.serve import app as serve_app
from tdkt.serve.app import ENVIRONMENT, create_app, environment, from_environment
from tdkt.serve.background import running
from tdkt.serve.dataset import SPDX
from tdkt.serve.sparql import Limits
from tdkt.store import remote
from tdkt.store.embedded import EmbeddedStore
from tdkt.store.endpoints import endpoint_for

pytest_plugins = ["serve_fixtures"]

TABLE = "https://w3id.org/tdkt/graph/table/provinces-2025"
PREFIXES = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX tdkt: <https://w3id.org/tdkt/ontology#>
"""
RESULT_TYPES = [
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
]


@pytest.fixture(scope="module")
def nquads(store_path: Path, tmp_path_factory) -> Path:
    """The embedded store's graphs as N-Quads, to load into each engine."""
    path = tmp_path_factory.mktemp("nq") / "kg.nq"
    store = EmbeddedStore(store_path)
    try:
        with path.open("wb") as out:
            export.export(store, out, "nq")
    finally:
        store.close()
    return path


@pytest.fixture(scope="module")
def loaded(engine: Engine, nquads: Path) -> Iterator[Engine]:
    """The engine holding the same graphs, with its settings in the environment."""
    with pytest.MonkeyPatch.context() as patch:
        for name, value in engine.env.items():
            patch.setenv(name, value)
        remote.RemoteStore(endpoint_for(engine.url)).replace_all_from_file(nquads)
        yield engine


def _client(app) -> Iterator[httpx.Client]:
    with running(app) as url, httpx.Client(base_url=url, timeout=120) as client:
        yield client


@pytest.fixture(scope="module")
def here(store_path: Path, tmp_path_factory) -> Iterator[httpx.Client]:
    """The server on the embedded store."""
    yield from _client(create_app(store_path, dumps_dir=tmp_path_factory.mktemp("here")))


@pytest.fixture(scope="module")
def there(loaded: Engine, tmp_path_factory) -> Iterator[httpx.Client]:
    """The server in front of the engine."""
    yield from _client(create_app(loaded.url, dumps_dir=tmp_path_factory.mktemp("there")))


def both(
    here: httpx.Client, there: httpx.Client, path: str, method: str = "GET", **options
) -> list[httpx.Response]:
    return [client.request(method, path, **options) for client in (here, there)]


# --- pages and RDF ---------------------------------------------------------------------------


@pytest.mark.parametrize("iri", [LAM_DONG, CLUSTER, DIRECTIVE, iris.BASE + "ontology"])
@pytest.mark.parametrize("media_type", sorted(RDF_TYPES))
def test_a_resource_gives_the_same_rdf(here, there, iri, media_type):
    answers = both(here, there, path_of(iri), headers={"Accept": media_type})
    assert [a.status_code for a in answers] == [200, 200]
    graphs = [Graph().parse(data=a.text, format=RDF_TYPES[media_type]) for a in answers]
    assert len(graphs[0]) > 0 and isomorphic(*graphs)


def test_a_named_graph_gives_the_same_quads(here, there):
    answers = both(here, there, path_of(TABLE), headers={"Accept": "application/trig"})
    datasets = [Dataset().parse(data=a.text, format="trig") for a in answers]
    quads = [set(d.quads()) for d in datasets]
    assert len(quads[0]) > 1000 and quads[0] == quads[1]


@pytest.mark.parametrize(
    "iri,shown",
    [(LAM_DONG, "Lâm Đồng"), (CLUSTER, "<svg"), (DIRECTIVE, "34-CT/TW"), ("ontology", "Province")],
)
def test_the_pages_are_served(there, iri, shown):
    page = there.get(path_of(iri), headers={"Accept": "text/html"})
    assert page.status_code == 200 and shown in page.text


WINDOWED = [(iri, name) for iri, name in LISTS if name in ("incoming", "evidence")]


@pytest.mark.parametrize(
    ("iri", "name"), WINDOWED, ids=[f"{i.rsplit('/')[-1]}-{n}" for i, n in WINDOWED]
)
def test_a_list_cut_into_pages_holds_the_same_rows(store_path, loaded, tmp_path, iri, name):
    """Windows and counts read from the engine (LIMIT, OFFSET, COUNT) give the same list
    (a section is one named query's answer, cut by the page: test_select_gives_the_same_rows)."""
    apps = [create_app(where, dumps_dir=tmp_path / str(n), rows=CAP) for n, where in
            enumerate([store_path, loaded.url])]  # fmt: skip
    lists = []
    for app in apps:
        with running(app) as url, httpx.Client(base_url=url, timeout=120) as client:
            found, number, pages = [], 0, 1
            while number < pages:
                number += 1
                page = client.get(path_of(iri), params={"list": name, "page": number})
                part = section(page.text, name)
                pages = -(-int(COUNT.search(part).group(3)) // CAP)
                found += rows(part)
            lists.append(sorted(found))
    assert len(lists[0]) > CAP and lists[0] == lists[1]


def test_home_and_search_are_the_same(here, there):
    homes = both(here, there, "/")
    assert homes[0].text == homes[1].text
    hits = both(
        here, there, "/search", params={"q": "lam dong"}, headers={"Accept": "application/json"}
    )
    assert hits[0].json() == hits[1].json() and hits[0].json()


# --- /sparql ---------------------------------------------------------------------------------

SELECTS = {
    "labels": PREFIXES
    + "SELECT ?p ?label WHERE { ?p a tdkt:Province ; rdfs:label ?label "
    + 'FILTER(lang(?label) = "vi") } ORDER BY ?p ?label',
    "per graph": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } "
    + "GROUP BY ?g ORDER BY ?g",
    "dates": PREFIXES + "SELECT ?d ?date WHERE { ?d eli:date_document ?date } ORDER BY ?d ?date",
    "one graph": f"SELECT ?p (COUNT(*) AS ?n) WHERE {{ GRAPH <{TABLE}> {{ ?s ?p ?o }} }} "
    + "GROUP BY ?p ORDER BY ?p",
}


@pytest.mark.parametrize("name", sorted(SELECTS))
@pytest.mark.parametrize("media_type", RESULT_TYPES)
def test_select_gives_the_same_rows(here, there, name, media_type):
    answers = both(
        here, there, "/sparql", params={"query": SELECTS[name]}, headers={"Accept": media_type}
    )
    assert [a.status_code for a in answers] == [200, 200]
    assert answers[0].headers["content-type"] == answers[1].headers["content-type"]
    assert answers[0].text.count("\n") > 10 or media_type.endswith(("json", "xml"))
    assert answers[0].text == answers[1].text


def test_a_query_naming_a_graph_reads_it_through_the_store_too(store, loaded):
    query = SELECTS["one graph"]
    rows = remote.RemoteStore(endpoint_for(loaded.url)).select(query).rows
    assert len(rows) > 3 and rows == store.select(query).rows


@pytest.mark.parametrize("subject,expected", [(LAM_DONG, "true"), (iris.province("x"), "false")])
@pytest.mark.parametrize("media_type", RESULT_TYPES)
def test_ask_gives_the_same_answer(here, there, subject, expected, media_type):
    query = f"ASK {{ <{subject}> ?p ?o }}"
    answers = both(here, there, "/sparql", params={"query": query}, headers={"Accept": media_type})
    assert answers[0].text == answers[1].text and expected in answers[1].text


@pytest.mark.parametrize("media_type", sorted(RDF_TYPES))
def test_construct_gives_the_same_graph(here, there, media_type):
    member = f"?m <http://www.w3.org/ns/org#organization> <{CLUSTER}>"
    query = f"CONSTRUCT {{ ?m ?p ?o }} WHERE {{ {member} ; ?p ?o }}"
    answers = both(here, there, "/sparql", params={"query": query}, headers={"Accept": media_type})
    assert [a.headers["content-type"].split(";")[0] for a in answers] == [media_type] * 2
    graphs = [Graph().parse(data=a.text, format=RDF_TYPES[media_type]) for a in answers]
    assert len(graphs[0]) > 20 and isomorphic(*graphs)


def test_the_html_results_page_is_the_same(here, there):
    form = {"query": SELECTS["labels"], "format": "html"}
    answers = [client.post("/sparql", data=form) for client in (here, there)]
    assert answers[0].text == answers[1].text and "Lâm Đồng" in answers[1].text


@pytest.mark.parametrize(
    "params",
    [
        {"default-graph-uri": TABLE},
        {"named-graph-uri": TABLE},
        {"default-graph-uri": TABLE, "named-graph-uri": TABLE},
    ],
    ids=["default", "named", "both"],
)
def test_the_request_names_the_dataset(here, there, params):
    label = f"ASK {{ <{LAM_DONG}> <http://www.w3.org/2000/01/rdf-schema#label> ?l }}"
    counts = (
        "SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?g) AS ?graphs) "
        "WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
    )
    for query in (label, counts):
        answers = both(
            here,
            there,
            "/sparql",
            params={"query": query, **params},
            headers={"Accept": "text/csv"},
        )
        assert [a.status_code for a in answers] == [200, 200]
        assert answers[0].text == answers[1].text


def test_a_query_states_its_own_dataset(here, there, store):
    in_table = sum(1 for _ in store.quads(URIRef(TABLE)))
    default = f"SELECT (COUNT(*) AS ?n) FROM <{TABLE}> WHERE {{ ?s ?p ?o }}"
    named = (
        "SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?g) AS ?graphs) "
        f"FROM NAMED <{TABLE}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    )
    for query, expected in ((default, f"n\r\n{in_table}\r\n"), (named, f"{in_table},1\r\n")):
        answers = both(
            here, there, "/sparql", params={"query": query}, headers={"Accept": "text/csv"}
        )
        assert answers[0].text == answers[1].text and answers[0].text.endswith(expected)


@pytest.mark.parametrize(
    "request_,status",
    [
        ({"params": {"query": "SELECT ?x WHERE { ?x"}}, 400),
        ({"params": {"query": SELECTS["labels"]}, "headers": {"Accept": "image/png"}}, 406),
        (
            {"params": {"query": "SELECT * WHERE { SERVICE <http://example.org/q> { ?s ?p ?o } }"}},
            403,
        ),
        ({"params": {"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}}, 403),
        ({"params": {"query": "LOAD <http://example.org/data.ttl>"}}, 403),
        (
            {"params": {"query": "define input:default-graph-uri <urn:x> SELECT * { ?s ?p ?o }"}},
            400,
        ),
        ({"params": {"query": "ASK {}", "default-graph-uri": "not an iri"}}, 400),
        ({"method": "POST", "data": {"update": "CLEAR ALL"}}, 403),
        ({"method": "POST", "content": b"ASK {}", "headers": {"Content-Type": "text/x"}}, 415),
    ],
    ids=["syntax", "accept", "service", "insert", "load", "pragma", "graph", "update", "415"],
)
def test_refusals_are_the_same(here, there, loaded, request_, status):
    answers = both(here, there, "/sparql", **request_)
    assert [a.status_code for a in answers] == [status, status]
    assert answers[0].text == answers[1].text
    assert answers[1].text.endswith("\n") and answers[1].text.count("\n") == 1
    assert remote.RemoteStore(endpoint_for(loaded.url)).ask(f"ASK {{ <{LAM_DONG}> ?p ?o }}")


def test_a_query_only_the_engine_refuses_is_a_400_in_one_line(here, there, loaded):
    # LATERAL: an extension Oxigraph's parser reads, and Virtuoso 7 does not
    query = "SELECT * WHERE { ?s a ?c LATERAL { SELECT ?x WHERE { BIND(?s AS ?x) } } } LIMIT 1"
    mine, theirs = both(here, there, "/sparql", params={"query": query})
    assert mine.status_code == 200
    if loaded.name == "virtuoso":
        assert theirs.status_code == 400 and theirs.text.count("\n") == 1
        assert theirs.text.startswith("query error: Virtuoso 37000 Error")
    else:
        assert theirs.text == mine.text


def test_the_result_limit_holds(store_path, loaded, tmp_path):
    limits = Limits(timeout=60, max_results=50)
    queries = ["SELECT * WHERE { ?s ?p ?o }", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"]
    answers = []
    for location in (store_path, loaded.url):
        app = create_app(location, limits=limits, dumps_dir=tmp_path / str(len(answers)))
        with running(app) as url:
            for query in queries:
                answers.append(httpx.get(url + "sparql", params={"query": query}, timeout=60))
    assert [a.status_code for a in answers] == [413] * 4
    assert answers[0].text == answers[2].text == "the result has more than 50 rows; add a LIMIT\n"


# --- dataset description and dumps ----------------------------------------------------------


def _description(client: httpx.Client) -> Graph:
    answer = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    return Graph().parse(data=answer.text, format="turtle")


def test_void_describes_the_same_dataset(here, there):
    dataset = URIRef(iris.BASE + "dataset")
    descriptions = [_description(client) for client in (here, there)]
    for predicate in (VOID.triples, VOID.sparqlEndpoint):
        values = [d.value(dataset, predicate) for d in descriptions]
        assert values[0] is not None and values[0] == values[1]
    for predicate in (VOID.subset, VOID.classPartition):
        assert set(descriptions[0].objects(dataset, predicate)) == set(
            descriptions[1].objects(dataset, predicate)
        )
    parts = [
        {
            (d.value(p, VOID["class"]), d.value(p, VOID.entities))
            for p in d.objects(dataset, VOID.classPartition)
        }
        for d in descriptions
    ]
    assert parts[0] == parts[1]


def test_the_dumps_stream_from_the_engine(here, there):
    description = _description(there)
    dumps = list(description.objects(URIRef(iris.BASE + "dataset"), DCAT.distribution))
    assert len(dumps) == 2
    for dump in dumps:
        body = there.get(path_of(dump)).content
        checksum = description.value(description.value(dump, SPDX.checksum), SPDX.checksumValue)
        assert int(description.value(dump, DCAT.byteSize)) == len(body)
        assert str(checksum) == hashlib.sha256(body).hexdigest()
        if str(dump).endswith(".nq.gz"):
            mine = here.get(path_of(dump)).content
            assert set(gzip.decompress(body).splitlines()) == set(
                gzip.decompress(mine).splitlines()
            )


# --- the command line and worker processes ---------------------------------------------------


def test_serve_runs_in_front_of_the_engine(loaded, monkeypatch):
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda target, **options: calls.append((target, options)))
    result = tdkt("--store", loaded.url, "serve", "--port", "8123")
    assert result.exit_code == 0, result.output
    ((app, options),) = calls
    assert options["port"] == 8123
    with running(app) as url:
        page = httpx.get(url + path_of(LAM_DONG)[1:], headers={"Accept": "text/turtle"})
    assert (LAM_DONG, RDFS.label, Literal("Lâm Đồng", lang="vi")) in Graph().parse(
        data=page.text, format="turtle"
    )


def test_serve_stops_in_one_line_when_the_engine_does_not_answer(monkeypatch):
    monkeypatch.setattr(remote, "RETRIES", 0)  # refused at once rather than after backoff
    result = tdkt("--store", "http://127.0.0.1:9/sparql", "serve")
    assert result.exit_code == 2 and result.output.count("\n") == 1
    assert result.output.startswith("error: cannot reach http://127.0.0.1:9/sparql")


def test_workers_are_handed_the_store_url_and_no_credentials(loaded, monkeypatch):
    import uvicorn

    for name in ENVIRONMENT:
        monkeypatch.setenv(name, "")  # restored after the test: the command sets them
    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda target, **options: calls.append((target, options)))
    result = tdkt("--store", loaded.url, "serve", "--workers", "2", "--limit", "7")
    assert result.exit_code == 0, result.output
    ((target, options),) = calls
    assert (target, options["workers"], options["factory"]) == (
        "tdkt.serve.app:from_environment",
        2,
        True,
    )
    handed = {name: os.environ[name] for name in ENVIRONMENT}
    assert handed == environment(loaded.url, iris.BASE, Limits(10.0, 7))
    secrets = [v for k, v in loaded.env.items() if "PASSWORD" in k]
    assert not any(s in repr(options) or s in repr(handed) for s in secrets)
    with running(from_environment()) as url:  # what each worker builds
        answer = httpx.get(url + "sparql", params={"query": "SELECT * { ?s ?p ?o }"})
    assert answer.status_code == 413


# --- failures --------------------------------------------------------------------------------


def test_an_engine_that_goes_down_gives_503_in_one_line(nquads, tmp_path, monkeypatch):
    engine = oxigraph(tmp_path / "db").start()
    try:
        remote.RemoteStore(endpoint_for(engine.url)).replace_all_from_file(nquads)
        monkeypatch.setattr(remote, "RETRIES", 1)  # the page's own retries, kept short here
        with running(create_app(engine.url, dumps_dir=tmp_path / "dumps")) as url:
            assert httpx.get(url + path_of(LAM_DONG)[1:]).status_code == 200
            engine.kill()
            for path in [path_of(CLUSTER), path_of(LAM_DONG) + ".nt", "/dumps/", "/"]:
                plain = {"Accept": "text/plain, */*;q=0.1"}
                answer = httpx.get(url + path[1:], headers=plain, timeout=60)
                assert answer.status_code == 503
                assert answer.text == serve_app.UNAVAILABLE + "\n"
            for accept in ("text/csv", "text/turtle"):
                query = "ASK { ?s ?p ?o }" if accept == "text/csv" else "DESCRIBE <urn:x>"
                answer = httpx.get(
                    url + "sparql", params={"query": query}, headers={"Accept": accept}
                )
                assert (answer.status_code, answer.text) == (503, serve_app.UNAVAILABLE + "\n")
            html = httpx.get(url + "id/province/ha-noi", headers={"Accept": "text/html"})
            assert html.status_code == 503 and "<html" in html.text
            assert "Traceback" not in html.text and engine.url not in html.text
    finally:
        engine.stop()


def test_a_slow_query_is_cut_at_the_deadline(loaded, tmp_path):
    """Last: the engine may go on computing the abandoned query for a while."""
    app = create_app(loaded.url, limits=Limits(timeout=1.0, max_results=100), dumps_dir=tmp_path)
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"
    with running(app) as url:
        answer = httpx.get(url + "sparql", params={"query": query}, timeout=60)
    assert (answer.status_code, answer.text) == (503, "the query ran longer than 1 s\n")
