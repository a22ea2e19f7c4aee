"""Charts: figures returned by functions (one code path for CLI and web), saved as SVG that an
XML parser reads with the expected marks and text, and as PNG."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import tdkt
from matplotlib.figure import Figure

from tdkt.analysis.charts import citations_figure, rotation_figure, save
from tdkt.analysis.rotation import rotation
from tdkt.analysis.trace import trace
from tdkt.errors import InputError

pytest_plugins = ["analysis_fixtures"]

SVG = "{http://www.w3.org/2000/svg}"


def _svg(figure: Figure) -> ET.Element:
    buffer = io.BytesIO()
    save(figure, buffer, "svg")
    return ET.fromstring(buffer.getvalue())


def _ids(root: ET.Element) -> set[str]:
    return {e.get("id") for e in root.iter() if e.get("id")}


def _texts(root: ET.Element) -> str:
    return " ".join("".join(e.itertext()) for e in root.iter(f"{SVG}text"))


def test_rotation_chart_marks_chairs_vice_chairs_and_members(analysis_store) -> None:
    figure = rotation_figure(rotation(analysis_store, "tay-nguyen-duyen-hai-mien-trung"))
    assert isinstance(figure, Figure)
    root = _svg(figure)
    # seed article 001: Bình Định chair 2023, Lâm Đồng vice-chair 2023 and chair 2024
    assert {"chair-2023-binh-dinh", "vice-chair-2023-lam-dong", "chair-2024-lam-dong"} <= _ids(root)
    text = _texts(root)
    assert "Bình Định" in text and "Lâm Đồng" in text and "Cụm trưởng" in text


def test_rotation_chart_shows_the_2025_merger(analysis_store) -> None:
    root = _svg(rotation_figure(rotation(analysis_store, "thanh-pho-truc-thuoc-tw")))
    assert "merger" in _ids(root)
    assert "member-2017-da-nang" in _ids(root)
    assert "Đà Nẵng (đến 2025)" in _texts(root)  # ended on 2025-06-30 (provinces_2025.csv)


def test_citations_chart_has_a_bar_per_year(analysis_store) -> None:
    root = _svg(citations_figure(trace(analysis_store, "34-CT/TW")))
    assert {"year-2019", "year-2024"} <= _ids(root)
    assert "34-CT/TW" in _texts(root)


def test_citations_chart_of_several_documents(analysis_store) -> None:
    both = [trace(analysis_store, "34-CT/TW"), trace(analysis_store, "91/2017/NĐ-CP")]
    root = _svg(citations_figure(*both))
    # 002 (2019-03-21) cites both; 001 (2024-03-29) cites 34-CT/TW only
    assert {"year-2019-34-ct-tw", "year-2024-34-ct-tw", "year-2019-91-2017-nd-cp"} <= _ids(root)
    assert "year-2024-91-2017-nd-cp" not in _ids(root)
    assert "91/2017/NĐ-CP" in _texts(root)


def test_png_and_bad_suffix(analysis_store, tmp_path: Path) -> None:
    figure = citations_figure(trace(analysis_store, "34-CT/TW"))
    save(figure, tmp_path / "c.png")
    assert (tmp_path / "c.png").read_bytes().startswith(b"\x89PNG")
    with pytest.raises(InputError, match="svg or .png"):
        save(figure, tmp_path / "c.gif")


def test_cli_trace_chart(corpus_store: Path, tmp_path: Path) -> None:
    chart = tmp_path / "citations.svg"
    result = tdkt("trace", "34-CT/TW", "--chart", str(chart), store=corpus_store)
    assert result.exit_code == 0, result.output
    assert "year-2019" in _ids(ET.parse(chart).getroot())
    bad = tdkt("rotation", "tay-nguyen-duyen-hai-mien-trung", "--chart", str(tmp_path / "x.gif"),
               store=corpus_store)  # fmt: skip
    assert bad.exit_code == 2 and "x.gif" in bad.output
