"""`tdkt publish`: a static site whose every link resolves, with the server's RDF."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import sample_store, tdkt
from rdflib import Graph

from tdkt import iris


class _Links(HTMLParser):
    """Every href/src of a page, and every id it defines (fragment targets)."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)
            if name == "id" and value:
                self.ids.add(value)


def _parse(page: Path) -> _Links:
    parser = _Links()
    parser.feed(page.read_text("utf-8"))
    return parser


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("publish")
    sample_store(root / "kg").close()
    result = tdkt("publish", "--out", str(root / "site"), store=root / "kg")
    assert result.exit_code == 0, result.output
    return root / "site"


def test_every_internal_link_resolves(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    parsed = {page: _parse(page) for page in pages}
    broken = []
    for page, found in parsed.items():
        for link in found.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                continue  # the web outside: not ours to check
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if not target.is_file():
                broken.append(f"{page.relative_to(site)} → {link}")
            elif parts.fragment and target.suffix == ".html":
                ids = parsed.get(target) or _parse(target)
                if parts.fragment not in ids.ids:
                    broken.append(f"{page.relative_to(site)} → {link} (no #{parts.fragment})")
    assert broken == []


def test_pages_and_rdf_for_each_iri(site):
    province = site / "id" / "province" / "lam-dong"
    html = province.with_suffix(".html").read_text("utf-8")
    assert "<h1>Lâm Đồng</h1>" in html
    graph = Graph().parse(province.with_suffix(".ttl"), format="turtle")
    assert (iris.province("lam-dong"), None, None) in graph
    assert len(Graph().parse(province.with_suffix(".jsonld"), format="json-ld")) == len(graph)
    assert (site / "ontology.html").is_file() and (site / "dataset.ttl").is_file()
    assert (site / ".well-known" / "void").is_file()
    assert sorted(p.name for p in (site / "dumps").glob("*.gz")) == ["tdkt.nq.gz", "tdkt.trig.gz"]


def test_static_pages_have_no_server_forms(site):
    home = (site / "index.html").read_text("utf-8")
    assert 'role="search"' not in home
    assert "<form" not in (site / "sparql.html").read_text("utf-8")
