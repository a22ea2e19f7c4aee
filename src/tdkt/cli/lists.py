"""`tdkt clusters`, `tdkt provinces`, `tdkt documents`, `tdkt people`: what the graph holds,
with the keys to type in other commands."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Annotated

import typer

from tdkt.cli.app import app, handled, opened
from tdkt.cli.report import FormatOption, ReportFormat, emit, word

Cell = Callable[[dict, Mapping[str, str]], str]  # (record, labels) -> text


def _field(name: str) -> Cell:
    return lambda r, _: str(r.get(name, ""))


def _last_segment(name: str) -> Cell:
    return lambda r, _: str(r[name]).rsplit("/", 1)[-1]


def _span(first: str, last: str) -> Cell:
    return lambda r, _: "–".join(dict.fromkeys(str(r[k]) for k in (first, last) if k in r))


@dataclass(frozen=True)
class Listing:
    """One list: its named query, its title, the key people type, and the table's columns."""

    query: str
    title: str
    key: Cell
    columns: tuple[tuple[str, Cell], ...]


LISTINGS = {
    "clusters": Listing(
        "clusters",
        "Cụm thi đua",
        _last_segment("cluster"),
        (
            ("khoá", _last_segment("cluster")),
            ("tên", _field("label")),
            ("số tỉnh", _field("members")),
            ("năm có danh sách", _span("first_member_year", "last_member_year")),
            ("năm có cụm trưởng", _field("chair_years")),
        ),
    ),
    "provinces": Listing(
        "provinces",
        "Tỉnh, thành phố",
        _last_segment("province"),
        (
            ("khoá", _last_segment("province")),
            ("tên", _field("label")),
            ("loại", _field("type_label")),
            ("từ ngày", _field("valid_from")),
            ("đến ngày", _field("valid_until")),
        ),
    ),
    "documents": Listing(
        "documents",
        "Văn bản",
        _field("number"),
        (
            ("số hiệu", _field("number")),
            ("loại", lambda r, labels: word(labels, r.get("type"))),
            ("ngày", _field("date_document")),
            ("trích yếu", _field("title")),
        ),
    ),
    "people": Listing(
        "people",
        "Người",
        _last_segment("person"),
        (
            ("khoá", _last_segment("person")),
            ("họ tên", _field("name")),
            ("chức vụ", _field("posts")),
            ("từ ngày", _field("first_attested")),
            ("đến ngày", _field("last_attested")),
        ),
    ),
}


def show(ctx: typer.Context, listing: Listing, fmt: ReportFormat, values: dict, title: str) -> None:
    """Print one list: a table of words, or records with the key and every IRI."""
    from tdkt.analysis.records import labels, records
    from tdkt.output import people_table

    with opened(ctx) as store:
        rows = records(store, listing.query, values)
        names = labels(store)
    table = [[cell(r, names) for _, cell in listing.columns] for r in rows]
    headings = [heading for heading, _ in listing.columns]
    emit(
        fmt,
        lambda: people_table(title, headings, table),
        [{"key": listing.key(r, names), **{k: str(v) for k, v in r.items()}} for r in rows],
    )


@app.command()
@handled
def clusters(ctx: typer.Context, fmt: FormatOption = ReportFormat.table) -> None:
    """List the emulation clusters: key, name, members listed, years with a known chair.

    Example: `tdkt clusters`
    """
    show(ctx, LISTINGS["clusters"], fmt, {}, LISTINGS["clusters"].title)


@app.command()
@handled
def provinces(
    ctx: typer.Context,
    on: Annotated[
        str | None, typer.Option("--on", help="Only units that existed that day.", metavar="DATE")
    ] = None,
    fmt: FormatOption = ReportFormat.table,
) -> None:
    """List the provinces (63 of 2008–2025, 34 from 2025-07-01): key, name, type, dates.

    Examples: `tdkt provinces --on 2025-07-01`, `tdkt provinces --format csv`
    """
    title = f"Tỉnh, thành phố ngày {on}" if on else LISTINGS["provinces"].title
    show(ctx, LISTINGS["provinces"], fmt, {"on": on} if on else {}, title)


@app.command()
@handled
def documents(ctx: typer.Context, fmt: FormatOption = ReportFormat.table) -> None:
    """List the legal and Party documents: number (the key to use), type, date, title.

    Example: `tdkt documents`
    """
    show(ctx, LISTINGS["documents"], fmt, {}, LISTINGS["documents"].title)


@app.command()
@handled
def people(ctx: typer.Context, fmt: FormatOption = ReportFormat.table) -> None:
    """List the officials the sources name: key, name, posts attested, first and last day.

    Example: `tdkt people`
    """
    show(ctx, LISTINGS["people"], fmt, {}, LISTINGS["people"].title)
