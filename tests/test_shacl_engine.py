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

from tdkt.shacl import ShaclError, Shapes
from tdkt.shacl import validate as run_shapes
from tdkt.shacl.data import MemoryData
from tdkt.shacl.report import from_graph
from tdkt.shacl.terms import BlankNodeError
from tdkt.store.terms import to_ox
from tdkt.validate import validate, validate_store

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
    """A source that counts the queries it runs."""

    def __init__(self, data: Graph) -> None:
        self.memory = MemoryData()
        self.memory.add_graph(data)
        self.queries = 0

    def select(self, query: str):
        self.queries += 1
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
