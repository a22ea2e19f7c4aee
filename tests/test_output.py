"""Terminal tables for people (labels, 80 columns, words whole) and records for programs."""

from __future__ import annotations

import csv
import io
import json

from rdflib import Literal
from rich.console import Console

from tdkt import iris, output
from tdkt.store.base import SelectResult

LONG = "Cụm thi đua các tỉnh Tây Nguyên và Duyên hải miền Trung " * 2


def _render(table, width: int = 80) -> str:
    console = Console(width=width, record=True)
    console.print(table)
    return console.export_text()


def test_people_table_fits_80_columns_without_breaking_words() -> None:
    rows = [["2024", LONG, "tay-nguyen-duyen-hai-mien-trung", "Đề nghị", LONG]]
    text = _render(output.people_table("t", ["năm", "cụm", "khoá", "trạng thái", "ghi chú"], rows))
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "tay-nguyen-duyen-hai-mien-trung" in text  # a key is never folded
    words = set(text.split())
    assert {"Nguyên", "Duyên", "Trung"} <= words  # text wraps between words


def test_column_widths_give_what_is_needed_when_it_fits() -> None:
    assert output.column_widths(["a", "bb"], [["xyz", "1"]], 80) == [3, 2]


def test_query_table_shows_labels_not_key_columns() -> None:
    lam_dong = iris.province("lam-dong")
    result = SelectResult(
        ["province", "province_label", "role"],
        [(lam_dong, Literal("Lâm Đồng", lang="vi"), iris.TDKT.ClusterChair)],
    )
    text = _render(output.to_table(result, labels={str(iris.TDKT.ClusterChair): "Cụm trưởng"}))
    assert "Lâm Đồng" in text and "Cụm trưởng" in text
    assert "lam-dong" not in text and "province_label" not in text


def test_records_as_csv_and_json() -> None:
    records = [{"key": "lam-dong", "iri": str(iris.province("lam-dong")), "year": 2024, "x": None}]
    rows = list(csv.DictReader(io.StringIO(output.render_records(records, "csv"))))
    assert rows == [
        {"key": "lam-dong", "iri": str(iris.province("lam-dong")), "year": "2024", "x": ""}
    ]
    assert json.loads(output.render_records(records, "json")) == records


def test_clip_cuts_at_a_word() -> None:
    assert output.clip("Hội nghị tổng kết giao ước", 12) == "Hội nghị…"
    assert output.clip("ngắn", 12) == "ngắn"
