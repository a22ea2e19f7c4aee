"""`tdkt rotation`: a cluster's chairs and vice-chairs year by year, with the gaps, the
conflicts between sources, who has not chaired, and the membership; or every role of one
province (and, with --follow-lineage, of the units merged with it)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tdkt.cli.app import app, handled, opened, stdout
from tdkt.cli.report import FormatOption, ReportFormat, emit, word
from tdkt.errors import InputError

if TYPE_CHECKING:
    from tdkt.analysis.rotation import Claim, Rotation


def _claim_record(claim: Claim, labels: dict[str, str]) -> dict[str, str | int]:
    return {
        "cluster": str(claim.cluster),
        "cluster_label": claim.cluster_label,
        "year": claim.year,
        "role": str(claim.role),
        "role_label": word(labels, claim.role),
        "province": str(claim.province),
        "province_key": str(claim.province).rsplit("/", 1)[-1],
        "province_label": claim.province_label,
        "status": str(claim.status or ""),
        "status_label": word(labels, claim.status),
        "source": " ; ".join(claim.sources),
        "via": str(claim.via or ""),
    }


def _summary_record(rotation: Rotation, claims: list[dict]) -> dict:
    """The whole analysis of a cluster for programs (JSON): IRIs, years, counts."""
    return {
        "cluster": str(rotation.cluster),
        "label": rotation.label,
        "years": rotation.years,
        "claims": claims,
        "gaps": rotation.gaps,
        "conflicts": [
            {"year": c.year, "role": str(c.role), "provinces": [str(p) for p in c.provinces]}
            for c in rotation.conflicts
        ],
        "never_chaired": [str(m.province) for m in rotation.never_chaired],
        "handovers": [
            {"year": h.year, "vice_chairs": [str(p) for p in h.vice_chairs],
             "next_chairs": [str(p) for p in h.next_chairs], "promoted": h.promoted}
            for h in rotation.handovers
        ],
        "membership": {
            str(year): [str(m.province) for m in members]
            for year, members in rotation.membership.items()
        },
    }  # fmt: skip


def _holders(rotation: Rotation, year: int, role, labels: dict[str, str]) -> str:
    """ "Lâm Đồng (Đề nghị)"; several claims on separate lines; "—" for none."""
    cells = []
    for claim in rotation.claims:
        if claim.year == year and claim.role == role:
            cell = f"{claim.province_label} ({word(labels, claim.status).lower()})"
            if cell not in cells:
                cells.append(cell)
    return "\n".join(cells) or "—"


def _years(years: list[int]) -> str:
    """2019–2022, 2024: runs of consecutive years."""
    runs: list[list[int]] = []
    for y in years:
        if runs and runs[-1][-1] == y - 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def _summary(rotation: Rotation) -> list[str]:
    from tdkt.analysis.rotation import CHAIR

    lines = [f"Năm chưa rõ cụm trưởng: {_years(rotation.gaps) or 'không có'}"]
    for c in rotation.conflicts:
        role = "Cụm trưởng" if c.role == CHAIR else "Cụm phó"
        names = " / ".join(rotation.label_of(p) for p in c.provinces)
        lines.append(f"Nguồn không thống nhất: {c.year} {role}: {names}")
    never = ", ".join(m.label for m in rotation.never_chaired)
    lines.append(f"Thành viên chưa làm cụm trưởng (theo dữ liệu): {never or 'không có'}")
    handovers = rotation.handovers
    promoted = [h for h in handovers if h.promoted]
    lines.append(
        f"Cụm phó năm N làm cụm trưởng năm N+1: {len(promoted)}/{len(handovers)} lần"
        + "".join(f"; {h.year}→{h.year + 1}" for h in promoted)
    )
    return lines


def _print_cluster(rotation: Rotation, labels: dict[str, str]) -> None:
    from tdkt.analysis.rotation import CHAIR, VICE_CHAIR
    from tdkt.output import people_table

    console = stdout()
    rows = [
        [str(y), _holders(rotation, y, CHAIR, labels), _holders(rotation, y, VICE_CHAIR, labels),
         str(len({s for c in rotation.claims if c.year == y for s in c.sources}))]
        for y in rotation.years
    ]  # fmt: skip
    console.print(people_table(rotation.label, ["năm", "Cụm trưởng", "Cụm phó", "nguồn"], rows))
    for line in _summary(rotation):
        console.print(line, highlight=False)
    members = [
        [str(year), str(len(ms)), ", ".join(m.label + ("†" if m.valid_until else "") for m in ms)]
        for year, ms in rotation.membership.items()
    ]
    if members:
        console.print(
            people_table(
                "Thành viên theo năm († đơn vị kết thúc khi sáp nhập 2025)",
                ["năm", "số", "tỉnh, thành phố"],
                members,
            )
        )


def _print_province(claims: list[Claim], labels: dict[str, str], title: str) -> None:
    from tdkt.output import people_table

    rows = [
        [str(c.year), c.cluster_label, word(labels, c.role), word(labels, c.status),
         labels.get(str(c.via), "") if c.via else ""]
        for c in claims
    ]  # fmt: skip
    stdout().print(people_table(title, ["năm", "cụm", "vai trò", "trạng thái", "qua"], rows))


@app.command()
@handled
def rotation(
    ctx: typer.Context,
    cluster: Annotated[
        str | None, typer.Argument(help="A cluster key (see `tdkt clusters`) or IRI.")
    ] = None,
    province: Annotated[
        str | None,
        typer.Option("--province", help="Every role of this province instead.", metavar="KEY"),
    ] = None,
    follow_lineage: Annotated[
        bool,
        typer.Option("--follow-lineage", help="With --province: add the units merged with it."),
    ] = False,
    chart: Annotated[
        Path | None,
        typer.Option("--chart", help="Also draw the rotation (.svg or .png).", metavar="FILE"),
    ] = None,
    fmt: FormatOption = ReportFormat.table,
) -> None:
    """Chair rotation of a cluster, or every role a province held.

    Examples:

    * `tdkt rotation tay-nguyen-duyen-hai-mien-trung`
    * `tdkt rotation thanh-pho-truc-thuoc-tw --chart rotation.svg`
    * `tdkt rotation --province lam-dong`
    * `tdkt rotation --province thai-nguyen --follow-lineage --format csv`
    """
    from tdkt import iris
    from tdkt.analysis import charts
    from tdkt.analysis.records import as_iri
    from tdkt.analysis.records import labels as all_labels
    from tdkt.analysis.rotation import province_roles
    from tdkt.analysis.rotation import rotation as cluster_rotation

    if (cluster is None) == (province is None):
        raise InputError("rotation", "give a CLUSTER or --province KEY (not both)", field="CLUSTER")
    if chart is not None and cluster is None:
        raise InputError("rotation", "--chart draws a cluster's rotation", field="chart")
    if follow_lineage and province is None:
        raise InputError(
            "rotation", "--follow-lineage goes with --province", field="follow-lineage"
        )
    with opened(ctx) as store:
        labels = all_labels(store)
        if cluster is not None:
            found = cluster_rotation(store, cluster)
            claims = list(found.claims)
        else:
            claims = province_roles(store, province, follow_lineage)
    if chart is not None:
        charts.save(charts.rotation_figure(found), chart)
        typer.echo(f"wrote {chart}", err=True)
    records = [_claim_record(c, labels) for c in claims]
    if fmt is ReportFormat.json and cluster is not None:
        typer.echo(json.dumps(_summary_record(found, records), ensure_ascii=False, indent=2))
    elif fmt is not ReportFormat.table:
        emit(fmt, lambda: None, records)
    elif cluster is not None:
        _print_cluster(found, labels)
    else:
        name = labels.get(str(as_iri(province, iris.province)), province)
        _print_province(claims, labels, f"Vai trò của {name} trong các cụm thi đua")
