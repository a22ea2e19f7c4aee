"""Charts on pages, drawn by ``tdkt.analysis.charts`` (the CLI's chart code) as inline SVG.

Each entry takes the store and the page's IRI and returns SVG text, or None when there is
nothing to draw.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace

from matplotlib.figure import Figure
from rdflib import URIRef

from tdkt.analysis import charts
from tdkt.analysis.rotation import Rotation, rotation
from tdkt.analysis.trace import trace
from tdkt.errors import InputError
from tdkt.store.base import Store


def svg(figure: Figure) -> str:
    """The figure as SVG markup to put in a page (no XML prolog)."""
    buffer = io.BytesIO()
    charts.save(figure, buffer, "svg")
    text = buffer.getvalue().decode("utf-8")
    return text[text.index("<svg") :]


def rotation_chart(store: Store, cluster: URIRef) -> str | None:
    try:
        found = rotation(store, str(cluster))
    except InputError:  # a cluster the rotation record does not know
        return None
    return svg(charts.rotation_figure(_one_mark_each(found))) if found.claims else None


def _one_mark_each(found: Rotation) -> Rotation:
    """The claims the chart marks, once each (role, year, province): every source that repeats
    a claim would stack an identical mark on it, only making the SVG longer (one per source:
    about 10,000 marks for a cluster at L, where the chart shows fewer than 100)."""
    marks = {(c.role, c.year, c.province): c for c in found.claims}
    return replace(found, claims=tuple(marks.values()))


def citations_chart(store: Store, document: URIRef) -> str | None:
    try:
        found = trace(store, str(document))
    except InputError:
        return None
    return svg(charts.citations_figure(found)) if found.citations else None


CHARTS: dict[str, Callable[[Store, URIRef], str | None]] = {
    "rotation": rotation_chart,
    "citations": citations_chart,
}
