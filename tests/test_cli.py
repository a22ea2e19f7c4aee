"""The ``tdkt`` command line, run in-process with typer's CliRunner on tmp_path stores."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import all_quads, broken_data, sample_graphs, sample_store, tdkt
from rdflib import Dataset

from tdkt import iris
from tdkt.store.embedded import EmbeddedStore


@pytest.fixture(scope="module")
def kg(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "kg"
    sample_store(path).close()
    return path


# --- help and usage --------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["build", "validate", "query", "extract", "stats", "export"])
def test_every_command_has_help_with_examples(command):
    result = tdkt(command, "--help")
    assert result.exit_code == 0
    assert "Examples" in result.output and f"tdkt {command}" in result.output.replace(
        "tdkt --store /tmp/kg build", "tdkt build"
    ).replace("tdkt --store /data/tdkt stats", "tdkt stats")


def test_missing_store_is_one_clear_line(tmp_path):
    result = tdkt("stats", store=tmp_path / ".tdkt")
    assert result.exit_code == 2
    assert result.output.strip() == f"error: no store at {tmp_path}/.tdkt/ — run `tdkt build` first"
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_default_store_is_dot_tdkt_in_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TDKT_STORE", raising=False)
    result = tdkt("stats")
    assert result.exit_code == 2
    assert "no store at .tdkt/ — run `tdkt build` first" in result.output


def test_store_from_environment(kg, monkeypatch):
    monkeypatch.setenv("TDKT_STORE", str(kg))
    result = tdkt("stats")
    assert result.exit_code == 0, result.output


def test_remote_store_is_refused_clearly():
    result = tdkt("--store", "https://example.org/sparql", "stats")
    assert result.exit_code == 2
    assert "remote SPARQL endpoints arrive in a later release" in result.output


# --- query -----------------------------------------------------------------------------------


def test_query_list_shows_titles_and_parameters():
    result = tdkt("query", "--list")
    assert result.exit_code == 0
    for text in ("chair-rotation", "Chair rotation", "cluster (iri-key(cluster))", "citations"):
        assert text in result.output


def test_query_csv(kg):
    result = tdkt(
        "query", "chair-rotation", "--param", "cluster=mien-nui-bien-gioi-phia-bac",
        "--format", "csv", store=kg,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0][:8] == [
        "cluster", "cluster_label", "year", "role", "province", "province_label", "status",
        "source",
    ]  # fmt: skip
    assert [r[5] for r in rows[1:]] == ["Lào Cai", "Cao Bằng"]


def test_query_json_is_sparql_results(kg):
    result = tdkt("query", "citations", "-p", "document=34-CT/TW", "--format", "json", store=kg)
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["head"]["vars"][:9] == [
        "document", "number", "citing_source", "source_date", "event", "speaker",
        "stated_number", "stated_date", "date_agrees",
    ]  # fmt: skip
    assert {b["stated_date"]["value"] for b in document["results"]["bindings"]} == {
        "2014-02-07",
        "2014-04-07",
    }


def test_query_table_and_tsv(kg):
    table = tdkt("query", "officials", store=kg)
    assert table.exit_code == 0 and "Võ Thị Ánh Xuân" in table.output
    assert "vo-thi-anh-xuan" in table.output and "id/person/" not in table.output
    tsv = tdkt("query", "officials", "--format", "tsv", store=kg)
    assert tsv.stdout.splitlines()[0].split("\t") == [
        "person", "name", "title", "organization", "date", "source",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "chair-rotation", "--param", "from=20x4"], "from"),
        (["query", "chair-rotation", "--param", "nonsense"], "name=value"),
        (["query", "no-such-query"], "no such query"),
        (["query"], "give a query NAME or --sparql FILE"),
        (["query", "events", "--format", "xml"], "xml"),
    ],
)
def test_query_bad_input_exits_2_with_one_line(kg, args, message):
    result = tdkt(*args, store=kg)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_query_user_file(kg, tmp_path):
    rq = tmp_path / "mine.rq"
    rq.write_text(
        "# title: Mine\n# description: test\n# param: p: iri-key(province) = (required)\n"
        "SELECT ?p ?label WHERE { ?p <http://www.w3.org/2000/01/rdf-schema#label> ?label }\n"
    )
    result = tdkt("query", "--sparql", str(rq), "-p", "p=Cao Bằng", "--format", "csv", store=kg)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == f"{iris.province('cao-bang')},Cao Bằng"
    missing = tdkt("query", "--sparql", str(rq), store=kg)
    assert missing.exit_code == 2 and "required" in missing.output


# --- stats, export ---------------------------------------------------------------------------


def test_stats(kg):
    result = tdkt("stats", store=kg)
    assert result.exit_code == 0, result.output
    total = sum(len(g.graph) for g in sample_graphs())
    assert f"{len(sample_graphs())} named graphs, {total} triples" in result.output
    assert "graph/table/cluster-chairs" in result.output
    assert "tdkt:ClusterRoleTerm" in result.output


def test_stats_counts_match_the_store(kg):
    from tdkt.stats import stats

    store = EmbeddedStore(kg)
    counted = stats(store)
    per_graph = dict(counted.per_graph)
    for g in sample_graphs():
        assert per_graph[str(g.iri)] == len(g.graph)
    assert dict(counted.per_class)[str(iris.TDKT.ClusterRoleTerm)] == 6
    assert counted.triples == len(all_quads(store))
    store.close()


@pytest.mark.parametrize("fmt", ["trig", "nq", "jsonld"])
def test_export_round_trip(kg, fmt):
    result = tdkt("export", "--format", fmt, store=kg)
    assert result.exit_code == 0, result.output
    parsed = Dataset()
    parsed.parse(
        data=result.stdout_bytes, format={"jsonld": "json-ld", "nq": "nquads"}.get(fmt, fmt)
    )
    got = {(s, p, o, g) for s, p, o, g in parsed.quads() if g != parsed.default_graph.identifier}
    store = EmbeddedStore(kg)
    assert got == all_quads(store)
    store.close()


def test_export_nq_is_sorted_and_deterministic(kg, tmp_path):
    first = tdkt("export", "--format", "nq", store=kg).stdout_bytes
    out = tmp_path / "kg.nq"
    assert tdkt("export", "--format", "nq", "--output", str(out), store=kg).exit_code == 0
    assert out.read_bytes() == first
    lines = first.decode().splitlines()
    assert lines == sorted(lines) and len(lines) == sum(len(g.graph) for g in sample_graphs())


def test_export_turtle_merges_the_graphs(kg):
    from rdflib import Graph

    result = tdkt("export", "--format", "ttl", store=kg)
    merged = Graph().parse(data=result.stdout, format="turtle")
    store = EmbeddedStore(kg)
    assert set(merged) == {(s, p, o) for s, p, o, _ in all_quads(store)}
    store.close()


# --- build, validate -------------------------------------------------------------------------


def test_build_prints_a_summary(tmp_path, stub_validation):
    stub_validation("Warning")
    result = tdkt("build", store=tmp_path / "kg")
    assert result.exit_code == 0, result.output
    assert "graph/table/cluster-chairs" in result.output
    assert "0 violation(s), 1 warning(s)" in result.output
    assert EmbeddedStore(tmp_path / "kg").exists()


def test_build_with_violations_exits_1(tmp_path, stub_validation):
    stub_validation("Violation")
    result = tdkt("build", store=tmp_path / "kg")
    assert result.exit_code == 1
    assert "1 violation(s)" in result.output


def test_build_with_a_bad_table_exits_2_and_keeps_the_store(kg, tmp_path):
    before = all_quads(EmbeddedStore(kg))
    result = tdkt("build", "--data", str(broken_data(tmp_path)), store=kg)
    assert result.exit_code == 2
    assert "cluster_chairs.csv:3: year" in result.output
    assert all_quads(EmbeddedStore(kg)) == before


def test_validate_exit_codes_and_json(kg, stub_validation):
    stub_validation("Warning")
    warned = tdkt("validate", store=kg)
    assert warned.exit_code == 0 and "Warning en" in warned.output
    stub_validation("Violation", "Warning")
    failed = tdkt("validate", "--format", "json", store=kg)
    assert failed.exit_code == 1
    document = json.loads(failed.stdout)
    assert document["counts"] == {"Violation": 1, "Warning": 1, "Info": 0}
    assert document["findings"][0]["focus"] == str(iris.province("x"))


def test_validate_passes_the_store_data_without_the_ontology(kg, monkeypatch):
    from tdkt import validate

    seen = {}

    def spy(data, **_):
        seen["triples"] = len(data)
        return validate.Report(conforms=True, findings=[])

    monkeypatch.setattr(validate, "validate", spy)
    assert tdkt("validate", store=kg).exit_code == 0
    ontology = next(g for g in sample_graphs() if g.iri == iris.ontology_graph())
    assert seen["triples"] == sum(len(g.graph) for g in sample_graphs()) - len(ontology.graph)


# --- extract (the real article loader on the shared corpus) ----------------------------------


def test_extract_formats(corpus_dir):
    article = sorted(corpus_dir.glob("001_*.txt"))[0]
    text = tdkt("extract", str(article))
    assert text.exit_code == 0, text.output
    assert article.name in text.stdout
    one = json.loads(tdkt("extract", str(article), "--format", "json").stdout)
    assert isinstance(one, dict)
    two = json.loads(tdkt("extract", str(article), str(article), "--format", "json").stdout)
    assert two == [one, one]
    trig = tdkt("extract", str(article), "--format", "trig")
    parsed = Dataset().parse(data=trig.stdout, format="trig")
    assert {g.identifier for g in parsed.graphs() if len(g)} == {iris.article_graph(article.stem)}


def test_extract_missing_file_exits_2(tmp_path):
    result = tdkt("extract", str(tmp_path / "missing.txt"))
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_build_with_the_corpus_end_to_end(corpus_store, corpus_dir):
    store = EmbeddedStore(corpus_store)  # built by `tdkt build --corpus`, exit 0 (conftest)
    graphs = {str(g) for g in store.graphs()}
    store.close()
    for article in corpus_dir.glob("*.txt"):
        assert str(iris.article_graph(article.stem)) in graphs
    chairs = tdkt("query", "chair-rotation", "--format", "json", store=corpus_store)
    sources = {b["source"]["value"] for b in json.loads(chairs.stdout)["results"]["bindings"]}
    assert any(s.startswith(str(iris.ID) + "source/") for s in sources)  # article claims
    assert any(s.startswith("http") and "w3id.org" not in s for s in sources)  # table rows


@pytest.mark.parametrize("fmt", ["trig", "jsonld", "ttl", "nq"])
def test_export_is_byte_identical_across_processes(kg, fmt):
    """Another hash seed changes rdflib's set order; the export must not change."""
    import os
    import subprocess
    import sys

    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", "from tdkt.cli import app; app()", "--store", str(kg),
             "export", "--format", fmt],
            capture_output=True, env=env, check=True,
        )  # fmt: skip
        outputs.append(run.stdout)
    assert outputs[0] == outputs[1] and outputs[0]
