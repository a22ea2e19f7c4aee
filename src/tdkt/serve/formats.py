"""The RDF formats the server speaks and content negotiation over them (RFC 9110 q-values).

Pure functions on header text: the app and the static publisher share them, so a file
suffix and an Accept header always pick the same serialisation.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    """One serialisation: its media type, URL suffix and rdflib serializer name."""

    media_type: str
    suffix: str
    rdflib: str
    quads: bool = False  # a dataset format (named graphs kept)


HTML = "text/html"
TURTLE = Format("text/turtle", "ttl", "turtle")
JSONLD = Format("application/ld+json", "jsonld", "json-ld")
NTRIPLES = Format("application/n-triples", "nt", "nt")
RDFXML = Format("application/rdf+xml", "rdf", "xml")
TRIG = Format("application/trig", "trig", "trig", quads=True)
NQUADS = Format("application/n-quads", "nq", "nquads", quads=True)

RDF_FORMATS: tuple[Format, ...] = (TURTLE, JSONLD, NTRIPLES, RDFXML, TRIG, NQUADS)
TRIPLE_FORMATS: tuple[Format, ...] = tuple(f for f in RDF_FORMATS if not f.quads)
BY_SUFFIX: dict[str, Format] = {f.suffix: f for f in RDF_FORMATS}
BY_MEDIA_TYPE: dict[str, Format] = {f.media_type: f for f in RDF_FORMATS}


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """``Accept`` as (media range, q) pairs, best first; a missing header accepts anything."""
    if not header or not header.strip():
        return [("*/*", 1.0)]
    ranges: list[tuple[str, float, int]] = []
    for position, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append((media, q, position))
    ranges.sort(key=lambda r: (-r[1], -_specificity(r[0]), r[2]))
    return [(media, q) for media, q, _ in ranges]


def _specificity(media_range: str) -> int:
    if media_range == "*/*":
        return 0
    return 1 if media_range.endswith("/*") else 2


def _quality(media_type: str, ranges: list[tuple[str, float]]) -> float:
    """The q the most specific matching range gives ``media_type`` (0 if none matches)."""
    main = media_type.split("/")[0]
    best: tuple[int, float] | None = None
    for media, q in ranges:
        if media == media_type:
            rank = 2
        elif media == f"{main}/*":
            rank = 1
        elif media == "*/*":
            rank = 0
        else:
            continue
        if best is None or rank > best[0]:
            best = (rank, q)
    return best[1] if best else 0.0


def negotiate(header: str | None, offered: list[str]) -> str | None:
    """The offered media type the client prefers (ties go to the first offered); None: 406."""
    ranges = parse_accept(header)
    scored = [(_quality(m, ranges), -i, m) for i, m in enumerate(offered)]
    q, _, media = max(scored)
    return media if q > 0 else None
