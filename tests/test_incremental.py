"""Incremental builds: only new, changed or removed articles are redone, the result is the store
a full build would make, and a build killed while writing leaves the store as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import all_quads
from rdflib import Dataset, URIRef

from tdkt import iris, manifest
from tdkt.build import build
from tdkt.shacl import Shapes
from tdkt.shacl.scope import reach
from tdkt.store.embedded import EmbeddedStore
from tdkt.validate import (
    Changes,
    Finding,
    changed_subjects,
    load_ontology,
    load_shapes,
    validate_store,
)


@pytest.fixture
def corpus(tmp_path, corpus_dir) -> Path:
    """A writable corpus: the first three shared articles (the tests add, edit and remove)."""
    directory = tmp_path / "corpus"
    directory.mkdir()
    for article in sorted(corpus_dir.glob("*.txt"))[:3]:
        (directory / article.name).write_bytes(article.read_bytes())
    return directory


def quads_of(path: Path) -> set[tuple]:
    store = EmbeddedStore(path)
    try:
        return all_quads(store)
    finally:
        store.close()


def full_build_quads(tmp_path: Path, corpus: Path) -> set[tuple]:
    """What a full build of the corpus as it now is stores."""
    build(tmp_path / "reference", corpus_dirs=[corpus], full=True)
    return quads_of(tmp_path / "reference")


def test_first_build_is_full_and_an_unchanged_rebuild_extracts_nothing(
    tmp_path, corpus, quick_validation
):
    first = build(tmp_path / "kg", corpus_dirs=[corpus])
    before = quads_of(tmp_path / "kg")
    again = build(tmp_path / "kg", corpus_dirs=[corpus])
    assert (first.full, first.extracted) == (True, 3)
    assert (again.full, again.extracted) == (False, 0)
    assert quads_of(tmp_path / "kg") == before
    assert [g.iri for g in again.graphs] == [g.iri for g in first.graphs]
    assert again.triples == first.triples


def test_added_changed_and_removed_articles_give_what_a_full_build_gives(
    tmp_path, corpus, corpus_dir, quick_validation
):
    build(tmp_path / "kg", corpus_dirs=[corpus])
    added = sorted(corpus_dir.glob("*.txt"))[3]
    (corpus / added.name).write_bytes(added.read_bytes())
    changed = sorted(corpus.glob("*.txt"))[0]
    changed.write_text(changed.read_text("utf-8") + "\nMột câu thêm vào cuối bài.\n", "utf-8")
    removed = sorted(corpus.glob("*.txt"))[1]
    removed.unlink()

    summary = build(tmp_path / "kg", corpus_dirs=[corpus])

    assert (summary.full, summary.extracted) == (False, 2)
    stored = quads_of(tmp_path / "kg")
    assert stored == full_build_quads(tmp_path, corpus)
    graphs = {g for *_, g in stored}
    assert iris.article_graph(removed.stem) not in graphs
    assert iris.article_graph(added.stem) in graphs


def test_full_flag_or_changed_tables_rebuild_everything(tmp_path, corpus, quick_validation):
    import csv
    import shutil

    from conftest import DATA

    build(tmp_path / "kg", corpus_dirs=[corpus])
    assert build(tmp_path / "kg", corpus_dirs=[corpus], full=True).extracted == 3
    tables = tmp_path / "tables"
    shutil.copytree(DATA, tables)
    same = build(tmp_path / "kg", corpus_dirs=[corpus], data_dir=tables)
    assert (same.full, same.extracted) == (False, 0)  # the same tables, read from elsewhere
    with (tables / "campaigns.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    rows[0]["note"] = "A note added by the test."
    with (tables / "campaigns.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    rebuilt = build(tmp_path / "kg", corpus_dirs=[corpus], data_dir=tables)
    assert (rebuilt.full, rebuilt.extracted) == (True, 3)


def test_manifest_records_each_source(tmp_path, corpus, quick_validation):
    build(tmp_path / "kg", corpus_dirs=[corpus])
    recorded = manifest.read(tmp_path / "kg")
    assert recorded is not None
    assert sorted(Path(k).name for k in recorded.sources) == sorted(
        p.name for p in corpus.iterdir()
    )
    for key, record in recorded.sources.items():
        assert len(record.sha256) == 64 and record.graph == str(iris.article_graph(Path(key).stem))
        assert record.triples > 0


_KILLED_BUILD = """
import sys, time
from pathlib import Path
import pyoxigraph

real_parse = pyoxigraph.parse

def slow_parse(*args, **kwargs):
    # The store reads the build's N-Quads through this while writing the new generation:
    # announce it, then stall there until the test kills the process.
    for number, quad in enumerate(real_parse(*args, **kwargs)):
        if number == 5:
            print("writing", flush=True)
            time.sleep(120)
        yield quad

pyoxigraph.parse = slow_parse
from tdkt import validate
validate.validate_store = lambda store, *_, **__: validate.Report(True, [])
from tdkt.build import build
build(Path(sys.argv[1]), corpus_dirs=[Path(sys.argv[2])])
"""


def test_incremental_build_killed_while_writing_leaves_the_store_as_it_was(
    tmp_path, corpus, corpus_dir, quick_validation
):
    build(tmp_path / "kg", corpus_dirs=[corpus])
    before = quads_of(tmp_path / "kg")
    recorded = manifest.read(tmp_path / "kg")
    added = sorted(corpus_dir.glob("*.txt"))[4]
    (corpus / added.name).write_bytes(added.read_bytes())

    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(_KILLED_BUILD), str(tmp_path / "kg"), str(corpus)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout.readline().strip() == "writing"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()

    assert quads_of(tmp_path / "kg") == before
    assert manifest.read(tmp_path / "kg") == recorded
    again = build(tmp_path / "kg", corpus_dirs=[corpus])  # and the next build just works
    assert (again.full, again.extracted) == (False, 1)
    assert quads_of(tmp_path / "kg") == full_build_quads(tmp_path, corpus)


def _article(day: int, cluster: str, province: str) -> str:
    """A short article of our own naming one official of ``province`` (the same name each time)."""
    return (
        f"Cụm thi đua các tỉnh {cluster} tổng kết công tác thi đua, khen thưởng năm 2022\n\n"
        f"Thứ hai - {day}/02/2023 09:10\n\n"
        f"Sáng {day}/2/2023, Cụm thi đua các tỉnh {cluster} tổ chức hội nghị tổng kết năm 2022 "
        f"tại tỉnh {province}.\n\n"
        f"Dự hội nghị có đồng chí Nguyễn Văn Thử, Phó Chủ tịch UBND tỉnh {province}.\n"
    )


def test_a_new_namesake_in_another_province_redoes_the_unchanged_article(
    tmp_path, quick_validation
):
    corpus = tmp_path / "namesakes"
    corpus.mkdir()
    (corpus / "a.txt").write_text(_article(14, "Bắc Trung Bộ", "Quảng Trị"), "utf-8")
    build(tmp_path / "kg", corpus_dirs=[corpus])
    people = {s for s, *_ in quads_of(tmp_path / "kg") if "/person/" in s}
    assert iris.person("nguyen-van-thu") in people

    (corpus / "b.txt").write_text(_article(15, "Tây Nguyên", "Gia Lai"), "utf-8")
    summary = build(tmp_path / "kg", corpus_dirs=[corpus])

    assert summary.full is False
    assert manifest.read(tmp_path / "kg").sources[str(corpus / "a.txt")].renames == {
        "nguyen-van-thu": "nguyen-van-thu-quang-tri"
    }
    stored = quads_of(tmp_path / "kg")
    assert stored == full_build_quads(tmp_path, corpus)
    people = {s for s, *_ in stored if "/person/" in s}
    assert iris.person("nguyen-van-thu") not in people
    renamed = {iris.person("nguyen-van-thu-quang-tri"), iris.person("nguyen-van-thu-gia-lai")}
    assert renamed <= people


# ---- validating only what an incremental build changed (docs/shacl.md) -------------------------

SHAPE_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "shapes"


def _state(*names: str) -> dict[URIRef, set[tuple]]:
    """The quads of the shape fixtures' context and the named fixtures, by named graph, with
    the ontology in its own graph (as a build stores it)."""
    dataset = Dataset()
    for name in ("context.trig", *names):
        dataset.parse(SHAPE_FIXTURES / name, format="trig")
    graphs: dict[URIRef, set[tuple]] = {iris.ontology_graph(): set()}
    for s, p, o, g in dataset.quads():
        graphs.setdefault(URIRef(g), set()).add((s, p, o))
    graphs[iris.ontology_graph()] = set(load_ontology())
    return graphs


def _nquads(graphs: dict[URIRef, set[tuple]], path: Path) -> Path:
    lines = (f"{s.n3()} {p.n3()} {o.n3()} <{g}> .\n" for g, ts in graphs.items() for s, p, o in ts)
    path.write_text("".join(lines), "utf-8")
    return path


def _move(store: EmbeddedStore, now: dict, then: dict, path: Path) -> tuple:
    """Replace the graphs that differ between two states, as an incremental build does."""
    differ = sorted(g for g in set(now) | set(then) if now.get(g) != then.get(g))
    before = changed_subjects(store, differ)
    store.update_graphs(differ, _nquads({g: then[g] for g in differ if g in then}, path))
    after = changed_subjects(store, differ)
    return before, after


GOOD = sorted(p.name for p in SHAPE_FIXTURES.glob("*.good.trig"))


@pytest.mark.parametrize("bad", sorted(p.name for p in SHAPE_FIXTURES.glob("*.bad.trig")))
def test_validating_only_what_changed_finds_what_a_full_validation_finds(tmp_path, bad):
    clean = _state(*GOOD)
    broken = _state(*(g for g in GOOD if g != bad.replace(".bad.", ".good.")), bad)
    store = EmbeddedStore(tmp_path / "kg")
    try:
        store.replace_all_from_file(_nquads(clean, tmp_path / "all.nq"))
        report = validate_store(store)
        reports = [report]
        for now, then in ((clean, broken), (broken, clean)):  # add violations, then remove them
            before, after = _move(store, now, then, tmp_path / "part.nq")
            assert before is not None and after is not None
            changes = Changes(before | after, report.by_shape)
            report = validate_store(store, changes=changes)
            full = validate_store(store)
            assert report.findings == full.findings
            assert report.by_shape == full.by_shape
            reports.append(report)
    finally:
        store.close()
    assert reports[1].findings != reports[0].findings == reports[2].findings


def test_shapes_that_look_anywhere_are_validated_in_full() -> None:
    shapes = Shapes(load_shapes())
    tsh = "https://w3id.org/tdkt/shapes#"
    assert reach(shapes, URIRef(tsh + "RoleHolderIsMemberShape")) is None  # sh:sparql
    assert reach(shapes, URIRef(tsh + "EvidenceShape")) == 0  # its own values only
    assert reach(shapes, URIRef(tsh + "AwardShape")) == 1  # sh:class on its values


def test_an_incremental_build_validates_what_changed_and_reports_as_a_full_one(
    tmp_path, corpus, corpus_dir
):
    build(tmp_path / "kg", corpus_dirs=[corpus])
    first = manifest.read(tmp_path / "kg")
    assert first is not None and first.findings is not None
    extra = sorted(corpus_dir.glob("*.txt"))[3]
    (corpus / extra.name).write_bytes(extra.read_bytes())
    (corpus / sorted(corpus.glob("*.txt"))[0].name).unlink()
    again = build(tmp_path / "kg", corpus_dirs=[corpus])
    assert (again.full, again.extracted) == (False, 1)
    store = EmbeddedStore(tmp_path / "kg")
    try:
        full = validate_store(store)
    finally:
        store.close()
    assert (again.violations, again.warnings, again.infos) == tuple(full.counts().values())
    kept = manifest.read(tmp_path / "kg").findings
    assert {k: tuple(Finding(**f) for f in v) for k, v in kept.items()} == full.by_shape
