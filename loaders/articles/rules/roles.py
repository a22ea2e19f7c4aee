"""Chairs (Cụm trưởng) and vice-chairs (Cụm phó) of a cluster for an emulation year.

A role word binds the province written just before it, joined only by linking words
("UBND tỉnh Lâm Đồng là Cụm trưởng", "tỉnh Tuyên Quang được giao nhiệm vụ cụm trưởng",
"tỉnh Bắc Giang, đơn vị Trưởng cụm", "UBND tỉnh Lâm Đồng (đại diện Cụm phó"), where an
official's name may stand between ("UBND tỉnh X Nguyễn Văn A (Cụm trưởng …)"), or else just
after it ("Cụm trưởng năm 2024 là tỉnh X", "bàn giao nhiệm vụ Cụm trưởng cho tỉnh X"). A
role word with no province ("suy tôn các đơn vị là Cụm trưởng, cụm phó") states nothing and
yields nothing.

Status is the nearest cue before it in the sentence: đề xuất / đề nghị → proposed, suy tôn /
bầu → elected, được giao / giao nhiệm vụ → assigned; none → stated. A cue governs the
coordinated roles that follow it ("đề xuất X là Cụm trưởng, Y là Cụm phó").

Year is the first year after the role word in the sentence, else the last before it, else
the year the event reviews. The province is the unit of that name in that year (on 1 January,
as the reference tables read years): "năm 2024 tỉnh Gia Lai là Cụm trưởng" written in
September 2025 names the Gia Lai of 2024, not the province the 2025 merger made.

The year's last case is "Phạm S, Phó Chủ tịch UBND tỉnh Lâm Đồng
(đại diện Cụm phó Cụm Thi đua)" at the conference reviewing 2023: a review is run by the
office-holders of the year reviewed, so the stated vice-chair is for 2023.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from datetime import date

from tdkt.loaders.articles.dates import PeriodMention
from tdkt.loaders.articles.facts import (
    ASSIGNED,
    ELECTED,
    PROPOSED,
    STATED,
    YEAR_INFERRED,
    ClusterRole,
)
from tdkt.loaders.articles.reader import Article
from tdkt.loaders.articles.rules.common import (
    Context,
    Span,
    evidence,
    sector_held,
    sentences,
    status_before,
    year_near,
    years_in,
)
from tdkt.loaders.gazetteer import Entry, Gazetteer, Match

# On folded text (no diacritics): vice-chair forms first, so "phó trưởng cụm" is not a chair.
_ROLE = re.compile(
    r"\b(?P<vice>pho truong cum|pho cum truong|cum pho|pho cum)\b"
    r"|\b(?P<chair>cum truong|truong cum)\b"
)
# What may stand between a province and its role word.
_LINK_BEFORE = re.compile(
    r"[\s,(]*(?:(?:la|lam|giu|duoc|giao|nhiem vu|vai tro|suy ton|bau|don vi|dai dien|chuc)"
    r"[\s,(]*)*"
)
_LINK_AFTER = re.compile(
    r"(?:\s|,|:|\bcum thi dua\b|\bthi dua\b|\bnam \d{4}\b|\bla\b|\bthuoc ve\b|\bcho\b)*"
    r"(?:\b(?:ubnd|uy ban nhan dan)\s+)?"
)


def extract(article: Article, context: Context, gazetteer: Gazetteer) -> list[ClusterRole]:
    facts: list[ClusterRole] = []
    seen: set[tuple[str, str, int, str]] = set()
    for sentence in sentences(article):
        folded_text = sentence.folded()
        roles = list(_ROLE.finditer(folded_text))
        if not roles:
            continue
        provinces = gazetteer.find_provinces(sentence.text, context.date, sentence.start)
        clusters = gazetteer.find_clusters(sentence.text, sentence.start)
        unnamed = _without_names(folded_text, sentence, context)  # once: linear in the sentence
        for index, role in enumerate(roles):
            start, end = sentence.start + role.start(), sentence.start + role.end()
            province = _bound(sentence, unnamed, provinces, start, end)
            cluster = _cluster_for(clusters, start) or context.cluster
            if province is None or cluster is None or sector_held(article.text, province.start):
                continue  # no province, no cluster, or a sector body's role (look-alike)
            status = status_before(sentence, start) or STATED
            near = _own_year(sentence, roles, index)
            year = near.year if near else _unwritten_year(context, status)
            if year is None:
                continue
            name = "vice-chair" if role.group("vice") else "chair"
            key = (cluster.key, name, year, province.entry.key)
            if key in seen:
                continue
            seen.add(key)
            # The quote runs from the province to the role word and the year read with it.
            bounds = [province.start, province.end, start, end]
            bounds += [near.start, near.end] if near else []
            span = (min(bounds), max(bounds))
            facts.append(
                ClusterRole(
                    cluster=cluster,
                    role=name,
                    year=year,
                    province=gazetteer.province(province.text, date(year, 1, 1)) or province.entry,
                    status=status,
                    evidence=evidence(article, *span),
                    notes=() if near else (YEAR_INFERRED,),
                )
            )
    return facts


def _own_year(sentence: Span, roles: list[re.Match[str]], index: int) -> PeriodMention | None:
    """The year written with the role word: the first after it, else the last before it, never
    past a neighbouring role word ("X làm Cụm trưởng, thay Y là Cụm trưởng năm 2023")."""
    low = sentence.start + (roles[index - 1].end() if index else 0)
    high = sentence.start + (
        roles[index + 1].start() if index + 1 < len(roles) else len(sentence.text)
    )
    role = roles[index]
    start, end = sentence.start + role.start(), sentence.start + role.end()
    near = year_near(sentence, start, end)
    if near is not None and low <= near.start and near.end <= high:
        return near
    before = [p for p in years_in(sentence) if low <= p.start and p.end <= start]
    return before[-1] if before else None


def _unwritten_year(context: Context, status: str) -> int | None:
    """A role with no year of its own: at a review of year N, one elected, assigned or
    proposed is for N + 1 (the meeting hands over the next year); one stated is N's."""
    reviewed = context.event.reporting_year if context.event is not None else None
    if reviewed is not None and status in (ELECTED, ASSIGNED, PROPOSED):
        return reviewed + 1
    return context.default_year


def _bound(
    sentence: Span, folded_text: str, provinces: list[Match], start: int, end: int
) -> Match | None:
    """The province the role word at [start, end) is about, if the text ties one to it."""
    base = sentence.start
    # provinces are in text order and do not overlap: bisect, not a scan per role word
    before = bisect_right(provinces, start, key=lambda p: p.end)
    if before:
        last = provinces[before - 1]
        if _LINK_BEFORE.fullmatch(folded_text, last.end - base, start - base):
            return last
    link = _LINK_AFTER.match(folded_text, end - base)
    after = bisect_left(provinces, end, key=lambda p: p.start)
    if after < len(provinces) and link and provinces[after].start - base == link.end():
        return provinces[after]
    return None


def _without_names(folded_text: str, sentence: Span, context: Context) -> str:
    """The folded sentence with officials' names blanked: "Chủ tịch UBND tỉnh Sóc Trăng Trần
    Văn Lâu (Cụm trưởng …)" ties Sóc Trăng to the role across the chairman's name."""
    chars = list(folded_text)
    for official in context.officials:
        for m in official.mentions:
            if sentence.start <= m.start and m.end <= sentence.end:
                chars[m.start - sentence.start : m.end - sentence.start] = " " * (m.end - m.start)
    return "".join(chars)


def _cluster_for(clusters: list[Match], start: int) -> Entry | None:
    """A cluster named in the same sentence before the role word."""
    before = [c for c in clusters if c.start < start]
    return before[-1].entry if before else (clusters[0].entry if clusters else None)
