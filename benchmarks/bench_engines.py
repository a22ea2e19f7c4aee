"""Two design choices, each measured against its peer in the same run (ratios, not seconds).

1. SHACL: ``tdkt.validate`` (core shapes in pyshacl, SHACL-SPARQL rules compiled to one
   Oxigraph query each) against pyshacl doing everything (``reference=True``).
2. Queries: a named query in embedded Oxigraph against the same text in rdflib's engine.

The data is the real build (reference tables + the corpus) copied N times under fresh keys, so
it keeps the shape of the knowledge graph while growing. Run by hand:

    python benchmarks/bench_engines.py --corpus ../shared/corpus --copies 4
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from tdkt import catalogue, iris
from tdkt.build import load_sources
from tdkt.loaders import NamedGraph
from tdkt.store.embedded import EmbeddedStore
from tdkt.validate import validate


def _copy(term, k: int):
    """The term of copy ``k``: every ``id/`` IRI gets its own key; other terms stay."""
    if isinstance(term, URIRef) and str(term).startswith(str(iris.ID)) and k:
        return URIRef(f"{term}-copy{k}")
    return term


def scaled(graphs: list[NamedGraph], copies: int) -> list[NamedGraph]:
    """``copies`` disjoint copies of every data graph (the ontology once)."""
    out = []
    for named in graphs:
        if named.iri == iris.ontology_graph():
            out.append(named)
            continue
        for k in range(copies):
            graph = Graph()
            for s, p, o in named.graph:
                graph.add((_copy(s, k), p, _copy(o, k)))
            out.append(NamedGraph(URIRef(f"{named.iri}-copy{k}"), graph, named.origin))
    return out


def timed(run: Callable[[], object], repeat: int) -> tuple[float, object]:
    """The best of ``repeat`` runs, in seconds, and the last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, action="append", default=[])
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    graphs, _ = load_sources(args.corpus)
    graphs = scaled(graphs, args.copies)
    union = Graph()
    for named in graphs:
        if named.iri != iris.ontology_graph():
            union += named.graph
    print(f"{len(graphs)} named graphs, {len(union)} data triples ({args.copies} copies)")

    fast_s, fast = timed(lambda: validate(union), 1)
    ref_s, ref = timed(lambda: validate(union, reference=True), 1)
    same = fast.findings == ref.findings
    print(
        f"SHACL   tdkt.validate {fast_s:8.2f} s | pyshacl only {ref_s:8.2f} s | "
        f"ratio {ref_s / fast_s:6.1f}x | same findings: {same}"
    )

    query = catalogue.named("chair-rotation")
    with tempfile.TemporaryDirectory() as tmp:
        store = EmbeddedStore(Path(tmp) / "kg")
        store.replace_all(graphs)
        ox_s, ox_rows = timed(lambda: catalogue.run(store, query).rows, args.repeat)
        store.close()
    dataset = Dataset(default_union=True)
    for named in graphs:
        context = dataset.graph(named.iri)
        for triple in named.graph:
            context.add(triple)
    rdf_s, rdf_rows = timed(lambda: list(dataset.query(query.text)), args.repeat)
    print(
        f"query   oxigraph      {ox_s * 1000:8.1f} ms | rdflib       {rdf_s * 1000:8.1f} ms | "
        f"ratio {rdf_s / ox_s:6.1f}x | rows {len(ox_rows)} vs {len(rdf_rows)}"
    )


if __name__ == "__main__":
    main()
