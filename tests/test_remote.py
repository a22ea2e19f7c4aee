"""The remote backend against real engines (Oxigraph server, Virtuoso 7), compared with the
embedded store row for row, and its behaviour when the engine fails mid-load."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import sample_graphs, tdkt
from engines import Engine, oxigraph
from rdflib import BNode, Literal, URIRef

from tdkt import catalogue, iris
from tdkt.errors import InputError, StoreError
from tdkt.store.embedded import EmbeddedStore
from tdkt.store.endpoints import endpoint_for
from tdkt.store.guard import Limits, QueryRefused
from tdkt.store.prebind import prebind
from tdkt.store.remote import STAGING, RemoteStore
from tdkt.store.terms import to_ox


def remote(engine: Engine) -> RemoteStore:
    return RemoteStore(endpoint_for(engine.url, engine.env))


@pytest.fixture(scope="module")
def corpus_nquads(corpus_store: Path, tmp_path_factory) -> Path:
    """The README's main job, as the N-Quads a remote build sends."""
    path = tmp_path_factory.mktemp("nq") / "corpus.nq"
    store = EmbeddedStore(corpus_store)
    try:
        with path.open("w", encoding="utf-8") as out:
            for s, p, o, g in store.quads():
                out.write(f"{ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(g))} .\n")
    finally:
        store.close()
    return path


# --- endpoint layout and credentials ---------------------------------------------------------


def test_presets_follow_the_url() -> None:
    ox_ = endpoint_for("http://127.0.0.1:7878", {})
    assert (ox_.engine, ox_.query, ox_.update, ox_.graph_store) == (
        "oxigraph",
        "http://127.0.0.1:7878/query",
        "http://127.0.0.1:7878/update",
        "http://127.0.0.1:7878/store",
    )
    virt = endpoint_for(
        "http://h:8890/sparql", {"TDKT_STORE_USER": "u", "TDKT_STORE_PASSWORD": "p"}
    )
    assert (virt.engine, virt.update, virt.graph_store, virt.auth) == (
        "virtuoso",
        "http://h:8890/sparql-auth",
        "http://h:8890/sparql-graph-crud-auth",
        "digest",
    )
    fuseki = endpoint_for("http://h:3030/tdkt", {})
    assert (fuseki.engine, fuseki.query, fuseki.graph_store) == (
        "fuseki",
        "http://h:3030/tdkt/query",
        "http://h:3030/tdkt/data",
    )


def test_settings_come_from_a_file_and_the_environment_wins(tmp_path: Path) -> None:
    config = tmp_path / "remote.toml"
    config.write_text(
        '["http://h:9999/ds"]\nengine = "generic"\nupdate = "http://h:9999/up"\n'
        'user = "file-user"\npassword = "secret"\n',
        "utf-8",
    )
    env = {"TDKT_CONFIG": str(config), "TDKT_STORE_USER": "env-user"}
    endpoint = endpoint_for("http://h:9999/ds", env)
    assert (endpoint.engine, endpoint.update, endpoint.user, endpoint.password) == (
        "generic",
        "http://h:9999/up",
        "env-user",
        "secret",
    )
    assert "secret" not in repr(endpoint)


@pytest.mark.parametrize(
    ("env", "field"),
    [
        ({"TDKT_ENGINE": "neptune"}, "TDKT_ENGINE"),
        ({"TDKT_AUTH": "kerberos"}, "TDKT_AUTH"),
        ({"TDKT_REMOTE_TIMEOUT": "soon"}, "TDKT_REMOTE_TIMEOUT"),
    ],
)
def test_bad_settings_name_the_setting(env: dict[str, str], field: str) -> None:
    with pytest.raises(InputError, match=field):
        endpoint_for("http://h:1/sparql", env)


# --- parameters become VALUES, never syntax --------------------------------------------------


def test_parameters_open_the_outermost_pattern() -> None:
    query = (
        "PREFIX x: <http://x/{}>\n# a { comment\n"
        'SELECT ?a WHERE { ?a x:p "}" . { SELECT ?b WHERE { ?b ?p ?o } } }'
    )
    bound = prebind(query, {"a": URIRef("http://a")})
    assert 'SELECT ?a WHERE { VALUES (?a) { (<http://a>) }  ?a x:p "}"' in bound
    construct = prebind("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"s": URIRef("http://s")})
    assert construct.startswith("CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?s)")


@pytest.mark.parametrize(
    "hostile",
    [
        URIRef("http://x> } ; DROP ALL ; <http://y"),
        URIRef("http://x\n"),
        BNode("b"),
    ],
)
def test_hostile_parameters_are_refused(hostile) -> None:
    with pytest.raises(InputError):
        prebind("SELECT ?a WHERE { ?a ?p ?o }", {"a": hostile})


def test_literals_are_escaped() -> None:
    bound = prebind("ASK { ?a ?p ?o }", {"o": Literal('"} ; DROP ALL ; {"\n')})
    assert 'VALUES (?o) { ("\\"} ; DROP ALL ; {\\"\\n") }' in bound


# --- the same answers as the embedded store --------------------------------------------------


def _cell(value) -> str | None:
    """A term for comparison. GROUP_CONCAT's order is the engine's (SPARQL leaves it open), and
    over no values it is "" on Virtuoso and unbound on Oxigraph: both print as an empty cell."""
    if value is None or value == Literal(""):
        return None
    if isinstance(value, Literal) and " ; " in value:
        return " ; ".join(sorted(str(value).split(" ; ")))
    return value.n3()


def _rows(result) -> list[tuple]:
    return sorted((tuple(_cell(v) for v in row) for row in result.rows), key=str)


def _first_column(result) -> list:
    return [row[0] for row in result.rows]


def _parameter_sets(query: catalogue.Query) -> list[dict[str, str]]:
    """Each ``# example:`` line's ``--param`` values, plus the required ones alone."""
    required = {
        "node": str(iris.cluster_role_term("tay-nguyen-duyen-hai-mien-trung", "chair", 2024)),
        "property": "http://www.w3.org/ns/org#member",
        "province": "lam-dong",
    }
    base = {p.name: required[p.name] for p in query.params if p.required}
    sets = [base]
    for example in query.examples:
        words = example.split()
        pairs = [words[i + 1] for i, word in enumerate(words[:-1]) if word in ("--param", "-p")]
        sets.append(base | catalogue.parse_assignments(pairs))
    return sets


def test_every_named_query_answers_as_on_the_embedded_store(
    engine: Engine, corpus_store: Path, corpus_nquads: Path
) -> None:
    store = remote(engine)
    store.replace_all_from_file(corpus_nquads)
    embedded = EmbeddedStore(corpus_store)
    try:
        assert store.graphs() == embedded.graphs()
        for query in catalogue.catalogue():
            for values in _parameter_sets(query):
                here = catalogue.run(embedded, query, values)
                there = catalogue.run(store, query, values)
                assert there.variables == here.variables, (query.name, values)
                assert _rows(there) == _rows(here), (query.name, values)
                if "ORDER BY" in query.text.upper():
                    assert _first_column(there) == _first_column(here), (query.name, values)
    finally:
        embedded.close()


def test_cli_runs_on_the_engine(engine: Engine, corpus_nquads: Path, monkeypatch) -> None:
    remote(engine).replace_all_from_file(corpus_nquads)
    for name, value in engine.env.items():
        monkeypatch.setenv(name, value)
    result = tdkt(
        "--store", engine.url, "query", "chair-rotation", "--format", "csv",
        "--param", "cluster=tay-nguyen-duyen-hai-mien-trung",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "lam-dong" in result.output


# --- loads replace graphs as units ------------------------------------------------------------


def test_replacing_keeps_other_graphs_and_drops_what_a_full_load_leaves_out(
    engine: Engine,
) -> None:
    store = remote(engine)
    graphs = sample_graphs()
    store.replace_all(graphs)
    assert store.graphs() == sorted(g.iri for g in graphs)
    first, rest = graphs[0], graphs[1:]
    store.update_graphs([first.iri], None)
    assert store.graphs() == sorted(g.iri for g in rest)
    store.replace_graph(first)
    assert store.graphs() == sorted(g.iri for g in graphs)
    assert set(store.quads(first.iri)) == {(s, p, o, first.iri) for s, p, o in first.graph}
    store.replace_all(rest)
    assert store.graphs() == sorted(g.iri for g in rest)


def test_a_killed_engine_leaves_the_previous_graphs(
    tmp_path: Path, corpus_nquads: Path, monkeypatch
) -> None:
    """Kill Oxigraph server after the first staged batch: the load fails with a clear error;
    after a restart every previous graph is intact, and a rerun completes."""
    engine = oxigraph(tmp_path / "db").start()
    try:
        store = remote(engine)
        store.replace_all(sample_graphs())
        before = sorted(store.quads())
        monkeypatch.setattr("tdkt.store.remote.BATCH_TRIPLES", 200)
        monkeypatch.setattr("tdkt.store.remote.RETRIES", 1)
        put = RemoteStore._put_batch

        def put_then_crash(self, staging, lines, first):
            put(self, staging, lines, first)
            engine.kill()

        monkeypatch.setattr(RemoteStore, "_put_batch", put_then_crash)
        with pytest.raises(StoreError, match="is the engine running"):
            store.replace_all_from_file(corpus_nquads)
        monkeypatch.setattr(RemoteStore, "_put_batch", put)
        engine.start()
        store = remote(engine)
        assert sorted(store.quads()) == before
        store.replace_all_from_file(corpus_nquads)
        staging = store.select(
            "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), ?prefix)) }",
            {"prefix": Literal(STAGING)},
        )
        assert staging.rows == []
        assert len(store.graphs()) > len(sample_graphs())
    finally:
        engine.stop()


def test_an_engine_that_is_down_is_one_clear_error(monkeypatch) -> None:
    from engines import free_port

    monkeypatch.setattr("tdkt.store.remote.RETRIES", 1)
    url = f"http://127.0.0.1:{free_port()}"
    result = tdkt("--store", url, "query", "chair-rotation")
    assert result.exit_code == 2
    assert f"cannot reach {url}/query" in result.output
    assert "Traceback" not in result.output


def test_remote_queries_are_screened_and_bounded(engine: Engine) -> None:
    """The guard of the embedded store holds on an engine too: no SERVICE, no runaway rows."""
    store = RemoteStore(endpoint_for(engine.url, engine.env), limits=Limits(max_rows=3))
    store.replace_all(sample_graphs())
    with pytest.raises(QueryRefused, match="SERVICE"):
        store.select("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    with pytest.raises(StoreError, match="more than 3 rows"):
        store.select("SELECT * WHERE { ?s ?p ?o }")
