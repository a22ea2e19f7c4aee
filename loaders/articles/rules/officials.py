"""Officials: a personal name next to a title (one or more posts), in either order.

Titles and the bodies and provinces their posts name are read by ``titles``. A title
directly before a name is title-first ("Giám đốc Sở Nội vụ Bình Định Lê Minh Tuấn"); a name
then ", " / " - " and a title is name-first ("Lê Ánh Dương - Phó Bí thư Tỉnh ủy, Chủ tịch
UBND tỉnh"). A name is 2–4 capitalised syllables whose first is a Vietnamese surname
(compared without diacritics, so a typo such as "Đăng" for "Đặng" still reads as a surname).

Person keys. A person's key is the slug of the name, so spellings that differ only in
diacritics ("Đăng Thị Ngọc Thịnh", "Đặng Thị Ngọc Thịnh") are one person. When one name is
seen with posts tied to *different* provinces (in one article, or across a corpus — see
``homonym_keys``), each of those people gets the key ``{name}-{province key}``; a person with
no provincial post keeps the bare key. (A person who moved between provinces is split by this
rule; the graph then holds two nodes that a curator can merge.)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from tdkt.loaders.articles.facts import Evidence, Official, Post
from tdkt.loaders.articles.reader import Article
from tdkt.loaders.articles.rules.common import Context, Span, evidence, folded, paragraphs
from tdkt.loaders.articles.rules.titles import titles
from tdkt.loaders.gazetteer import Gazetteer, Match
from tdkt.text import fold, match_key, slug

# Common Vietnamese surnames (general knowledge), compared folded.
_SURNAME_LIST = (
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Lương "
    "Trương Đào Đoàn Vương Trịnh Mai Tô Tôn Hà Lâm Phùng Cao Châu Tạ Thái Lưu Kiều Quách "
    "Triệu Hứa La Lại Mạc Nông Chu Thân Phương Khúc Tăng Lục Giang Âu Hầu Lò Quan Nghiêm "
    "Kim Doãn Diệp Đàm Đồng Bạch Ông Ninh Từ Trang Lã Vi Khổng Hàn Thạch Tống Đường Quang "
    "Sầm Cù Ma Đới Văn"
)
SURNAMES = frozenset(fold(s) for s in _SURNAME_LIST.split())

_BEFORE_NAME = re.compile(r"\s*(?:,\s*)?(?:(?:đồng\s+chí|đ/c|ông|bà)\s+)?", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")
# A title after these words names someone the person acts for or belongs to, not the person.
_ON_BEHALF = re.compile(r"(?:\bcủa|thay\s+mặt|(?:ủy|uỷ)\s+quyền)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class _Titled:
    """A name and the posts next to it, in one paragraph."""

    name_start: int
    name_end: int
    name: str
    posts: tuple[Post, ...]


def extract(article: Article, context: Context, gazetteer: Gazetteer) -> list[Official]:
    """Every person named with a post, with all the places the name occurs."""
    titled: list[_Titled] = []
    for paragraph in paragraphs(article):
        provinces = gazetteer.find_provinces(paragraph.text, context.date, paragraph.start)
        titled += _titled(article, paragraph, provinces, context, gazetteer)
    return _people(article, titled)


def homonym_keys(officials: Iterable[Official]) -> dict[tuple[str, str | None], str]:
    """Keys for people seen across sources: ``(key, province key) → final key``. A name tied
    to two or more provinces gets a province suffix on each provincial person."""
    provinces: dict[str, set[str]] = {}
    for official in officials:
        if official.province is not None:
            provinces.setdefault(official.key, set()).add(official.province.key)
    return {
        (key, province): f"{key}-{province}"
        for key, seen in provinces.items()
        if len(seen) > 1
        for province in seen
    }


# ------------------------------------------------------------------ names


def _titled(
    article: Article,
    paragraph: Span,
    provinces: list[Match],
    context: Context,
    gazetteer: Gazetteer,
) -> list[_Titled]:
    text, base = paragraph.text, paragraph.start
    blocked = [(p.start - base, p.end - base) for p in provinces]
    people: list[_Titled] = []
    for title in titles(article, paragraph, provinces, context, gazetteer):
        if _ON_BEHALF.search(text[: title.start - base]):
            continue  # "Thừa ủy quyền của Chủ tịch nước, đồng chí X": not X's own post
        after = _name_after(text, title.end - base, blocked)
        if after is not None:
            people.append(
                _Titled(base + after[0], base + after[1], text[slice(*after)], title.posts)
            )
            continue
        before = _name_before(text, title.start - base, blocked)
        if before is not None:
            people.append(
                _Titled(base + before[0], base + before[1], text[slice(*before)], title.posts)
            )
    return people


def _is_name(words: list[re.Match[str]]) -> bool:
    return (
        2 <= len(words) <= 4
        and fold(words[0].group()) in SURNAMES
        and all(
            w.group()[0].isupper() and w.group()[1:].islower() or len(w.group()) == 1 for w in words
        )
        and all(words[i].end() + 1 == words[i + 1].start() for i in range(len(words) - 1))
    )


def _capitalised_run(text: str, start: int, forward: bool) -> list[re.Match[str]]:
    """Up to four capitalised words separated by single spaces, from ``start`` on."""
    if forward:
        words = []
        for w in _WORD.finditer(text, start):
            expected = start if not words else words[-1].end() + 1
            if w.start() != expected or not w.group()[0].isupper() or len(words) == 4:
                break
            words.append(w)
        return words
    words = list(_WORD.finditer(text, 0, start))
    run: list[re.Match[str]] = []
    end = start
    for w in reversed(words):
        if w.end() != end or not w.group()[0].isupper() or len(run) == 4:
            break
        run.insert(0, w)
        end = w.start() - 1
        if end < 0 or text[end] != " ":
            break
    return run


def _overlaps(span: tuple[int, int], blocked: list[tuple[int, int]]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in blocked)


def _name_after(text: str, end: int, blocked: list[tuple[int, int]]) -> tuple[int, int] | None:
    gap = _BEFORE_NAME.match(text, end)
    start = gap.end() if gap else end
    if start == end and end < len(text) and not text[end].isspace():
        return None
    run = _capitalised_run(text, start, forward=True)
    while len(run) >= 2 and not _is_name(run):
        run = run[:-1]
    if len(run) < 2 or not _is_name(run):
        return None
    span = (run[0].start(), run[-1].end())
    return None if _overlaps(span, blocked) else span


def _name_before(text: str, start: int, blocked: list[tuple[int, int]]) -> tuple[int, int] | None:
    head = text[:start]
    sep = re.search(r"\s*(?:,|-|–|\()\s*$", head)
    if sep is None:
        return None
    run = _capitalised_run(text, sep.start(), forward=False)
    while len(run) >= 2 and not _is_name(run):
        run = run[1:]
    if len(run) < 2 or not _is_name(run):
        return None
    span = (run[0].start(), run[-1].end())
    return None if _overlaps(span, blocked) else span


# ------------------------------------------------------------------ people


def _people(article: Article, titled: list[_Titled]) -> list[Official]:
    """Group titled mentions into people and find every other place their names occur."""
    groups: dict[tuple[str, str | None], list[_Titled]] = {}
    for item in titled:
        groups.setdefault((slug(item.name), _province_key(item.posts)), []).append(item)
    # A mention without a provincial post joins the one provincial person of that name.
    for key, province in list(groups):
        provincial = [g for g in groups if g[0] == key and g[1] is not None]
        if province is None and len(provincial) == 1:
            groups[provincial[0]] += groups.pop((key, None))
    split = Counter(key for key, _ in groups)
    officials = []
    for (key, province), items in groups.items():
        final = f"{key}-{province}" if split[key] > 1 and province else key
        officials.append(_official(article, final, items))
    officials.sort(key=lambda o: o.evidence.start)
    return _with_bare_mentions(article, officials)


def _province_key(posts: tuple[Post, ...]) -> str | None:
    keys = {p.province.key for p in posts if p.province is not None}
    return next(iter(keys)) if len(keys) == 1 else None


def _official(article: Article, key: str, items: list[_Titled]) -> Official:
    posts: dict[tuple[str, str | None], Post] = {}
    for item in sorted(items, key=lambda i: i.name_start):
        for post in item.posts:
            posts.setdefault((match_key(post.role), post.organization_key), post)
    kept = [p for k, p in posts.items() if not _subsumed(k, posts)]
    mentions = [evidence(article, i.name_start, i.name_end) for i in items]
    first = min(items, key=lambda i: i.name_start)
    return Official(
        key=key,
        name=first.name,
        spellings=(),
        posts=tuple(kept),
        mentions=tuple(sorted(set(mentions), key=lambda e: e.start)),
        evidence=evidence(article, first.name_start, first.name_end),
    )


def _subsumed(key: tuple[str, str | None], posts: dict) -> bool:
    """ "Phó Chủ tịch UBND" is implied by "Phó Chủ tịch Thường trực UBND" of the same body."""
    role, org = key
    return any(o == org and r != role and r.startswith(role + " ") for r, o in posts)


def _with_bare_mentions(article: Article, officials: list[Official]) -> list[Official]:
    """Add every occurrence of each name (any spelling) and pick the commonest spelling. Where
    one name belongs to two people, an occurrence goes to the one last introduced before it."""
    text = folded(article.text)
    found: list[list[Evidence]] = [list(o.mentions) for o in officials]
    by_name: dict[str, list[int]] = {}
    for i, official in enumerate(officials):
        by_name.setdefault(fold(official.name), []).append(i)
    for name, owners in by_name.items():
        pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, name.split())) + r"(?!\w)")
        for m in pattern.finditer(text):
            if _in_paragraph(article, m.start()):
                owner = _owner(officials, owners, m.start())
                found[owner].append(Evidence(m.start(), m.end(), article.text[m.start() : m.end()]))
    result = []
    for official, mentions in zip(officials, found, strict=True):
        unique = tuple(sorted(set(mentions), key=lambda e: e.start))
        counts = Counter(m.quote for m in unique)
        name = max(counts, key=lambda s: (counts[s], -_first(unique, s)))
        spellings = tuple(sorted(s for s in counts if s != name))
        result.append(replace(official, name=name, spellings=spellings, mentions=unique))
    return result


def _owner(officials: list[Official], owners: list[int], start: int) -> int:
    introduced = [i for i in owners if officials[i].evidence.start <= start]
    return max(introduced, key=lambda i: officials[i].evidence.start) if introduced else owners[0]


def _first(mentions: tuple[Evidence, ...], spelling: str) -> int:
    return min(m.start for m in mentions if m.quote == spelling)


def _in_paragraph(article: Article, start: int) -> bool:
    return any(p.start <= start < p.end for p in article.paragraphs)
