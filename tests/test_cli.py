"""The ``tdkt`` command line, run in-process with typer's CliRunner on tmp_path stores."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import all_quads, broken_data, sample_graphs, sample_store, tdkt
from rdflib import Dataset
from typer.testing import CliRunner

from tdkt import iris
from tdkt.cli import app
from tdkt.cli.app import global_options_first
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


def test_an_unreachable_remote_store_is_one_line():
    result = tdkt("--store", "https://127.0.0.1:9/sparql", "stats")
    assert result.exit_code == 2
    assert result.output.startswith("error: ") and len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "args",
    [
        ["--store", "{kg}", "query", "graph-counts", "--format", "csv"],
        ["query", "graph-counts", "--store", "{kg}", "--format", "csv"],
        ["query", "graph-counts", "--format", "csv", "--store={kg}"],
    ],
)
def test_global_options_work_before_or_after_the_subcommand(kg, args):
    result = CliRunner().invoke(app, [a.replace("{kg}", str(kg)) for a in args])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("graph,")


def test_global_options_first_moves_only_global_options():
    assert global_options_first(["query", "x", "--store", "s", "-p", "a=b"]) == [
        "--store",
        "s",
        "query",
        "x",
        "-p",
        "a=b",
    ]
    assert global_options_first(["query", "--", "--store", "s"]) == ["query", "--", "--store", "s"]


# --- build refuses what it must not touch ----------------------------------------------------


def test_build_refuses_a_directory_of_the_users_files(tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("mine", "utf-8")
    result = tdkt("build", store=mine)
    assert result.exit_code == 2
    assert result.output == (
        f"error: {mine}/ is not a tdkt store (no tdkt-store.json); give --store a new or "
        "empty directory, or one that `tdkt build` created\n"
    )
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]


def test_build_refuses_the_current_directory_and_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".tdkt").mkdir()
    result = tdkt("build", store=Path("."))
    assert result.exit_code == 2
    assert "--store . is the current directory" in result.output
    assert [p.name for p in tmp_path.iterdir()] == [".tdkt"]
    assert not any((tmp_path / ".tdkt").iterdir())


def test_build_fails_fast_or_waits_while_another_build_writes(tmp_path, stub_validation):
    from tdkt.store import layout, lock

    stub_validation()
    path = tmp_path / "kg"
    path.mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    assert holder.stdout.readline() == b"held\n"
    try:
        result = tdkt("build", store=path)
        assert result.exit_code == 2
        assert "another tdkt build is writing the store" in result.output
        assert "--wait" in result.output and not layout.is_store(path)
        threading.Timer(1.0, holder.stdin.close).start()  # the other build ends in a second
        result = tdkt("build", "--wait", store=path)
        assert result.exit_code == 0, result.output
        assert "waiting for another tdkt build to finish writing" in result.output
        assert layout.is_store(path) and not lock.holds_writer(path)
    finally:
        holder.kill()
        holder.wait()


HOLD_LOCK = (
    "import sys; from pathlib import Path; from tdkt.store.lock import writer\n"
    "with writer(Path(sys.argv[1])):\n    print('held', flush=True); sys.stdin.read()\n"
)


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
    # people read labels, not keys or IRIs; programs get the IRIs (tsv, csv, json)
    assert "vo-thi-anh-xuan" not in table.output and "id/person/" not in table.output
    tsv = tdkt("query", "officials", "--format", "tsv", store=kg)
    assert "https://w3id.org/tdkt/id/person/vo-thi-anh-xuan" in tsv.stdout
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


def test_validate_checks_the_store_itself(kg, monkeypatch):
    """SHACL runs inside the store (nothing copied into rdflib) and finds what the same data
    validated in memory gives."""
    from rdflib import Graph

    from tdkt import validate

    union = Graph()
    for named in sample_graphs():
        union += named.graph
    expected = validate.validate(union).findings

    def no_rdflib_copy(data, **_):
        raise AssertionError("the store was copied into rdflib to validate")

    monkeypatch.setattr(validate, "validate", no_rdflib_copy)
    run = tdkt("validate", "--format", "json", store=kg)
    assert run.exit_code == (1 if any(f.severity == "Violation" for f in expected) else 0)
    found = json.loads(run.stdout)["findings"]
    assert [(f["focus"], f["shape"]) for f in found] == [(f.focus, f.shape) for f in expected]


# --- extract (the real article loader on the shared corpus) ----------------------------------


def test_extract_formats(corpus_dir):
    article = sorted(corpus_dir.glob("001_*.txt"))[0]
    text = tdkt("extract", str(article))
    assert text.exit_code == 0, text.output
    assert article.name in text.stdout
    (one,) = json.loads(tdkt("extract", str(article), "--format", "json").stdout)  # a list
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


def test_validate_with_workers_prints_the_same_report(kg):
    """`--workers 2` shares the shapes out between processes: the same findings, the same
    text (the real shapes on the real build)."""
    alone = tdkt("validate", "--format", "json", store=kg)
    shared = tdkt("validate", "--format", "json", "--workers", "2", store=kg)
    assert shared.exit_code == alone.exit_code and shared.stdout == alone.stdout
    assert json.loads(shared.stdout)["findings"]
