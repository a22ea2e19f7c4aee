"""Fuzz and property tests (issue 7): hostile input never crashes tdkt, never takes more than
linear time, and every piece of evidence points at exactly the text it quotes.

Short by default; ``TDKT_LONG=1`` runs many more examples (figures in docs/reliability.md).
The sentences below are written for these tests, not taken from any article.
"""

from __future__ import annotations

import dataclasses
import os
import random
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import suppress
from datetime import date
from pathlib import Path

import pytest
from conftest import DATA, sample_store
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tdkt import catalogue
from tdkt.errors import InputError, StoreError
from tdkt.loaders.articles.corpus import extract_article
from tdkt.loaders.articles.dates import find_dates, find_day_months, find_months, find_periods
from tdkt.loaders.articles.facts import Evidence
from tdkt.loaders.articles.html import html_text
from tdkt.loaders.articles.numbers import find_documents
from tdkt.loaders.articles.reader import parse_article
from tdkt.loaders.document_numbers import normalise_number
from tdkt.loaders.gazetteer import Gazetteer
from tdkt.loaders.tables import load_table

LONG = os.environ.get("TDKT_LONG") == "1"
EXAMPLES = 3000 if LONG else 40
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,  # speed is checked by the scaling tests below, not per example
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    derandomize=not LONG,
)

# Pieces of the domain's language, to reach deep into the rules rather than bounce off them.
FRAGMENTS = [
    "Cụm thi đua",
    "Cụm trưởng",
    "Cụm phó",
    "năm 2024",
    "ngày 15/4/2023",
    "ngày 3 tháng 11 năm 2022",
    "tháng 7/2025",
    "6 tháng đầu năm 2024",
    "giai đoạn 2021-2025",
    "Chỉ thị số 34-CT/TW",
    "Luật Thi đua, khen thưởng",
    "Nghị định 98/2023/NĐ-CP",
    "số 06/2022/QH15",
    "Chủ tịch UBND tỉnh",
    "Phó Chủ tịch Thường trực",
    "Giám đốc Sở Nội vụ",
    "đồng chí Trần Văn An",
    "bà Lê Thị Hoà",
    "ông Phạm Quốc Bảo",
    "tỉnh Lâm Đồng",
    "Thái Nguyên",
    "Bắc Kạn",
    "Gia Lai",
    "Cờ thi đua của Chính phủ",
    "Bằng khen của Thủ tướng Chính phủ",
    "suy tôn",
    "đề xuất",
    "Hội nghị tổng kết",
    "ký kết giao ước thi đua",
    "\n",
    "\n\n",
    " ",
    ", ",
    ". ",
    "(",
    ")",
    "–",
    ":",
    ";",
    "/",
    '"',
    "…",
]
ALPHABET = st.characters(codec="utf-8", exclude_categories=("Cs",))
piece = st.one_of(st.sampled_from(FRAGMENTS), st.text(ALPHABET, max_size=12))
article_text = st.lists(piece, max_size=60).map("".join)
HTML_BITS = ["<div>", "</div>", "<p>", "</p>", "<br>", "<h1>", "</h1>", "<script>", "<!--", "-->"]
HTML_BITS += ["<", ">", "</", "&amp;", "&#", "<article>", "<time datetime='2024-01-02'>", "<pre>"]
html_markup = st.lists(st.one_of(st.sampled_from(HTML_BITS), piece), max_size=60).map("".join)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def evidences(value) -> Iterator[Evidence]:
    """Every Evidence anywhere inside a fact structure."""
    if isinstance(value, Evidence):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            if f.name != "article":
                yield from evidences(getattr(value, f.name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from evidences(item)


def extract_text(text: str, gazetteer: Gazetteer, name: str = "fuzz.txt"):
    """The facts of ``text`` as an article; InputError (a refused article) is an answer too."""
    try:
        article = parse_article(text.encode("utf-8"), Path(name))
    except InputError:
        return None, None
    return article, extract_article(article, gazetteer)


# --- properties --------------------------------------------------------------------------------


@FUZZ
@given(text=article_text)
def test_articles_never_crash_and_evidence_round_trips(text, gazetteer):
    article, facts = extract_text(text, gazetteer)
    if article is None:
        return
    for evidence in evidences(facts):
        assert 0 <= evidence.start <= evidence.end <= len(article.text)
        assert article.text[evidence.start : evidence.end] == evidence.quote


@FUZZ
@given(markup=html_markup)
def test_html_pages_never_crash_and_evidence_round_trips(markup, gazetteer):
    text, _ = html_text(markup)
    assert isinstance(text, str)
    article, facts = extract_text("<html><body>" + markup, gazetteer, "fuzz.html")
    if article is not None:
        for evidence in evidences(facts):
            assert article.text[evidence.start : evidence.end] == evidence.quote


@FUZZ
@given(raw=st.binary(max_size=400))
def test_any_bytes_are_an_article_or_one_input_error(raw):
    for name in ("x.txt", "x.html"):
        try:
            article = parse_article(raw, Path(name))
        except InputError as error:
            assert "\n" not in error.reason
        else:
            assert article.text == article.text.strip("\n") or article.text


@FUZZ
@given(text=article_text, offset=st.integers(0, 10_000))
def test_dates_and_numbers_point_at_their_text(text, offset):
    reference = date(2024, 6, 1)
    found = [
        *find_dates(text, reference, offset),
        *find_day_months(text, offset),
        *find_months(text, offset),
        *find_periods(text, offset),
        *find_documents(text, offset),
    ]
    for mention in found:
        assert text[mention.start - offset : mention.end - offset] == mention.text


@FUZZ
@given(raw=st.text(ALPHABET, max_size=40))
def test_document_numbers_normalise_or_refuse(raw):
    number = normalise_number(raw)
    assert number is None or (number and number == number.strip())


@FUZZ
@given(seed=st.integers(0, 2**32 - 1))
def test_a_mangled_table_loads_or_is_one_input_error(seed):
    with tempfile.TemporaryDirectory() as scratch:
        mangle_and_load(random.Random(seed), Path(scratch) / "data")


def mangle_and_load(rng: random.Random, folder: Path) -> None:
    """Mangle one table of a copy of the reference data and load it."""
    shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    source = rng.choice(sorted(DATA.glob("*.csv")))
    text = source.read_text("utf-8")
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(text))
        cut = rng.randint(0, 8)
        insert = rng.choice(["", ",", '"', "\n", "2024", "x", "\ufeff", "é", ";", ",,"])
        text = text[:at] + insert + text[at + cut :]
    target = folder / source.name
    target.write_text(text, "utf-8")
    try:
        load_table(target)
    except InputError as error:
        assert str(target) in str(error) and "\n" not in str(error)


@pytest.fixture(scope="module")
def kg(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("fuzzkg") / "kg"
    sample_store(path).close()
    return path


@settings(FUZZ, max_examples=max(10, EXAMPLES // 4))
@given(
    name=st.sampled_from([q.name for q in catalogue.catalogue() if q.params]),
    value=st.one_of(
        st.text(ALPHABET, max_size=30),
        st.sampled_from(['"} } ; DROP ALL ; #', "> } SERVICE <http://x/> {", "?s", "<urn:x>"]),
    ),
)
def test_query_parameters_are_bound_never_pasted(kg, name, value):
    from tdkt.store.embedded import EmbeddedStore

    query = catalogue.named(name)
    store = EmbeddedStore(kg)
    try:
        for param in query.params:
            with suppress(InputError):  # refused as a bad value: fine
                catalogue.run(store, query, {param.name: value})
    except StoreError as error:
        raise AssertionError(f"{name}: {value!r} reached the engine as text: {error}") from None
    finally:
        store.close()


# --- no input slower than linear ---------------------------------------------------------------


def seconds(work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


ADVERSARIAL = {
    "spaces": " ",
    "punctuation": ".,;:-–/()",
    "unclosed div": "<div>",
    "unclosed tags": "<a ",
    "end tags": "</",
    "digits and slashes": "12/",
    "titles": "Chủ tịch ",
    "names": "Nguyễn ",
    "document words": "số Nghị định ",
    "day words": "ngày tháng năm ",
    "cluster words": "Cụm trưởng Cụm phó ",
    "province role year": "Lâm Đồng Cụm trưởng năm 2024 ",
    "province is vice-chair": "tỉnh Gia Lai là Cụm phó, ",
    "title and name": "Chủ tịch UBND tỉnh Lâm Đồng Trần Văn An ",
    "one long line": "a",
    "blank lines": "\n",
    "tabs": "\t",
    "no-break spaces": "\u00a0",
}
# A run that follows a word on the same line ("Sáng" then 40,000 spaces was quadratic).
PREFIX = {"tabs": "Sáng", "no-break spaces": "Sáng", "spaces": "Sáng"}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_no_input_is_slower_than_linear(name, gazetteer):
    unit = ADVERSARIAL[name]
    small = max(2000, 20_000 // len(unit)) if LONG else max(300, 3000 // len(unit))

    prefix = PREFIX.get(name, "")

    def run(n: int) -> Callable[[], object]:
        markup = "<html><body><p>Cụm thi đua năm 2024. " + prefix + unit * n + " Lâm Đồng.</p>"
        plain = "Cụm thi đua năm 2024.\n" + prefix + unit * n + " Lâm Đồng."
        return lambda: (extract_text(plain, gazetteer), extract_text(markup, gazetteer, "x.html"))

    base, four_times = seconds(run(small)), seconds(run(4 * small))
    # linear gives about 4; quadratic about 16. Small inputs are dominated by fixed costs.
    assert four_times < 9 * max(base, 0.02), (name, base, four_times)
    print(f"figures: {name}: {len(unit) * small:,} chars {base:.3f} s, 4× {four_times:.3f} s")
