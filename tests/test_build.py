"""The build pipeline: atomic, deterministic, and honest about what it skipped or found."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import CORPUS, all_quads, broken_data, sample_store

from tdkt import iris
from tdkt.build import build
from tdkt.errors import InputError
from tdkt.export import export
from tdkt.store.embedded import EmbeddedStore


def test_build_stores_ontology_and_every_table_and_validates(tmp_path: Path):
    summary = build(tmp_path / "kg")
    names = {str(g.iri) for g in summary.graphs}
    assert str(iris.ontology_graph()) in names
    assert str(iris.table_graph("cluster_chairs")) in names
    store = EmbeddedStore(tmp_path / "kg")
    assert sorted(str(g) for g in store.graphs()) == sorted(names)
    assert len(all_quads(store)) == summary.triples
    for g in summary.graphs:
        assert sum(1 for _ in store.quads(g.iri)) == g.triples
    store.close()
    assert summary.violations == 0 and summary.ok  # the packaged data conforms


def test_malformed_table_aborts_before_the_store_is_touched(tmp_path: Path):
    store = sample_store(tmp_path / "kg")
    before = all_quads(store)
    store.close()
    with pytest.raises(InputError) as caught:
        build(tmp_path / "kg", data_dir=broken_data(tmp_path))
    assert caught.value.line == 3 and caught.value.field == "year"
    assert all_quads(EmbeddedStore(tmp_path / "kg")) == before


def test_build_interrupted_while_extracting_keeps_the_old_store(tmp_path, monkeypatch):
    from tdkt import build as pipeline

    store = sample_store(tmp_path / "kg")
    before = all_quads(store)
    store.close()
    real = pipeline.extract_all
    seen = []

    def interrupted(jobs, workers=None):
        for result in real(jobs, workers):
            seen.append(result.path)
            if len(seen) == 2:
                raise KeyboardInterrupt  # as if the user pressed Ctrl-C half-way
            yield result

    monkeypatch.setattr(pipeline, "extract_all", interrupted)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for article in sorted(CORPUS.glob("*.txt"))[:3]:
        (corpus / article.name).write_bytes(article.read_bytes())
    with pytest.raises(KeyboardInterrupt):
        build(tmp_path / "kg", corpus_dirs=[corpus])
    assert len(seen) == 2
    assert all_quads(EmbeddedStore(tmp_path / "kg")) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "kg"]  # no scratch left


def test_loader_failing_mid_build_keeps_the_old_store(tmp_path, monkeypatch):
    from tdkt import build as pipeline

    store = sample_store(tmp_path / "kg")
    before = all_quads(store)
    store.close()

    def exploding(jobs, workers=None):
        raise RuntimeError("article loader crashed")
        yield

    monkeypatch.setattr(pipeline, "extract_all", exploding)
    (tmp_path / "one.txt").write_text("Một bài báo\n\nNội dung.\n", "utf-8")
    with pytest.raises(RuntimeError, match="crashed"):
        build(tmp_path / "kg", corpus_dirs=[tmp_path])
    assert all_quads(EmbeddedStore(tmp_path / "kg")) == before


def test_rebuild_gives_the_same_quads_and_the_same_export(tmp_path, corpus_dir, quick_validation):
    dumps = []
    quads = []
    for name in ("one", "two"):
        build(tmp_path / name, corpus_dirs=[corpus_dir])
        store = EmbeddedStore(tmp_path / name)
        quads.append(all_quads(store))
        out = io.BytesIO()
        export(store, out, "nq")
        dumps.append(out.getvalue())
        store.close()
    assert quads[0] == quads[1] and len(quads[0]) > 1000
    assert dumps[0] == dumps[1]


def test_skipped_article_is_reported_and_fails_the_build(tmp_path, corpus_dir, quick_validation):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    good = sorted(corpus_dir.glob("*.txt"))[0]
    (corpus / good.name).write_bytes(good.read_bytes())
    (corpus / "broken.txt").write_bytes(b"")
    summary = build(tmp_path / "kg", corpus_dirs=[corpus])
    assert [Path(s.path).name for s in summary.skipped] == ["broken.txt"]
    assert summary.skipped[0].reason
    assert not summary.ok
    assert iris.article_graph(good.stem) in [g.iri for g in summary.graphs]


def test_progress_reports_every_step(tmp_path, quick_validation):
    seen = []
    build(tmp_path / "kg", progress=lambda step, done, total: seen.append((step, done, total)))
    assert [done for _, done, _ in seen] == list(range(len(seen)))
    assert seen[-1][1] == seen[-1][2]


def test_violations_are_counted(tmp_path, stub_validation):
    stub_validation("Violation", "Warning")
    summary = build(tmp_path / "kg")
    assert (summary.violations, summary.warnings, summary.ok) == (1, 1, False)
