"""The SHACL shapes: for each rule a good fixture is silent and a bad one fires exactly as meant.

Every fixture is loaded with ``context.trig`` (a small valid graph of provinces, a cluster, a
source, evidence, a document and an award type), then validated as one union graph.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF

from tdkt.iris import SH, TDKT
from tdkt.validate import Finding, Report, load_ontology, load_shapes, validate

TSH = "https://w3id.org/tdkt/shapes#"
ID = "https://w3id.org/tdkt/id/"

CHAIR_2024 = "cluster/mien-nui-bien-gioi-phia-bac/chair/2024"

# rule -> every (severity, shape, focus) its bad fixture must produce, and nothing else.
EXPECTED: dict[str, set[tuple[str, str, str]]] = {
    "role-conflict": {("Violation", "ClusterRoleTerm-singleMember", CHAIR_2024)},
    "role-holder-member": {("Violation", "RoleHolderIsMemberShape", CHAIR_2024)},
    "ceased-province": {
        ("Violation", "CeasedProvinceShape", focus)
        for focus in (
            "cluster/mien-nui-bien-gioi-phia-bac/member/2026/bac-kan",
            "cluster/mien-nui-bien-gioi-phia-bac/chair/2026",
            "award/2026/co-thi-dua-chinh-phu/bac-kan",
            "event/2025-08-01-so-ket-bac-kan",
        )
    },
    "date-disagrees": {("Warning", "CitationDateDisagreesShape", "citation/s1/100-120")},
    "conferring-authority": {
        ("Warning", "ConferringAuthorityShape", "award/2023/co-thi-dua-chinh-phu/lao-cai")
    },
    "document-number": {
        ("Violation", "DocumentNumberShape", f"document/{key}")
        for key in (
            "bad-directive",
            "bad-law",
            "bad-law-2",
            "bad-decree",
            "bad-circular",
            "bad-decision",
            "bad-resolution",
            "bad-conclusion",
            "bad-guidance",
            "bad-plan",
        )
    },
    "labels": {
        ("Violation", "VietnameseLabel", "province/lang-son"),
        ("Violation", "VietnameseLabel", "cluster/dong-nam-bo"),
        ("Violation", "VietnameseLabel", "organization/quoc-hoi"),
        ("Violation", "VietnameseLabel", "person/nguyen-van-b"),
        ("Violation", "Concept-prefLabel", "award-type/giay-khen"),
    },
    "required": {
        ("Violation", "Province-unitType", "province/son-la"),
        ("Violation", "ChangeEvent-legalBasis", "change/2025-01-01-lao-cai"),
        ("Violation", "OneYear", "cluster/mien-nui-bien-gioi-phia-bac/member/2024/lao-cai"),
        ("Violation", "StatusValue", "cluster/mien-nui-bien-gioi-phia-bac/vice-chair/2024"),
        (
            "Violation",
            "PostAttestation-attestedOn",
            "person/nguyen-van-a/post/2024-03-29/chu-tich-ubnd-tinh",
        ),
        ("Violation", "Document-idLocal", "document/91-2017-nd-cp"),
        ("Violation", "Citation-citedDocument", "citation/s1/30-40"),
        (
            "Violation",
            "Event-startDate",
            "event/2024-12-20-ky-ket-giao-uoc-mien-nui-bien-gioi-phia-bac",
        ),
        ("Violation", "CampaignMention-campaign", "mention/s1/50-60"),
        ("Violation", "AwardType-awardKind", "award-type/bang-khen-thu-tuong-chinh-phu"),
        ("Violation", "Award-meritYear", "award/s1/70-80"),
        ("Violation", "Award-counts", "award/s1/70-80"),
        ("Violation", "DerivedFromSource", "award/s1/70-80"),
        ("Violation", "SourceArticle-sha256", "source/s2"),
        ("Violation", "PositionSelector-start", "evidence/s1/90-95/position"),
        (
            "Violation",
            "DocumentAlias-aliasOf",
            "document-alias/nghi-dinh-thi-dua-khen-thuong/91-2017-nd-cp",
        ),
    },
}


SHAPES = load_shapes()
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "shapes"


def union(*paths: Path) -> Graph:
    """The union of every named graph in the given TriG files, as validate() receives it."""
    dataset = Dataset()
    for path in paths:
        dataset.parse(path, format="trig")
    merged = Graph()
    for s, p, o, _ in dataset.quads():
        merged.add((s, p, o))
    return merged


@cache
def _run(name: str) -> Report:
    """Validate one fixture together with the shared context (cached: reports are immutable)."""
    return validate(union(FIXTURES / "context.trig", FIXTURES / name), SHAPES)


def _key(finding: Finding) -> tuple[str, str, str]:
    return (
        finding.severity,
        finding.shape.removeprefix(TSH),
        finding.focus.removeprefix(ID),
    )


def test_context_is_valid() -> None:
    report = validate(union(FIXTURES / "context.trig"), SHAPES)
    assert report.findings == []
    assert report.conforms


@pytest.mark.parametrize("rule", sorted(EXPECTED))
def test_good_fixture_is_silent(rule: str) -> None:
    report = _run(f"{rule}.good.trig")
    assert [_key(f) for f in report.findings] == []
    assert report.conforms


@pytest.mark.parametrize("rule", sorted(EXPECTED))
def test_bad_fixture_fires(rule: str) -> None:
    report = _run(f"{rule}.bad.trig")
    assert {_key(f) for f in report.findings} == EXPECTED[rule]
    violations = any(severity == "Violation" for severity, _, _ in EXPECTED[rule])
    assert report.conforms is not violations


def test_role_holder_finding_names_the_province() -> None:
    report = _run("role-holder-member.bad.trig")
    (finding,) = report.findings
    assert finding.path == "http://www.w3.org/ns/org#member"
    assert finding.value == ID + "province/ha-noi"


def test_document_number_findings_carry_the_number() -> None:
    report = _run("document-number.bad.trig")
    by_focus = {f.focus.removeprefix(ID): f.value for f in report.findings}
    assert by_focus["document/bad-decree"] == "91/2017/ND-CP"
    assert by_focus["document/bad-law-2"] == "91/2017/NĐ-CP"


def test_warning_keeps_conformance_and_counts() -> None:
    report = _run("date-disagrees.bad.trig")
    assert report.conforms
    assert report.counts() == {"Violation": 0, "Warning": 1, "Info": 0}


@pytest.mark.parametrize("rule", sorted(EXPECTED))
def test_findings_speak_vietnamese_and_english(
    rule: str,
) -> None:
    report = _run(f"{rule}.bad.trig")
    assert report.findings
    for finding in report.findings:
        assert finding.message_vi and finding.message_en
        assert finding.message_vi != finding.message_en


def test_findings_are_in_a_stable_order() -> None:
    data = union(FIXTURES / "context.trig", FIXTURES / "required.bad.trig")
    first = validate(data, SHAPES).findings
    again = validate(data, SHAPES).findings
    assert first == again
    assert [f.shape for f in first] == sorted(f.shape for f in first)


def _shape_nodes() -> set:
    """Every shape: typed as one, or holding a target, path or constraint."""
    nodes = set(SHAPES.subjects(RDF.type, SH.NodeShape))
    nodes |= set(SHAPES.subjects(RDF.type, SH.PropertyShape))
    for marker in (SH.targetClass, SH.path, SH.sparql):
        nodes |= set(SHAPES.subjects(marker, None))
    return nodes


def test_every_shape_has_an_iri_and_both_messages() -> None:
    nodes = _shape_nodes()
    assert len(nodes) > 40
    for node in nodes:
        assert not isinstance(node, BNode), "shapes must be named, not blank"
        languages = {m.language for m in SHAPES.objects(node, SH.message) if isinstance(m, Literal)}
        assert {"vi", "en"} <= languages, f"{node} lacks a message in vi or en"


def test_only_the_plausibility_checks_are_warnings() -> None:
    """A citation's date and an award's authority may differ from the reference and still be
    what the source rightly says; every other shape is a violation."""
    warnings = {URIRef(TSH + n) for n in ("CitationDateDisagreesShape", "ConferringAuthorityShape")}
    assert set(SHAPES.subjects(SH.severity, None)) == warnings
    assert set(SHAPES.objects(None, SH.severity)) == {SH.Warning}


SPARQL_RULES = ("role-holder-member", "ceased-province", "conferring-authority", "document-number")


@pytest.mark.parametrize("rule", SPARQL_RULES)
@pytest.mark.parametrize("variant", ["good", "bad"])
def test_fast_path_agrees_with_pyshacl(rule: str, variant: str) -> None:
    """SPARQL constraints run as joined queries in Oxigraph find what pyshacl finds."""
    data = union(FIXTURES / "context.trig", FIXTURES / f"{rule}.{variant}.trig")
    assert validate(data, SHAPES).findings == validate(data, SHAPES, reference=True).findings


def test_shapes_name_only_declared_terms() -> None:
    """A misspelt term in a shape would silently match nothing; every tdkt: term must exist."""
    declared = {s for s in load_ontology().subjects() if str(s).startswith(TDKT)}
    named = {
        term
        for triple in SHAPES
        for term in triple
        if isinstance(term, URIRef) and str(term).startswith(TDKT)
    }
    named |= {
        URIRef(TDKT + local)
        for query in SHAPES.objects(None, SH.select)
        for local in re.findall(r"\btdkt:(\w+)", str(query))
    }
    assert len(named) > 40
    assert named - declared == set()
