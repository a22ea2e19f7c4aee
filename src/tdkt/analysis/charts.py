"""Charts as matplotlib figures, returned (not saved) so the command line and the web site draw
them with one code path.

Figures are built with ``matplotlib.figure.Figure`` and the Agg canvas, never pyplot: no
global state, safe in a server thread. Each mark carries an SVG id (``gid``), e.g.
``chair-2024-lam-dong`` or ``year-2019``, so a page or a test can find it; text stays text in
SVG (``svg.fonttype: none``).
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from tdkt.analysis.rotation import CHAIR, VICE_CHAIR, Rotation
from tdkt.analysis.trace import Trace
from tdkt.errors import InputError

FORMATS = ("svg", "png")
MERGER_YEAR = 2025  # the 2025 merger took effect on 1 July 2025
_MARKS = {
    CHAIR: ("*", "#c0392b", "Cụm trưởng", "chair"),
    VICE_CHAIR: ("o", "#2471a3", "Cụm phó", "vice-chair"),
}


def _figure(width: float, height: float) -> Figure:
    figure = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def _key(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def rotation_figure(rotation: Rotation) -> Figure:
    """Years across, provinces down: members as grey bars, chairs as stars, vice-chairs as
    circles; provinces that ended in the 2025 merger are marked and a line shows the merger."""
    years = rotation.years
    provinces = sorted(
        {c.province for c in rotation.claims}
        | {m.province for ms in rotation.membership.values() for m in ms},
        key=rotation.label_of,
    )
    row = {p: i for i, p in enumerate(provinces)}
    figure = _figure(max(6.0, 0.6 * len(years) + 3), max(2.5, 0.35 * len(provinces) + 1.5))
    axes = figure.add_subplot()
    ended = {m.province for ms in rotation.membership.values() for m in ms if m.valid_until}
    for year, members in rotation.membership.items():
        for m in members:
            axes.barh(row[m.province], 0.9, left=year - 0.45, height=0.6, color="#d5d8dc",
                      gid=f"member-{year}-{_key(m.province)}")  # fmt: skip
    for claim in rotation.claims:
        marker, colour, _, name = _MARKS.get(claim.role, ("s", "black", "", "role"))
        axes.plot([claim.year], [row[claim.province]], marker=marker, color=colour, markersize=12,
                  linestyle="none", gid=f"{name}-{claim.year}-{_key(claim.province)}")  # fmt: skip
    for marker, colour, label, _ in _MARKS.values():
        axes.plot([], [], marker=marker, color=colour, linestyle="none", label=label)
    if years and years[0] <= MERGER_YEAR <= years[-1]:
        axes.axvline(MERGER_YEAR + 0.5, color="#7f8c8d", linestyle="--", gid="merger")
        axes.text(MERGER_YEAR + 0.45, 0, "sáp nhập 1/7/2025", fontsize=8, color="#7f8c8d",
                  ha="right", va="bottom", transform=axes.get_xaxis_transform())  # fmt: skip
    axes.set_yticks(range(len(provinces)))
    axes.set_yticklabels(
        [rotation.label_of(p) + (" (đến 2025)" if p in ended else "") for p in provinces]
    )
    axes.invert_yaxis()
    if years:
        axes.set_xticks(years)
        axes.set_xlim(years[0] - 0.6, years[-1] + 0.6)
    axes.set_title(rotation.label or _key(rotation.cluster))
    axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    return figure


def citations_figure(*traces: Trace) -> Figure:
    """Citations per year of one document, or of several side by side (one colour each).

    Bars have the SVG id ``year-2019`` (one document) or ``year-2019-34-ct-tw`` (several)."""
    years = sorted({y for trace in traces for y in trace.per_year()})
    figure = _figure(max(5.0, 0.5 * len(years) * len(traces) + 3), 3.5)
    axes = figure.add_subplot()
    width = 0.8 / max(len(traces), 1)
    for i, trace in enumerate(traces):
        offset = (i - (len(traces) - 1) / 2) * width
        suffix = f"-{_key(trace.document)}" if len(traces) > 1 else ""
        for year, count in trace.per_year().items():
            axes.bar(year + offset, count, width=width, color=f"C{i}", gid=f"year-{year}{suffix}",
                     label=trace.number if year == min(trace.per_year()) else None)  # fmt: skip
    if years:
        axes.set_xticks(range(years[0], years[-1] + 1))
    axes.set_ylabel("số lần trích dẫn")
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.set_title(", ".join(t.number for t in traces) + ": trích dẫn theo năm")
    if len(traces) > 1:
        axes.legend(fontsize=8, frameon=False)
    return figure


def save(figure: Figure, target: Path | BinaryIO, fmt: str | None = None) -> None:
    """Write ``figure`` as SVG (text kept as text) or PNG; the format defaults to the suffix."""
    fmt = fmt or (target.suffix.lstrip(".").lower() if isinstance(target, Path) else "svg")
    if fmt not in FORMATS:
        raise InputError(str(target), f"a chart is .svg or .png, not {fmt!r}", field="chart")
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "tdkt"}):
        figure.savefig(target, format=fmt, metadata={"Date": None} if fmt == "svg" else None)
