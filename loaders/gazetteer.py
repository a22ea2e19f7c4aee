"""Match names in text against the reference tables in ``data/``.

Names are compared word by word on ``tdkt.text.match_key`` (case, spacing and tone-mark
placement ignored); ``fold`` (every diacritic dropped) is a fallback used only where the
folded form points at one entry. The longest name wins and spans map back to the text as
written. Provinces resolve against time: on or after the 2025 merger a name means one of the
34 new units, before it one of the 63.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate, repeat
from pathlib import Path
from typing import NamedTuple

from rdflib import URIRef

from tdkt import iris
from tdkt.loaders.document_numbers import normalise_number
from tdkt.text import fold, fold_chars, match_key, slug

from .table_context import Context, packaged_data_dir
from .table_lineage import within
from .table_rows import Row

_WORD = re.compile(r"\w+")
_WORD_SPLIT = re.compile(r"(\w+)")
# Words before a name that make it something other than a province ("thành phố Bắc Kạn" is
# the provincial capital, "huyện Bạch Thông" a district).
_LOCAL_UNIT = {
    match_key(w) for w in ("huyện", "quận", "xã", "phường", "thị xã", "thị trấn", "thôn", "bản")
}
_PROVINCE_PREFIX = {match_key("tỉnh"): "tinh", match_key("thành phố"): "city", "tp": "city"}
# A province name that is also a person's name is read only after "TP"/"thành phố".
_NEEDS_PREFIX = {match_key("Hồ Chí Minh"), match_key("HCM")}
# Common family and middle names: a province name right after one is part of a person's name.
_NAME_PARTS = (
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đào Trịnh Mai "
    "Đoàn Tạ Chu Tôn Kiều Lưu Phùng Quách Triệu Vương Văn Thị Đình Hữu"
)
_PERSON_NAME_PARTS = {match_key(w) for w in _NAME_PARTS.split()}
_ABBREVIATED_NAMES = {"Hồ Chí Minh": "HCM"}  # "TP.HCM", "TP HCM"
# Longer names that contain a province's name and are not the province.
_NOT_PROVINCE_KEYS = [tuple(match_key(n).split()) for n in ("Điện Biên Phủ",)]
_CITY_TYPE = "thành phố trực thuộc trung ương"
# Abbreviations the portals use inside names ("Cờ thi đua của UBND tỉnh").
_ABBREVIATIONS = {"Ủy ban nhân dân": "UBND", "Hội đồng nhân dân": "HĐND"}
_NUMBER_WORDS = ("hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười", "các")
_COUNT_KEYS = {match_key(w) for w in _NUMBER_WORDS}
_CUM, _THI_DUA, _TINH, _CAC = (match_key(w) for w in ("cụm", "thi đua", "tỉnh", "các"))
_CUA, _VA, _MIEN = (match_key(w) for w in ("của", "và", "miền"))


@dataclass(frozen=True)
class Entry:
    """One thing a name can denote; ``valid_from``/``valid_until`` bound when it existed."""

    kind: str
    key: str
    iri: URIRef
    label: str
    valid_from: date | None = None
    valid_until: date | None = None

    def valid_on(self, on: date) -> bool:
        return within(on, self.valid_from, self.valid_until)


@dataclass(frozen=True)
class Match:
    """A name found in text: ``text == source[start:end]`` (offsets include ``offset``)."""

    start: int
    end: int
    text: str
    entry: Entry


class _Token(NamedTuple):  # a tuple: made for every word of every paragraph, so made cheaply
    start: int
    end: int
    word: str
    key: str
    folded: str


@functools.lru_cache(maxsize=1024)
def _tokens(text: str) -> tuple[_Token, ...]:
    """A text's words; cached, as the rules scan one sentence for provinces, clusters, awards
    and campaigns, several times over."""
    # Built with C-level maps (no Python loop per word): split keeps the separators, so the
    # running sum of the parts' lengths gives every word's start and end.
    parts = _WORD_SPLIT.split(text)
    offsets = list(accumulate(map(len, parts), initial=0))
    words = parts[1::2]
    forms = list(map(_word_forms, words))
    keys, folds = [f[0] for f in forms], [f[1] for f in forms]
    fields = zip(offsets[1:-1:2], offsets[2::2], words, keys, folds, strict=True)
    return tuple(map(tuple.__new__, repeat(_Token), fields))


@functools.lru_cache(maxsize=1 << 16)
def _word_forms(word: str) -> tuple[str, str]:
    """A word's match key and folded form; every scan tokenises, and words repeat."""
    return match_key(word), fold(word)


def _keys(name: str) -> tuple[str, ...]:
    return tuple(match_key(name).split())


def _folds(name: str) -> tuple[str, ...]:
    return tuple(fold(w) for w in _WORD.findall(name))


@dataclass
class _NameIndex:
    """Names as word-key sequences; a fold index answers only where it is unambiguous.

    ``prefixes``/``folded_prefixes`` hold every leading run of words of a name, so a scan
    of the text stops at the first word no name continues with.
    """

    exact: dict[tuple[str, ...], list[Entry]] = field(default_factory=dict)
    folded: dict[tuple[str, ...], set[tuple[str, ...]]] = field(default_factory=dict)
    prefixes: set[tuple[str, ...]] = field(default_factory=set)
    folded_prefixes: set[tuple[str, ...]] = field(default_factory=set)
    first_words: set[str] = field(default_factory=set)  # the first word of every name
    first_folds: set[str] = field(default_factory=set)
    longest: int = 0

    def add(self, name: str, entry: Entry) -> None:
        keys = _keys(name)
        if not keys:
            return
        bucket = self.exact.setdefault(keys, [])
        if entry not in bucket:
            bucket.append(entry)
        folds = _folds(name)
        self.folded.setdefault(folds, set()).add(keys)
        self.prefixes.update(keys[:n] for n in range(1, len(keys) + 1))
        self.folded_prefixes.update(folds[:n] for n in range(1, len(folds) + 1))
        self.first_words.add(keys[0])
        if folds:
            self.first_folds.add(folds[0])
        self.longest = max(self.longest, len(keys))

    @functools.cached_property
    def cue(self) -> re.Pattern[str]:
        """Some name, folded, as ``fold_chars`` text reads: a text without one holds no name
        (a spelled match folds alike too), so a scan can skip it without tokenising it."""
        names = sorted((r"\W+".join(map(re.escape, f)) for f in self.folded), key=len, reverse=True)
        return re.compile(r"(?<!\w)(?:" + "|".join(names) + r")(?!\w)")

    def lookup(self, name: str) -> list[Entry]:
        found = self.exact.get(_keys(name))
        if found:
            return list(found)
        return self._unambiguous(_folds(name))

    def first(self, name: str) -> Entry | None:
        """The entry a name denotes, if any (the first where several share it)."""
        found = self.lookup(name)
        return found[0] if found else None

    def _unambiguous(self, folds: tuple[str, ...]) -> list[Entry]:
        names = self.folded.get(folds, set())
        return list(self.exact[next(iter(names))]) if len(names) == 1 else []

    def at(self, tokens: Sequence[_Token], i: int, fold_ok: bool = True) -> tuple[int, list[Entry]]:
        """The longest name starting at token ``i``: (word count, entries), or (0, [])."""
        if i >= len(tokens):
            return 0, []
        first = tokens[i]  # most words start no name: answer those without building a window
        if (first.key,) not in self.prefixes and (
            not fold_ok or (first.folded,) not in self.folded_prefixes
        ):
            return 0, []
        window = tokens[i : i + self.longest]
        n, found = _longest((t.key for t in window), self.prefixes, self.exact.get)
        if n:
            return n, list(found)
        if fold_ok:
            return _longest((t.folded for t in window), self.folded_prefixes, self._unambiguous)
        return 0, []


def _longest(
    words: Iterable[str],
    prefixes: set[tuple[str, ...]],
    lookup: Callable[[tuple[str, ...]], list[Entry] | None],
) -> tuple[int, list[Entry]]:
    """The longest leading run of ``words`` that ``lookup`` answers: (word count, entries)."""
    best: tuple[int, list[Entry]] = (0, [])
    key: tuple[str, ...] = ()
    for word in words:
        key += (word,)
        if key not in prefixes:
            break
        found = lookup(key)
        if found:
            best = (len(key), found)
    return best


def _match(text: str, tokens: Sequence[_Token], i: int, j: int, entry: Entry, offset: int) -> Match:
    start, end = tokens[i].start, tokens[j - 1].end
    return Match(start + offset, end + offset, text[start:end], entry)


def _shifted(matches: tuple[Match, ...], offset: int) -> list[Match]:
    """Matches found at offset 0, moved to ``offset``."""
    if not offset:
        return list(matches)
    return [Match(m.start + offset, m.end + offset, m.text, m.entry) for m in matches]


def _capitalised(tokens: Iterable[_Token]) -> bool:
    return all(t.word[0].isupper() or t.word[0].isdigit() for t in tokens)


def _normal_number(raw: str) -> str:
    """A document number in its canonical form, or as written when it is not one."""
    return normalise_number(raw) or raw


def _variants(name: str) -> set[str]:
    """A name, without "của", and with its usual abbreviations."""
    forms = {name, " ".join(w for w in name.split() if match_key(w) != _CUA)}
    for long, short in _ABBREVIATIONS.items():
        forms |= {f.replace(long, short) for f in forms if long in f}
    return forms


class Gazetteer:
    """Lookups and text scans over the reference tables."""

    def __init__(self, tables: Context) -> None:
        self._provinces = _NameIndex()
        self._province_type: dict[str, str] = {}
        self._province_by_key: dict[str, Entry] = {}
        self._successor: dict[str, str] = {}
        self._predecessors: dict[str, list[str]] = {}
        self._clusters = _NameIndex()
        self._cluster_by_key: dict[str, Entry] = {}
        self._regions = _NameIndex()
        self._awards = _NameIndex()
        self._documents: dict[str, Entry] = {}
        self._document_names: dict[tuple[str, ...], list[tuple[Entry, date | None, date | None]]]
        self._document_names = {}
        self._campaigns = _NameIndex()
        self._organizations = _NameIndex()
        self._load_provinces(tables)
        self._load_clusters(tables.rows("clusters") + tables.rows("cluster_names"))
        self._load_awards(tables.rows("award_types"))
        self._load_documents(tables.rows("legal_documents"), tables.rows("document_aliases"))
        self._load_named("campaign", tables.rows("campaigns"), "campaign_id", self._campaigns)
        organizations = tables.rows("organizations")
        self._load_named("organization", organizations, "org_id", self._organizations)
        # Words that can open a match: a scan skips every other word with one set lookup.
        provinces = self._provinces
        self._province_starts = {k[0] for k in provinces.prefixes | provinces.folded_prefixes}
        self._province_starts |= {p.split()[0] for p in _PROVINCE_PREFIX}
        self._cluster_starts = {k[0] for k in self._clusters.prefixes} | _COUNT_KEYS | {_CUM}
        self._cluster_cue = _cluster_cue(self._clusters, self._regions)
        # The rules scan one sentence several times: each text's scan is kept (at offset 0).
        self._province_scan = functools.lru_cache(maxsize=1024)(self._scan_provinces)
        self._cluster_scan = functools.lru_cache(maxsize=1024)(self._scan_clusters)

    # ---------------------------------------------------------------- loading

    @classmethod
    def load(cls, data_dir: Path | None = None) -> Gazetteer:
        """The tables in ``data_dir`` (default: the package's ``tdkt.data``, cached); a table
        missing from ``data_dir`` is taken from the package, as the table loader does."""
        return _default() if data_dir is None else cls(Context(data_dir))

    def _load_provinces(self, tables: Context) -> None:
        """Units over time come from the table loader's lineage: one rule for both."""
        lineage = tables.lineage
        for unit in lineage.units:
            entry = Entry(
                "province",
                unit.key,
                iris.province(unit.key),
                unit.name,
                unit.valid_from,
                unit.valid_until,
            )
            self._province_by_key[entry.key] = entry
            self._province_type[entry.key] = unit.row.text("type")
            self._add_province_names(entry, unit.name, unit.row.text("full_name_vi"))
        for change in lineage.changes:
            for original in change.originals:
                self._successor[original.key] = change.resulting.key
                self._predecessors.setdefault(change.resulting.key, []).append(original.key)

    def _add_province_names(self, entry: Entry, name: str, full_name: str) -> None:
        for form in (name, full_name, _ABBREVIATED_NAMES.get(name)):
            if form:
                self._provinces.add(form, entry)

    def _load_clusters(self, rows: list[Row]) -> None:
        for row in rows:
            key, name = row.key("cluster_id"), row.text("name_vi")
            entry = self._cluster_by_key.setdefault(
                key, Entry("cluster", key, iris.cluster(key), name)
            )
            self._clusters.add(name, entry)
            region = _region_words(name)
            for form in _region_variants(region) if region else ():
                self._regions.add(form, entry)

    def _load_awards(self, rows: list[Row]) -> None:
        for row in rows:
            name = row.text("name_vi")
            iri = iris.award_type(name)
            entry = Entry("award-type", iri.rsplit("/", 1)[1], iri, name)
            for form in _variants(name):
                self._awards.add(form, entry)

    def _load_documents(self, docs: list[Row], aliases: list[Row]) -> None:
        for row in docs:
            number = _normal_number(row.text("number"))
            issued, in_force = row.date("date_issued"), row.date("date_in_force")
            title = row.optional("title_vi")
            entry = Entry("document", slug(number), iris.document(number), title or number, issued)
            self._documents[match_key(number)] = entry
            if title:
                self._document_names.setdefault(_keys(title), []).append(
                    (entry, in_force or issued, None)
                )
        for row in aliases:
            entry = self.document(row.text("number"))
            if entry is None:
                raise row.error("number", f"unknown document {row.text('number')!r}")
            self._document_names.setdefault(_keys(row.text("alias_vi")), []).append(
                (entry, row.date("valid_from"), row.date("valid_until"))
            )

    def _load_named(self, kind: str, rows: list[Row], id_column: str, index: _NameIndex) -> None:
        mint = iris.campaign if kind == "campaign" else iris.organization
        for row in rows:
            key = row.key(id_column)
            entry = Entry(kind, key, mint(key), row.text("name_vi"))
            for name in (row.text("name_vi"), *row.items("aliases")):
                index.add(name, entry)

    # ---------------------------------------------------------------- provinces

    def province(self, name: str, on: date | None = None) -> Entry | None:
        """The unit a name denotes on a date ("Bắc Kạn" in 2022 → bac-kan; in 2026 the
        merged Thái Nguyên)."""
        words = _WORD.findall(name)
        while words and match_key(" ".join(words[:2])) in _PROVINCE_PREFIX:
            words = words[2:]
        while words and match_key(words[0]) in _PROVINCE_PREFIX:
            words = words[1:]
        return self._in_time(self._provinces.lookup(" ".join(words)), on)

    def _in_time(self, entries: list[Entry], on: date | None) -> Entry | None:
        if not entries:
            return None
        if on is None:
            historic = [e for e in entries if e.valid_from is None]
            return (historic or entries)[0]
        valid = [e for e in entries if e.valid_on(on)]
        if valid:
            return valid[0]
        by_key = self._province_by_key
        for entry in entries:
            key = entry.key
            if entry.valid_until is not None and on > entry.valid_until:
                while key in self._successor and not by_key[key].valid_on(on):
                    key = self._successor[key]
            elif entry.valid_from is not None and on < entry.valid_from:
                before = self._predecessors.get(key, [])
                key = before[0] if len(before) == 1 else key
            if by_key[key].valid_on(on):
                return by_key[key]
        return None

    def find_provinces(self, text: str, on: date | None = None, offset: int = 0) -> list[Match]:
        """Province names in text ("tỉnh Bắc Kạn", "TP. Hồ Chí Minh", "Hòa Bình").

        A match includes the "tỉnh"/"TP"/"thành phố" written before the name. A bare name
        must be capitalised ("hòa bình" is peace); "thành phố X" of a tỉnh is its capital,
        "huyện X" a district, "Hồ Chí Minh" without "TP" the person: none is a province.
        Without ``on``, a name resolves among the 63 units where it can.
        """
        return _shifted(self._province_scan(text, on), offset)

    def _scan_provinces(self, text: str, on: date | None) -> tuple[Match, ...]:
        tokens = _tokens(text)
        starts = self._province_starts
        found: list[Match] = []
        end = 0  # a match's words are not read again
        for i in [i for i, t in enumerate(tokens) if t.key in starts or t.folded in starts]:
            if i < end:
                continue
            prefix, length = _prefix_at(tokens, i)
            n, entries = self._provinces.at(tokens, i + length)
            if n == 0:
                continue
            name = tokens[i + length : i + length + n]
            entry = self._in_time(entries, on)
            end = i + length + n
            if (
                entry is not None
                and not _inside_longer_name(tokens, i + length, n)
                and not _blocked(text, tokens, i, prefix, name, self._unit_type(entry))
            ):
                found.append(_match(text, tokens, i, end, entry, 0))
        return tuple(found)

    def _unit_type(self, entry: Entry) -> str:
        return self._province_type.get(entry.key, "")

    # ---------------------------------------------------------------- clusters

    def cluster(self, name: str) -> Entry | None:
        """A cluster by id, by any recorded name, or by the general pattern of its name."""
        if name in self._cluster_by_key:
            return self._cluster_by_key[name]
        found = self._clusters.lookup(name)
        if found:
            return found[0]
        tokens = _tokens(name)
        n, entry = self._cluster_at(tokens, 0)
        return entry if n == len(tokens) else None

    def find_clusters(self, text: str, offset: int = 0) -> list[Match]:
        """Recorded cluster names, "Cụm thi đua (các|N) tỉnh <region>" and "N tỉnh <region>"."""
        return _shifted(self._cluster_scan(text), offset)

    def _scan_clusters(self, text: str) -> tuple[Match, ...]:
        if not self._cluster_cue.search(fold_chars(text)):
            return ()  # most paragraphs: not tokenised for clusters at all
        tokens = _tokens(text)
        starts = self._cluster_starts
        found: list[Match] = []
        end = 0
        for i in [i for i, t in enumerate(tokens) if t.key in starts or t.key.isdigit()]:
            if i < end:
                continue
            n, entry = self._cluster_at(tokens, i)
            if entry is not None:
                found.append(_match(text, tokens, i, i + n, entry, 0))
                end = i + n
        return tuple(found)

    def _cluster_at(self, tokens: Sequence[_Token], i: int) -> tuple[int, Entry | None]:
        n, entries = self._clusters.at(tokens, i, fold_ok=False)
        if entries:
            return n, entries[0]
        first = tokens[i].key if i < len(tokens) else ""
        if first != _CUM and (first == _CAC or not (first.isdigit() or first in _COUNT_KEYS)):
            return 0, None  # neither "Cụm …" nor "N tỉnh …" starts here (the test below, early)
        keys = [t.key for t in tokens[i : i + 5]] + [""] * 5
        j = 0
        is_cluster = keys[0] == _CUM
        if is_cluster:
            j = 3 if " ".join(keys[1:3]) == _THI_DUA else 1
        count = keys[j] if keys[j].isdigit() or keys[j] in _COUNT_KEYS else None
        if count is not None:
            j += 1
        if not is_cluster and count in (None, _CAC):
            return 0, None  # without "Cụm", only "N tỉnh <region>" names a cluster
        if keys[j] == _TINH:
            j += 1
        n, entries = self._regions.at(tokens, i + j, fold_ok=False)
        return (j + n, entries[0]) if entries else (0, None)

    # ---------------------------------------------------------------- award types

    def award_type(self, name: str) -> Entry | None:
        return self._awards.first(name)

    def find_award_types(self, text: str, offset: int = 0) -> list[Match]:
        """Award names in any case, with or without "của" ("Cờ Thi đua của Chính phủ")."""
        return list(_scan(text, self._awards, offset, fold_ok=False))

    # ---------------------------------------------------------------- documents

    def document(self, number: str) -> Entry | None:
        """A document by number as written or normalised ("91/2017NĐ-CP")."""
        return self._documents.get(match_key(_normal_number(number)))

    def document_by_name(self, name: str, on: date) -> Entry | None:
        """The document a name meant on a date; a stated year ("… năm 2022") wins."""
        candidates = list(self._document_names.get(_keys(name), []))
        hint = re.search(r"\s+năm\s+((?:19|20)\d\d)\s*$", name)
        if hint:
            candidates += self._document_names.get(_keys(name[: hint.start()]), [])
            year = int(hint.group(1))
            dated = [e for e, _, _ in candidates if e.valid_from and e.valid_from.year == year]
            if dated:
                return dated[0]
        current = [
            (start or date.min, entry)
            for entry, start, until in candidates
            if within(on, start, until)
        ]
        return max(current, key=lambda c: c[0])[1] if current else None

    # ---------------------------------------------------------------- campaigns, bodies

    def campaign(self, name: str) -> Entry | None:
        return self._campaigns.first(name)

    def find_campaigns(self, text: str, offset: int = 0) -> list[Match]:
        """Campaign names and aliases; a missing diacritic is forgiven inside quotes."""
        return list(_scan(text, self._campaigns, offset, fold_ok=True))

    def organization(self, name: str) -> Entry | None:
        return self._organizations.first(name)


def _cluster_cue(recorded: _NameIndex, regions: _NameIndex) -> re.Pattern[str]:
    """What every cluster match starts with, on ``fold_chars`` text: "Cụm", the first two
    words of a recorded name, or a count ("7", "bảy") then "tỉnh" or not, then a region's
    first word. (Folds are equal wherever match keys are, so this never misses a match.)"""
    heads = {r"\W+".join(map(re.escape, f[:2])) for f in recorded.folded}
    counts = "|".join([r"\d+", *(fold(w) for w in _NUMBER_WORDS if w != "các")])
    firsts = "|".join(sorted({re.escape(f[0]) for f in regions.folded}))
    start = "|".join(sorted(heads | {fold("cụm")}))
    return re.compile(rf"(?<!\w)(?:{start}|(?:{counts})\W+(?:tinh\W+)?(?:{firsts}))(?!\w)")


def _scan(text: str, index: _NameIndex, offset: int, fold_ok: bool) -> Iterator[Match]:
    if not index.cue.search(fold_chars(text)):
        return
    tokens = _tokens(text)
    # Most words start no name, spelled or folded: only those that can are visited.
    keys, folds = index.first_words, index.first_folds if fold_ok else set()
    end = 0
    for i in [i for i, t in enumerate(tokens) if t.key in keys or t.folded in folds]:
        if i < end:
            continue
        n, entries = index.at(tokens, i, fold_ok=False)
        if not n and fold_ok and _quoted(text, tokens, i):
            n, entries = index.at(tokens, i)
        if n:
            yield _match(text, tokens, i, i + n, entries[0], offset)
            end = i + n


def _quoted(text: str, tokens: Sequence[_Token], i: int) -> bool:
    return text[max(0, tokens[i].start - 2) : tokens[i].start].strip()[-1:] in {'"', "“"}


def _inside_longer_name(tokens: Sequence[_Token], i: int, n: int) -> bool:
    words = tuple(t.key for t in tokens[i : i + max(map(len, _NOT_PROVINCE_KEYS))])
    return any(len(k) > n and words[: len(k)] == k for k in _NOT_PROVINCE_KEYS)


def _prefix_at(tokens: Sequence[_Token], i: int) -> tuple[str | None, int]:
    pair = " ".join(t.key for t in tokens[i : i + 2])
    if pair in _PROVINCE_PREFIX:
        return _PROVINCE_PREFIX[pair], 2
    if i < len(tokens) and tokens[i].key in _PROVINCE_PREFIX:
        return _PROVINCE_PREFIX[tokens[i].key], 1
    return None, 0


def _blocked(
    text: str,
    tokens: Sequence[_Token],
    i: int,
    prefix: str | None,
    name: Sequence[_Token],
    unit_type: str,
) -> bool:
    """A name read as something else: a district, a provincial capital, a person."""
    before = " ".join(t.key for t in tokens[max(0, i - 2) : i])
    if prefix is None and (
        any(before == u or before.endswith(" " + u) for u in _LOCAL_UNIT)
        or " ".join(t.key for t in name) in _NEEDS_PREFIX
        or not _capitalised(name)
        or _ends_a_person_name(text, tokens, i)
    ):
        return True
    return prefix == "city" and unit_type != _CITY_TYPE


def _ends_a_person_name(text: str, tokens: Sequence[_Token], i: int) -> bool:
    """ "Nguyễn Thái Bình": a family or middle name right before makes it a person's name."""
    if i == 0 or text[tokens[i - 1].end : tokens[i].start].strip():
        return False
    return tokens[i - 1].key in _PERSON_NAME_PARTS


_CLUSTER_HEAD = re.compile(
    r"^\s*Cụm(?:\s+thi\s+đua)?(?:\s+(?:các|\d+|" + "|".join(_NUMBER_WORDS) + r"))?"
    r"(?:\s+tỉnh)?\s+",
    re.IGNORECASE,
)


def _region_words(name: str) -> str | None:
    """The region part of a cluster name ("Cụm thi đua các tỉnh Bắc Trung Bộ" → "Bắc Trung Bộ")."""
    head = _CLUSTER_HEAD.match(name)
    return name[head.end() :].strip() if head else None


def _region_variants(region: str) -> set[str]:
    """The region as written, without "và", and without a leading "miền"."""
    forms = {region, " ".join(w for w in region.split() if match_key(w) != _VA)}
    forms |= {f.split(" ", 1)[1] for f in forms if match_key(f.split(" ", 1)[0]) == _MIEN}
    return forms


@functools.cache
def _default() -> Gazetteer:
    return Gazetteer(Context(packaged_data_dir()))
