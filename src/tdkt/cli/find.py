"""`tdkt find TEXT`: any named thing, whatever the diacritics, case or punctuation typed."""

from __future__ import annotations

from typing import Annotated

import typer

from tdkt.cli.app import app, handled, opened
from tdkt.cli.report import FormatOption, ReportFormat, emit


@app.command()
@handled
def find(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="A name or number, as you would type it.")],
    fmt: FormatOption = ReportFormat.table,
) -> None:
    """Find clusters, provinces, documents, people… by any of their names.

    Examples: `tdkt find "lam dong"`, `tdkt find 34/CT-TW`, `tdkt find "tay nguyen"`
    """
    from tdkt.analysis.keys import entities, find
    from tdkt.analysis.records import records
    from tdkt.output import people_table

    with opened(ctx) as store:
        found = find(entities(records(store, "entities")), text)
    rows = [
        [f.entity.kind, f.entity.key, f.entity.label, "" if f.name == f.entity.label else f.name]
        for f in found
    ]
    emit(
        fmt,
        lambda: people_table(f"Kết quả cho “{text}”", ["loại", "khoá", "tên", "khớp với"], rows),
        [
            {"iri": str(f.entity.iri), "kind": f.entity.kind, "key": f.entity.key,
             "label": f.entity.label, "matched": f.name}
            for f in found
        ],
    )  # fmt: skip
