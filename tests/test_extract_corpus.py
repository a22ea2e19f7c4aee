"""The fact layer on the five real articles: each compared with a hand-written answer key,
exactly and both ways, plus evidence round-trips, the RDF mapping and corpus loading."""

from __future__ import annotations

import importlib
import shutil
import unicodedata
from pathlib import Path

import pytest
from answer_keys import differences, evidence_in, project
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import PROV, RDF

from tdkt import iris
from tdkt.iris import OA, ORG, TDKT
from tdkt.loaders.articles import (
    extract,
    facts_to_graph,
    load_corpus,
    render_json,
    render_text,
)
from tdkt.loaders.articles.reader import MAX_BYTES

KEYS = [f"answer_keys.corpus_{n:03d}" for n in range(5)]


@pytest.fixture(scope="module")
def corpus(corpus_dir: Path):
    result = load_corpus([corpus_dir])
    assert result.skipped == []
    return {f.article.path.name: f for f in result.facts}, result


@pytest.mark.parametrize("module", KEYS)
def test_facts_match_answer_key(corpus, module: str) -> None:
    key = importlib.import_module(module)
    facts = corpus[0][key.FILE]
    assert differences(project(facts), key.EXPECTED) == []


@pytest.mark.parametrize("module", KEYS)
def test_single_article_extract_agrees_with_corpus(corpus_dir: Path, module: str) -> None:
    """``extract`` on one file gives the key too (no homonyms among the five)."""
    key = importlib.import_module(module)
    assert differences(project(extract(corpus_dir / key.FILE)), key.EXPECTED) == []


def test_every_quote_round_trips(corpus) -> None:
    for facts in corpus[0].values():
        found = evidence_in(facts)
        assert len(found) > 5
        for ev in found:
            assert facts.article.text[ev.start : ev.end] == ev.quote


def test_one_person_across_articles_despite_a_typo(corpus) -> None:
    by_file = corpus[0]
    thinh = [
        o
        for name in ("002_6a2b356a64c4720c.txt", "003_f5499bc3bc7e4f1f.txt")
        for o in by_file[name].officials
        if o.key == "dang-thi-ngoc-thinh"
    ]
    assert len(thinh) == 2
    assert thinh[0].name == "Đặng Thị Ngọc Thịnh"
    assert thinh[0].spellings == ("Đăng Thị Ngọc Thịnh",)


# ------------------------------------------------------------------ RDF


def test_graph_maps_the_design_example(corpus) -> None:
    facts = corpus[0]["001_a8b3c08234c141ac.txt"]
    named = facts_to_graph(facts)
    g = named.graph
    assert named.iri == iris.article_graph("001_a8b3c08234c141ac")
    node = iris.cluster_role_term("tay-nguyen-duyen-hai-mien-trung", "chair", 2024)
    event = iris.event("2024-03-29", "tong-ket-tay-nguyen-duyen-hai-mien-trung")
    assert (node, RDF.type, TDKT.ClusterRoleTerm) in g
    assert set(g.objects(node, ORG.member)) == {iris.province("Lâm Đồng")}
    assert (node, TDKT.status, TDKT.Proposed) in g
    assert (node, TDKT.decidedAt, event) in g
    assert (event, RDF.type, TDKT.AnnualReview) in g
    assert (event, RDF.type, TDKT.CovenantSigning) in g
    citation = next(g.subjects(TDKT.statedNumber, Literal("34 -CT/TW")))
    assert (citation, TDKT.dateAgreement, TDKT.DateDisagrees) in g
    assert (citation, TDKT.citedDocument, iris.document("34-CT/TW")) in g
    assert (citation, TDKT.speaker, iris.person("Võ Thị Ánh Xuân")) in g


def test_graph_has_no_blank_nodes_nfc_strings_and_provenance(corpus) -> None:
    for facts in corpus[0].values():
        g = facts_to_graph(facts).graph
        source = iris.source(facts.article.key)
        for triple in g:
            assert not any(isinstance(term, BNode) for term in triple)
            literal = triple[2]
            if isinstance(literal, Literal) and isinstance(literal.value, str):
                assert unicodedata.is_normalized("NFC", str(literal))
        for node in set(g.subjects(TDKT.evidence, None)):
            assert (node, PROV.wasDerivedFrom, source) in g


def test_graph_evidence_selectors_round_trip(corpus) -> None:
    facts = corpus[0]["002_6a2b356a64c4720c.txt"]
    g = facts_to_graph(facts).graph
    selectors = list(g.subjects(RDF.type, OA.TextPositionSelector))
    assert selectors
    for position in selectors:
        start = g.value(position, OA.start).toPython()
        end = g.value(position, OA.end).toPython()
        quote = g.value(URIRef(str(position).rsplit("/", 1)[0] + "/quote"), OA.exact)
        assert facts.article.text[start:end] == str(quote)


def test_rereading_gives_the_same_triples(corpus_dir: Path) -> None:
    path = corpus_dir / "003_f5499bc3bc7e4f1f.txt"
    first, second = facts_to_graph(extract(path)), facts_to_graph(extract(path))
    assert first.iri == second.iri
    assert set(first.graph) == set(second.graph)


def test_renderings_carry_quotes_and_offsets(corpus) -> None:
    facts = corpus[0]["004_21de7a43f13c924f.txt"]
    text = render_text(facts)
    assert "946/QĐ-UBND" in text and "Phương Thị Thanh" in text
    data = render_json(facts)
    (award,) = data["awards"]
    assert award["count_recipients"] == 106
    ev = award["evidence"]
    assert facts.article.text[ev["start"] : ev["end"]] == ev["quote"]


def test_graphs_conform_to_the_shapes(corpus_dir: Path, fixtures_dir: Path) -> None:
    """With the ontology and reference tables, the article graphs raise no SHACL violation;
    the two misdated citations of 34-CT/TW are reported as warnings."""
    from tdkt.build import load_sources, validate_graphs

    dirs = [corpus_dir, fixtures_dir / "articles" / "paraphrase"]
    graphs, skipped = load_sources(dirs)
    assert skipped == []
    report = validate_graphs(graphs)
    assert report.conforms, [f for f in report.findings if f.severity == "Violation"]
    warned = {f.focus for f in report.findings if f.path == str(TDKT.dateAgreement)}
    assert len(warned) == 2


# ------------------------------------------------------------------ bad files


def test_bad_files_are_skipped_and_named(corpus_dir: Path, tmp_path: Path) -> None:
    good = corpus_dir / "003_f5499bc3bc7e4f1f.txt"
    shutil.copy(good, tmp_path / good.name)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.html").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "huge.txt").write_bytes(b"a " * (MAX_BYTES // 2 + 1))
    (tmp_path / "notes.csv").write_text("not an article", encoding="utf-8")
    result = load_corpus([tmp_path])
    assert [f.article.path.name for f in result.facts] == [good.name]
    assert len(result.graphs) == 1
    skipped = {s.path.name: s.reason for s in result.skipped}
    assert set(skipped) == {"empty.txt", "binary.html", "huge.txt"}
    assert all(reason for reason in skipped.values())
