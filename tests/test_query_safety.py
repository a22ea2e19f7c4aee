"""Queries cannot reach out and cannot run away (issue 7), in every query path."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import pytest
from conftest import sample_store, tdkt
from rdflib import Literal, URIRef

from tdkt import catalogue, iris
from tdkt.errors import InputError, StoreError
from tdkt.store.embedded import EmbeddedStore
from tdkt.store.guard import BOUNDED, Limits, QueryRefused, screen
from tdkt.store.prebind import prebind

CROSS_JOIN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l } ORDER BY ?a ?d ?g ?j"


@pytest.fixture(scope="module")
def kg(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("guard") / "kg"
    sample_store(path).close()
    return path


@pytest.fixture
def listener():
    """A local HTTP server that counts the requests it gets."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the standard library's name)
            hits.append(self.path)
            self.send_response(500)
            self.end_headers()

        do_POST = do_GET  # noqa: N815

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql", hits
    server.shutdown()
    server.server_close()


# --- SERVICE -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } }",
        "select * where { service silent <{url}> { ?s ?p ?o } }",
        "SELECT * WHERE { ?x ?y ?z }SERVICE<{url}>{?s ?p ?o}",
        "SELECT * WHERE { BIND(<{url}> AS ?e) SERVICE ?e { ?s ?p ?o } }",
        "PREFIX s: <urn:x:> SELECT * WHERE { ?a s:b ?c . SERVICE <{url}> { ?s ?p ?o } }",
        "SELECT * WHERE {\n# a comment }\nSERVICE <{url}> { ?s ?p ?o } }",
    ],
)
def test_service_is_refused_in_every_form_and_nothing_is_sent(kg, listener, query):
    url, hits = listener
    store = EmbeddedStore(kg)
    with pytest.raises(QueryRefused, match="SERVICE .* is refused"):
        store.select(query.replace("{url}", url))
    store.close()
    assert hits == []


def test_service_is_refused_for_ask_and_construct_too(kg, listener):
    url, hits = listener
    store = EmbeddedStore(kg)
    with pytest.raises(QueryRefused):
        store.ask(f"ASK {{ SERVICE <{url}> {{ ?s ?p ?o }} }}")
    with pytest.raises(QueryRefused):
        store.construct(f"CONSTRUCT WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}")
    store.close()
    assert hits == []


@pytest.mark.parametrize(
    "query",
    [
        'SELECT * WHERE { ?s ?p "SERVICE <http://x/>" }',
        "SELECT * WHERE { ?s ?p '''a\nSERVICE''' }",
        "SELECT * WHERE { ?s <http://example.org/SERVICE> ?o }",
        "PREFIX ex: <urn:x:> SELECT * WHERE { ?s ex:SERVICE ?o }",
        "SELECT ?service WHERE { ?service ?p ?o } # SERVICE <http://x/>",
    ],
)
def test_the_word_in_strings_iris_names_and_comments_is_fine(query):
    screen(query, Limits())


def test_codepoint_escapes_outside_strings_are_refused():
    with pytest.raises(QueryRefused, match="escapes"):
        screen("SELECT * WHERE { \\u0053ERVICE <http://x/> { ?s ?p ?o } }", Limits())


def test_allow_service_lets_the_query_try(kg, listener):
    url, hits = listener
    store = EmbeddedStore(kg, limits=Limits(allow_service=True))
    with pytest.raises(StoreError, match="query failed"):  # our listener answers 500
        store.select(f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}")
    store.close()
    assert len(hits) == 1


def test_cli_sparql_file_with_service_is_refused(kg, listener, tmp_path):
    url, hits = listener
    rq = tmp_path / "fed.rq"
    rq.write_text(f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}\n", "utf-8")
    result = tdkt("query", "--sparql", str(rq), store=kg)
    assert result.exit_code == 2
    assert result.output.strip().startswith("error: SERVICE (federated query) is refused")
    assert len(result.output.strip().splitlines()) == 1
    assert hits == []


def test_updates_are_refused(kg):
    store = EmbeddedStore(kg)
    before = len(store.graphs())
    for update in ("DROP ALL", "LOAD <http://127.0.0.1:9/x.ttl>", "CLEAR DEFAULT"):
        with pytest.raises(StoreError, match="syntax"):
            store.select(update)
    assert len(store.graphs()) == before
    store.close()


# --- limits ------------------------------------------------------------------------------------


def test_a_runaway_query_stops_at_the_time_limit(kg):
    store = EmbeddedStore(kg, limits=Limits(timeout=1, max_rows=None, memory_mb=None))
    with pytest.raises(StoreError, match=r"ran longer than 1 s, the limit"):
        store.select(CROSS_JOIN)
    assert store.select("SELECT * WHERE { ?s ?p ?o } LIMIT 1").rows  # the store still answers
    store.close()


def test_too_many_rows_is_an_error_not_a_truncation(kg):
    store = EmbeddedStore(kg, limits=Limits(max_rows=5))
    with pytest.raises(StoreError, match="more than 5 rows, the limit"):
        store.select("SELECT * WHERE { ?s ?p ?o }")
    assert len(store.select("SELECT * WHERE { ?s ?p ?o } LIMIT 5").rows) == 5
    store.close()


def test_a_query_that_needs_too_much_memory_stops_with_a_clear_error(kg):
    store = EmbeddedStore(kg, limits=Limits(timeout=120, max_rows=None, memory_mb=64))
    with pytest.raises(StoreError, match="needed more than 64 MiB of memory"):
        store.select(CROSS_JOIN.replace(" . ?j ?k ?l", ""))
    store.close()


def test_limits_come_from_the_environment():
    limits = Limits.from_env(
        {"TDKT_QUERY_TIMEOUT": "2.5", "TDKT_QUERY_MAX_ROWS": "0", "TDKT_ALLOW_SERVICE": "1"}
    )
    assert limits == Limits(timeout=2.5, max_rows=None, memory_mb=None, allow_service=True)
    bounded = Limits.from_env({"TDKT_QUERY_MEMORY_MB": "100"}, base=BOUNDED)
    assert bounded == Limits(timeout=60, max_rows=1_000_000, memory_mb=100)
    with pytest.raises(StoreError, match="TDKT_QUERY_TIMEOUT='soon': expected a number"):
        Limits.from_env({"TDKT_QUERY_TIMEOUT": "soon"})


def test_cli_limits_override_the_environment(kg):
    result = tdkt("query", "graph-counts", "--max-rows", "1", store=kg)
    assert result.exit_code == 2
    assert "more than 1 rows, the limit" in result.output
    assert tdkt("query", "graph-counts", "--max-rows", "0", store=kg).exit_code == 0


# --- memoised fixed costs (prebinding, parameter terms, column names) ----------------------------


def test_a_memoised_query_is_still_bounded_per_call(kg):
    """The same named query with the same parameters, twice: the second call is not let off
    the row limit, nor answered from the first."""
    query = catalogue.named("chair-rotation")
    roomy = EmbeddedStore(kg)
    assert len(catalogue.run(roomy, query, {"from": "2020"}).rows) > 2
    roomy.close()
    tight = EmbeddedStore(kg, limits=Limits(max_rows=2))
    with pytest.raises(StoreError, match="more than 2 rows, the limit"):
        catalogue.run(tight, query, {"from": "2020"})
    with pytest.raises(StoreError, match="more than 2 rows, the limit"):
        catalogue.run(tight, query, {"from": "2020"})
    tight.close()


def test_memoised_prebinding_refuses_a_hostile_term_every_time():
    query = "SELECT ?a WHERE { ?a ?p ?o }"
    assert "VALUES (?a) { (<http://example.org/a>) }" in prebind(
        query, {"a": URIRef("http://example.org/a")}
    )
    for _ in range(2):
        with pytest.raises(InputError, match="not a valid IRI"):
            prebind(query, {"a": URIRef("http://example.org/a> } ; DROP ALL ; {")})
    for _ in range(2):  # the memoised text is the escaped one
        escaped = prebind(query, {"a": Literal('"} UNION { ?s ?p ?o } #')})
        assert 'VALUES (?a) { ("\\"} UNION { ?s ?p ?o } #") }' in escaped


def test_memoised_parameter_terms_refuse_bad_values_every_time():
    query = catalogue.named("chair-rotation")
    for _ in range(2):
        with pytest.raises(InputError, match="expected a year"):
            catalogue.bind(query, {"from": "twenty"})
    assert catalogue.bind(query, {"cluster": "Bắc Trung Bộ"}) == {
        "cluster": iris.cluster("bac-trung-bo")
    }


# --- query files -------------------------------------------------------------------------------


def test_an_undecodable_query_file_is_one_line_naming_it(kg, tmp_path):
    rq = tmp_path / "latin1.rq"
    text = "SELECT * WHERE { ?s ?p 'café' }"
    rq.write_bytes(text.encode("latin-1"))
    result = tdkt("query", "--sparql", str(rq), store=kg)
    assert result.exit_code == 2
    assert result.output == (
        f"error: {rq}: not UTF-8 text (invalid byte at offset {text.index('é')}); "
        "save the file as UTF-8\n"
    )


def test_cli_query_is_bounded_by_default(kg, tmp_path):
    rq = tmp_path / "runaway.rq"
    rq.write_text(CROSS_JOIN + "\n", "utf-8")
    result = tdkt("query", "--sparql", str(rq), "--timeout", "1", store=kg)
    assert result.exit_code == 2
    assert result.output.startswith("error: the query ran longer than 1 s, the limit")
