"""One article's facts as one named graph, mapped exactly as docs/model.md says.

No blank nodes: every node's IRI comes from its natural key or from the article key and the
character offsets of its evidence, so reading the same article twice gives the same quads.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, RDFS, SKOS

from tdkt import iris
from tdkt.iris import ELI, OA, ORG, SCHEMA, TDKT
from tdkt.loaders import NamedGraph
from tdkt.loaders.articles import nquads
from tdkt.loaders.articles.facts import (
    AGREES,
    ASSIGNED,
    CONFERRED,
    DATE_NOT_STATED,
    DISAGREES,
    ELECTED,
    PROPOSED,
    STATED,
    ArticleFacts,
    Award,
    Citation,
    ClusterRole,
    Event,
    Evidence,
    Membership,
    Official,
)
from tdkt.loaders.articles.nquads import (
    Term,
    Triple,
    boolean,
    date_time,
    gyear,
    integer,
    plain,
    rdflib_term,
    vi,
    xsd_date,
)
from tdkt.loaders.articles.rules.events import event_slug
from tdkt.text import match_key, nfc

_STATUS = {
    PROPOSED: TDKT.Proposed,
    ELECTED: TDKT.Elected,
    ASSIGNED: TDKT.Assigned,
    STATED: TDKT.Stated,
    CONFERRED: TDKT.Conferred,
}
_ROLE = {"chair": TDKT.ClusterChair, "vice-chair": TDKT.ClusterViceChair}
_AGREEMENT = {AGREES: TDKT.DateAgrees, DISAGREES: TDKT.DateDisagrees}
# Statuses a meeting gives: the fact links to the event that decided it.
_DECIDED = {PROPOSED, ELECTED, ASSIGNED}
# The terms every fact and its evidence carry, looked up once (a namespace builds a new term
# on each attribute access).
_TYPE, _DERIVED_FROM = RDF.type, PROV.wasDerivedFrom
_EVIDENCE, _NOTE = TDKT.evidence, TDKT.extractionNote
_SPECIFIC_RESOURCE, _HAS_SOURCE, _HAS_SELECTOR = OA.SpecificResource, OA.hasSource, OA.hasSelector
_QUOTE_SELECTOR, _EXACT = OA.TextQuoteSelector, OA.exact
_POSITION_SELECTOR, _START, _END = OA.TextPositionSelector, OA.start, OA.end


def event_iri(event: Event, source_key: str) -> URIRef:
    """``id/event/{date}-{slug}``; an undated event is one source's: ``undated-{source}``."""
    day = event.date.isoformat() if event.date else f"undated-{source_key}"
    return iris.event(day, event_slug(event))


class _Writer:
    """Adds one article's facts to a graph; shared provenance lives here."""

    def __init__(self, facts: ArticleFacts) -> None:
        self.facts = facts
        self.article = facts.article
        self.key = self.article.key
        self.source = iris.source(self.article.key)
        # The triples in the order written, each once: a graph is built only if asked for.
        self.triples: dict[Triple, None] = {}
        first = facts.events[0] if facts.events else None
        self.event = event_iri(first, self.key) if first else None
        self.on = (first.date if first else None) or self.article.published
        # An undated fact is no later than the event's stated month or the publication date.
        bounds = [d for d in (first.not_after if first else None, self.article.published) if d]
        self.not_after = min(bounds) if bounds else None

    def add(self, s: URIRef, p: URIRef, o: Term) -> None:
        self.triples[(s, p, o)] = None

    def fact(
        self, node: URIRef, kind: URIRef, evidence: Evidence, notes: Iterable[str] = ()
    ) -> None:
        """Type, provenance, evidence and why it is unsure: what every fact node carries.

        ``notes`` are local names of ``tdkt:ExtractionNoteScheme`` concepts ("DateNotStated").
        """
        self.add(node, _TYPE, kind)
        self.add(node, _DERIVED_FROM, self.source)
        self.add(node, _EVIDENCE, self.evidence(evidence))
        for note in notes:
            self.add(node, _NOTE, TDKT[note])

    def evidence(self, evidence: Evidence) -> URIRef:
        node = iris.evidence(self.key, evidence.start, evidence.end)
        quote, position = iris.quote_selector(node), iris.position_selector(node)
        self.add(node, _TYPE, _SPECIFIC_RESOURCE)
        self.add(node, _HAS_SOURCE, self.source)
        self.add(node, _HAS_SELECTOR, quote)
        self.add(node, _HAS_SELECTOR, position)
        self.add(quote, _TYPE, _QUOTE_SELECTOR)
        self.add(quote, _EXACT, plain(nfc(evidence.quote)))
        self.add(position, _TYPE, _POSITION_SELECTOR)
        self.add(position, _START, integer(evidence.start))
        self.add(position, _END, integer(evidence.end))
        return node

    # ------------------------------------------------------------ one method per kind

    def source_node(self) -> None:
        a, s = self.article, self.source
        self.add(s, RDF.type, TDKT.SourceArticle)
        if a.title:
            self.add(s, DCTERMS.title, vi(a.title))
        if a.published:
            self.add(s, DCTERMS.date, xsd_date(a.published))
        if a.published_at:
            self.add(s, SCHEMA.datePublished, date_time(a.published_at))
        if a.byline:
            self.add(s, DCTERMS.creator, vi(a.byline))
        if a.publisher:
            self.add(s, DCTERMS.publisher, vi(a.publisher))
        self.add(s, TDKT.fileName, plain(a.path.name))
        self.add(s, TDKT.sha256, plain(a.sha256))

    def event_node(self, event: Event) -> None:
        node = event_iri(event, self.key)
        self.fact(node, TDKT.EmulationEvent, event.evidence, event.notes)
        for kind in event.kinds:
            self.add(node, RDF.type, TDKT[kind])
        self.add(node, RDFS.label, vi(event.label))
        if event.date is not None:
            self.add(node, SCHEMA.startDate, xsd_date(event.date))
        else:
            bounds = [d for d in (event.not_after, self.article.published) if d is not None]
            if bounds:
                self.add(node, TDKT.notAfter, xsd_date(min(bounds)))
        if event.cluster:
            self.add(node, TDKT.cluster, event.cluster.iri)
        if event.host:
            self.add(node, TDKT.host, event.host.iri)
        if event.reporting_year:
            self.add(node, TDKT.reportingYear, gyear(event.reporting_year))
        if event.reporting_period:
            self.add(node, TDKT.reportingPeriod, vi(event.reporting_period))
        for person in event.presided_by:
            self.add(node, TDKT.presidedBy, iris.person(person))
        for person in event.attended_by:
            self.add(node, TDKT.attendedBy, iris.person(person))

    def membership(self, member: Membership) -> None:
        """A province listed in a cluster; with no year, bounded by what the text allows."""
        cluster, province = member.cluster.key, member.province.key
        if member.year is None:
            node = iris.undated_cluster_membership(cluster, province, self.key)
        else:
            node = iris.cluster_membership(cluster, province, member.year)
        self.fact(node, TDKT.ClusterMembership, member.evidence, member.notes)
        self.add(node, ORG.organization, member.cluster.iri)
        self.add(node, ORG.member, member.province.iri)
        self.add(node, ORG.role, TDKT.ClusterMember)
        if member.year is not None:
            self.add(node, TDKT.year, gyear(member.year))
        elif self.not_after is not None:
            self.add(node, TDKT.notAfter, xsd_date(self.not_after))
        self.add(node, TDKT.status, _STATUS[member.status])

    def role(self, role: ClusterRole) -> None:
        node = iris.cluster_role_term(role.cluster.key, role.role, role.year)
        self.fact(node, TDKT.ClusterRoleTerm, role.evidence, role.notes)
        self.add(node, ORG.organization, role.cluster.iri)
        self.add(node, ORG.member, role.province.iri)
        self.add(node, ORG.role, _ROLE[role.role])
        self.add(node, TDKT.year, gyear(role.year))
        self.add(node, TDKT.status, _STATUS[role.status])
        if self.event is not None and role.status in _DECIDED:
            self.add(node, TDKT.decidedAt, self.event)

    def award(self, award: Award) -> None:
        if award.recipient is not None and award.merit_year is not None:
            node = iris.award(str(award.merit_year), award.award_type.key, award.recipient.key)
        else:
            node = iris.counted_award(self.key, award.evidence.start, award.evidence.end)
        self.fact(node, TDKT.Award, award.evidence)
        self.add(node, TDKT.awardType, award.award_type.iri)
        self.add(node, TDKT.status, _STATUS[award.status])
        if award.recipient is not None:
            person = award.recipient.kind == "person"  # keyed by the corpus-wide person key
            recipient = iris.person(award.recipient.key) if person else award.recipient.iri
            self.add(node, TDKT.recipient, recipient)
            if award.recipient.kind == "organization":
                self.recipient_organization(award)
        if award.type_kind is not None:
            self.award_type(award)
        if award.merit_year is not None:
            self.add(node, TDKT.meritYear, gyear(award.merit_year))
        if award.merit_period:
            self.add(node, TDKT.meritPeriodAsStated, vi(award.merit_period))
        for prop, value in (
            (TDKT.countCollectives, award.count_collectives),
            (TDKT.countIndividuals, award.count_individuals),
            (TDKT.countRecipients, award.count_recipients),
        ):
            if value is not None:
                self.add(node, prop, integer(value))
        if award.recipient_description:
            self.add(node, TDKT.recipientDescription, vi(award.recipient_description))
        if award.authority_key:
            self.add(node, TDKT.authority, iris.organization(award.authority_key))
        if award.decision is not None:
            document = iris.document(award.decision.key)
            self.add(node, TDKT.decision, document)
            self.add(document, RDF.type, ELI.LegalResource)
            self.add(document, ELI.id_local, plain(award.decision.number))
            self.add(document, ELI.type_document, TDKT.Decision)
        if self.event is not None and award.status in _DECIDED:
            self.add(node, TDKT.decidedAt, self.event)

    def recipient_organization(self, award: Award) -> None:
        """An organisation an award names as its recipient, as the source names it."""
        org = award.recipient.iri
        self.add(org, RDF.type, ORG.Organization)
        self.add(org, RDFS.label, vi(award.recipient.label))
        if award.recipient_province is not None:
            self.add(org, TDKT.ofProvince, award.recipient_province.iri)

    def award_type(self, award: Award) -> None:
        """An award type read from its name (not in the tables), declared where it is read."""
        kind = award.award_type.iri
        self.add(kind, RDF.type, TDKT.AwardType)
        self.add(kind, SKOS.prefLabel, vi(award.award_type.label))
        self.add(kind, SKOS.inScheme, iris.concept_scheme("award-types"))
        self.add(kind, TDKT.awardKind, TDKT[award.type_kind])
        for recipient in award.type_recipients:
            self.add(kind, TDKT.recipientKind, TDKT[recipient])

    def citation(self, citation: Citation) -> None:
        ev = citation.evidence
        node = iris.citation(self.key, ev.start, ev.end)
        self.fact(node, TDKT.Citation, ev)
        document = iris.document(citation.document_key)
        self.add(node, TDKT.citedDocument, document)
        if citation.document is None and citation.number:
            self.add(document, RDF.type, ELI.LegalResource)
            self.add(document, ELI.id_local, plain(citation.number))
            if citation.document_type:
                self.add(document, ELI.type_document, TDKT[citation.document_type])
        self.add(node, TDKT.citingSource, self.source)
        if self.event is not None:
            self.add(node, TDKT.citedAt, self.event)
        if citation.speaker:
            self.add(node, TDKT.speaker, iris.person(citation.speaker))
        if citation.number_as_written:
            self.add(node, TDKT.statedNumber, plain(nfc(citation.number_as_written)))
        if citation.stated_date:
            self.add(node, TDKT.statedDate, xsd_date(citation.stated_date))
        if citation.stated_date_text:
            self.add(node, TDKT.statedDateText, vi(citation.stated_date_text))
        if citation.date_agreement:
            self.add(
                node,
                TDKT.dateAgreement,
                _AGREEMENT.get(citation.date_agreement, TDKT.DateUnverifiable),
            )

    def person(self, official: Official) -> None:
        node = iris.person(official.key)
        self.fact(node, FOAF.Person, official.evidence)
        self.add(node, FOAF.name, vi(official.name))
        self.add(node, RDFS.label, vi(official.name))
        for spelling in official.spellings:
            self.add(node, SKOS.altLabel, vi(spelling))
        for post in official.posts:
            what = f"{post.role} {post.organization_key or post.title}"
            if self.on is None:  # an undated source still attests the post: keep it, dateless
                attestation = iris.undated_post_attestation(official.key, self.key, what)
            else:
                attestation = iris.post_attestation(official.key, self.on, what)
            undated = (DATE_NOT_STATED,) if self.on is None else ()
            self.fact(attestation, TDKT.PostAttestation, post.evidence, undated)
            self.add(attestation, ORG.member, node)
            if post.organization_key:
                self.add(attestation, ORG.organization, iris.organization(post.organization_key))
            self.add(attestation, TDKT.postTitle, vi(post.title))
            if self.on is not None:
                self.add(attestation, TDKT.attestedOn, xsd_date(self.on))
            if post.former:
                self.add(attestation, TDKT.formerPost, boolean(True))


def _written(facts: ArticleFacts) -> _Writer:
    """The article's source node and every fact with its evidence, written."""
    writer = _Writer(facts)
    writer.source_node()
    for event in facts.events:
        writer.event_node(event)
    for mention in facts.clusters:
        if match_key(mention.name_as_written) != match_key(mention.cluster.label):
            writer.add(mention.cluster.iri, SKOS.altLabel, vi(mention.name_as_written))
    for member in facts.memberships:
        writer.membership(member)
    for role in facts.roles:
        writer.role(role)
    for award in facts.awards:
        writer.award(award)
    for citation in facts.citations:
        writer.citation(citation)
    for official in facts.officials:
        writer.person(official)
    for mention in facts.campaigns:
        ev = mention.evidence
        node = iris.campaign_mention(writer.key, ev.start, ev.end)
        writer.fact(node, TDKT.CampaignMention, ev)
        writer.add(node, TDKT.campaign, mention.campaign.iri)
        writer.add(node, TDKT.nameAsWritten, vi(mention.name_as_written))
    return writer


def facts_to_graph(facts: ArticleFacts) -> NamedGraph:
    """The article's named graph, as an rdflib graph (for the CLI's formats and the tests)."""
    # One article's graph needs no contexts: the context-free store adds twice as fast; only
    # rdflib's core prefixes, then the project's (binding all of rdflib's is slow).
    graph = Graph(store="SimpleMemory", bind_namespaces="core")
    iris.bind_prefixes(graph)
    for s, p, o in _written(facts).triples:
        graph.add((s, p, rdflib_term(o)))
    return NamedGraph(
        iri=iris.article_graph(facts.article.key), graph=graph, origin=str(facts.article.path)
    )


def facts_to_nquads(facts: ArticleFacts) -> tuple[URIRef, str, int]:
    """The article's named graph as N-Quads text and its triple count, with no rdflib graph
    built (what a build's worker needs): the same triples as ``facts_to_graph``."""
    name = iris.article_graph(facts.article.key)
    triples = _written(facts).triples
    return name, nquads.lines(triples, name), len(triples)
