"""The facts an article states, each with the evidence it was read from.

One frozen dataclass per kind of fact. Every fact carries the entities it resolved to
(gazetteer ``Entry`` values or keys that ``tdkt.iris`` turns into IRIs) and an ``Evidence``
whose offsets index the article's clean text, so ``article.text[start:end] == quote``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the gazetteer imports this package: keep the import for type checkers
    from tdkt.loaders.articles.reader import Article
    from tdkt.loaders.gazetteer import Entry

# Statuses of a claimable fact (docs/model.md, tdkt:StatusScheme).
PROPOSED, ELECTED, ASSIGNED, STATED, CONFERRED = (
    "proposed",
    "elected",
    "assigned",
    "stated",
    "conferred",
)
# Event kinds (docs/model.md): the tdkt class local names.
MID_YEAR, ANNUAL, COVENANT, CEREMONY = (
    "MidYearReview",
    "AnnualReview",
    "CovenantSigning",
    "CommendationCeremony",
)
COUNCIL, CONGRESS, ISSUANCE = "CouncilMeeting", "EmulationCongress", "DocumentIssuance"
# Extraction notes (docs/model.md, tdkt:ExtractionNoteScheme): why a fact is less than certain.
DATE_NOT_STATED, YEAR_INFERRED = "DateNotStated", "YearInferred"
# Whether a cited date agrees with the document's own date.
AGREES, DISAGREES, UNVERIFIABLE = "agrees", "disagrees", "unverifiable"


@dataclass(frozen=True)
class Evidence:
    """Where a fact is stated: ``text[start:end] == quote``."""

    start: int
    end: int
    quote: str


@dataclass(frozen=True)
class Post:
    """One post as the title states it ("Chủ tịch UBND tỉnh"), with the body it belongs to."""

    title: str
    role: str  # the post word(s), normalised ("Phó Chủ tịch Thường trực")
    organization_key: str | None  # docs/model.md key ("ubnd-bac-giang", "chu-tich-nuoc")
    organization_label: str | None
    province: Entry | None
    evidence: Evidence
    former: bool = False  # "nguyên Chủ tịch …": a post the person no longer holds


@dataclass(frozen=True)
class Official:
    """A person named with at least one post; ``mentions`` are every place the name occurs."""

    key: str  # person key (slug of the name, plus a province suffix for homonyms)
    name: str  # the spelling used most often in the article
    spellings: tuple[str, ...]  # every other spelling as written
    posts: tuple[Post, ...]
    mentions: tuple[Evidence, ...]
    evidence: Evidence  # the first titled mention

    @property
    def province(self) -> Entry | None:
        """The one province the posts tie the person to, if there is exactly one."""
        provinces = {p.province.key: p.province for p in self.posts if p.province is not None}
        return next(iter(provinces.values())) if len(provinces) == 1 else None


@dataclass(frozen=True)
class Event:
    """The meeting an article reports, or the issuing of the document the text is."""

    kinds: tuple[str, ...]
    date: date | None  # None when the text gives none (``notes`` then says so)
    label: str
    cluster: Entry | None
    host: Entry | None
    reporting_year: int | None
    reporting_period: str | None
    presided_by: tuple[str, ...]  # person keys
    attended_by: tuple[str, ...]  # person keys
    evidence: Evidence
    document: str | None = None  # the number of the document issued (ISSUANCE)
    notes: tuple[str, ...] = ()  # extraction notes (DATE_NOT_STATED, YEAR_INFERRED)
    not_after: date | None = None  # undated: the end of the month the text gives, if any


@dataclass(frozen=True)
class ClusterMention:
    """A cluster under the name the article gives it."""

    cluster: Entry
    name_as_written: str
    evidence: Evidence


@dataclass(frozen=True)
class Membership:
    """A province listed as a member of a cluster in a year (None: the source gives no date
    at all; ``notes`` then says so, and the fact is kept like any other undated one)."""

    cluster: Entry
    province: Entry
    year: int | None
    status: str
    evidence: Evidence
    notes: tuple[str, ...] = ()  # DATE_NOT_STATED when ``year`` is None


@dataclass(frozen=True)
class ClusterRole:
    """A chair ("chair") or vice-chair ("vice-chair") of a cluster for an emulation year."""

    cluster: Entry
    role: str
    year: int
    province: Entry
    status: str
    evidence: Evidence
    notes: tuple[str, ...] = ()  # YEAR_INFERRED when no year is written with the role


@dataclass(frozen=True)
class Decision:
    """The document that confers an award."""

    number: str
    key: str  # document key ("946-qd-ubnd-bac-kan-2023")
    date: date | None


@dataclass(frozen=True)
class Award:
    """An award proposed, conferred or stated, for one recipient or a counted group."""

    award_type: Entry
    status: str
    merit_year: int | None
    merit_period: str | None  # a span of years as written, when there is no single merit year
    recipient: Entry | None  # province, organisation or person; None when only counted
    count_collectives: int | None
    count_individuals: int | None
    count_recipients: int | None
    recipient_description: str | None
    authority_key: str | None  # organisation key ("ubnd-ha-nam")
    decision: Decision | None
    evidence: Evidence
    # A recipient that is an organisation ("Sở Nội vụ tỉnh Bình Phước"): its province, if named.
    recipient_province: Entry | None = None
    # Set when the award type is read from its name, not the tables: the article's graph
    # declares it (tdkt:awardKind local name, tdkt:recipientKind local names).
    type_kind: str | None = None
    type_recipients: tuple[str, ...] = ()


@dataclass(frozen=True)
class Citation:
    """A legal or party document cited by the article."""

    document_key: str
    document: Entry | None  # the gazetteer's document, when known
    number_as_written: str | None
    number: str | None
    stated_date: date | None
    stated_date_text: str | None
    date_agreement: str | None  # AGREES, DISAGREES, UNVERIFIABLE; None without a stated date
    speaker: str | None  # person key
    evidence: Evidence
    document_type: str | None = None  # DocumentTypeScheme local name, read from the number


@dataclass(frozen=True)
class CampaignMention:
    """An emulation campaign (phong trào thi đua) named in the article."""

    campaign: Entry
    name_as_written: str
    evidence: Evidence


@dataclass(frozen=True)
class ArticleFacts:
    """One article and everything read from it."""

    article: Article
    events: tuple[Event, ...] = ()
    clusters: tuple[ClusterMention, ...] = ()
    memberships: tuple[Membership, ...] = ()
    roles: tuple[ClusterRole, ...] = ()
    awards: tuple[Award, ...] = ()
    citations: tuple[Citation, ...] = ()
    officials: tuple[Official, ...] = ()
    campaigns: tuple[CampaignMention, ...] = ()

    def with_person_keys(self, keys: dict[str, str]) -> ArticleFacts:
        """The same facts with person keys renamed (corpus-wide homonym suffixes)."""
        if not keys:
            return self

        def k(key: str | None) -> str | None:
            return keys.get(key, key) if key is not None else None

        return replace(
            self,
            officials=tuple(replace(o, key=k(o.key)) for o in self.officials),
            events=tuple(
                replace(
                    e,
                    presided_by=tuple(k(p) for p in e.presided_by),
                    attended_by=tuple(k(p) for p in e.attended_by),
                )
                for e in self.events
            ),
            citations=tuple(replace(c, speaker=k(c.speaker)) for c in self.citations),
            awards=tuple(
                replace(a, recipient=replace(a.recipient, key=k(a.recipient.key)))
                if a.recipient is not None and a.recipient.kind == "person"
                else a
                for a in self.awards
            ),
        )
