"""Officials: a personal name next to a title (one or more posts), in either order.

Titles and the bodies and provinces their posts name are read by ``titles``; names by
``names``. A title directly before a name is title-first ("Giám đốc Sở Nội vụ Bình Định Lê
Minh Tuấn"); a name then ", " / " - " / " (" and a title is name-first ("Lê Ánh Dương - Phó
Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh"). A bare post between the name and the title ("X, Vụ
trưởng - Giám đốc …") is passed over.

Person keys. A person's key is the slug of the name. Spellings that differ by a diacritic
("Lê Văn Bình", "Lê Văn Bính") are one person only where something ties them: the same
province, a shared post, or (in one article) both taking part in the event (``_tied``; across
a corpus, ``corpus_keys``). When one slug names people in *different* provinces, each of
those gets the key ``{name}-{province key}``; other people sharing a slug take their spelling
in Telex (``_keys_for``). (A person who moved between provinces is split by this rule; the
graph then holds two nodes that a curator can merge.)
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, replace
from itertools import combinations, pairwise

from tdkt.loaders.articles.facts import Evidence, Official, Post
from tdkt.loaders.articles.reader import Article
from tdkt.loaders.articles.rules.common import (
    Context,
    Span,
    evidence,
    folded,
    paragraphs,
    sentences,
    taking_part,
)
from tdkt.loaders.articles.rules.names import (
    WORD,
    capitalised,
    is_name,
    marked_before,
    run_after,
    run_before,
)
from tdkt.loaders.articles.rules.signatures import signers
from tdkt.loaders.articles.rules.titles import BARE_ROLE, has_post, titles
from tdkt.loaders.gazetteer import Gazetteer, Match
from tdkt.text import match_key, nfc, slug, telex

_BEFORE_NAME = re.compile(
    r"[ \t]*(?:[,\-–][ \t]*)?(?:(?:đồng\s+chí|đ/c|ông|bà)[ \t]+)?", re.IGNORECASE
)
# A title after these words names someone the person acts for or belongs to, not the person.
_ON_BEHALF = re.compile(r"(?:\bcủa|thay\s+mặt|(?:ủy|uỷ)\s+quyền)\s*$", re.IGNORECASE)
# What separates a name from the title after it, with a bare post word between at most.
_NAME_SEP = re.compile(rf"\s*(?:,|-|–|\()\s*(?:(?:{BARE_ROLE})\s*(?:,|-|–)\s*)?$", re.IGNORECASE)
_HONOURED = re.compile(
    r"(?<!\w)(?:đồng\s+chí|đ/c|ông|bà) (?P<name>(?:[^\W\d_]+ ){1,3}[^\W\d_]+)$", re.IGNORECASE
)
_OVERLAP_LOOKBACK = 4  # place names nested or adjacent at one spot
_DASH = re.compile(r"[-–]")
_WINDOW = 80  # characters of context looked at before a title


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
    written = _Written(article.text)
    for paragraph in paragraphs(article):
        if not has_post(paragraph.text):
            continue  # no title, so no official: spare the place-name search
        provinces = gazetteer.find_provinces(paragraph.text, context.date, paragraph.start)
        titled += _titled(article, paragraph, provinces, context, gazetteer, written)
    titled += [_Titled(s.start, s.end, s.name, (s.post,)) for s in signers(article, gazetteer)]
    return _people(article, titled)


@dataclass(frozen=True)
class Seen:
    """What the corpus-wide rule reads of one official of one article: plain data, as it
    crosses from worker processes into the build manifest."""

    key: str  # the article's key for the person
    name: str  # NFC, as the source wrote it
    spellings: tuple[str, ...] = ()  # the other spellings the article gave the same person
    province: str | None = None
    posts: tuple[str, ...] = ()  # "{organization key}/{role slug}": posts with a body only


def seen(officials: Iterable[Official]) -> tuple[Seen, ...]:
    """What ``corpus_keys`` needs of an article's officials. A post with no body ("Phó Chủ
    tịch") is left out: across articles it is too common a title to tie two spellings."""
    return tuple(
        Seen(
            key=o.key,
            name=nfc(o.name),
            spellings=tuple(nfc(s) for s in o.spellings),
            province=o.province.key if o.province is not None else None,
            posts=tuple(
                sorted(
                    {f"{p.organization_key}/{slug(p.role)}" for p in o.posts if p.organization_key}
                )
            ),
        )
        for o in officials
    )


def corpus_keys(sources: Mapping[Hashable, Iterable[Seen]]) -> dict[Hashable, dict[str, str]]:
    """Each source's person-key renames (the article's key → the corpus's), from every source's
    officials at once: the same rule as in one article, with the ties read across articles
    (:func:`_corpus_people`). Depends on the sources' content only, not on their order."""
    by_slug: dict[str, list[tuple[Hashable, Seen]]] = {}
    for source, people in sources.items():
        for person in people:
            by_slug.setdefault(slug(person.name), []).append((source, person))
    renames: dict[Hashable, dict[str, str]] = {source: {} for source in sources}
    for found in by_slug.values():
        people = _corpus_people(found)
        keys = _keys_for([(_spelling(p), _province_of(p), len({s for s, _ in p})) for p in people])
        for person, key in zip(people, keys, strict=True):
            for source, one in person:
                if one.key != key:
                    renames[source][one.key] = key
    return renames


_Records = list[tuple[Hashable, Seen]]  # one person's records across sources


def _corpus_people(found: _Records) -> list[_Records]:
    """The people among records of one slug. A spelling (case and tone-mark placement aside)
    in one province is one person; all spellings in one province are one person; a person
    with no provincial post joins the one provincial person it is tied to (the same spelling,
    a spelling the article gave it, or a shared post), and such people join each other by the
    same ties. Where that would merge two people one article keeps apart, each spelling in
    each province stays a person of its own."""
    units: dict[tuple[str, str | None], _Records] = {}
    for source, one in found:
        units.setdefault((match_key(one.name), one.province), []).append((source, one))
    ordered = [units[u] for u in sorted(units, key=lambda u: (u[0], u[1] or ""))]
    by_province: dict[str, _Records] = {}
    for records in ordered:
        if records[0][1].province is not None:
            by_province.setdefault(records[0][1].province, []).extend(records)
    alone: list[_Records] = []
    people = dict(by_province)
    for records in _closure([r for r in ordered if r[0][1].province is None]):
        tied = [p for p in sorted(by_province) if _linked(records, by_province[p])]
        if len(tied) == 1:
            people[tied[0]] = people[tied[0]] + records
        else:
            alone.append(records)
    merged = [people[p] for p in sorted(people)] + alone
    return ordered if any(_split_by_an_article(p) for p in merged) else merged


def _closure(groups: list[_Records]) -> list[_Records]:
    """Groups merged wherever linked, until none are (the result does not depend on order)."""
    groups = list(groups)
    while True:
        pairs = combinations(range(len(groups)), 2)
        pair = next(((i, j) for i, j in pairs if _linked(groups[i], groups[j])), None)
        if pair is None:
            return groups
        groups[pair[0]] = groups[pair[0]] + groups.pop(pair[1])


def _linked(a: _Records, b: _Records) -> bool:
    """A spelling or a post (with its body) in common."""
    return bool(_spellings(a) & _spellings(b)) or bool(
        {p for _, r in a for p in r.posts} & {p for _, r in b for p in r.posts}
    )


def _spellings(records: _Records) -> set[str]:
    return {match_key(s) for _, r in records for s in (r.name, *r.spellings)}


def _split_by_an_article(records: _Records) -> bool:
    """Whether one source gave these records two keys: it named two people."""
    keys: dict[Hashable, str] = {}
    return any(keys.setdefault(source, one.key) != one.key for source, one in records)


def _spelling(records: _Records) -> str:
    """The spelling most records use (then the first in code-point order)."""
    counts = Counter(one.name for _, one in records)
    return min(counts, key=lambda s: (-counts[s], s))


def _province_of(records: _Records) -> str | None:
    provinces = {one.province for _, one in records if one.province is not None}
    return next(iter(provinces)) if len(provinces) == 1 else None


# ------------------------------------------------------------------ names


def _titled(
    article: Article,
    paragraph: Span,
    provinces: list[Match],
    context: Context,
    gazetteer: Gazetteer,
    written: _Written,
) -> list[_Titled]:
    text, base = paragraph.text, paragraph.start
    blocked = sorted((p.start - base, p.end - base) for p in provinces)
    people: list[_Titled] = []
    for title in titles(article, paragraph, provinces, context, gazetteer):
        start = title.start - base
        if _ON_BEHALF.search(text, max(0, start - _WINDOW), start):
            continue  # "Thừa ủy quyền của Chủ tịch nước, đồng chí X": not X's own post
        after = _name_after(text, title.end - base, blocked, title.open_end)
        before = _name_before(text, start, blocked)
        if (
            after is not None
            and before is not None
            and _DASH.search(text, title.end - base, after[0])
        ):
            after = None  # "A - Title - B": the dash before the title binds A to it
        span = after or before or _miscased_before(text, start, written)
        if span is not None:
            people.append(_Titled(base + span[0], base + span[1], text[slice(*span)], title.posts))
    return people


def _overlaps(span: tuple[int, int], blocked: list[tuple[int, int]]) -> bool:
    """Whether the span overlaps a place name; ``blocked`` is sorted and a name is short, so
    only the few place names starting just before the span's end can overlap it."""
    last = bisect_left(blocked, (span[1],))
    return any(e > span[0] for _, e in blocked[max(0, last - _OVERLAP_LOOKBACK) : last])


def _name_after(
    text: str, end: int, blocked: list[tuple[int, int]], open_end: bool
) -> tuple[int, int] | None:
    """The name right after a title ("Chủ tịch UBND tỉnh X, đồng chí Nguyễn Văn An"); after a
    title ending in a district's name, only past a comma or an honorific."""
    gap = _BEFORE_NAME.match(text, end)
    start = gap.end() if gap else end
    if start == end and end < len(text) and not text[end].isspace():
        return None
    if open_end and not text[end:start].strip():
        return None
    run = run_after(text, start)
    marked = marked_before(text, start)
    while len(run) >= 2 and not is_name([w.group() for w in run], marked):
        run = run[:-1]
    return _span(run, blocked)


def _name_before(text: str, start: int, blocked: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The name right before a title ("Nguyễn Văn An - Chủ tịch UBND tỉnh")."""
    sep = _NAME_SEP.search(text, max(0, start - _WINDOW), start)
    if sep is None:
        return None
    run = run_before(text, sep.start())
    while len(run) >= 2:
        if is_name([w.group() for w in run], marked_before(text, run[0].start())):
            return _span(run, blocked)
        run = run[1:]
    return None


class _Written:
    """Whether the article writes a phrase somewhere; each phrase is searched for once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.seen: dict[str, bool] = {}

    def __contains__(self, phrase: str) -> bool:
        if phrase not in self.seen:
            self.seen[phrase] = phrase in self.text
        return self.seen[phrase]


def _miscased_before(text: str, start: int, whole: _Written) -> tuple[int, int] | None:
    """A name after an honorific with a syllable typed in lower case ("đồng chí Nguyễn Văn
    an, Chủ tịch …"), read only where the article also writes it correctly elsewhere."""
    sep = _NAME_SEP.search(text, max(0, start - _WINDOW), start)
    if sep is None:
        return None
    found = _HONOURED.search(text, max(0, sep.start() - _WINDOW), sep.start())
    if found is None:
        return None
    words = found.group("name").split()
    fixed = [w[0].upper() + w[1:] for w in words]
    if fixed == words or not is_name(fixed, marked=False) or " ".join(fixed) not in whole:
        return None
    return found.start("name"), found.end("name")


def _span(run: list[re.Match[str]], blocked: list[tuple[int, int]]) -> tuple[int, int] | None:
    if len(run) < 2:
        return None
    span = (run[0].start(), run[-1].end())
    return None if _overlaps(span, blocked) else span


# ------------------------------------------------------------------ people


def _people(article: Article, titled: list[_Titled]) -> list[Official]:
    """Group titled mentions into people and find every other place their names occur."""
    people = _tied(article, _by_spelling(titled))
    officials = [
        _official(article, key, items) for key, items in zip(_keys(people), people, strict=True)
    ]
    officials.sort(key=lambda o: o.evidence.start)
    return _with_bare_mentions(article, officials)


def _by_spelling(titled: list[_Titled]) -> list[list[_Titled]]:
    """Mentions of one spelling (case and tone-mark placement aside) and one province; a
    mention without a provincial post joins the one provincial person of that spelling."""
    groups: dict[tuple[str, str | None], list[_Titled]] = {}
    for item in titled:
        groups.setdefault((match_key(item.name), _province_key(item.posts)), []).append(item)
    provincial: dict[str, list[tuple[str, str | None]]] = {}
    for group in groups:
        if group[1] is not None:
            provincial.setdefault(group[0], []).append(group)
    for spelling, province in list(groups):
        if province is None and len(provincial.get(spelling, ())) == 1:
            groups[provincial[spelling][0]] += groups.pop((spelling, None))
    return list(groups.values())


@dataclass(frozen=True)
class _Sentences:
    """Where the article's sentences start, and which of them say who presided over or
    attended the event (by index)."""

    spans: tuple[Span, ...]
    starts: list[int]
    taking_part: frozenset[int]

    def of(self, items: list[_Titled]) -> set[int]:
        """The sentences the items' names are in (a signature is in none)."""
        found = ((bisect_right(self.starts, i.name_start) - 1, i.name_start) for i in items)
        return {n for n, at in found if n >= 0 and at < self.spans[n].end}


def _tied(article: Article, groups: list[list[_Titled]]) -> list[list[_Titled]]:
    """Spellings that differ by a diacritic ("Lê Văn Bình", "Lê Văn Bính") are one person
    only where something ties them: the same province, a shared post, or both taking part
    in the event (each named in a sentence saying who presided or attended). Never across
    two provinces, and never two spellings that one sentence names: it names two people."""
    spellings = Counter(slug(g[0].name) for g in {match_key(g[0].name): g for g in groups}.values())
    if all(n == 1 for n in spellings.values()):
        return groups  # no two spellings share a slug: nothing to tie (the common case)
    every = sentences(article)
    text = _Sentences(
        every,
        [s.start for s in every],
        frozenset(i for i, s in enumerate(every) if taking_part(s.text)),
    )
    people: list[list[_Titled]] = []
    by_slug: dict[str, list[list[_Titled]]] = {}
    for group in groups:  # in order of first mention
        bucket = by_slug.setdefault(slug(group[0].name), [])
        tie = next((p for p in bucket if _ties(p, group, text)), None)
        if tie is None:
            bucket.append(list(group))
            people.append(bucket[-1])
        else:
            tie += group
    return people


def _ties(a: list[_Titled], b: list[_Titled], text: _Sentences) -> bool:
    if {match_key(i.name) for i in a} & {match_key(i.name) for i in b}:
        return False  # one spelling: its groups differ by province
    provinces_a, provinces_b = _provinces(a), _provinces(b)
    in_a, in_b = text.of(a), text.of(b)
    if len(provinces_a | provinces_b) > 1 or in_a & in_b:
        return False
    return (
        bool(provinces_a and provinces_a == provinces_b)
        or bool(_post_keys(a) & _post_keys(b))
        or bool(in_a & text.taking_part and in_b & text.taking_part)
    )


def _provinces(items: list[_Titled]) -> set[str]:
    return {p.province.key for i in items for p in i.posts if p.province is not None}


def _post_keys(items: list[_Titled]) -> set[tuple[str, str | None]]:
    """A post is the same post by its role and body; with no body key, by its title."""
    return {
        (match_key(p.role), p.organization_key)
        if p.organization_key
        else (match_key(p.title), None)
        for item in items
        for p in item.posts
    }


def _keys(people: list[list[_Titled]]) -> list[str]:
    """Each person's key by :func:`_keys_for` (one article: one source each)."""
    return _keys_for([(g[0].name, _province_key(_all_posts(g)), 1) for g in people])


def _keys_for(people: list[tuple[str, str | None, int]]) -> list[str]:
    """Keys for people given as (name, province key, sources naming them), in their order.
    The slug of the name; where one slug names people in two or more provinces, each
    provincial person's key takes the province; among people left with one key, the one
    named by most sources (then first in Telex order) keeps it and the others take their
    spelling in Telex ("le-van-binh", "lee-vawn-binhs")."""
    provinces: dict[str, set[str]] = {}
    for name, province, _ in people:
        provinces.setdefault(slug(name), set()).update([province] if province else [])
    keys = [
        f"{slug(name)}-{province}" if province and len(provinces[slug(name)]) > 1 else slug(name)
        for name, province, _ in people
    ]
    order = sorted(
        range(len(people)),
        key=lambda i: (-people[i][2], telex(people[i][0]), people[i][0], people[i][1] or ""),
    )
    taken: set[str] = set()
    for i in order:
        if keys[i] in taken:
            keys[i] = slug(telex(people[i][0]))
        number = 1
        while keys[i] in taken:  # a name written without diacritics: Telex is the slug
            number += 1
            keys[i] = f"{slug(telex(people[i][0]))}-{number}"
        taken.add(keys[i])
    return keys


def _all_posts(items: list[_Titled]) -> tuple[Post, ...]:
    return tuple(p for i in items for p in i.posts)


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
    """Add every occurrence of each name (any spelling) and pick the commonest well-cased
    spelling. Where one name belongs to two people, an occurrence goes to the one last
    introduced before it. One pass over the words, so the work is linear in the text."""
    text = folded(article.text)
    found: list[list[Evidence]] = [list(o.mentions) for o in officials]
    by_name: dict[tuple[str, ...], list[int]] = {}
    for i, official in enumerate(officials):
        by_name.setdefault(tuple(folded(official.name).split()), []).append(i)
    sizes = sorted({len(name) for name in by_name})
    firsts = {name[0] for name in by_name}
    # Words that start a name, found among the plain strings; match objects only if any.
    candidates = [i for i, word in enumerate(WORD.findall(text)) if word in firsts]
    words = list(WORD.finditer(text)) if candidates else []
    paragraphs = article.paragraphs
    starts = [p.start for p in paragraphs]
    for i in candidates:
        first = words[i]
        where = bisect_right(starts, first.start()) - 1
        if where < 0 or first.start() >= paragraphs[where].end:
            continue  # only the article's own paragraphs, not its metadata lines
        for size in sizes:
            run = words[i : i + size]
            owners = by_name.get(tuple(w.group() for w in run))
            if owners is None or len(run) < size or not _spaced(text, run):
                continue
            start, end = first.start(), run[-1].end()
            owner = _owner(officials, owners, start, article.text[start:end])
            found[owner].append(Evidence(start, end, article.text[start:end]))
    result = []
    for official, mentions in zip(officials, found, strict=True):
        unique = tuple(sorted(set(mentions), key=lambda e: e.start))
        counts = Counter(m.quote for m in unique)
        name = max(counts, key=lambda s: (_well_cased(s), counts[s], -_first(unique, s)))
        spellings = tuple(sorted(s for s in counts if s != name))
        result.append(replace(official, name=name, spellings=spellings, mentions=unique))
    return result


def _spaced(text: str, run: list[re.Match[str]]) -> bool:
    """Whether only white space separates the words of a run."""
    return all(text[a.end() : b.start()].isspace() for a, b in pairwise(run))


def _well_cased(spelling: str) -> bool:
    """A spelling with every syllable capitalised beats a typo ("Nguyễn Văn an")."""
    return all(capitalised(w) for w in spelling.split())


def _owner(officials: list[Official], owners: list[int], start: int, spelling: str) -> int:
    """Whose name an occurrence is: among people whose names fold alike, one spelled the same
    way ("Lê Văn Bính" is not "Lê Văn Bình"), else the one last introduced before it."""
    spelled = [i for i in owners if match_key(officials[i].name) == match_key(spelling)]
    owners = spelled or owners
    introduced = [i for i in owners if officials[i].evidence.start <= start]
    return max(introduced, key=lambda i: officials[i].evidence.start) if introduced else owners[0]


def _first(mentions: tuple[Evidence, ...], spelling: str) -> int:
    return min(m.start for m in mentions if m.quote == spelling)
