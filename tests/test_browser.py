"""The site in a real browser: headless Chromium (Debian's ``chromium``) driven by Playwright.

A reader searches "lam dong", follows to the province and its cluster, sees the rotation
chart, and runs an example query. Screenshots (desktop and phone widths) are kept in pytest's
temporary directory as artefacts.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

pytest_plugins = ["serve_fixtures"]

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.is_file():
        raise FileNotFoundError(f"{CHROMIUM} not found: apt-get install -y chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


def _shot(page: Page, shots: Path, name: str) -> None:
    page.screenshot(path=shots / f"{name}.png", full_page=True)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_search_province_cluster_chart(browser, server, shots, viewport):
    page = browser.new_page(viewport=viewport)
    width = viewport["width"]
    page.goto(server)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thi đua")
    _shot(page, shots, f"home-{width}")

    page.get_by_label("Tìm").fill("lam dong")
    page.get_by_role("button", name="Tìm").click()
    first = page.get_by_role("listitem").filter(has_text="Lâm Đồng").first.get_by_role("link")
    expect(first).to_have_text("Lâm Đồng")
    _shot(page, shots, f"search-{width}")
    first.click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Lâm Đồng")
    expect(page.locator("mark").first).to_be_visible()  # an evidence quote
    _shot(page, shots, f"province-{width}")
    roles = page.locator("section", has=page.get_by_role("heading", name="Roles held"))
    roles.get_by_role("link", name="Cụm thi đua các tỉnh Tây Nguyên").first.click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Tây Nguyên")
    chart = page.locator("figure.chart svg")
    expect(chart).to_be_visible()
    expect(page.locator("#chair-2024-lam-dong")).to_have_count(1)
    assert chart.bounding_box()["width"] <= width  # the chart fits the screen
    _shot(page, shots, f"cluster-{width}")
    page.close()


def test_example_query_shows_rows(browser, server, shots):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(server)
    page.get_by_role("link", name="SPARQL").click()
    example = page.locator("details", has_text="chair-rotation")
    example.locator("summary").click()
    example.get_by_role("button", name="Dùng truy vấn này").click()
    box = page.get_by_role("textbox", name="Truy vấn Query")
    expect(box).to_have_value(re.compile(r"# title: Chair rotation.*SELECT", re.DOTALL))
    _shot(page, shots, "query-page")
    page.get_by_role("button", name="Chạy").click()
    rows = page.locator("table tbody tr")
    expect(rows.first).to_be_visible()
    assert rows.count() > 3
    expect(page.locator("table")).to_contain_text("Lâm Đồng")
    _shot(page, shots, "query-results")
    page.close()
