"""The catalogue of named queries (``queries/*.rq``): list them, read headers, bind, run.

Header grammar. A query file starts with comment lines; the first line that does not start
with ``#`` ends the header (comments further down are SPARQL's own). Each header line is::

    # title: <text>                      exactly once
    # description: <text>                exactly once; a line "#   <text>" (# and at least two
                                         spaces) continues it
    # param: <name>: <type> = <default> [unless <other>] [— <help>]     zero or more
    # example: <command line>            zero or more

- ``<name>`` is ``[a-z][a-z0-9_]*`` and binds the SPARQL variable ``?<name>``.
- ``<type>``: ``iri-key(cluster)``, ``iri-key(province)``, ``iri-key(document)``,
  ``iri-key(person)``, ``iri-key(organization)`` (an IRI minted from a key by ``tdkt.iris``;
  document numbers such as ``34-CT/TW`` are accepted as written), ``xsd:gYear`` (``2024``),
  ``xsd:date`` (``2024-03-29``), ``iri`` (an absolute http(s) IRI) or ``string`` (a plain
  literal).
- ``<default>``: ``(none)`` (optional: left unbound when absent), ``(required)``, ``today``
  (``xsd:date`` only) or a value of the type. ``unless <other>``: the default is not applied
  when parameter ``<other>`` is given.

Any other line in the header is an error. Parameters are bound as RDF terms through the
store's ``bindings`` (escaped terms in a VALUES block, ``tdkt.store.prebind``), never pasted
into the text by tdkt's callers. A query that projects a filter-only parameter as a *last*
column (needed when Oxigraph's substitutions did the binding) has those trailing parameter
columns dropped by ``run``.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from tdkt import iris
from tdkt.errors import InputError
from tdkt.store.base import SelectResult, Store

_HEADER_LINE = re.compile(r"# (?P<key>[a-z]+):(?: (?P<value>.*))?$")
_CONTINUATION = re.compile(r"#\s{2,}(?P<text>\S.*)$")
_PARAM = re.compile(
    r"(?P<name>[a-z][a-z0-9_]*):\s*(?P<type>\S+)\s*=\s*(?P<default>\S+)"
    r"(?:\s+unless\s+(?P<unless>[a-z][a-z0-9_]*))?"
    r"(?:\s+—\s*(?P<help>.*))?$"
)
_YEAR = re.compile(r"-?\d{4}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ABSOLUTE_IRI = re.compile(r"https?://[^\s<>\"{}|\\^`]+")
_IRI_KEY = re.compile(r"iri-key\((\w+)\)")
_NONE, _REQUIRED, _TODAY = "(none)", "(required)", "today"


def _to_year(value: str) -> Literal:
    if not _YEAR.fullmatch(value):
        raise ValueError("expected a year such as 2024")
    return Literal(value, datatype=XSD.gYear)


def _to_date(value: str) -> Literal:
    if not _DATE.fullmatch(value):
        raise ValueError("expected a date such as 2024-03-29")
    date.fromisoformat(value)  # rejects 2024-02-30
    return Literal(value, datatype=XSD.date)


def _to_iri(value: str) -> URIRef:
    if not _ABSOLUTE_IRI.fullmatch(value):
        raise ValueError("expected an absolute http(s) IRI")
    return URIRef(value)


def _to_string(value: str) -> Literal:
    return Literal(value)


_IRI_KINDS: dict[str, Callable[[str], URIRef]] = {
    "cluster": iris.cluster,
    "province": iris.province,
    "document": iris.document,
    "person": iris.person,
    "organization": iris.organization,
}
_TYPES: dict[str, Callable[[str], Identifier]] = {
    "xsd:gYear": _to_year,
    "xsd:date": _to_date,
    "string": _to_string,
    "iri": _to_iri,
}


def _converter(type_: str) -> Callable[[str], Identifier] | None:
    """What turns a value of the header type ``type_`` into an RDF term (None: no such type)."""
    if type_ in _TYPES:
        return _TYPES[type_]
    kind = _IRI_KEY.fullmatch(type_)
    if kind is None or kind.group(1) not in _IRI_KINDS:
        return None
    return functools.partial(_to_iri_key, kind.group(1))


@functools.lru_cache(maxsize=1024)
def _convert(type_: str, value: str) -> Identifier:
    """``value`` as a term of ``type_``, memoised: the same parameters come again and again (a
    page, a benchmark, a loop over keys), and slugging a key costs microseconds. rdflib terms
    are immutable, so sharing them is safe; a ValueError is not memoised."""
    return _converter(type_)(value)


def _to_iri_key(kind: str, value: str) -> URIRef:
    """The IRI of a key, or the IRI itself when a full IRI of that kind is given."""
    if value.startswith(("http://", "https://")):
        if not value.startswith(f"{iris.ID}{kind}/") or not _ABSOLUTE_IRI.fullmatch(value):
            raise ValueError(f"expected a {kind} key or an IRI under {iris.ID}{kind}/")
        return URIRef(value)
    iri = _IRI_KINDS[kind](value)
    if iri.endswith("/"):  # the key slugged to nothing
        raise ValueError(f"expected a {kind} key, got nothing usable")
    return iri


@dataclass(frozen=True)
class Param:
    """One declared parameter of a named query."""

    name: str
    type: str
    default: str = _NONE
    unless: str | None = None
    help: str = ""

    @property
    def required(self) -> bool:
        return self.default == _REQUIRED

    def convert(self, value: str) -> Identifier:
        """The RDF term for a value given as text; ValueError says what was expected."""
        return _convert(self.type, value)


@dataclass(frozen=True)
class Query:
    """A named query: its header and SPARQL text."""

    name: str
    title: str
    description: str
    text: str
    params: tuple[Param, ...] = ()
    examples: tuple[str, ...] = ()
    path: str = ""

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


# --- parsing ---------------------------------------------------------------------------------


def parse_query(text: str, name: str, path: str = "") -> Query:
    """Parse a query file's header strictly; an InputError names the file and line."""
    where = path or name
    fields: dict[str, str] = {}
    params: list[Param] = []
    examples: list[str] = []
    last_key = None
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        if not line.startswith("#"):
            break
        cont = _CONTINUATION.match(line)
        if cont and last_key == "description":
            fields["description"] += " " + cont.group("text").strip()
            continue
        match = _HEADER_LINE.match(line)
        if not match:
            raise InputError(where, "not a header line (# key: value)", line=number)
        key, value = match.group("key"), (match.group("value") or "").strip()
        last_key = key
        if key in ("title", "description"):
            if key in fields:
                raise InputError(where, f"{key} given twice", line=number, field=key)
            fields[key] = value
        elif key == "param":
            params.append(_parse_param(value, where, number, params))
        elif key == "example":
            examples.append(value)
        else:
            raise InputError(where, f"unknown header key {key!r}", line=number, field=key)
    for key in ("title", "description"):
        if not fields.get(key):
            raise InputError(where, f"the header has no {key}", field=key)
    for p in params:
        if not re.search(rf"\?{p.name}\b", text):
            raise InputError(where, f"parameter {p.name} is not a variable of the query")
        if p.unless and not any(q.name == p.unless for q in params):
            raise InputError(where, f"parameter {p.name}: unless names no parameter {p.unless}")
    return Query(
        name=name,
        title=fields["title"],
        description=fields["description"],
        text=text,
        params=tuple(params),
        examples=tuple(examples),
        path=path,
    )


def _parse_param(value: str, where: str, line: int, seen: list[Param]) -> Param:
    match = _PARAM.match(value)
    if not match:
        raise InputError(where, "expected 'name: type = default [— help]'", line=line)
    name, type_, default = match.group("name", "type", "default")
    if any(p.name == name for p in seen):
        raise InputError(where, f"parameter {name} declared twice", line=line, field=name)
    if _converter(type_) is None:
        raise InputError(where, f"unknown parameter type {type_}", line=line, field=name)
    param = Param(name, type_, default, match.group("unless"), (match.group("help") or "").strip())
    if default == _TODAY and type_ != "xsd:date":
        raise InputError(where, "'today' is a default for xsd:date only", line=line, field=name)
    if default not in (_NONE, _REQUIRED, _TODAY):
        try:
            param.convert(default)
        except ValueError as e:
            raise InputError(where, f"bad default: {e}", line=line, field=name) from e
    return param


# --- the catalogue ---------------------------------------------------------------------------


def _query_files() -> dict[str, Traversable]:
    """The packaged ``queries/*.rq`` by query name."""
    folder = files("tdkt.queries")
    return {
        entry.name.removesuffix(".rq"): entry
        for entry in folder.iterdir()
        if entry.name.endswith(".rq")
    }


def _parse_file(name: str, entry: Traversable) -> Query:
    return parse_query(entry.read_text("utf-8"), name, str(entry))


def catalogue() -> list[Query]:
    """Every named query, sorted by name."""
    found = _query_files()
    return [_parse_file(name, found[name]) for name in sorted(found)]


def named(name: str) -> Query:
    """The named query ``name``; an InputError lists the names that exist."""
    found = _query_files()
    if name not in found:
        known = ", ".join(sorted(found))
        raise InputError(name, f"no such query (known: {known})", field="query")
    return _parse_file(name, found[name])


def from_file(path: Path) -> Query:
    """A user's .rq file. A header is optional here; if present it is parsed strictly."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise InputError(path, f"cannot read: {e.strerror or e}") from e
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(
            path, f"not UTF-8 text (invalid byte at offset {e.start}); save the file as UTF-8"
        ) from e
    if text.startswith("#"):
        return parse_query(text, path.stem, str(path))
    return Query(name=path.stem, title=path.stem, description="", text=text, path=str(path))


def bind(
    query: Query, values: Mapping[str, str], today: date | None = None
) -> dict[str, Identifier]:
    """RDF terms for the given text values plus defaults; InputError names the parameter."""
    bound: dict[str, Identifier] = {}
    for name in values:
        if query.param(name) is None:
            known = ", ".join(p.name for p in query.params) or "none"
            raise InputError(query.name, f"unknown parameter (known: {known})", field=name)
    for p in query.params:
        if p.name in values:
            try:
                bound[p.name] = p.convert(values[p.name])
            except ValueError as e:
                raise InputError(query.name, f"{values[p.name]!r}: {e}", field=p.name) from e
        elif p.required:
            raise InputError(query.name, "this parameter is required", field=p.name)
        elif p.default == _NONE or (p.unless and p.unless in values):
            continue
        elif p.default == _TODAY:
            bound[p.name] = Literal((today or date.today()).isoformat(), datatype=XSD.date)
        else:
            bound[p.name] = p.convert(p.default)
    return bound


def parse_assignments(pairs: list[str]) -> dict[str, str]:
    """``["cluster=x", "from=2020"]`` → a dict; InputError for a pair without ``=``."""
    values: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise InputError("--param", f"{pair!r}: expected name=value", field="param")
        values[name.strip()] = value
    return values


def run(store: Store, query: Query, values: Mapping[str, str] | None = None) -> SelectResult:
    """Run a SELECT with its parameters bound; trailing parameter columns are dropped.

    Keys are checked only when nothing matched: a key that names nothing gives no rows, and
    the check would otherwise cost every call a query of its own."""
    bound = bind(query, values or {})
    result = store.select(query.text, bound)
    if not result.rows:
        check_keys(store, query, bound)
    names = {p.name for p in query.params}
    keep = len(result.variables)
    while keep > 1 and result.variables[keep - 1] in names:
        keep -= 1
    if keep == len(result.variables):
        return result
    return SelectResult(result.variables[:keep], [row[:keep] for row in result.rows])


# --- keys that name nothing ------------------------------------------------------------------

_EXISTS = "SELECT ?thing WHERE { { ?thing ?property ?value } UNION { ?s ?p ?thing } } LIMIT 1"
_TERMS = "SELECT DISTINCT ?thing WHERE { { ?thing ?property ?value } UNION { ?s ?p ?thing } }"


def check_keys(store: Store, query: Query, bound: Mapping[str, Identifier]) -> None:
    """A key parameter that names nothing in the store is an error suggesting the nearest keys
    (an empty table would read as "no such facts")."""
    for p in query.params:
        kind = _IRI_KEY.fullmatch(p.type)
        if kind is None or p.name not in bound:
            continue
        if store.select(_EXISTS, {"thing": bound[p.name]}).rows:
            continue
        prefix = f"{iris.ID}{kind.group(1)}/"
        wanted = str(bound[p.name]).removeprefix(prefix)
        keys = {
            str(row[0]).removeprefix(prefix)
            for row in store.select(_TERMS).rows
            if str(row[0]).startswith(prefix) and "/" not in str(row[0])[len(prefix) :]
        }
        hint = nearest(wanted, keys)
        reason = f"no {kind.group(1)} {wanted!r}"
        if hint:
            reason += f"; did you mean {' or '.join(hint)}?"
        raise InputError(query.name, reason, field=p.name)


def nearest(wanted: str, keys: Iterable[str], limit: int = 3) -> list[str]:
    """Up to ``limit`` keys close to ``wanted``: those containing it (shortest first), then
    those most alike."""
    pool = sorted(keys)
    containing = sorted((k for k in pool if wanted and wanted in k), key=len)
    alike = difflib.get_close_matches(wanted, pool, n=limit, cutoff=0.6)
    return list(dict.fromkeys(containing + alike))[:limit]
