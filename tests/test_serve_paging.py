"""Long lists on pages: a page shows at most a fixed number of rows of each list, says how
many there are in all, and links to the list's further pages, which hold exactly the rest.

The real server runs twice on the store of the tables and the shared corpus: with its usual
cap (every list of this small store fits on the page: the reference) and with a cap of two
rows, so that the same lists are cut into pages."""

from __future__ import annotations

import csv
import html
import io
import re
from collections import Counter

import httpx
import pytest
from rdflib import Literal, URIRef
from test_serve import path_of

from tdkt import iris
from tdkt.serve import lookups, pages
from tdkt.serve.app import create_app
from tdkt.serve.background import running
from tdkt.serve.labels import Labels, short
from tdkt.serve.links import Links
from tdkt.serve.views import Views
from tdkt.store.base import SelectResult

pytest_plugins = ["serve_fixtures"]

CAP = 2
ROTATING = iris.cluster("tay-nguyen-duyen-hai-mien-trung")
NORTH = iris.cluster("mien-nui-bien-gioi-phia-bac")
LISTS = [
    (ROTATING, "incoming"),
    (ROTATING, "evidence"),
    (ROTATING, "chair-rotation"),
    (NORTH, "membership-history"),
    (NORTH, "incoming"),
]
COUNT = re.compile(r"rows (\d+)–(\d+) of ([\d,]+)")


@pytest.fixture(scope="module")
def capped(store_path, tmp_path_factory):
    app = create_app(store_path, dumps_dir=tmp_path_factory.mktemp("dumps"), rows=CAP)
    with running(app) as url, httpx.Client(base_url=url, timeout=60) as c:
        yield c


def section(page: str, name: str) -> str:
    """The HTML of the page's list ``name`` (its ``<section id=…>``)."""
    found = re.search(rf'<section [^>]*id="{re.escape(name)}">(.*?)</section>', page, re.DOTALL)
    assert found, f"no list {name} on the page"
    return found.group(1)


def rows(part: str) -> list[str]:
    """A list's rows as HTML: table rows, quotes, or (property, value) pairs."""
    body = part.split("<tbody>", 1)[-1]
    if "<tr>" in body:
        return re.findall(r"<tr>(.*?)</tr>", body, re.DOTALL)
    if "<li>" in part:
        return re.findall(r"<li>(.*?)</li>", part, re.DOTALL)
    pairs, predicate = [], None
    for dt, dd in re.findall(r"<dt>(.*?)</dt>|<dd>(.*?)</dd>", part, re.DOTALL):
        predicate = dt or predicate
        if dd:
            pairs.append(f"{predicate} {dd}")
    return pairs


def next_link(part: str) -> str | None:
    found = re.search(r'<a rel="next" href="([^"]+)"', part)
    return html.unescape(found.group(1)) if found else None


@pytest.mark.parametrize(("iri", "name"), LISTS, ids=[f"{i.rsplit('/')[-1]}-{n}" for i, n in LISTS])
def test_a_list_pages_through_every_row_once(client, capped, iri, name):
    whole = section(client.get(path_of(iri)).text, name)
    expected = rows(whole)
    assert len(expected) > CAP and "rows 1–" not in whole  # the reference page shows it all

    part = section(capped.get(path_of(iri)).text, name)
    assert COUNT.search(part).groups() == ("1", str(CAP), str(len(expected)))
    seen, pages_seen = rows(part), 1
    link = next_link(part)
    while link is not None:
        pages_seen += 1
        assert link == f"{path_of(iri)}?list={name}&page={pages_seen}"
        response = capped.get(link)
        assert response.status_code == 200
        part = section(response.text, name)
        shown = rows(part)
        first = len(seen) + 1
        assert COUNT.search(part).groups() == (
            str(first),
            str(len(seen) + len(shown)),
            str(len(expected)),
        )
        seen += shown
        link = next_link(part)
    assert Counter(seen) == Counter(expected)  # no row lost, none repeated
    if name not in ("incoming", "evidence"):  # a named query's order holds across pages
        assert seen == expected
    assert pages_seen == -(-len(expected) // CAP)


def test_a_further_page_shows_only_its_list(capped):
    page = capped.get(path_of(ROTATING), params={"list": "evidence", "page": 2}).text
    assert 'id="evidence"' in page and 'id="chair-rotation"' not in page
    assert 'id="incoming"' not in page and 'id="props"' not in page
    assert f'href="{path_of(ROTATING)}"' in page  # back to the whole page
    assert '<a rel="prev" href="/id/cluster/tay-nguyen-duyen-hai-mien-trung?list=evidence' in page


def test_the_whole_answer_as_csv(capped, store):
    part = section(capped.get(path_of(NORTH)).text, "membership-history")
    total = int(COUNT.search(part).group(3))
    link = re.search(r'<a href="([^"]+)">CSV</a>', part).group(1)
    answer = capped.get(html.unescape(link))
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(answer.text)))
    assert table[0][:2] == ["cluster", "cluster_label"] and len(table) - 1 == total
    assert {row[0] for row in table[1:]} == {str(NORTH)}


@pytest.mark.parametrize(
    ("query", "status", "words"),
    [
        ({"list": "nothing"}, 404, "no list 'nothing'"),
        ({"list": "awards"}, 404, "no list 'awards'"),  # a province's list, not a cluster's
        ({"list": "evidence", "page": "99"}, 404, "has 3 page(s), not 99"),
        ({"list": "evidence", "page": "0"}, 400, "page=0"),
        ({"list": "evidence", "page": "two"}, 400, "page=two"),
    ],
)
def test_a_page_that_is_not_there_is_one_line(capped, query, status, words):
    accept = {"Accept": "text/plain, text/html;q=0.5"}  # the page as HTML, an error as text
    response = capped.get(path_of(ROTATING), params=query, headers=accept)
    assert response.status_code == status
    assert words in response.text and response.text.count("\n") == 1


def test_rdf_ignores_the_list_parameters(capped):
    plain = capped.get(path_of(ROTATING), headers={"Accept": "text/turtle"})
    listed = capped.get(
        path_of(ROTATING),
        params={"list": "evidence", "page": "2"},
        headers={"Accept": "text/turtle"},
    )
    assert listed.status_code == 200 and listed.content == plain.content


class Recording:
    """A store that remembers how many rows each SELECT handed back."""

    def __init__(self, store) -> None:
        self.store = store
        self.answers: list[tuple[str, int]] = []

    def select(self, query: str, bindings=None) -> SelectResult:
        result = self.store.select(query, bindings)
        self.answers.append((query, len(result.rows)))
        return result

    def __getattr__(self, name: str):
        return getattr(self.store, name)


def test_the_store_hands_back_one_window_not_the_list(store):
    recording = Recording(store)
    first = pages.page(recording, ROTATING, path_of(ROTATING).lstrip("/"), rows=CAP)
    assert [first.evidence.total, first.resource.incoming.total] == [5, 5]
    north = path_of(NORTH).lstrip("/")
    third = pages.page(recording, NORTH, north, rows=CAP, only="incoming", number=3)
    assert [len(third.resource.incoming.rows), third.resource.incoming.total] == [CAP, 44]
    lists = (lookups.INCOMING, lookups.EVIDENCE)
    windows = [n for query, n in recording.answers if query.startswith(lists)]
    assert len(windows) == 3 and max(windows) == CAP  # incoming twice, evidence once


def test_a_long_source_list_shows_its_first_sources_and_how_many_more():
    sources = [iris.ID + f"source/article-{n}" for n in range(7)]
    result = SelectResult(["year", "source"], [(Literal("2024"), Literal(" ; ".join(sources)))])
    views = Views(Labels({}), live=True)
    context = {"links": Links(), "short": short, "labels": views.labels, "linkable": bool}
    use = '{% from "macros.html" import table with context %}'
    on_a_page = views.env.from_string(use + '{{ table(result, "t", sources=true) }}')
    html = on_a_page.render(result=result, **context)
    assert re.findall(r'<a href="([^"]+)"', html) == [path_of(URIRef(s)) for s in sources[:3]]
    assert '<span class="others">+4</span>' in html
    as_queried = views.env.from_string(use + '{{ table(result, "t") }}')  # the query page's
    assert " ; ".join(sources) in as_queried.render(result=result, **context)
