"""Signature blocks of legal texts: the signer's post on one line, the name on a later one.

A Vietnamese decision ends with a delegation line ("KT. THỦ TƯỚNG", "TM. ỦY BAN NHÂN
DÂN", "TL. BỘ TRƯỞNG"; none needed when the post is in capitals), the signer's post ("PHÓ
THỦ TƯỚNG", "Phó Thủ tướng"), optionally
"(Đã ký)" or a seal note in brackets, and the name. Only that layout counts: the one-line
"Người ký: X" of a legal database names no post and is not read.

The block is read line by line (blank lines skipped), so the work is linear in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tdkt.loaders.articles.facts import Post
from tdkt.loaders.articles.reader import Article
from tdkt.loaders.articles.rules.common import evidence
from tdkt.loaders.articles.rules.names import WORD, is_name
from tdkt.loaders.articles.rules.titles import BARE_ROLE
from tdkt.loaders.gazetteer import Gazetteer
from tdkt.text import fold

_LINE = re.compile(r"[^\n]+")
_DELEGATION = re.compile(r"(?:KT|TM|TL|TUQ|Q)\s*\.?\s*\S[^\n]{0,80}", re.IGNORECASE)
_POST_LINE = re.compile(rf"(?:{BARE_ROLE})", re.IGNORECASE)
_SIGNED = re.compile(r"[(\[][^\n]{0,40}[)\]]")  # "(Đã ký)", "[daky]", "(Đã ký và đóng dấu)"
# A post whose body the post word itself names.
_BODY_OF = {"thu tuong": "Chính phủ", "chu tich nuoc": "Chủ tịch nước"}


@dataclass(frozen=True)
class Signed:
    """A signer: the name's offsets and the post the block gives."""

    start: int
    end: int
    name: str
    post: Post


def signers(article: Article, gazetteer: Gazetteer) -> list[Signed]:
    """Every signer of a signature block in the article's text."""
    text = article.text
    lines = [m for m in _LINE.finditer(text) if m.group().strip()]
    found = []
    for i, line in enumerate(lines):
        role = line.group().strip()
        if not _POST_LINE.fullmatch(role) or not (role.isupper() or i and _delegated(lines[i - 1])):
            continue
        rest = lines[i + 1 : i + 3]
        if rest and _SIGNED.fullmatch(rest[0].group().strip()):
            rest = rest[1:]
        if not rest:
            continue
        name = rest[0]
        words = list(WORD.finditer(text, name.start(), name.end()))
        if text[name.start() : name.end()].strip() != " ".join(w.group() for w in words):
            continue
        if not is_name([w.group() for w in words], marked=True):
            continue
        start = line.start() + line.group().index(role)
        post = _post(article, role, start, start + len(role), gazetteer)
        found.append(Signed(words[0].start(), words[-1].end(), name.group().strip(), post))
    return found


def _delegated(line: re.Match[str]) -> bool:
    return _DELEGATION.fullmatch(line.group().strip()) is not None


def _post(article: Article, role: str, start: int, end: int, gazetteer: Gazetteer) -> Post:
    """The signer's post; its body only where the post word names one ("Phó Thủ tướng")."""
    folded = fold(role)
    body = next((name for word, name in _BODY_OF.items() if folded.endswith(word)), None)
    entry = gazetteer.organization(body) if body else None
    return Post(
        title=role,
        role=role.capitalize() if role.isupper() else role,  # "PHÓ THỦ TƯỚNG" → "Phó thủ tướng"
        organization_key=entry.key if entry else None,
        organization_label=body,
        province=None,
        evidence=evidence(article, start, end),
    )
