"""The graph's relations as networkx networks, their files (GraphML, GEXF, JSON) and their most
central nodes.

Node ids are the graph's IRIs; labels (Vietnamese), kinds and dates are attributes, never
nodes. Four networks, each built from named queries:

- ``citations``: sources → the documents they cite (weight = citations) and → the events
  they report; events → the documents cited there.
- ``officials``: people linked when they presided over, attended or spoke at the same event.
- ``succession``: a cluster's chair province → the next known chair (``cluster``,
  ``from_year``, ``to_year`` on the edge).
- ``membership``: province → cluster, with the years of membership and of each role, and
  province → the unit it merged into (2025). Membership, roles and units' lives carry GEXF
  spells, so Gephi's timeline plays the clusters' history.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations

import networkx as nx

from tdkt import iris
from tdkt.analysis.records import labels, records, text, year_of
from tdkt.store.base import Store

KINDS = ("citations", "officials", "succession", "membership")
FORMATS = ("graphml", "gexf", "json")
_ROLE_NAMES = {str(iris.TDKT.ClusterChair): "chair", str(iris.TDKT.ClusterViceChair): "vice_chair"}


def _node(graph: nx.Graph, node: str, kind: str, label: str, **attrs: str | int) -> None:
    """Add ``node`` once with its kind and label; later calls fill only missing attributes."""
    if node not in graph:
        graph.add_node(node, kind=kind, label=label or node.rsplit("/", 1)[-1])
    for key, value in attrs.items():
        if value not in ("", None) and key not in graph.nodes[node]:
            graph.nodes[node][key] = value


def citations_network(store: Store) -> nx.DiGraph:
    graph = nx.DiGraph(name="tdkt citations")
    for r in records(store, "citation-trace"):
        source, document, event = text(r, "source"), text(r, "document"), text(r, "event")
        date = text(r, "source_date")
        _node(graph, source, "source", text(r, "source_title"), date=date)
        _node(graph, document, "document", text(r, "number"), date=text(r, "document_date"))
        _bump(graph, source, document, "cites", year_of(r.get("source_date")))
        if event:
            _node(graph, event, "event", text(r, "event_label"), date=text(r, "event_date"))
            _bump(graph, source, event, "reports", year_of(r.get("event_date")))
            _bump(graph, event, document, "cited_at", year_of(r.get("event_date")))
    return graph


def _bump(graph: nx.Graph, a: str, b: str, relation: str, year: int | None) -> None:
    """Add the edge or count one more on it."""
    if graph.has_edge(a, b):
        graph.edges[a, b]["weight"] += 1
    else:
        graph.add_edge(a, b, relation=relation, weight=1)
        if year is not None:
            graph.edges[a, b]["year"] = year


def officials_network(store: Store) -> nx.Graph:
    graph = nx.Graph(name="tdkt officials at events")
    at: dict[str, set[str]] = {}
    for r in records(store, "event-people"):
        person = text(r, "person")
        _node(graph, person, "person", text(r, "name"))
        at.setdefault(text(r, "event"), set()).add(person)
    for event, people in sorted(at.items()):
        for a, b in combinations(sorted(people), 2):
            if graph.has_edge(a, b):
                graph.edges[a, b]["weight"] += 1
                graph.edges[a, b]["events"] += f" {event}"
            else:
                graph.add_edge(a, b, weight=1, events=event)
    return graph


def succession_network(store: Store) -> nx.DiGraph:
    graph = nx.DiGraph(name="tdkt chair succession")
    chairs: dict[str, dict[int, set[str]]] = {}
    for r in records(store, "chair-rotation"):
        if r.get("role") != iris.TDKT.ClusterChair:
            continue
        province = text(r, "province")
        _node(graph, province, "province", text(r, "province_label"))
        chairs.setdefault(text(r, "cluster"), {}).setdefault(year_of(r["year"]), set()).add(
            province
        )
    for cluster, by_year in sorted(chairs.items()):
        years = sorted(by_year)
        for before, after in zip(years, years[1:], strict=False):
            for a in sorted(by_year[before]):
                for b in sorted(by_year[after]):
                    graph.add_edge(a, b, cluster=cluster, from_year=before, to_year=after)
    return graph


def membership_network(store: Store) -> nx.DiGraph:
    graph = nx.DiGraph(name="tdkt cluster membership", mode="dynamic")
    years: dict[tuple[str, str], dict[str, set[int]]] = {}
    for r in records(store, "membership-history"):
        province, cluster = text(r, "province"), text(r, "cluster")
        _unit(graph, province, text(r, "province_label"), r)
        _node(graph, cluster, "cluster", text(r, "cluster_label"))
        years.setdefault((province, cluster), {}).setdefault("member", set()).add(
            year_of(r["year"])
        )
    for r in records(store, "chair-rotation"):
        province, cluster = text(r, "province"), text(r, "cluster")
        _node(graph, province, "province", text(r, "province_label"))
        _node(graph, cluster, "cluster", text(r, "cluster_label"))
        role = _ROLE_NAMES.get(text(r, "role"), "role")
        years.setdefault((province, cluster), {}).setdefault(role, set()).add(year_of(r["year"]))
    words = labels(store)
    for (province, cluster), by_role in sorted(years.items()):
        attrs = {f"{role}_years": _years_text(ys) for role, ys in sorted(by_role.items())}
        every = set().union(*by_role.values())
        graph.add_edge(
            province, cluster, relation="member_of", spells=_spells(every),
            role=_role_timeline(by_role, words), **attrs,
        )  # fmt: skip
    for r in records(store, "province-lineage"):
        before, after, date = text(r, "predecessor"), text(r, "successor"), text(r, "date")
        _node(graph, before, "province", text(r, "predecessor_label"))
        _node(graph, after, "province", text(r, "successor_label"))
        graph.add_edge(before, after, relation="merged_into", date=date, spells=[(date, None)])
    return graph


def _unit(graph: nx.DiGraph, province: str, label: str, record: dict) -> None:
    """A province node whose spell is the life the sources give it."""
    start, end = text(record, "valid_from"), text(record, "valid_until")
    _node(graph, province, "province", label, valid_from=start, valid_until=end)
    if (start or end) and "spells" not in graph.nodes[province]:
        graph.nodes[province]["spells"] = [(start or None, end or None)]


_ROLE_TERMS = {  # the highest role a year has, first
    "chair": iris.TDKT.ClusterChair,
    "vice_chair": iris.TDKT.ClusterViceChair,
    "member": iris.TDKT.ClusterMember,
}


def _role_timeline(by_role: dict[str, set[int]], words: dict[str, str]) -> list[tuple]:
    """A GEXF dynamic value: (the year's role in Vietnamese, first day, last day) per year."""
    timeline = []
    for year in sorted(set().union(*by_role.values())):
        role = next(r for r in _ROLE_TERMS if year in by_role.get(r, ()))
        word = words.get(str(_ROLE_TERMS[role]), role)
        timeline.append((word, f"{year}-01-01", f"{year}-12-31"))
    return timeline


def _years_text(years: set[int]) -> str:
    return " ".join(str(y) for y in sorted(years))


def _spells(years: set[int]) -> list[tuple[str, str]]:
    """Runs of consecutive years as (first day, last day) spells."""
    spells: list[tuple[int, int]] = []
    for year in sorted(years):
        if spells and spells[-1][1] == year - 1:
            spells[-1] = (spells[-1][0], year)
        else:
            spells.append((year, year))
    return [(f"{a}-01-01", f"{b}-12-31") for a, b in spells]


BUILDERS: dict[str, Callable[[Store], nx.Graph]] = {
    "citations": citations_network,
    "officials": officials_network,
    "succession": succession_network,
    "membership": membership_network,
}


def network(store: Store, kind: str) -> nx.Graph:
    """The network ``kind`` (one of ``KINDS``)."""
    if kind not in BUILDERS:
        raise ValueError(f"no network {kind!r} (choose from {', '.join(KINDS)})")
    return BUILDERS[kind](store)


def serialise(graph: nx.Graph, fmt: str) -> str:
    """The network as GraphML, GEXF 1.2 (with spells) or node-link JSON text."""
    if fmt == "gexf":
        buffer = io.BytesIO()
        nx.write_gexf(graph, buffer)
        return buffer.getvalue().decode("utf-8")
    flat = _without_spells(graph)
    if fmt == "graphml":
        buffer = io.BytesIO()
        nx.write_graphml(flat, buffer)
        return buffer.getvalue().decode("utf-8")
    if fmt == "json":
        data = nx.node_link_data(flat, edges="links")
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")


def _without_spells(graph: nx.Graph) -> nx.Graph:
    """A copy whose spells and role timelines are text ("2018-01-01/2019-12-31 …",
    "2018: Cụm trưởng ; 2019: Thành viên cụm"): GraphML and JSON have no dynamic attributes,
    and GraphML takes only scalar values."""
    flat = graph.copy()
    flat.graph.pop("mode", None)
    items = [*flat.nodes.values(), *(data for *_, data in flat.edges(data=True))]
    for data in items:
        if "spells" in data:
            data["spells"] = " ".join(f"{a or ''}/{b or ''}" for a, b in data.pop("spells"))
        if "role" in data:
            data["role"] = " ; ".join(f"{start[:4]}: {word}" for word, start, _ in data["role"])
    return flat


@dataclass(frozen=True)
class Central:
    """A node's centrality: its degree and PageRank."""

    node: str
    label: str
    kind: str
    degree: int
    pagerank: float


def top(graph: nx.Graph, n: int = 10) -> list[Central]:
    """The ``n`` most central nodes by PageRank (ties: degree, then id)."""
    if not graph:
        return []
    ranks = nx.pagerank(graph, weight="weight")
    ranked = sorted(graph.nodes, key=lambda v: (-ranks[v], -graph.degree(v), v))
    return [
        Central(
            v,
            graph.nodes[v].get("label", v),
            graph.nodes[v].get("kind", ""),
            graph.degree(v),
            ranks[v],
        )
        for v in ranked[:n]
    ]
