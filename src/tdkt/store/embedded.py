"""The default store: embedded Oxigraph (pyoxigraph) in a directory on disk.

Queries run over the union of the named graphs (``use_default_graph_as_union``); parameters
arrive as rdflib terms and are bound through pyoxigraph's ``substitutions`` (SEP-0007), so
user input never becomes query text. Oxigraph binds a substitution only for a variable the
SELECT projects: a named query therefore projects its parameters (see ``tdkt.catalogue``).

``replace_all`` builds a fresh store in a sibling directory with bulk load and then swaps
directories by renaming, so a failed or interrupted build leaves the previous store intact.
The previous store is kept as ``.{name}.previous`` until the new one is in place; if a crash
falls between the two renames, opening the store puts the previous one back.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Identifier

from tdkt.errors import StoreError
from tdkt.loaders import NamedGraph
from tdkt.store.base import SelectResult

_XSD_STRING = str(XSD.string)
_LANG_STRING = str(RDF.langString)


# --- term conversion -------------------------------------------------------------------------


def to_ox(term: Identifier):
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def to_rdflib(term) -> Identifier | None:
    """A pyoxigraph term as an rdflib term (plain literals keep no datatype, as rdflib does)."""
    if term is None or isinstance(term, ox.DefaultGraph):
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype in (_XSD_STRING, _LANG_STRING):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"unsupported term from the store: {term!r}")


def _quads_of(graph: NamedGraph) -> Iterator[ox.Quad]:
    name = ox.NamedNode(str(graph.iri))
    for s, p, o in graph.graph:
        yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), name)


def _substitutions(bindings: Mapping[str, Identifier] | None) -> dict | None:
    if not bindings:
        return None
    return {ox.Variable(name): to_ox(value) for name, value in bindings.items()}


# --- the store -------------------------------------------------------------------------------


class EmbeddedStore:
    """A ``tdkt.store.base.Store`` on pyoxigraph in ``path`` (opened lazily, on first use)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._db: ox.Store | None = None
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"{self.path} is a file, not a store directory")
        _recover(self.path)

    # reading

    def exists(self) -> bool:
        """Whether a store has been built at ``path``."""
        return (self.path / "CURRENT").is_file()

    def select(self, query: str, bindings: Mapping[str, Identifier] | None = None) -> SelectResult:
        result = self._query(query, bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise StoreError("not a SELECT query")
        variables = [v.value for v in result.variables]
        rows = [tuple(to_rdflib(solution[v]) for v in variables) for solution in result]
        return SelectResult(variables=variables, rows=rows)

    def ask(self, query: str, bindings: Mapping[str, Identifier] | None = None) -> bool:
        result = self._query(query, bindings)
        if not isinstance(result, ox.QueryBoolean):
            raise StoreError("not an ASK query")
        return bool(result)

    def construct(self, query: str, bindings: Mapping[str, Identifier] | None = None) -> Graph:
        result = self._query(query, bindings)
        if not isinstance(result, ox.QueryTriples):
            raise StoreError("not a CONSTRUCT or DESCRIBE query")
        graph = Graph()
        for t in result:
            graph.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
        return graph

    def graphs(self) -> list[URIRef]:
        return sorted(URIRef(g.value) for g in self._open().named_graphs())

    def quads(self, graph: URIRef | None = None) -> Iterator[tuple]:
        name = ox.NamedNode(str(graph)) if graph is not None else None
        for q in self._open().quads_for_pattern(None, None, None, name):
            yield (
                to_rdflib(q.subject),
                to_rdflib(q.predicate),
                to_rdflib(q.object),
                to_rdflib(q.graph_name),
            )

    # writing

    def replace_graph(self, graph: NamedGraph) -> None:
        """One SPARQL Update (drop, then insert), which Oxigraph applies as one transaction.

        The data block is written by pyoxigraph's own N-Triples serialiser of each term, so
        no text is pasted in unescaped.
        """
        name = str(ox.NamedNode(str(graph.iri)))
        lines = [f"{q.subject} {q.predicate} {q.object} ." for q in _quads_of(graph)]
        update = f"DROP SILENT GRAPH {name} ;\nCREATE SILENT GRAPH {name}"
        if lines:
            update += f" ;\nINSERT DATA {{ GRAPH {name} {{\n" + "\n".join(lines) + "\n} }"
        try:
            self._open(create=True).update(update)
        except (OSError, SyntaxError) as e:
            raise StoreError(f"could not replace graph {graph.iri} in {self.path}: {e}") from e

    def replace_all(self, graphs: Iterable[NamedGraph]) -> None:
        """Build a fresh store next to ``path`` with bulk load, then swap it in by renames."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fresh = Path(tempfile.mkdtemp(prefix=f".{self.path.name}.building-", dir=self.path.parent))
        try:
            db = ox.Store(str(fresh))
            for graph in graphs:
                db.add_graph(ox.NamedNode(str(graph.iri)))
                db.bulk_extend(_quads_of(graph))
            db.flush()
            del db
        except BaseException:
            shutil.rmtree(fresh, ignore_errors=True)
            raise
        self.close()
        _swap_in(fresh, self.path)

    def close(self) -> None:
        # pyoxigraph has no close(): dropping the last reference releases the RocksDB lock.
        self._db = None

    # internals

    def _query(self, query: str, bindings: Mapping[str, Identifier] | None):
        try:
            return self._open().query(
                query, use_default_graph_as_union=True, substitutions=_substitutions(bindings)
            )
        except SyntaxError as e:
            raise StoreError(f"SPARQL syntax error: {e}") from e
        except (OSError, RuntimeError) as e:
            raise StoreError(f"query failed: {e}") from e

    def _open(self, create: bool = False) -> ox.Store:
        if self._db is None:
            if not create and not self.exists():
                raise StoreError(f"no store at {self.path}/ — run `tdkt build` first")
            try:
                self._db = ox.Store(str(self.path))
            except OSError as e:
                if "lock" in str(e).lower():
                    raise StoreError(
                        f"the store at {self.path}/ is in use by another process (locked)"
                    ) from e
                raise StoreError(f"could not open the store at {self.path}/: {e}") from e
        return self._db


def _previous(path: Path) -> Path:
    return path.parent / f".{path.name}.previous"


def _swap_in(fresh: Path, path: Path) -> None:
    """Rename ``fresh`` onto ``path``; the old store stays as ``.previous`` until that is done."""
    previous = _previous(path)
    shutil.rmtree(previous, ignore_errors=True)  # left by a crash after an earlier swap's renames
    if path.exists():
        path.rename(previous)
    try:
        fresh.rename(path)
    except OSError:
        if previous.exists():
            previous.rename(path)
        raise
    shutil.rmtree(previous, ignore_errors=True)


def _recover(path: Path) -> None:
    """Put the previous store back if a swap was interrupted between its two renames."""
    previous = _previous(path)
    if not path.exists() and previous.is_dir():
        previous.rename(path)
