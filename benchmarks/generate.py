"""A deterministic generator of benchmark data in the real ontology, written as N-Quads.

The data starts from the real build's ontology and reference tables (provinces, clusters and
their members, award types, documents, organisations) and adds synthetic *sources*: one named
graph per made-up article, each holding what the extractor writes for a real one (docs/model.md)
— the source, an annual review event, the cluster's members and chair/vice-chair for the year,
two officials and their posts, award conferrals with a Prime Minister's decision, citations of
real documents — every fact with provenance and an evidence passage with its two selectors.

Everything conforms to ontology/shapes.ttl except the violations injected on purpose,
``INJECTED`` per kind and per 100,000 triples (at least one of each), so a validator's report
can be checked: each injection gives exactly one finding of the named shape.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from typing import IO

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from tdkt import iris
from tdkt.build import fixed_graphs
from tdkt.extraction import to_nquads
from tdkt.iris import ORG, TDKT

SIZES = {"tiny": 12_000, "S": 100_000, "M": 1_000_000, "L": 10_000_000}

# kind → (shape whose finding the injection gives, what is wrong)
INJECTED = {
    "role-two-members": (
        "tsh:ClusterRoleTerm-singleMember",
        "a vice-chair term with two provinces",
    ),
    "award-no-status": ("tsh:StatusValue", "an award without tdkt:status"),
    "person-no-name": ("tsh:Person-name", "a person without foaf:name"),
    "bad-sha256": ("tsh:SourceArticle-sha256", "a source whose checksum is not hex"),
    "event-date-type": ("tsh:Event-startDate", "an event date typed xsd:gYear"),
}

_FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi")
_MIDDLE = ("Văn", "Thị", "Đức", "Minh", "Quốc", "Thanh", "Hữu", "Ngọc", "Anh", "Xuân")
_GIVEN = ("An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hùng", "Lan", "Long", "Mai", "Nam",
          "Oanh", "Phương", "Quang", "Sơn", "Tâm", "Thảo", "Trung", "Tuấn", "Yến")  # fmt: skip
_POSTS = ("Chủ tịch UBND tỉnh", "Phó Chủ tịch UBND tỉnh", "Bí thư Tỉnh ủy", "Giám đốc Sở Nội vụ",
          "Trưởng Ban Thi đua - Khen thưởng tỉnh")  # fmt: skip
_XSD = "http://www.w3.org/2001/XMLSchema#"
_TRIPLES_PER_SOURCE = 330  # about what one source below writes; sizes the corpus


@dataclass
class Reference:
    """The real entities synthetic facts point at, read from the reference tables."""

    provinces: list[str]  # the 63 units (no tdkt:validFrom); see ``until`` for 2025
    members: dict[str, list[str]]  # cluster → provinces of the 63 that belong to it
    taken_roles: set[tuple[str, str, int]]  # (cluster, role, year) a table already fills
    award_types: list[tuple[str, str | None]]  # award type, its tdkt:conferredBy (if any)
    documents: list[tuple[str, str]]  # document, eli:id_local
    until: dict[str, str] = field(default_factory=dict)  # province → its tdkt:validUntil

    def valid_on(self, province: str, day: str) -> bool:
        """Whether the province still existed on ``day`` (ISO dates compare as text)."""
        return self.until.get(province, day) >= day


@dataclass
class Generated:
    triples: int = 0
    sources: int = 0
    injected: dict[str, int] = field(default_factory=dict)


def person_name(rng: random.Random) -> str:
    """A made-up Vietnamese name."""
    return f"{rng.choice(_FAMILY)} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}"


def union_of(graphs: list) -> Graph:
    union = Graph()
    for named in graphs:
        union += named.graph
    return union


def units_before_2025(union: Graph) -> list[URIRef]:
    """The 63 provincial units (no tdkt:validFrom): each valid in every year generated."""
    return sorted(
        p for p in union.subjects(RDF.type, TDKT.Province) if (p, TDKT.validFrom, None) not in union
    )


def reference(graphs: list) -> Reference:
    """The entities of the real tables a generated fact may name."""
    union = union_of(graphs)
    provinces = [str(p) for p in units_before_2025(union)]
    valid = set(provinces)
    members: dict[str, set[str]] = {
        str(c): set() for c in union.subjects(RDF.type, TDKT.EmulationCluster)
    }
    for m in union.subjects(RDF.type, TDKT.ClusterMembership):
        cluster, member = union.value(m, ORG.organization), union.value(m, ORG.member)
        if str(cluster) in members and str(member) in valid:
            members[str(cluster)].add(str(member))
    taken = {
        (str(union.value(t, ORG.organization)), str(union.value(t, ORG.role)), int(str(y)))
        for t in union.subjects(RDF.type, TDKT.ClusterRoleTerm)
        for y in union.objects(t, TDKT.year)
    }
    awards = sorted(
        (
            str(t),
            str(union.value(t, TDKT.conferredBy)) if union.value(t, TDKT.conferredBy) else None,
        )
        for t in union.subjects(RDF.type, TDKT.AwardType)
    )
    eli = URIRef("http://data.europa.eu/eli/ontology#")
    documents = sorted(
        (str(d), str(union.value(d, URIRef(f"{eli}id_local"))))
        for d in union.subjects(RDF.type, URIRef(f"{eli}LegalResource"))
        if union.value(d, URIRef(f"{eli}id_local")) is not None
    )
    until = {p: str(union.value(URIRef(p), TDKT.validUntil)) for p in provinces}
    return Reference(
        provinces,
        {c: sorted(m) for c, m in sorted(members.items())},
        taken,
        awards,
        documents,
        {p: day for p, day in until.items() if day != "None"},
    )


def _iri(value: str) -> str:
    return f"<{value}>"


def _text(value: str, lang: str | None = None) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"@{lang}' if lang else f'"{escaped}"'


def _typed(value: str, datatype: str) -> str:
    return f'"{value}"^^<{_XSD}{datatype}>'


class _Source:
    """One made-up article's graph, written as N-Quads lines."""

    def __init__(self, index: int, rng: random.Random, ref: Reference) -> None:
        self.rng, self.ref = rng, ref
        self.key = f"bench-{index:07d}"
        self.graph = _iri(str(iris.article_graph(self.key)))
        self.source = _iri(str(iris.source(self.key)))
        self.lines: list[str] = []
        self.offset = 0

    def add(self, s: str, p: str, o: str) -> None:
        self.lines.append(f"{s} {p} {o} {self.graph} .\n")

    def fact(self, node: str, cls: str, sentence: str) -> None:
        """The node's class, provenance and an evidence passage quoting ``sentence``."""
        start, end = self.offset, self.offset + len(sentence)
        self.offset = end + 1
        evidence = str(iris.evidence(self.key, start, end))
        quote = _iri(str(iris.quote_selector(URIRef(evidence))))
        position = _iri(str(iris.position_selector(URIRef(evidence))))
        oa = "http://www.w3.org/ns/oa#"
        self.add(node, _iri(str(RDF.type)), _iri(cls))
        self.add(node, "<http://www.w3.org/ns/prov#wasDerivedFrom>", self.source)
        self.add(node, _iri(str(TDKT.evidence)), _iri(evidence))
        self.add(_iri(evidence), _iri(str(RDF.type)), _iri(f"{oa}SpecificResource"))
        self.add(_iri(evidence), _iri(f"{oa}hasSource"), self.source)
        self.add(_iri(evidence), _iri(f"{oa}hasSelector"), quote)
        self.add(_iri(evidence), _iri(f"{oa}hasSelector"), position)
        self.add(quote, _iri(str(RDF.type)), _iri(f"{oa}TextQuoteSelector"))
        self.add(quote, _iri(f"{oa}exact"), _text(sentence))
        self.add(position, _iri(str(RDF.type)), _iri(f"{oa}TextPositionSelector"))
        self.add(position, _iri(f"{oa}start"), _typed(str(start), "integer"))
        self.add(position, _iri(f"{oa}end"), _typed(str(end), "integer"))


def _t(name: str) -> str:
    return _iri(str(TDKT[name]))


def _source_lines(index: int, rng: random.Random, ref: Reference, inject: set[str]) -> list[str]:
    """Every quad of one synthetic source (``inject``: the violations it carries)."""
    w = _Source(index, rng, ref)
    year = rng.randint(2005, 2024)
    day = f"{year + 1}-0{rng.randint(1, 4)}-{rng.randint(10, 28)}"
    cluster = rng.choice([c for c, m in ref.members.items() if len(m) >= 2] or list(ref.members))
    members = ref.members[cluster] or rng.sample(ref.provinces, 5)
    host = rng.choice(members)
    if not ref.valid_on(host, day):  # an event of 2025 after its host merged away (Huế, 2025)
        host = next((m for m in members if ref.valid_on(m, day)), host)
    label = f"Hội nghị tổng kết công tác thi đua, khen thưởng năm {year}"
    rdfs_label = "<http://www.w3.org/2000/01/rdf-schema#label>"
    dct = "http://purl.org/dc/terms/"
    schema = "https://schema.org/"

    sha = "not-a-checksum" if "bad-sha256" in inject else hashlib.sha256(w.key.encode()).hexdigest()
    w.add(w.source, _iri(str(RDF.type)), _t("SourceArticle"))
    w.add(w.source, _iri(f"{dct}title"), _text(label, "vi"))
    w.add(w.source, _iri(f"{dct}date"), _typed(day, "date"))
    w.add(w.source, _t("fileName"), _text(f"{w.key}.txt"))
    w.add(w.source, _t("sha256"), _text(sha))

    event = _iri(str(iris.event(day, f"tong-ket-{cluster.rsplit('/', 1)[1]}-{w.key}")))
    w.fact(event, str(TDKT.EmulationEvent), f"{label} diễn ra tại {host.rsplit('/', 1)[1]}.")
    w.add(event, _iri(str(RDF.type)), _t("AnnualReview"))
    w.add(event, rdfs_label, _text(label, "vi"))
    date_type = "gYear" if "event-date-type" in inject else "date"
    w.add(
        event,
        _iri(f"{schema}startDate"),
        _typed(day if date_type == "date" else str(year + 1), date_type),
    )
    w.add(event, _t("cluster"), _iri(cluster))
    if date_type == "date" and ref.valid_on(host, day):  # (the ceased-province rule's test)
        w.add(event, _t("host"), _iri(host))
    w.add(event, _t("reportingYear"), _typed(str(year), "gYear"))

    for province in members:
        node = _iri(
            str(
                iris.cluster_membership(cluster.rsplit("/", 1)[1], province.rsplit("/", 1)[1], year)
            )
        )
        w.fact(
            node,
            str(TDKT.ClusterMembership),
            f"Tỉnh {province.rsplit('/', 1)[1]} là thành viên của Cụm.",
        )
        w.add(node, _iri(str(ORG.organization)), _iri(cluster))
        w.add(node, _iri(str(ORG.member)), _iri(province))
        w.add(node, _iri(str(ORG.role)), _t("ClusterMember"))
        w.add(node, _t("year"), _typed(str(year), "gYear"))
        w.add(node, _t("status"), _t("Stated"))

    for position, role in enumerate(("chair", "vice-chair")):
        role_term = str(TDKT.ClusterChair if role == "chair" else TDKT.ClusterViceChair)
        if (cluster, role_term, year) in ref.taken_roles or len(members) < 2:
            continue
        holder = members[(year + position) % len(members)]  # the same for every source
        node = _iri(str(iris.cluster_role_term(cluster.rsplit("/", 1)[1], role, year)))
        w.fact(
            node, str(TDKT.ClusterRoleTerm), f"Tỉnh {holder.rsplit('/', 1)[1]} giữ vai trò {role}."
        )
        w.add(node, _iri(str(ORG.organization)), _iri(cluster))
        w.add(node, _iri(str(ORG.member)), _iri(holder))
        w.add(node, _iri(str(ORG.role)), _iri(role_term))
        w.add(node, _t("year"), _typed(str(year), "gYear"))
        w.add(node, _t("status"), _t("Elected"))
        w.add(node, _t("decidedAt"), event)
    if "role-two-members" in inject:
        node = _iri(f"{iris.ID}cluster/{cluster.rsplit('/', 1)[1]}/vice-chair/{w.key}")
        w.fact(node, str(TDKT.ClusterRoleTerm), "Hai tỉnh cùng được nêu là Cụm phó.")
        w.add(node, _iri(str(ORG.organization)), _iri(cluster))
        for province in members[:2]:
            w.add(node, _iri(str(ORG.member)), _iri(province))
        w.add(node, _iri(str(ORG.role)), _t("ClusterViceChair"))
        w.add(node, _t("year"), _typed(str(year), "gYear"))
        w.add(node, _t("status"), _t("Stated"))

    people = []
    for k in range(2):
        name = person_name(rng)
        person = _iri(str(iris.person(f"{w.key}-{k}")))
        people.append(person)
        w.add(person, _iri(str(RDF.type)), "<http://xmlns.com/foaf/0.1/Person>")
        if not ("person-no-name" in inject and k == 0):
            w.add(person, "<http://xmlns.com/foaf/0.1/name>", _text(name, "vi"))
        w.add(person, rdfs_label, _text(name, "vi"))
        post = rng.choice(_POSTS)
        node = _iri(str(iris.post_attestation(f"{w.key}-{k}", _date(day), f"post-{k}")))
        w.fact(node, str(TDKT.PostAttestation), f"Đồng chí {name}, {post}.")
        w.add(node, _iri(str(ORG.member)), person)
        w.add(node, _t("postTitle"), _text(post, "vi"))
        w.add(node, _t("attestedOn"), _typed(day, "date"))
    w.add(event, _t("presidedBy"), people[0])

    decision = _iri(str(iris.document(f"{90000 + index}/QĐ-TTg")))
    w.add(decision, _iri(str(RDF.type)), "<http://data.europa.eu/eli/ontology#LegalResource>")
    w.add(
        decision, "<http://data.europa.eu/eli/ontology#id_local>", _text(f"{90000 + index}/QĐ-TTg")
    )
    w.add(decision, "<http://data.europa.eu/eli/ontology#type_document>", _t("Decision"))
    w.add(decision, "<http://www.w3.org/ns/prov#wasDerivedFrom>", w.source)
    for k in range(4):
        award_type, conferred_by = rng.choice(ref.award_types)
        recipient = rng.choice(members)
        node = _iri(str(iris.counted_award(w.key, w.offset, w.offset + 40)))
        w.fact(
            node, str(TDKT.Award), f"Tặng thưởng cho tỉnh {recipient.rsplit('/', 1)[1]} năm {year}."
        )
        w.add(node, _t("awardType"), _iri(award_type))
        w.add(node, _t("recipient"), _iri(recipient))
        w.add(node, _t("meritYear"), _typed(str(year), "gYear"))
        if not ("award-no-status" in inject and k == 0):
            w.add(node, _t("status"), _t("Conferred"))
        w.add(node, _t("decision"), decision)
        if conferred_by:
            w.add(node, _t("authority"), _iri(conferred_by))
        w.add(node, _t("decidedAt"), event)

    for _ in range(2):
        document, number = rng.choice(ref.documents)
        node = _iri(str(iris.citation(w.key, w.offset, w.offset + 30)))
        w.fact(node, str(TDKT.Citation), f"Thực hiện văn bản số {number} về công tác thi đua.")
        w.add(node, _t("citedDocument"), _iri(document))
        w.add(node, _t("citingSource"), w.source)
        w.add(node, _t("citedAt"), event)
        w.add(node, _t("speaker"), people[1])
        w.add(node, _t("statedNumber"), _text(number))
        w.add(node, _t("dateAgreement"), _t("DateUnverifiable"))
    return w.lines


def _date(day: str):
    from datetime import date

    return date.fromisoformat(day)


def generate(triples: int, out: IO[str], seed: int = 8, tables: bool = True) -> Generated:
    """Write about ``triples`` quads to ``out`` (text) and say what was injected. Without
    ``tables`` only the ontology graph comes along (a small sample for a slow peer: then
    ``sh:class`` checks also fail, the same for every validator)."""
    fixed = fixed_graphs()
    ref = reference(fixed)
    result = Generated()
    for named in fixed if tables else fixed[:1]:
        text = to_nquads(named)
        out.write(text)
        result.triples += text.count("\n")
    sources = max(1, (triples - result.triples) // _TRIPLES_PER_SOURCE)
    rng = random.Random(seed)
    per_kind = max(1, triples // 100_000)
    plan = _injections(sources, per_kind, random.Random(seed + 1))
    for index in range(sources):
        inject = plan.get(index, set())
        for kind in inject:
            result.injected[kind] = result.injected.get(kind, 0) + 1
        lines = _source_lines(index, rng, ref, inject)
        out.writelines(lines)
        result.triples += len(lines)
    result.sources = sources
    return result


def _injections(sources: int, per_kind: int, rng: random.Random) -> dict[int, set[str]]:
    """Which source carries which violation: ``per_kind`` distinct sources for each kind."""
    plan: dict[int, set[str]] = {}
    for kind in INJECTED:
        for index in rng.sample(range(sources), min(per_kind, sources)):
            plan.setdefault(index, set()).add(kind)
    return plan
