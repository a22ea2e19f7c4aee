"""The SHACL engine on its own: the command line over files, the store path, refusals, and
that it runs a fixed number of queries whatever the number of focus nodes."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import sample_graphs, sample_store, tdkt
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, SH

from tdkt.loaders import NamedGraph
from tdkt.shacl import ShaclError, Shapes, parallel
from tdkt.shacl import validate as run_shapes
from tdkt.shacl.data import MemoryData
from tdkt.shacl.report import from_graph
from tdkt.shacl.terms import BlankNodeError
from tdkt.store.embedded import EmbeddedStore
from tdkt.store.terms import to_ox
from tdkt.validate import same_report, validate, validate_store

EX = Namespace("http://example.org/test#")

SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <http://example.org/test#> .
ex:BookShape a sh:NodeShape ; sh:targetClass ex:Book ;
    sh:property [ sh:path ex:title ; sh:minCount 1 ; sh:datatype xsd:string ] ;
    sh:property [ sh:path ex:author ; sh:node ex:PersonShape ] .
ex:PersonShape a sh:NodeShape ;
    sh:property [ sh:path ex:name ; sh:minCount 1 ] .
"""

DATA = """
@prefix ex: <http://example.org/test#> .
ex:good a ex:Book ; ex:title "A tale of two rivers" ; ex:author ex:lan .
ex:lan ex:name "Lan" .
ex:untitled a ex:Book ; ex:author ex:nameless .
ex:nameless ex:age 40 .
"""


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    shapes, data = tmp_path / "shapes.ttl", tmp_path / "data.ttl"
    shapes.write_text(SHAPES, "utf-8")
    data.write_text(DATA, "utf-8")
    return data, shapes


def test_cli_writes_a_standard_report(files) -> None:
    data, shapes = files
    run = tdkt("validate", "--data", str(data), "--shapes", str(shapes), "--format", "ttl")
    assert run.exit_code == 1, run.output
    conforms, results = from_graph(Graph().parse(data=run.stdout, format="turtle"))
    assert conforms is False
    found = {(r.focus, r.component, r.value) for r in results}
    assert found == {
        (EX.untitled, SH.MinCountConstraintComponent, None),
        (EX.untitled, SH.NodeConstraintComponent, EX.nameless),
    }


def test_cli_json_and_text_over_files(files) -> None:
    data, shapes = files
    run = tdkt("validate", "--data", str(data), "--shapes", str(shapes), "--format", "json")
    document = json.loads(run.stdout)
    assert document["counts"]["Violation"] == 2
    assert {f["focus"] for f in document["findings"]} == {str(EX.untitled)}
    text = tdkt("validate", "--data", str(data), "--shapes", str(shapes))
    assert "2 violation(s)" in text.output


def test_cli_conforming_files_exit_0(tmp_path: Path, files) -> None:
    _, shapes = files
    good = tmp_path / "good.nt"
    good.write_text(f'<{EX.b}> <{RDF.type}> <{EX.Book}> .\n<{EX.b}> <{EX.title}> "T" .\n', "utf-8")
    run = tdkt("validate", "--data", str(good), "--shapes", str(shapes), "--format", "ttl")
    assert run.exit_code == 0, run.output
    assert from_graph(Graph().parse(data=run.stdout, format="turtle")) == (True, [])


def test_cli_names_a_broken_data_file(tmp_path: Path, files) -> None:
    _, shapes = files
    broken = tmp_path / "broken.ttl"
    broken.write_text("<http://example.org/a> <http://example.org/b> .\n", "utf-8")
    run = tdkt("validate", "--data", str(broken), "--shapes", str(shapes))
    assert run.exit_code == 2
    assert run.output.startswith(f"error: {broken}") and run.output.count("\n") == 1


def test_unsupported_feature_is_an_error_not_a_silent_pass() -> None:
    shapes = Graph().parse(
        data=SHAPES
        + 'ex:BookShape sh:target [ a sh:SPARQLTarget ; sh:select "SELECT ?this {}" ] .',
        format="turtle",
    )
    with pytest.raises(ShaclError, match="shacl#target> is not supported"):
        Shapes(shapes)


def test_recursive_shapes_are_refused() -> None:
    shapes = Graph().parse(
        data=SHAPES + "ex:PersonShape sh:property [ sh:path ex:knows ; sh:node ex:PersonShape ] .",
        format="turtle",
    )
    data = Graph().parse(data=DATA + "ex:lan ex:knows ex:nameless .", format="turtle")
    with pytest.raises(ShaclError, match="recursive"):
        validate(data, shapes)


class CountingSource:
    """A source that keeps the queries it runs."""

    def __init__(self, data: Graph) -> None:
        self.memory = MemoryData()
        self.memory.add_graph(data)
        self.texts: list[str] = []

    @property
    def queries(self) -> int:
        return len(self.texts)

    def select(self, query: str):
        self.texts.append(query)
        return self.memory.select(query)


def _books(n: int) -> Graph:
    graph = Graph()
    for i in range(n):
        book, person = EX[f"book{i}"], EX[f"person{i}"]
        graph.add((book, RDF.type, EX.Book))
        graph.add((book, EX.author, person))
        if i % 3:
            graph.add((book, EX.title, Literal(f"Book {i}")))
            graph.add((person, EX.name, Literal(f"Person {i}")))
    return graph


def test_queries_do_not_grow_with_the_focus_nodes() -> None:
    shapes = Shapes(Graph().parse(data=SHAPES, format="turtle"))
    counts, found = [], []
    for n in (6, 300):
        source = CountingSource(_books(n))
        found.append(len(run_shapes(shapes, source)))
        counts.append(source.queries)
    assert counts[0] == counts[1]
    assert found == [2 * 2, 2 * 100]


def test_store_path_matches_the_in_memory_path(tmp_path: Path) -> None:
    store = sample_store(tmp_path / "store")
    try:
        from_store = validate_store(store)
    finally:
        store.close()
    union = Graph()
    for named in sample_graphs():
        union += named.graph
    assert from_store.findings == validate(union).findings


def test_blank_nodes_in_the_store_are_named_when_nested_shapes_need_them() -> None:
    data = Graph().parse(data=DATA, format="turtle")
    anonymous = BNode()
    data.add((EX.untitled, EX.author, anonymous))

    class StoreLike:
        """Hands blank nodes back unnamed, as a store does."""

        def __init__(self) -> None:
            self.memory = MemoryData()
            for s, p, o in data:
                self.memory.store.add(ox.Quad(to_ox(s), to_ox(p), to_ox(o)))

        def select(self, query: str):
            return self.memory.select(query)

    shapes = Shapes(Graph().parse(data=SHAPES, format="turtle"))
    with pytest.raises(BlankNodeError, match="blank node"):
        run_shapes(shapes, StoreLike())


def test_severity_and_messages_come_from_the_shape() -> None:
    shapes = Graph().parse(
        data=SHAPES.replace(
            "ex:BookShape a sh:NodeShape ;",
            'ex:BookShape a sh:NodeShape ; sh:severity sh:Warning ; sh:message "Sách thiếu"@vi , '
            '"Book lacks"@en ;',
        ),
        format="turtle",
    )
    shapes.add((URIRef(EX.BookShape), SH["in"], RDF.nil))
    report = validate(Graph().parse(data=DATA, format="turtle"), shapes)
    book = [f for f in report.findings if f.shape == str(EX.BookShape)]
    assert book and all(f.severity == "Warning" and f.message_en == "Book lacks" for f in book)


def test_every_core_parameter_is_checked() -> None:
    """A core parameter with no check would pass every shape that uses it, unnoticed."""
    from tdkt.shacl.components import CHECKS, CONDITIONS
    from tdkt.shacl.shapes import CORE

    checked = set(CHECKS) | set(CONDITIONS) | {SH.minCount, SH.maxCount}
    assert set(CORE) == checked


EXISTS_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/test#> .
ex:BookShape a sh:NodeShape ; sh:targetClass ex:Book ;
    sh:sparql [ sh:select '''
        PREFIX ex: <http://example.org/test#>
        SELECT $this WHERE {
            FILTER NOT EXISTS { $this ex:title ?t FILTER NOT EXISTS { ?t ex:checkedFor $this } }
            OPTIONAL { $this ex:author ?a FILTER EXISTS { ?a ex:wrote $this } }
            FILTER (!BOUND(?a))
        }''' ] .
"""

EXISTS_DATA = """
@prefix ex: <http://example.org/test#> .
ex:titled a ex:Book ; ex:title ex:t1 .
ex:checked a ex:Book ; ex:title ex:t2 .  ex:t2 ex:checkedFor ex:checked .
ex:checkedElsewhere a ex:Book ; ex:title ex:t3 .  ex:t3 ex:checkedFor ex:titled .
ex:claimed a ex:Book ; ex:title ex:t4 ; ex:author ex:lan .  ex:t4 ex:checkedFor ex:claimed .
ex:lan ex:wrote ex:claimed .
ex:unclaimed a ex:Book ; ex:author ex:mai .  ex:mai ex:wrote ex:titled .
"""


def test_exists_sees_this_from_outside_as_pyshacl_does() -> None:
    """``$this`` inside (NOT) EXISTS, nested ones too, comes from the solution being filtered:
    the same findings as pyshacl, and the focus nodes are found once per query, not again
    inside the EXISTS for every solution (which made the query quadratic)."""
    shapes = Graph().parse(data=EXISTS_SHAPES, format="turtle")
    data = Graph().parse(data=EXISTS_DATA, format="turtle")
    ours, theirs = validate(data, shapes), validate(data, shapes, reference=True)
    assert {f.focus for f in ours.findings} == {str(EX.checked), str(EX.unclaimed)}
    assert same_report(ours, theirs)
    source = CountingSource(data)
    run_shapes(Shapes(shapes), source)
    (query,) = [q for q in source.texts if "checkedFor" in q]
    groups = _exists_groups(query)
    assert len(groups) == 3
    assert not any(str(EX.Book) in group for group in groups), query


def _exists_groups(query: str) -> list[str]:
    """The text of every ``EXISTS { … }`` group of a query."""
    found = []
    for at in (i for i in range(len(query)) if query.startswith("EXISTS", i)):
        start = query.index("{", at)
        depth = 0
        for end in range(start, len(query)):
            depth += {"{": 1, "}": -1}.get(query[end], 0)
            if depth == 0:
                found.append(query[start : end + 1])
                break
    return found


def test_node_kinds_on_a_store_with_blank_nodes(tmp_path: Path) -> None:
    """A store keeps real blank nodes (no skolem IRIs, so the node-kind tests read no IRI's
    text): an IRI, a blank node and a literal are each told apart as pyshacl does."""
    shapes = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ex: <http://example.org/test#> .
        ex:S a sh:NodeShape ; sh:targetClass ex:Book ;
            sh:property [ sh:path ex:iri ; sh:nodeKind sh:IRI ] ,
                        [ sh:path ex:blank ; sh:nodeKind sh:BlankNode ] ,
                        [ sh:path ex:either ; sh:nodeKind sh:IRIOrLiteral ] .
        """,
        format="turtle",
    )
    data = Graph()
    for i, value in enumerate((EX.somewhere, BNode(), Literal("text"))):
        book = EX[f"book{i}"]
        data.add((book, RDF.type, EX.Book))
        for prop in (EX.iri, EX.blank, EX.either):
            data.add((book, prop, value))
    store = EmbeddedStore(tmp_path / "store")
    try:
        store.replace_graph(NamedGraph(URIRef("https://example.org/g"), data, "test"))
        found = validate_store(store, shapes)
    finally:
        store.close()
    expected = validate(data, shapes, reference=True)
    assert same_report(found, expected)
    assert {(f.focus, f.path) for f in found.findings} == {
        (str(EX.book1), str(EX.iri)),
        (str(EX.book2), str(EX.iri)),
        (str(EX.book0), str(EX.blank)),
        (str(EX.book2), str(EX.blank)),
        (str(EX.book1), str(EX.either)),
    }


def test_shapes_shared_out_between_processes_give_the_same_report(
    tmp_path: Path, monkeypatch
) -> None:
    """`workers` > 1 checks the targeted shapes in processes of their own, reading the same
    generation: the report is the one a single process gives, finding for finding."""
    shared_out = []
    run_each = parallel.run_each
    monkeypatch.setattr(parallel, "run_each", lambda *a: shared_out.append(a) or run_each(*a))
    store = sample_store(tmp_path / "store")
    broken = Graph()
    broken.add((EX.nameless, RDF.type, URIRef("http://xmlns.com/foaf/0.1/Person")))
    broken.add((EX.untyped, RDF.type, URIRef("https://w3id.org/tdkt/ontology#Award")))
    try:
        store.replace_graph(NamedGraph(URIRef("https://example.org/broken"), broken, "test"))
        alone = validate_store(store)
        shared = validate_store(store, workers=2)
    finally:
        store.close()
    assert len(alone.findings) >= 2 and [a[-1] for a in shared_out] == [2]
    assert shared == alone and shared.by_shape == alone.by_shape
