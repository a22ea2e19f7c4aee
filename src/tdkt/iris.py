"""Namespaces and the minting of every IRI the project makes (see docs/model.md).

IRIs come from natural keys, so the same fact read from two sources lands on the same node.
Nothing else in the code builds an ``id/`` or ``graph/`` IRI by hand.
"""

from __future__ import annotations

import os
from datetime import date

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SH, SKOS, XSD

from tdkt.text import slug

BASE = os.environ.get("TDKT_BASE", "https://w3id.org/tdkt/")

TDKT = Namespace(BASE + "ontology#")
ID = Namespace(BASE + "id/")
GRAPH = Namespace(BASE + "graph/")

ORG = Namespace("http://www.w3.org/ns/org#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")

PREFIXES: dict[str, Namespace] = {
    "tdkt": TDKT,
    "org": ORG,
    "eli": ELI,
    "oa": OA,
    "schema": SCHEMA,
    "prov": PROV,
    "skos": SKOS,
    "foaf": FOAF,
    "dcterms": DCTERMS,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "sh": SH,
    "xsd": XSD,
}

__all__ = [
    "BASE",
    "TDKT",
    "ID",
    "GRAPH",
    "ORG",
    "ELI",
    "OA",
    "SCHEMA",
    "PROV",
    "SKOS",
    "FOAF",
    "DCTERMS",
    "OWL",
    "RDF",
    "RDFS",
    "SH",
    "XSD",
    "PREFIXES",
]


def bind_prefixes(graph) -> None:
    """Bind the project's prefixes on an rdflib graph or dataset (for readable output)."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)


def _id(*parts: str) -> URIRef:
    return URIRef(ID + "/".join(parts))


def province(name: str) -> URIRef:
    """``id/province/bac-kan``. Units created by the 2025 merger take the key ``{slug}-2025``."""
    return _id("province", slug(name))


def cluster(key: str) -> URIRef:
    """``id/cluster/tay-nguyen-duyen-hai-mien-trung``; ``key`` is a cluster id or a name."""
    return _id("cluster", slug(key))


def cluster_role_term(cluster_key: str, role: str, year: int) -> URIRef:
    """``id/cluster/{cluster}/chair/2024``; ``role`` is ``chair`` or ``vice-chair``."""
    return _id("cluster", slug(cluster_key), role, str(year))


def cluster_membership(cluster_key: str, province_key: str, year: int) -> URIRef:
    """``id/cluster/{cluster}/member/{year}/{province}``: one node per member and year."""
    return _id("cluster", slug(cluster_key), "member", str(year), slug(province_key))


def undated_cluster_membership(cluster_key: str, province_key: str, source_key_: str) -> URIRef:
    """``id/cluster/{cluster}/member/undated-{source}/{province}``: a membership a source
    states with no date at all (kept, not dropped; one node per source, as nothing ties two)."""
    return _id("cluster", slug(cluster_key), "member", f"undated-{source_key_}", slug(province_key))


def person(key: str) -> URIRef:
    """``id/person/vo-thi-anh-xuan`` (the key may carry a disambiguating suffix)."""
    return _id("person", slug(key))


def organization(key: str) -> URIRef:
    """``id/organization/ubnd-bac-giang``, ``id/organization/chinh-phu``."""
    return _id("organization", slug(key))


def document(number: str) -> URIRef:
    """``id/document/34-ct-tw`` from a normalised document number such as ``34-CT/TW``."""
    return _id("document", slug(number))


def award_type(name: str) -> URIRef:
    """``id/award-type/co-thi-dua-chinh-phu``: the Vietnamese name without the word "của"."""
    words = [w for w in name.split() if slug(w) != "cua"]
    return _id("award-type", slug(" ".join(words)))


def award(*key_parts: str) -> URIRef:
    """``id/award/{part}/{part}/…``: an award proposal or conferral (n-ary node)."""
    return _id("award", *(slug(p) for p in key_parts))


def counted_award(source_key_: str, start: int, end: int) -> URIRef:
    """``id/award/{source}/{start}-{end}``: an award whose recipients are only counted."""
    return _id("award", source_key_, f"{start}-{end}")


def citation(source_key_: str, start: int, end: int) -> URIRef:
    """``id/citation/{source}/{start}-{end}``: one citation of a document in one source."""
    return _id("citation", source_key_, f"{start}-{end}")


def campaign_mention(source_key_: str, start: int, end: int) -> URIRef:
    """``id/mention/{source}/{start}-{end}``: a campaign named in one source."""
    return _id("mention", source_key_, f"{start}-{end}")


def post_attestation(person_key: str, on: date, post: str) -> URIRef:
    """``id/person/{key}/post/{date}/{post}``: a post a person is attested in at a date."""
    return URIRef(f"{person(person_key)}/post/{on.isoformat()}/{slug(post)}")


def undated_post_attestation(person_key: str, source_key_: str, post: str) -> URIRef:
    """``id/person/{key}/post/undated-{source}/{post}``: a post a source states without any
    date to attest it at (kept, not dropped; one node per source since nothing ties two)."""
    return URIRef(f"{person(person_key)}/post/undated-{source_key_}/{slug(post)}")


def event(date_iso: str, name: str) -> URIRef:
    """``id/event/2024-03-29-tong-ket-tay-nguyen-duyen-hai-mien-trung``."""
    return _id("event", f"{date_iso}-{slug(name)}")


def campaign(name: str) -> URIRef:
    """``id/campaign/{slug of the canonical name}``."""
    return _id("campaign", slug(name))


def source(key: str) -> URIRef:
    """``id/source/001_a8b3c08234c141ac``: a source article, keyed by file stem."""
    return _id("source", source_key(key))


def source_key(stem: str) -> str:
    """A file stem made safe for an IRI path segment (keeps ``_`` as the corpus uses it)."""
    safe = bool(stem) and all(c.isascii() and (c.isalnum() or c in "_-") for c in stem)
    return stem if safe else slug(stem)


def evidence(source_key_: str, start: int, end: int) -> URIRef:
    """``id/evidence/{source}/{start}-{end}``: where in a source a fact is stated."""
    return _id("evidence", source_key_, f"{start}-{end}")


def quote_selector(evidence_: URIRef) -> URIRef:
    """``{evidence}/quote``: the evidence's ``oa:TextQuoteSelector``."""
    return URIRef(f"{evidence_}/quote")


def position_selector(evidence_: URIRef) -> URIRef:
    """``{evidence}/position``: the evidence's ``oa:TextPositionSelector``."""
    return URIRef(f"{evidence_}/position")


def table_evidence(stem: str, row: int) -> URIRef:
    """``id/evidence/table-{stem}/{row}``: the quote a reference-table row carries."""
    return _id("evidence", f"table-{slug(stem)}", str(row))


def change_event(day: date, unit_key: str) -> URIRef:
    """``id/change/2025-07-01-tuyen-quang-2025``: a change, keyed by its resulting unit."""
    return _id("change", f"{day.isoformat()}-{slug(unit_key)}")


def document_alias(alias: str, number: str) -> URIRef:
    """``id/document-alias/{alias}/{number}``: an unnumbered name of a document."""
    return _id("document-alias", slug(alias), slug(number))


def concept_scheme(name: str) -> URIRef:
    """``id/scheme/award-types``: a SKOS concept scheme whose concepts are data."""
    return _id("scheme", slug(name))


def article_graph(key: str) -> URIRef:
    """``graph/source/{key}``: the named graph holding one article's facts."""
    return URIRef(GRAPH + "source/" + source_key(key))


def table_graph(stem: str) -> URIRef:
    """``graph/table/{stem}``: the named graph holding one reference table."""
    return URIRef(GRAPH + "table/" + slug(stem))


def ontology_graph() -> URIRef:
    """``graph/ontology``: the vocabulary and concept schemes."""
    return URIRef(GRAPH + "ontology")
