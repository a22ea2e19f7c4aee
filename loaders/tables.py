"""Reference tables (``data/*.csv``) → one named graph per table, ``graph/table/{stem}``.

Each row is validated strictly and mapped as docs/model.md says; any bad row raises
``InputError`` naming file, line and field, and no graph is returned. Other tables a row refers
to (provinces, clusters, bodies, documents) are read from the same directory, or from the
packaged data when that directory lacks them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from rdflib import Graph

from tdkt import iris
from tdkt.errors import InputError

from . import NamedGraph
from .table_clusters import cluster_chair_triples, cluster_name_triples, cluster_triples
from .table_context import Context, packaged_data_dir
from .table_documents import document_alias_triples, legal_document_triples
from .table_provinces import province_63_triples, province_2025_triples
from .table_rdf import Triple
from .table_rows import Row
from .table_vocab import award_type_triples, campaign_triples, organization_triples

Mapper = Callable[[Row, Context], Iterator[Triple]]

MAPPERS: dict[str, Mapper] = {
    "provinces_2008_2025": province_63_triples,
    "provinces_2025": province_2025_triples,
    "legal_documents": legal_document_triples,
    "document_aliases": document_alias_triples,
    "award_types": award_type_triples,
    "clusters": cluster_triples,
    "cluster_names": cluster_name_triples,
    "cluster_chairs": cluster_chair_triples,
    "campaigns": campaign_triples,
    "organizations": organization_triples,
}


def load_tables(data_dir: Path | None = None) -> list[NamedGraph]:
    """Every table of ``data_dir`` (default: the packaged ``tdkt.data``), one graph each."""
    data_dir = Path(data_dir) if data_dir is not None else packaged_data_dir()
    paths = sorted(data_dir.glob("*.csv"))
    if not paths:
        raise InputError(data_dir, "no *.csv tables found")
    context = Context(data_dir)
    return [_load(path, context) for path in paths]


def load_table(path: Path) -> NamedGraph:
    """One CSV → its named graph ``graph/table/{stem}``."""
    path = Path(path)
    return _load(path, Context(path.parent))


def _load(path: Path, context: Context) -> NamedGraph:
    mapper = MAPPERS.get(path.stem)
    if mapper is None:
        raise InputError(path, f"unknown table {path.stem!r}; known: {', '.join(MAPPERS)}")
    if not path.is_file():
        raise InputError(path, "table not found")
    iri = iris.table_graph(path.stem)
    graph = Graph(identifier=iri)
    iris.bind_prefixes(graph)
    for row in context.rows(path.stem):
        for triple in mapper(row, context):
            graph.add(triple)
    return NamedGraph(iri, graph, str(path))
