"""Named queries: exact columns, typed parameters bound as terms, strict headers, outputs."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from conftest import sample_store
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from tdkt import catalogue, iris, output
from tdkt.errors import InputError
from tdkt.store.base import SelectResult

COLUMNS = {
    "chair-rotation": [
        "cluster", "cluster_label", "year", "role", "province", "province_label", "status",
        "source",
    ],
    "citations": [
        "document", "number", "citing_source", "source_date", "event", "speaker",
        "stated_number", "stated_date", "date_agrees",
    ],
    "awards": [
        "award_type", "award_label", "recipient", "recipient_label", "merit_year", "status",
        "count_collectives", "count_individuals", "decision", "authority", "source",
    ],
    "officials": ["person", "name", "title", "organization", "date", "source"],
    "events": ["event", "kind", "date", "cluster", "host", "source"],
    "cluster-members": ["cluster", "cluster_label", "year", "province", "province_label"],
    "province-lineage": ["change", "date", "predecessor", "predecessor_label", "successor"],
    "documents": ["document", "number", "type", "title", "issuer"],
}  # fmt: skip


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = sample_store(tmp_path_factory.mktemp("q") / "kg")
    yield s
    s.close()


def run(store, name: str, **values: str):
    return catalogue.run(store, catalogue.named(name), values)


def column(result, name: str) -> list:
    index = result.variables.index(name)
    return [row[index] for row in result.rows]


def test_catalogue_lists_every_query_with_a_title():
    names = [q.name for q in catalogue.catalogue()]
    assert set(COLUMNS) <= set(names)
    assert all(q.title and q.description and q.examples for q in catalogue.catalogue())


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_columns_come_first_and_in_order(store, name):
    result = run(store, name, year="2024") if name == "cluster-members" else run(store, name)
    assert result.variables[: len(COLUMNS[name])] == COLUMNS[name]
    assert result.rows, f"{name} found nothing in the fixture"


def test_chair_rotation_keeps_each_claims_status_and_sources(store):
    result = run(store, "chair-rotation", cluster="mien-nui-bien-gioi-phia-bac")
    assert result.variables == COLUMNS["chair-rotation"]  # parameter columns are dropped
    rows = [dict(zip(result.variables, r, strict=True)) for r in result.rows]
    assert [r["role"] for r in rows] == [iris.TDKT.ClusterChair, iris.TDKT.ClusterViceChair]
    chair = rows[0]
    assert chair["province"] == iris.province("Lào Cai")
    assert chair["province_label"] == Literal("Lào Cai", lang="vi")
    assert chair["status"] == iris.TDKT.Stated
    assert sorted(str(chair["source"]).split(" ; ")) == [
        "https://baolaocai.vn/cum-thi-dua-7-tinh-mien-nui-bien-gioi-phia-bac-trien-khai-nhiem-vu-nam-2025-post399093.html",
        "https://vjs.vietnam.vn/cum-thi-dua-7-tinh-mien-nui-bien-gioi-phia-bac-tong-ket-cong-tac-thi-dua-khen-thuong-nam-2024",
    ]


def test_chair_rotation_orders_by_cluster_year_role(store):
    result = run(store, "chair-rotation")
    keys = [(str(r[0]), str(r[2]), str(r[3])) for r in result.rows]
    assert keys == sorted(keys)
    assert len(keys) == 6


def test_chair_rotation_year_range(store):
    years = column(run(store, "chair-rotation", **{"from": "2024", "to": "2024"}), "year")
    assert years and set(years) == {Literal("2024", datatype=XSD.gYear)}
    assert len(column(run(store, "chair-rotation", to="2023"), "year")) == 2


def test_a_claim_per_graph(store, tmp_path):
    """Two sources claiming the same chair node give two rows, each with its own status."""
    from rdflib import Graph

    from tdkt.loaders import NamedGraph

    node = iris.cluster_role_term("bac-trung-bo", "chair", 2023)
    graph = Graph()
    for p, o in [
        (iris.RDF.type, iris.TDKT.ClusterRoleTerm),
        (iris.ORG.organization, iris.cluster("bac-trung-bo")),
        (iris.ORG.member, iris.province("Quảng Trị")),
        (iris.ORG.role, iris.TDKT.ClusterChair),
        (iris.TDKT.year, Literal("2023", datatype=XSD.gYear)),
        (iris.TDKT.status, iris.TDKT.Elected),
        (iris.PROV.wasDerivedFrom, URIRef("urn:test:synthetic-source")),
    ]:
        graph.add((node, p, o))
    claims = sample_store(tmp_path / "kg")
    claims.replace_graph(NamedGraph(iris.article_graph("synthetic"), graph, "test"))
    rows = catalogue.run(claims, catalogue.named("chair-rotation"), {"cluster": "bac-trung-bo"})
    claims.close()
    pairs = {(str(r[6]), str(r[7])) for r in rows.rows}
    assert pairs == {
        (str(iris.TDKT.Stated), "https://vietnam.vn/en/trien-khai-nhiem-vu-nam-2024"),
        (str(iris.TDKT.Elected), "urn:test:synthetic-source"),
    }


def test_cluster_members_by_year_and_by_date(store):
    by_year = run(store, "cluster-members", year="2024")
    assert sorted(str(p) for p in column(by_year, "province")) == [
        str(iris.province("cao-bang")),
        str(iris.province("lao-cai")),
    ]
    by_date = run(store, "cluster-members", date="2025-03-22")
    assert column(by_date, "province") == [iris.province("lao-cai")]


def test_cluster_members_default_is_today():
    query = catalogue.named("cluster-members")
    bound = catalogue.bind(query, {}, today=date(2024, 5, 1))
    assert bound == {"date": Literal("2024-05-01", datatype=XSD.date)}
    assert catalogue.bind(query, {"year": "2019"}) == {"year": Literal("2019", datatype=XSD.gYear)}


def test_province_lineage_from_either_side(store):
    for key in ("bac-kan", "thai-nguyen-2025"):
        result = run(store, "province-lineage", province=key)
        assert iris.province("bac-kan") in column(result, "predecessor")
        assert set(column(result, "successor")) == {iris.province("thai-nguyen-2025")}
        assert set(column(result, "legal_basis_number")) == {Literal("202/2025/QH15")}
    assert run(store, "province-lineage", province="lao-cai").rows == []


def test_documents_relations_and_number_parameter(store):
    result = run(store, "documents", document="06/2022/QH15")
    assert column(result, "number") == [Literal("06/2022/QH15")]
    assert str(column(result, "relations")[0]) == "repeals 15/2003/QH11"


def test_citations_of_34_ct_tw(store):
    result = run(store, "citations", document="34-CT/TW")
    assert sorted(str(d) for d in column(result, "stated_date")) == ["2014-02-07", "2014-04-07"]
    assert set(column(result, "date_agrees")) == {iris.TDKT.DateUnverifiable}
    with pytest.raises(InputError, match="no document '35-ct-tw'; did you mean 34-ct-tw"):
        run(store, "citations", document="35-CT/TW")  # a key naming nothing is an error


def test_awards_without_a_recipient_keep_their_counts(store):
    result = run(store, "awards")
    counted = [r for r in result.rows if r[result.variables.index("count_individuals")]]
    assert len(counted) == 1
    row = dict(zip(result.variables, counted[0], strict=True))
    assert (row["recipient"], row["recipient_label"]) == (None, None)
    assert (int(row["count_collectives"]), int(row["count_individuals"])) == (7, 15)
    assert row["authority"] == iris.organization("ubnd-ha-nam")


def test_awards_by_province(store):
    assert column(run(store, "awards", province="bac-giang"), "recipient") == [
        iris.province("bac-giang")
    ]
    assert run(store, "awards", province="bac-kan").rows == []


def test_events_filters(store):
    assert len(run(store, "events").rows) == 3  # one row per kind
    in_cluster = run(store, "events", cluster="trung-du-mien-nui-phia-bac")
    assert set(column(in_cluster, "event")) == {
        URIRef(iris.ID + "event/2017-03-17-tong-ket-trung-du-mien-nui-phia-bac")
    }
    assert len(run(store, "events", **{"from": "2024-01-01"}).rows) == 2


@pytest.mark.parametrize("value", ['x" } UNION { ?s ?p ?o', "a{b}c", "'; DROP ALL", "tay-nguyen}#"])
def test_hostile_values_do_not_change_the_query(store, value):
    with pytest.raises(InputError, match="no cluster"):  # bound as one IRI that names nothing
        run(store, "chair-rotation", cluster=value)
    query = catalogue.named("chair-rotation")
    assert "?cluster" in query.text and value not in query.text


@pytest.mark.parametrize(
    ("name", "values", "field"),
    [
        ("chair-rotation", {"from": "20x4"}, "from"),
        ("chair-rotation", {"to": "2024-01-01"}, "to"),
        ("cluster-members", {"date": "2024-02-30"}, "date"),
        ("chair-rotation", {"colour": "red"}, "colour"),
        ("documents", {"document": "///"}, "document"),
    ],
)
def test_bad_values_name_the_parameter(name, values, field):
    with pytest.raises(InputError) as caught:
        catalogue.bind(catalogue.named(name), values)
    assert caught.value.field == field


def test_unknown_query_lists_the_known_ones():
    with pytest.raises(InputError, match="chair-rotation"):
        catalogue.named("no-such-query")


def test_parse_assignments():
    assert catalogue.parse_assignments(["a=1", "b=x=y"]) == {"a": "1", "b": "x=y"}
    with pytest.raises(InputError):
        catalogue.parse_assignments(["novalue"])


GOOD_HEADER = (
    "# title: T\n# description: D\n#   continued\n"
    "# param: y: xsd:gYear = (none) — a year\n# example: tdkt query t\n"
    "SELECT ?x ?y WHERE { ?x ?p ?y }\n"
)


def test_header_grammar():
    query = catalogue.parse_query(GOOD_HEADER, "t")
    assert (query.title, query.description) == ("T", "D continued")
    assert query.params == (catalogue.Param("y", "xsd:gYear", "(none)", None, "a year"),)
    assert query.examples == ("tdkt query t",)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (GOOD_HEADER.replace("# title: T\n", ""), "no title"),
        (GOOD_HEADER.replace("# example", "# exemple"), "unknown header key"),
        (GOOD_HEADER.replace("xsd:gYear", "xsd:int"), "unknown parameter type"),
        (GOOD_HEADER.replace("(none)", "nineteen"), "bad default"),
        (GOOD_HEADER.replace("?y WHERE { ?x ?p ?y }", "WHERE { ?x ?p ?o }"), "not a variable"),
        (GOOD_HEADER.replace("# description", "#description"), "not a header line"),
    ],
)
def test_header_is_parsed_strictly(text, reason):
    with pytest.raises(InputError, match=reason):
        catalogue.parse_query(text, "t")


def test_user_file_with_and_without_header(store, tmp_path: Path):
    plain = tmp_path / "plain.rq"
    plain.write_text("SELECT ?d WHERE { ?d a <http://data.europa.eu/eli/ontology#LegalResource> }")
    assert len(catalogue.run(store, catalogue.from_file(plain)).rows) == 4
    with_header = tmp_path / "header.rq"
    with_header.write_text(GOOD_HEADER)
    assert catalogue.from_file(with_header).param("y") is not None
    with pytest.raises(InputError, match="cannot read"):
        catalogue.from_file(tmp_path / "missing.rq")


# --- output formats --------------------------------------------------------------------------


def test_json_is_sparql_results_json(store):
    result = run(store, "chair-rotation", cluster="tay-nguyen-duyen-hai-mien-trung")
    document = json.loads(output.render(result, "json"))
    assert document["head"]["vars"] == COLUMNS["chair-rotation"]
    first = document["results"]["bindings"][0]
    assert first["cluster"] == {
        "type": "uri",
        "value": str(iris.cluster("tay-nguyen-duyen-hai-mien-trung")),
    }
    assert first["year"] == {"type": "literal", "value": "2023", "datatype": str(XSD.gYear)}
    assert first["province_label"] == {"type": "literal", "value": "Bình Định", "xml:lang": "vi"}
    assert len(document["results"]["bindings"]) == len(result.rows)


def test_json_leaves_out_unbound_variables(store):
    document = json.loads(output.render(run(store, "officials"), "json"))
    assert "organization" not in document["results"]["bindings"][0]


def test_csv_and_tsv(store):
    result = run(store, "chair-rotation")
    rows = list(csv.reader(io.StringIO(output.render(result, "csv"))))
    assert rows[0] == COLUMNS["chair-rotation"]
    assert len(rows) == len(result.rows) + 1
    assert rows[1][0] == str(result.rows[0][0])
    lines = output.render(result, "tsv").splitlines()
    assert lines[0].split("\t") == COLUMNS["chair-rotation"]
    assert all(len(line.split("\t")) == len(COLUMNS["chair-rotation"]) for line in lines)


def test_table_shortens_iris(store):
    from rich.console import Console

    console = Console(width=300, record=True)
    console.print(output.to_table(run(store, "chair-rotation")))
    text = console.export_text()
    assert "Lào Cai" in text and "ClusterChair" in text
    assert "lao-cai" not in text  # a key column with a label twin is shown by its label
    assert "id/province/" not in text and "tdkt:" not in text
    assert "https://" not in text and "vjs.vietnam.vn/" in text


def test_table_shows_the_first_of_several_sources_and_counts_the_rest():
    many = Literal("https://a.example/x ; https://b.example/y ; https://c.example/z")
    result = SelectResult(["source"], [(many,)])
    from rich.console import Console

    console = Console(width=120, record=True)
    console.print(output.to_table(result))
    text = console.export_text()
    assert "a.example/x (+2 more)" in text and "b.example" not in text


def test_compact():
    assert output.compact(str(iris.province("Bắc Kạn"))) == "bac-kan"
    assert output.compact(str(iris.cluster_role_term("x", "chair", 2024))) == "x/chair/2024"
    assert output.compact(str(iris.TDKT.Proposed)) == "Proposed"
    assert output.compact("https://www.example.org/" + "a" * 60).endswith("…")
    assert len(output.compact("https://www.example.org/" + "a" * 60)) == 40


def test_shorten():
    assert output.shorten(str(iris.province("Bắc Kạn"))) == "id/province/bac-kan"
    assert output.shorten(str(iris.TDKT.Proposed)) == "tdkt:Proposed"
    assert output.shorten("http://example.org/x") == "http://example.org/x"
