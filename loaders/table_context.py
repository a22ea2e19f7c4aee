"""What one table needs to know about the others: provinces over time, clusters, bodies, documents.

A table is checked against the reference tables beside it; a reference table missing there is
taken from the packaged ``tdkt.data`` (so a single new or corrected table can be checked alone).
"""

from __future__ import annotations

import re
from datetime import date
from functools import cached_property
from importlib import resources
from pathlib import Path

from rdflib import URIRef

from tdkt import iris
from tdkt.text import match_key

from .table_documents import document_number
from .table_lineage import Lineage, Unit, derive_lineage
from .table_rows import COLUMNS, Row, read_table

_PARENTHESES = re.compile(r"\([^)]*\)")


def packaged_data_dir() -> Path:
    return Path(str(resources.files("tdkt.data")))


class Context:
    """Lazily read lookups over the tables of one directory."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._rows: dict[str, list[Row]] = {}

    def rows(self, stem: str) -> list[Row]:
        if stem not in self._rows:
            path = self.data_dir / f"{stem}.csv"
            if not path.is_file():
                path = packaged_data_dir() / f"{stem}.csv"
            self._rows[stem] = read_table(path, COLUMNS[stem])
        return self._rows[stem]

    @cached_property
    def documents(self) -> dict[str, Row]:
        documents: dict[str, Row] = {}
        for row in self.rows("legal_documents"):
            number = document_number(row, "number")
            if number in documents:
                raise row.error("number", f"{number!r} is repeated")
            documents[number] = row
        return documents

    @cached_property
    def lineage(self) -> Lineage:
        return derive_lineage(
            self.rows("provinces_2008_2025"), self.rows("provinces_2025"), self.documents
        )

    @cached_property
    def cluster_labels(self) -> dict[str, str]:
        """Each cluster's rdfs:label: the name in its first row of clusters.csv."""
        labels: dict[str, str] = {}
        for row in self.rows("clusters"):
            labels.setdefault(row.key("cluster_id"), row.text("name_vi"))
        return labels

    @cached_property
    def organization_ids(self) -> set[str]:
        return {row.key("org_id") for row in self.rows("organizations")}

    @cached_property
    def _organization_names(self) -> dict[str, str]:
        names: dict[str, str] = {}
        for row in self.rows("organizations"):
            for name in [row.text("name_vi"), *row.items("aliases")]:
                names[match_key(name)] = row.key("org_id")
        return names

    def organization(self, text: str) -> URIRef | None:
        """The national body a cell names ("Bộ Chính trị (khóa XI)" → bo-chinh-tri), if any."""
        org_id = self._organization_names.get(match_key(_PARENTHESES.sub(" ", text)))
        return iris.organization(org_id) if org_id else None

    def organization_named(self, row: Row, field: str) -> URIRef:
        org = self.organization(row.text(field))
        if org is None:
            raise row.error(field, f"{row.text(field)!r} names no body of organizations.csv")
        return org

    def organization_id(self, row: Row, field: str) -> URIRef:
        org_id = row.key(field)
        if org_id not in self.organization_ids:
            raise row.error(field, f"unknown org_id {org_id!r} (see organizations.csv)")
        return iris.organization(org_id)

    def cluster(self, row: Row, field: str) -> str:
        cluster_id = row.key(field)
        if cluster_id not in self.cluster_labels:
            raise row.error(field, f"unknown cluster_id {cluster_id!r} (see clusters.csv)")
        return cluster_id

    def province(self, row: Row, field: str, name: str, day: date) -> Unit:
        """The one provincial unit called ``name`` on ``day`` (names match by match_key)."""
        units = self.lineage.named(name, day)
        if len(units) != 1:
            problem = "unknown province name" if not units else "ambiguous province name"
            raise row.error(field, f"{problem} {name!r} on {day.isoformat()}")
        return units[0]
