"""Targeted shapes checked in worker processes, each reading the same store generation.

One query runs on one core, and a process's queries hold the GIL while they run, so on a
national-scale store the shapes are shared out between processes instead: each opens the
generation read-only (any number of readers at once) and checks whole targeted shapes, which
are independent of each other. The results are those of :meth:`Engine.run_each`.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

import pyoxigraph as ox
from rdflib import Graph, URIRef

from tdkt.shacl import components
from tdkt.shacl.data import OxigraphData
from tdkt.shacl.engine import Engine, Result
from tdkt.shacl.shapes import Shapes

_engine: Engine | None = None  # a worker's own, made once by _open


def run_each(
    generation: str, shapes: Graph, targeted: list[URIRef], workers: int
) -> dict[URIRef, list[Result]]:
    """The results of each targeted shape on the union of the generation's named graphs,
    checked by ``workers`` processes."""
    text = shapes.serialize(format="nt")
    with ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_open,
        initargs=(generation, text),
    ) as pool:
        found = dict(pool.map(_check, [str(shape) for shape in targeted]))
    return {shape: found[str(shape)] for shape in targeted}


def _open(generation: str, shapes: str) -> None:
    global _engine
    data = OxigraphData(ox.Store.read_only(generation), union=True)
    _engine = Engine(Shapes(Graph().parse(data=shapes, format="nt")), data, class_paths=True)


def _check(shape: str) -> tuple[str, list[Result]]:
    assert _engine is not None, "a worker of run_each, opened by _open"
    node = URIRef(shape)
    return shape, _engine.check(node, components.targets(_engine, node))
