"""The ontology: it parses, every term reads in Vietnamese and English, every class and property
refines a standard term (or says why not), and every term the data uses is declared."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from tdkt.iris import DCTERMS, ELI, FOAF, OA, ORG, PROV, SCHEMA, TDKT
from tdkt.validate import load_ontology, validate

MODEL = Path(__file__).resolve().parents[1] / "docs" / "model.md"
PREFIXES = {
    "tdkt": TDKT,
    "org": ORG,
    "eli": ELI,
    "prov": PROV,
    "oa": OA,
    "skos": SKOS,
    "schema": SCHEMA,
    "foaf": FOAF,
    "dcterms": DCTERMS,
}
PROPERTY_KINDS = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
TERM_KINDS = (OWL.Class, *PROPERTY_KINDS, SKOS.Concept, SKOS.ConceptScheme)
SCHEMES = {
    "StatusScheme": {"Proposed", "Elected", "Assigned", "Stated", "Conferred"},
    "ClusterRoleScheme": {"ClusterChair", "ClusterViceChair", "ClusterMember"},
    "DocumentTypeScheme": {
        "Directive",
        "Law",
        "Decree",
        "Circular",
        "Decision",
        "Resolution",
        "Conclusion",
        "Guidance",
        "Plan",
        "Submission",
        "Notice",
        "OfficialLetter",
    },
    "DateAgreementScheme": {"DateAgrees", "DateDisagrees", "DateUnverifiable"},
    "UnitTypeScheme": {"TinhType", "CityType"},
    "AwardKindScheme": {"EmulationTitle", "CommendationForm"},
    "RecipientKindScheme": {"Collective", "Individual"},
}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology()


def _in(term: URIRef, namespace: str) -> bool:
    return str(term).startswith(str(namespace))


def _languages(graph: Graph, term: URIRef, *predicates: URIRef) -> set[str]:
    return {
        o.language
        for p in predicates
        for o in graph.objects(term, p)
        if isinstance(o, Literal) and o.language
    }


def _has_both_labels(graph: Graph, term: URIRef) -> bool:
    return {"vi", "en"} <= _languages(graph, term, RDFS.label, SKOS.prefLabel)


def _tdkt_terms(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects() if isinstance(s, URIRef) and _in(s, TDKT)}


def _model_terms() -> set[URIRef]:
    """Every ``prefix:Name`` the data model (docs/model.md) names in a known namespace."""
    found = re.findall(
        r"\b(" + "|".join(PREFIXES) + r"):([A-Za-z_]\w*)", MODEL.read_text(encoding="utf-8")
    )
    return {URIRef(PREFIXES[prefix] + name) for prefix, name in found}


def test_ontology_parses_with_a_header(ontology: Graph) -> None:
    (header,) = ontology.subjects(RDF.type, OWL.Ontology)
    assert _languages(ontology, header, DCTERMS.title) >= {"vi", "en"}
    assert ontology.value(header, DCTERMS.description) is not None
    assert ontology.value(header, OWL.versionInfo) is not None
    assert ontology.value(header, DCTERMS.license) is not None


def test_every_tdkt_term_has_a_kind_both_labels_and_a_definition(ontology: Graph) -> None:
    terms = _tdkt_terms(ontology)
    assert len(terms) > 80
    for term in terms:
        kinds = set(ontology.objects(term, RDF.type)) & set(TERM_KINDS)
        assert kinds, f"{term} is not declared as a class, property, concept or scheme"
        assert _has_both_labels(ontology, term), f"{term} lacks a @vi or @en label"
        assert "en" in _languages(ontology, term, SKOS.definition), f"{term} lacks a definition"


def _aligned(graph: Graph, term: URIRef, link: URIRef, seen: frozenset = frozenset()) -> bool:
    """Whether ``term`` reaches a non-tdkt term through ``link`` (subClassOf / subPropertyOf)."""
    for parent in graph.objects(term, link):
        if not _in(parent, TDKT) or (
            parent not in seen and _aligned(graph, parent, link, seen | {term})
        ):
            return True
    return False


def test_every_class_and_property_aligns_or_says_why_not(ontology: Graph) -> None:
    checked = 0
    for kind, link in [(OWL.Class, RDFS.subClassOf)] + [
        (k, RDFS.subPropertyOf) for k in PROPERTY_KINDS
    ]:
        for term in filter(lambda t: _in(t, TDKT), ontology.subjects(RDF.type, kind)):
            checked += 1
            note = "en" in _languages(ontology, term, TDKT.alignmentNote)
            assert _aligned(ontology, term, link) or note, f"{term} neither aligns nor says why"
    assert checked > 60


def test_properties_are_typed_object_or_datatype(ontology: Graph) -> None:
    """Data properties are object or datatype properties; only the note about terms,
    ``tdkt:alignmentNote``, is an annotation."""
    used_as_property = {t for t in _model_terms() if _in(t, TDKT) and t.fragment[:1].islower()}
    annotations = set()
    for term in used_as_property:
        kinds = set(ontology.objects(term, RDF.type))
        assert kinds & set(PROPERTY_KINDS), f"{term} is not typed"
        if OWL.AnnotationProperty in kinds:
            annotations.add(term)
    assert annotations == {TDKT.alignmentNote}


def test_concept_schemes_hold_their_concepts(ontology: Graph) -> None:
    for scheme, concepts in SCHEMES.items():
        assert (TDKT[scheme], RDF.type, SKOS.ConceptScheme) in ontology
        members = {
            c.fragment
            for c in ontology.subjects(SKOS.inScheme, TDKT[scheme])
            if (c, RDF.type, SKOS.Concept) in ontology
        }
        assert members == concepts, scheme
        for concept in concepts:
            assert {"vi", "en"} <= _languages(ontology, TDKT[concept], SKOS.prefLabel)


def test_cluster_roles_are_org_roles(ontology: Graph) -> None:
    for role in SCHEMES["ClusterRoleScheme"]:
        assert (TDKT[role], RDF.type, ORG.Role) in ontology


def test_every_term_of_the_data_model_is_declared_and_labelled(ontology: Graph) -> None:
    """docs/model.md is the contract: each term it names reads in both languages here."""
    terms = _model_terms()
    assert len(terms) > 100
    missing = sorted(str(t) for t in terms if not _has_both_labels(ontology, t))
    assert missing == []


def test_standard_terms_are_labelled_not_redeclared(ontology: Graph) -> None:
    for kind in TERM_KINDS[:4]:
        redeclared = [t for t in ontology.subjects(RDF.type, kind) if not _in(t, TDKT)]
        assert redeclared == [], f"standard terms redeclared as {kind}"


def test_ontology_concepts_pass_the_shapes(ontology: Graph) -> None:
    assert validate(ontology).findings == []


def test_every_term_the_built_data_uses_is_labelled(ontology: Graph, corpus_dir: Path) -> None:
    """Build every named graph (tables and articles) and check each predicate and class used."""
    from tdkt.loaders.articles import load_corpus
    from tdkt.loaders.tables import load_tables

    graphs = [ng.graph for ng in load_tables()] + [
        ng.graph for ng in load_corpus([corpus_dir]).graphs
    ]
    used: set[URIRef] = set()
    for graph in graphs:
        used |= {p for p in graph.predicates() if isinstance(p, URIRef)}
        used |= {o for o in graph.objects(None, RDF.type) if isinstance(o, URIRef)}
    in_scope = {t for t in used if any(_in(t, ns) for ns in PREFIXES.values())}
    assert in_scope, "the loaders produced no terms in the project's namespaces"
    unlabelled = sorted(str(t) for t in in_scope if not _has_both_labels(ontology, t))
    assert unlabelled == []
