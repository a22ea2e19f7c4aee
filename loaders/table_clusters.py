"""Emulation clusters: names, per-year membership, and the chair / vice-chair of a year."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from rdflib import URIRef

from tdkt import iris
from tdkt.iris import ORG, RDFS, SKOS, TDKT
from tdkt.text import match_key

from .literals import gyear, vi
from .table_rdf import Triple, fact, quote_evidence
from .table_rows import Row

if TYPE_CHECKING:
    from .table_context import Context

# "2018–2019 (tổng kết 2018, …)" → 2018, 2019; "2013 (sơ kết …)" → 2013
_PERIOD = re.compile(r"^(\d{4})(?:\s*[–-]\s*(\d{4}))?$")
_VICE, _CHAIR = match_key("phó"), match_key("trưởng")


def cluster_triples(row: Row, ctx: Context) -> Iterator[Triple]:
    """The cluster and its name (as in cluster_names.csv), and a membership per member and year."""
    yield from cluster_name_triples(row, ctx)
    cluster_id = ctx.cluster(row, "cluster_id")
    cluster = iris.cluster(cluster_id)
    members = row.items("members")
    _check_member_count(row, members)
    period = row.text("period")
    for year in period_years(row, "period"):
        for name in members:
            province = ctx.province(row, "members", name, date(year, 1, 1))
            node = iris.cluster_membership(cluster_id, province.key, year)
            yield from fact(node, TDKT.ClusterMembership, row)
            yield node, ORG.organization, cluster
            yield node, ORG.member, iris.province(province.key)
            yield node, ORG.role, TDKT.ClusterMember
            yield node, TDKT.year, gyear(year)
            yield node, TDKT.status, TDKT.Stated
            yield node, TDKT.periodAsStated, vi(period)


def cluster_name_triples(row: Row, ctx: Context) -> Iterator[Triple]:
    """The cluster and one of its names: its rdfs:label if it is the label, else skos:altLabel."""
    cluster_id = ctx.cluster(row, "cluster_id")
    cluster = iris.cluster(cluster_id)
    name = row.text("name_vi")
    yield from fact(cluster, TDKT.EmulationCluster, row)
    yield cluster, RDFS.label if name == ctx.cluster_labels[cluster_id] else SKOS.altLabel, vi(name)


def cluster_chair_triples(row: Row, ctx: Context) -> Iterator[Triple]:
    cluster_id = ctx.cluster(row, "cluster")
    year = row.year("year")
    role_key, role = _role(row)
    province = ctx.province(row, "province", row.text("province"), date(year, 1, 1))
    node = iris.cluster_role_term(cluster_id, role_key, year)
    yield from fact(node, TDKT.ClusterRoleTerm, row)
    yield node, ORG.organization, iris.cluster(cluster_id)
    yield node, ORG.member, iris.province(province.key)
    yield node, ORG.role, role
    yield node, TDKT.year, gyear(year)
    yield node, TDKT.status, TDKT.Stated
    if quote := row.optional("quote"):
        yield from quote_evidence(node, "cluster_chairs", row, quote)


def period_years(row: Row, field: str) -> range:
    """The years a period cell covers; the parenthesised remark after it is ignored."""
    stated = row.text(field).split("(")[0].strip()
    match = _PERIOD.match(stated)
    if not match:
        raise row.error(field, f"{stated!r} is not a year or a year range like 2018–2019")
    first = row.check_year(field, match.group(1))
    last = row.check_year(field, match.group(2) or match.group(1))
    if last < first:
        raise row.error(field, f"{stated!r} ends before it starts")
    return range(first, last + 1)


def _check_member_count(row: Row, members: list[str]) -> None:
    count = row.optional("member_count")
    if count is None:
        return
    if not count.isdigit():
        raise row.error("member_count", f"{count!r} is not a number")
    if members and int(count) != len(members):
        raise row.error("member_count", f"says {count} but {len(members)} members are listed")


def _role(row: Row) -> tuple[str, URIRef]:
    """Cụm phó / Phó Trưởng cụm → vice-chair; Cụm trưởng / Trưởng cụm → chair."""
    words = match_key(row.text("role")).split()
    if _VICE in words:
        return "vice-chair", TDKT.ClusterViceChair
    if _CHAIR in words:
        return "chair", TDKT.ClusterChair
    raise row.error("role", f"{row.text('role')!r} names neither Cụm trưởng nor Cụm phó")
