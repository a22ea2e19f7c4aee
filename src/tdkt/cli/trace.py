"""`tdkt trace`: every citation of a document (date, source, event, cluster, speaker, the
number and date as stated, agreement), grouped counts, the chain of texts around it, and the
citations whose number or date disagrees with the document."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tdkt.cli.app import app, handled, opened, stdout
from tdkt.cli.report import FormatOption, ReportFormat, emit, word
from tdkt.errors import InputError

if TYPE_CHECKING:
    from tdkt.analysis.trace import Citation, Link, Trace

# ELI relations in Vietnamese (the ELI vocabulary has no Vietnamese labels).
RELATIONS = {
    "amends": "sửa đổi, bổ sung",
    "repeals": "thay thế",
    "based_on": "căn cứ",
    "cites": "dẫn chiếu",
}


class GroupBy(StrEnum):
    year = "year"
    cluster = "cluster"
    province = "province"
    speaker = "speaker"


def _citation_record(c: Citation, labels: dict[str, str]) -> dict[str, str]:
    return {
        "citation": str(c.iri),
        "document": str(c.document),
        "number": c.number,
        "document_date": c.document_date,
        "date": c.date,
        "source": str(c.source),
        "source_title": c.source_title,
        "event": str(c.event or ""),
        "event_label": c.event_label,
        "cluster": str(c.cluster or ""),
        "cluster_label": c.cluster_label,
        "host": str(c.host or ""),
        "host_label": c.host_label,
        "speaker": str(c.speaker or ""),
        "speaker_label": c.speaker_label,
        "stated_number": c.stated_number,
        "stated_date": c.stated_date,
        "stated_date_text": c.stated_date_text,
        "date_agreement": str(c.agreement or ""),
        "date_agreement_label": word(labels, c.agreement),
        "misquoted": "true" if c.misquoted else "false",
    }


def _as_stated(c: Citation) -> str:
    return " · ".join(filter(None, [c.stated_number, c.stated_date_text]))


def _print_trace(trace: Trace, labels: dict[str, str]) -> None:
    from tdkt.output import clip, people_table

    rows = [
        [c.date or "?", "\n".join(filter(None, [clip(c.event_label or c.source_title, 40),
                                                clip(c.cluster_label, 40)])),
         c.speaker_label, _as_stated(c), word(labels, c.agreement)]
        for c in trace.citations
    ]  # fmt: skip
    headings = ["ngày", "sự kiện / nguồn · cụm", "người nói", "ghi là", "khớp?"]
    console = stdout()
    console.print(people_table(f"Trích dẫn {trace.number}", headings, rows))
    for name, c in (("Lần đầu", trace.first), ("Gần nhất", trace.latest)):
        if c is not None:
            console.print(f"{name}: {c.date} — {clip(c.source_title, 60)}", highlight=False)
    together = ", ".join(f"{d.number} ({d.sources} nguồn)" for d in trace.cited_with)
    console.print(f"Trích dẫn cùng: {together or 'không có'}", highlight=False)


def _span(citations: list[Citation]) -> tuple[str, str]:
    dates = sorted(c.date for c in citations if c.date)
    return (dates[0], dates[-1]) if dates else ("", "")


def _group_records(trace: Trace, by: GroupBy) -> list[dict[str, str | int]]:
    return [
        {by.value: name, "count": len(cs), "first": _span(cs)[0], "latest": _span(cs)[1]}
        for name, cs in trace.by(by.value).items()
    ]


_GROUP_HEADINGS = {
    "year": "năm",
    "cluster": "cụm",
    "province": "tỉnh chủ trì",
    "speaker": "người nói",
}


def _print_groups(trace: Trace, by: GroupBy) -> None:
    from tdkt.output import people_table

    rows = [
        [str(r[by.value]) or "(không rõ)", str(r["count"]), str(r["first"]), str(r["latest"])]
        for r in _group_records(trace, by)
    ]
    headings = [_GROUP_HEADINGS[by.value], "số lần", "lần đầu", "gần nhất"]
    stdout().print(people_table(f"Trích dẫn {trace.number}", headings, rows))


def _link_record(link: Link) -> dict[str, str]:
    relation = str(link.relation).rsplit("#", 1)[-1]
    return {
        "document": str(link.document),
        "number": link.number,
        "date": link.date,
        "in_force": link.in_force,
        "relation": str(link.relation),
        "relation_label": RELATIONS.get(relation, relation),
        "related": str(link.related),
        "related_number": link.related_number,
        "related_date": link.related_date,
    }


def _print_chain(records: list[dict[str, str]], document: str) -> None:
    from tdkt.output import people_table

    rows = [
        [r["date"], r["number"], r["relation_label"], r["related_number"], r["in_force"]]
        for r in records
    ]
    headings = ["ngày", "văn bản", "quan hệ", "văn bản liên quan", "hiệu lực từ"]
    stdout().print(people_table(f"Văn bản liên quan đến {document}", headings, rows))


def _print_misquoted(citations: list[Citation]) -> None:
    from tdkt.output import clip, people_table

    rows = [
        [c.number, c.document_date, _as_stated(c), c.date or "?", clip(c.source_title, 40)]
        for c in citations
    ]
    headings = ["văn bản", "ngày văn bản", "nguồn ghi là", "ngày nguồn", "nguồn"]
    stdout().print(people_table("Trích dẫn ghi sai số hiệu hoặc ngày", headings, rows))


@app.command()
@handled
def trace(
    ctx: typer.Context,
    document: Annotated[
        str | None, typer.Argument(help="A document number (34-CT/TW), key or IRI.")
    ] = None,
    by: Annotated[GroupBy | None, typer.Option("--by", help="Count citations per group.")] = None,
    chain: Annotated[
        bool, typer.Option("--chain", help="The texts around it: amends, repeals, based on.")
    ] = False,
    misquoted: Annotated[
        bool, typer.Option("--misquoted", help="Every citation whose number or date disagrees.")
    ] = False,
    chart: Annotated[
        Path | None,
        typer.Option(
            "--chart", help="Also draw citations per year (.svg or .png).", metavar="FILE"
        ),
    ] = None,
    fmt: FormatOption = ReportFormat.table,
) -> None:
    """Trace the citations of a legal document.

    Examples:

    * `tdkt trace 34-CT/TW`
    * `tdkt trace 34-CT/TW --by year --chart citations.svg`
    * `tdkt trace 06/2022/QH15 --chain`
    * `tdkt trace --misquoted --format csv`
    """
    from tdkt.analysis import charts
    from tdkt.analysis import trace as tracing
    from tdkt.analysis.records import labels as all_labels

    if misquoted == (document is not None):
        raise InputError("trace", "give a DOCUMENT or --misquoted (not both)", field="DOCUMENT")
    if misquoted and (by or chain or chart):
        raise InputError("trace", "--misquoted lists every document's citations", field="misquoted")
    if chain and (by or chart):
        raise InputError("trace", "--chain goes alone (no --by, no --chart)", field="chain")
    with opened(ctx) as store:
        labels = all_labels(store)
        if misquoted:
            found = tracing.misquoted(store)
            emit(fmt, lambda: _print_misquoted(found), [_citation_record(c, labels) for c in found])
            return
        if chain:
            links = [_link_record(k) for k in tracing.chain(store, document)]
            emit(fmt, lambda: _print_chain(links, document), links)
            return
        traced = tracing.trace(store, document)
    if chart is not None:
        charts.save(charts.citations_figure(traced), chart)
        typer.echo(f"wrote {chart}", err=True)
    if by is not None:
        emit(fmt, lambda: _print_groups(traced, by), _group_records(traced, by))
    else:
        records = [_citation_record(c, labels) for c in traced.citations]
        emit(fmt, lambda: _print_trace(traced, labels), records)
