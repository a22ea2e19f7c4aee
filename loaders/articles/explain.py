"""What the extractor did not read: sentences with a cue of a fact family that gave no fact.

A curator wants to see, without reading every article, where a cluster role, an award form, a
document number or an official's title is written but nothing was extracted from that
sentence. Cues are a looser net than the rules' grammar on purpose: a cue that the grammar
does not accept is exactly what this report is for.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from tdkt.loaders.articles.facts import ArticleFacts, Evidence
from tdkt.loaders.articles.rules.award_forms import find_forms
from tdkt.loaders.articles.rules.common import Span, paragraphs, sentences
from tdkt.loaders.document_numbers import NUMBER

_ROLE_CUE = re.compile(r"\b(?:cum truong|truong cum|cum pho|pho cum)\b")
# A number with an issuer code ("12/KH-UBND", "34-CT/TW"), not a date or a plain count.
_NUMBER_CUE = re.compile(rf"(?<![\w/.\-])(?=\S*[A-ZĐ]){NUMBER}")
_TITLE_CUE = re.compile(
    r"(?<!\w)(?:Phó\s+)?(?:Chủ\s+tịch|Bí\s+thư|Giám\s+đốc|Trưởng\s+ban|Bộ\s+trưởng|Thứ\s+trưởng"
    r"|Chánh\s+(?:Văn\s+phòng|Thanh\s+tra)|Tổng\s+Biên\s+tập|Vụ\s+trưởng|Cục\s+trưởng)(?!\w)"
)


@dataclass(frozen=True)
class Unread:
    """A sentence that mentions a fact family (``family``) but yielded no fact of it."""

    family: str
    start: int
    end: int
    text: str


def _roles(facts: ArticleFacts) -> Iterable[Evidence]:
    return (r.evidence for r in facts.roles)


def _awards(facts: ArticleFacts) -> Iterable[Evidence]:
    return (a.evidence for a in facts.awards)


def _citations(facts: ArticleFacts) -> Iterable[Evidence]:
    return (c.evidence for c in facts.citations)


def _titles(facts: ArticleFacts) -> Iterable[Evidence]:
    for official in facts.officials:
        yield official.evidence
        yield from official.mentions
        yield from (post.evidence for post in official.posts)


# Family, whether a text (a sentence, or its paragraph) has its cue, where its facts were read.
# Every cue is a regex whose lookarounds see no further than the space between two sentences,
# so a sentence has the cue only if its paragraph has it: the sentences of a paragraph without
# it are not read one by one.
_Family = tuple[str, Callable[[Span], bool], Callable[[ArticleFacts], Iterable[Evidence]]]
_FAMILIES: tuple[_Family, ...] = (
    ("cluster role", lambda s: _ROLE_CUE.search(s.folded()) is not None, _roles),
    ("award", lambda s: bool(find_forms(s.text)), _awards),
    ("document number", lambda s: _NUMBER_CUE.search(s.text) is not None, _citations),
    ("title", lambda s: _TITLE_CUE.search(s.text) is not None, _titles),
)


def unread(facts: ArticleFacts) -> list[Unread]:
    """Every sentence with a family's cue and no fact of that family read from it, in text
    order (a sentence may appear once per family)."""
    found: list[Unread] = []
    spans = sentences(facts.article)
    for family, has_cue, read in _FAMILIES:
        evidence = list(read(facts))
        cued = [p for p in paragraphs(facts.article) if has_cue(p)]
        for sentence in (s for s in spans if any(p.start <= s.start < p.end for p in cued)):
            if has_cue(sentence) and not any(
                e.start < sentence.end and sentence.start < e.end for e in evidence
            ):
                found.append(Unread(family, sentence.start, sentence.end, sentence.text.strip()))
    return sorted(found, key=lambda u: (u.start, u.family))
