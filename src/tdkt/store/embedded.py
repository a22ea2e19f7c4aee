"""The default store: embedded Oxigraph (pyoxigraph) in a directory on disk.

Queries run over the union of the named graphs (``use_default_graph_as_union``); parameters
arrive as rdflib terms and are bound as escaped terms in a leading VALUES block
(``tdkt.store.prebind``, shared with the remote store), so user input never becomes query
syntax.

Reading never takes a lock that blocks anyone: the live generation is opened with
``Store.read_only`` (any number at once, also on a read-only directory). Writing never
touches a published generation: every write builds a new generation and publishes it
atomically (``tdkt.store.layout``), holding the store's writer lock (``tdkt.store.lock``),
so an interrupted write leaves the store as it was and readers keep a consistent view.
Queries are screened and bounded by ``tdkt.store.guard``.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Identifier

from tdkt.errors import StoreError
from tdkt.loaders import NamedGraph
from tdkt.store import guard, layout, lock
from tdkt.store.base import SelectResult
from tdkt.store.terms import to_ox, to_rdflib

_OPEN_ATTEMPTS = 20  # a reader loses the race with a publishing writer at most this often


def _quads_of(graph: NamedGraph) -> Iterator[ox.Quad]:
    name = ox.NamedNode(str(graph.iri))
    for s, p, o in graph.graph:
        yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), name)


def _only_graphs(quads: Iterable[ox.Quad], allowed: set[str], source: Path) -> Iterator[ox.Quad]:
    """The quads, refusing any outside ``allowed`` (an update must not touch other graphs)."""
    for quad in quads:
        graph = quad.graph_name
        if not isinstance(graph, ox.NamedNode) or graph.value not in allowed:
            raise StoreError(f"{source}: a quad in {graph}, which the update does not replace")
        yield quad


class EmbeddedStore:
    """A ``tdkt.store.base.Store`` on pyoxigraph in ``path`` (opened lazily, on first use).

    ``wait`` chooses what a write does when another process holds the writer lock: wait
    (telling ``on_wait`` once) or fail at once with a one-line StoreError.
    """

    def __init__(
        self,
        path: Path | str,
        *,
        wait: bool = False,
        on_wait: Callable[[str], None] | None = None,
        limits: guard.Limits | None = None,
    ) -> None:
        self.path = Path(path)
        self.wait = wait
        self.on_wait = on_wait
        self.limits = limits or guard.Limits.from_env()
        self._db: ox.Store | None = None
        self._hold: int | None = None
        self._live: Path | None = None
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"{self.path} is a file, not a store directory")

    # reading

    def exists(self) -> bool:
        """Whether a store has been built at ``path``."""
        return layout.is_store(self.path) and layout.current(self.path) is not None

    def select(self, query: str, bindings: Mapping[str, Identifier] | None = None) -> SelectResult:
        return self._query(query, bindings, guard.SELECT)

    def ask(self, query: str, bindings: Mapping[str, Identifier] | None = None) -> bool:
        return self._query(query, bindings, guard.ASK)

    def construct(self, query: str, bindings: Mapping[str, Identifier] | None = None) -> Graph:
        return self._query(query, bindings, guard.CONSTRUCT)

    def graphs(self) -> list[URIRef]:
        return sorted(URIRef(g.value) for g in self.raw().named_graphs())

    def quads(self, graph: URIRef | None = None) -> Iterator[tuple]:
        name = ox.NamedNode(str(graph)) if graph is not None else None
        for q in self.raw().quads_for_pattern(None, None, None, name):
            yield (
                to_rdflib(q.subject),
                to_rdflib(q.predicate),
                to_rdflib(q.object),
                to_rdflib(q.graph_name),
            )

    # writing

    def replace_graph(self, graph: NamedGraph) -> None:
        """Replace one named graph: a new generation with that graph replaced, published."""
        self._update([graph.iri], _quads_of(graph), keep=True)

    def replace_all(self, graphs: Iterable[NamedGraph]) -> None:
        """Build a new generation from ``graphs`` with bulk load, then publish it."""
        with self._writing() as fresh:
            db = ox.Store(str(fresh))
            for graph in graphs:
                db.add_graph(ox.NamedNode(str(graph.iri)))
                db.bulk_extend(_quads_of(graph))
            db.flush()
            del db  # closed before it is published: no reader may see it open for writing

    def replace_all_from_file(self, nquads: Path) -> None:
        """Bulk-load an N-Quads file into a new generation, then publish it."""
        with self._writing() as fresh:
            db = ox.Store(str(fresh))
            _load(db, nquads)
            db.flush()
            del db  # closed before it is published

    def update_graphs(self, remove: Iterable[URIRef], nquads: Path | None) -> None:
        """Drop the graphs ``remove`` and add the quads of ``nquads`` (of those graphs only).

        The update is applied to a copy of the live generation (RocksDB checkpoint: hard
        links, no data copied) and published as a whole: all of it or nothing is seen.
        """
        names = [URIRef(g) for g in remove]
        quads = None
        if nquads is not None:
            parsed = ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS)
            quads = _only_graphs(parsed, {str(n) for n in names}, nquads)
        self._update(names, quads, keep=False)

    def close(self) -> None:
        # pyoxigraph has no close(): dropping the last reference releases the engine's files.
        self._db = None
        lock.release(self._hold)
        self._hold = self._live = None

    # internals

    def _update(self, drop: list[URIRef], quads: Iterable[ox.Quad] | None, keep: bool) -> None:
        """A copy of the live generation with ``drop`` replaced by ``quads``, published.

        ``keep`` keeps the dropped graphs as (possibly empty) named graphs.
        """
        with self._writing() as fresh:
            live = layout.current(self.path)
            if live is not None:
                ox.Store.read_only(str(live)).backup(str(fresh))
            db = ox.Store(str(fresh))
            for name in drop:
                node = ox.NamedNode(str(name))
                if db.contains_named_graph(node):
                    db.remove_graph(node)
                if keep:
                    db.add_graph(node)
            if quads is not None:
                try:
                    db.bulk_extend(quads)
                except SyntaxError as e:
                    raise StoreError(f"bad N-Quads: {_first_line(e)}") from e
            db.flush()
            del db  # closed before it is published

    @contextmanager
    def _writing(self) -> Iterator[Path]:
        """A not yet existing directory to write a generation into; published on success."""
        with layout.writing(self.path, wait=self.wait, on_wait=self.on_wait):
            layout.clean(self.path)
            fresh = layout.new_building(self.path)
            try:
                yield fresh
            except BaseException:
                shutil.rmtree(fresh, ignore_errors=True)
                raise
            self.close()
            layout.publish(self.path, fresh)
            layout.clean(self.path)

    def _query(self, query: str, bindings: Mapping[str, Identifier] | None, form: str):
        guard.screen(query, self.limits)
        db = self.raw()  # a damaged store is reported as such, not as a failed query
        return guard.run(str(self._live), query, bindings, form, self.limits, db)

    def raw(self) -> ox.Store:
        """The live generation, opened read-only and held against removal until ``close``.

        For callers that stream pyoxigraph results themselves (the SPARQL endpoint): they
        must ``guard.screen`` the query first and bound it themselves.
        """
        if self._db is None:
            live = self._hold_live()
            try:
                self._db = ox.Store.read_only(str(live))
            except (OSError, RuntimeError) as e:
                raise layout.damaged(self.path, _first_line(e)) from e
        return self._db

    @property
    def generation(self) -> Path:
        """The directory of the generation :meth:`raw` reads, held until ``close``: another
        process may open it read-only and read exactly what this one reads."""
        self.raw()
        return self._hold_live()

    def _hold_live(self) -> Path:
        """The live generation's directory, held (a shared lock) so no writer removes it."""
        if self._live is not None:
            return self._live
        if not layout.is_store(self.path):
            if not self.path.exists() or not any(self.path.iterdir()):
                raise StoreError(f"no store at {self.path}/ — run `tdkt build` first")
            raise layout.not_a_store(self.path)
        for _ in range(_OPEN_ATTEMPTS):
            live = layout.current(self.path)
            if live is None:
                raise StoreError(f"no store at {self.path}/ — run `tdkt build` first")
            hold = lock.hold_shared(layout.readers_lock(live))
            if hold is not None and layout.current(self.path) == live:
                self._hold, self._live = hold, live
                return live
            lock.release(hold)  # a writer published a newer generation meanwhile
        raise StoreError(f"the store at {self.path}/ keeps changing; try again")


def _load(db: ox.Store, nquads: Path) -> None:
    try:
        db.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    except SyntaxError as e:
        raise StoreError(f"{nquads}: bad N-Quads: {_first_line(e)}") from e


def _has_quads(db: ox.Store, graph: ox.NamedNode) -> bool:
    return next(iter(db.quads_for_pattern(None, None, None, graph)), None) is not None


def _first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
