"""The dataset's own description (VoID + DCAT) and its dumps.

Counts come from ``tdkt.stats`` (the same named queries ``tdkt stats`` runs); dumps are
``tdkt export`` output, gzipped, and each is described with its byte size and SHA-256. Every
node has an IRI under ``{base}dataset`` (no blank nodes), so the description is stable.
"""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, VOID, XSD

from tdkt import export, iris
from tdkt.stats import Stats
from tdkt.store.base import Store

SPDX = Namespace("http://spdx.org/rdf/terms#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
LICENSE = "https://spdx.org/licenses/MIT.html"  # the project's licence (pyproject.toml)
DUMP_FORMATS = {"trig": "application/trig", "nq": "application/n-quads"}
EXAMPLES = (
    "id/cluster/tay-nguyen-duyen-hai-mien-trung",
    "id/province/lam-dong",
    "id/document/34-ct-tw",
)


@dataclass(frozen=True)
class Dump:
    """One gzipped dump file and what the description says about it."""

    name: str
    media_type: str
    path: Path
    byte_size: int
    sha256: str


def write_dumps(store: Store, folder: Path) -> list[Dump]:
    """``tdkt.trig.gz`` and ``tdkt.nq.gz`` in ``folder`` (``mtime=0``: same store, same bytes)."""
    folder.mkdir(parents=True, exist_ok=True)
    dumps = []
    for fmt, media_type in DUMP_FORMATS.items():
        path = folder / f"tdkt.{fmt}.gz"
        with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as stream:
            export.export(store, stream, fmt)
        data = path.read_bytes()
        dumps.append(Dump(path.name, media_type, path, len(data), hashlib.sha256(data).hexdigest()))
    return dumps


def describe(
    stats: Stats,
    dumps: list[Dump],
    modified: datetime,
    base: str = iris.BASE,
    examples: tuple[str, ...] = EXAMPLES,
) -> Graph:
    """VoID and DCAT for the dataset at ``{base}dataset``."""
    g = Graph()
    iris.bind_prefixes(g)
    for prefix, ns in (("void", VOID), ("dcat", DCAT), ("spdx", SPDX), ("sd", SD)):
        g.bind(prefix, ns)
    ds = URIRef(base + "dataset")
    endpoint = URIRef(base + "sparql")
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, RDF.type, DCAT.Dataset))
    g.add((ds, DCTERMS.title, Literal("Tri thức thi đua – khen thưởng (tdkt)", lang="vi")))
    g.add((ds, DCTERMS.title, Literal("Emulation and commendation knowledge graph", lang="en")))
    g.add(
        (
            ds,
            DCTERMS.description,
            Literal(
                "Vietnam's emulation and commendation governance as linked data: provinces, "
                "emulation clusters and their chairs, legal documents, awards, officials, with "
                "the source and quote of every fact.",
                lang="en",
            ),
        )
    )
    g.add((ds, DCTERMS.license, URIRef(LICENSE)))
    g.add((ds, DCTERMS.modified, Literal(modified.isoformat(), datatype=XSD.dateTime)))
    g.add((ds, VOID.triples, Literal(stats.triples)))
    g.add((ds, VOID.uriSpace, Literal(base + "id/")))
    g.add((ds, VOID.vocabulary, URIRef(base + "ontology")))
    g.add((ds, VOID.sparqlEndpoint, endpoint))
    service = URIRef(base + "dataset#sparql")
    g.add((service, RDF.type, DCAT.DataService))
    g.add((service, DCAT.endpointURL, endpoint))
    g.add((service, DCAT.servesDataset, ds))
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, endpoint))
    g.add((ds, DCAT.accessService, service))
    for example in examples:
        g.add((ds, VOID.exampleResource, URIRef(base + example)))
    for number, (class_iri, count) in enumerate(stats.per_class, start=1):
        part = URIRef(f"{base}dataset#class-{number}")
        g.add((ds, VOID.classPartition, part))
        g.add((part, VOID["class"], URIRef(class_iri)))
        g.add((part, VOID.entities, Literal(count)))
    for graph_iri, count in stats.per_graph:
        subset = URIRef(graph_iri)
        g.add((ds, VOID.subset, subset))
        g.add((subset, RDF.type, VOID.Dataset))
        g.add((subset, SD.name, subset))
        g.add((subset, VOID.triples, Literal(count)))
        g.add((ds, DCTERMS.source, subset))
    for dump in dumps:
        url = URIRef(f"{base}dumps/{dump.name}")
        checksum = URIRef(f"{url}#sha256")
        g.add((ds, VOID.dataDump, url))
        g.add((ds, DCAT.distribution, url))
        g.add((url, RDF.type, DCAT.Distribution))
        g.add((url, DCAT.downloadURL, url))
        g.add(
            (
                url,
                DCAT.mediaType,
                URIRef(f"https://www.iana.org/assignments/media-types/{dump.media_type}"),
            )
        )
        g.add(
            (
                url,
                DCAT.compressFormat,
                URIRef("https://www.iana.org/assignments/media-types/application/gzip"),
            )
        )
        g.add((url, DCAT.byteSize, Literal(dump.byte_size, datatype=XSD.nonNegativeInteger)))
        g.add((url, SPDX.checksum, checksum))
        g.add((checksum, RDF.type, SPDX.Checksum))
        g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        g.add((checksum, SPDX.checksumValue, Literal(dump.sha256, datatype=XSD.hexBinary)))
    return g
