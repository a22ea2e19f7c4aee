"""Never lose a store (issue 7): generations, the marker, the writer lock, read-only readers."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import all_quads, one_graph, sample_graphs, sample_store

from tdkt import iris
from tdkt.errors import StoreError
from tdkt.extraction import to_nquads
from tdkt.store import layout
from tdkt.store.embedded import EmbeddedStore


def write_nquads(path: Path, *graphs) -> Path:
    path.write_text("".join(to_nquads(g) for g in graphs), "utf-8")
    return path


def listing(path: Path) -> list[str]:
    return sorted(p.name for p in path.iterdir())


# --- the writing API ---------------------------------------------------------------------------


def test_replace_all_from_file_loads_exactly_the_file(tmp_path: Path):
    store = sample_store(tmp_path / "kg")
    nq = write_nquads(tmp_path / "in.nq", one_graph("a", "Một"), one_graph("b", "Hai"))
    store.replace_all_from_file(nq)
    assert store.graphs() == [iris.table_graph("a"), iris.table_graph("b")]
    assert len(all_quads(store)) == 2
    store.close()


def test_replace_all_from_a_bad_file_keeps_the_store(tmp_path: Path):
    store = sample_store(tmp_path / "kg")
    before = all_quads(store)
    bad = tmp_path / "bad.nq"
    bad.write_text('<urn:a> <urn:b> "unterminated <urn:g> .\n', "utf-8")
    with pytest.raises(StoreError, match="bad.nq: bad N-Quads"):
        store.replace_all_from_file(bad)
    assert all_quads(store) == before
    assert not [p for p in (tmp_path / "kg").iterdir() if p.name.startswith("building-")]
    store.close()


def test_update_graphs_replaces_and_drops_only_the_named_graphs(tmp_path: Path):
    store = sample_store(tmp_path / "kg")
    before = all_quads(store)
    replaced, dropped = iris.table_graph("provinces-2025"), iris.table_graph("clusters")
    assert {replaced, dropped} <= set(store.graphs())
    new = one_graph("provinces-2025", "Tỉnh mới")
    store.update_graphs([replaced, dropped], write_nquads(tmp_path / "u.nq", new))
    after = all_quads(store)
    assert {q for q in after if q[3] == replaced} == {(*t, replaced) for t in new.graph}
    assert dropped not in store.graphs()
    untouched = {replaced, dropped}
    assert {q for q in after if q[3] not in untouched} == {
        q for q in before if q[3] not in untouched
    }
    store.close()


def test_update_graphs_refuses_quads_of_other_graphs_and_changes_nothing(tmp_path: Path):
    store = sample_store(tmp_path / "kg")
    before = all_quads(store)
    stray = write_nquads(tmp_path / "u.nq", one_graph("provinces-2025", "x"), one_graph("z", "z"))
    with pytest.raises(StoreError, match="does not replace"):
        store.update_graphs([iris.table_graph("provinces-2025")], stray)
    assert all_quads(store) == before
    store.close()


# --- nothing of the user's is touched ----------------------------------------------------------


def test_a_directory_of_other_files_is_refused_and_left_alone(tmp_path: Path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.docx").write_bytes(b"my work")
    store = EmbeddedStore(mine)
    with pytest.raises(StoreError, match=r"mine/ is not a tdkt store \(no tdkt-store.json\)"):
        store.replace_all(sample_graphs())
    with pytest.raises(StoreError, match="not a tdkt store"):
        store.graphs()  # reading does not write the engine's LOCK or LOG files into it
    assert listing(mine) == ["thesis.docx"]
    assert (mine / "thesis.docx").read_bytes() == b"my work"


def test_the_current_directory_is_refused_and_nothing_is_left(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for path in (Path("."), tmp_path, tmp_path.parent):
        with pytest.raises(StoreError, match="current directory or one of its parents"):
            EmbeddedStore(path).replace_all(sample_graphs())
    assert listing(tmp_path) == []


def test_an_oxigraph_directory_without_marker_is_named_as_such(tmp_path: Path):
    raw = ox.Store(str(tmp_path / "old"))
    raw.flush()
    del raw
    with pytest.raises(StoreError, match="Oxigraph directory from an older tdkt"):
        EmbeddedStore(tmp_path / "old").replace_all(sample_graphs())


def test_an_empty_directory_becomes_a_store(tmp_path: Path):
    (tmp_path / "kg").mkdir()
    store = sample_store(tmp_path / "kg")
    assert layout.is_store(tmp_path / "kg") and store.exists()
    store.close()


def test_a_failed_first_build_leaves_no_directory(tmp_path: Path):
    def loader():
        raise RuntimeError("no data")
        yield

    with pytest.raises(RuntimeError):
        EmbeddedStore(tmp_path / "kg").replace_all(loader())
    assert listing(tmp_path) == []


# --- leftovers, generations, readers across a swap ---------------------------------------------


def test_leftovers_of_killed_builds_are_cleaned_by_the_next_build(tmp_path: Path):
    store = sample_store(tmp_path / "kg")
    store.close()
    (tmp_path / "kg" / "building-123-abcd").mkdir()
    (tmp_path / "kg" / "building-123-abcd" / "000001.sst").write_bytes(b"x" * 1000)
    (tmp_path / "kg" / ".current.99.tmp").write_text("gen-000009\n")
    (tmp_path / ".kg.building-old").mkdir()  # left beside the store by tdkt before markers
    store.replace_all(sample_graphs())
    assert listing(tmp_path) == ["kg"]
    assert not [n for n in listing(tmp_path / "kg") if "building-" in n or n.endswith(".tmp")]
    store.close()


def test_a_reader_keeps_its_generation_across_a_swap(tmp_path: Path):
    writer = sample_store(tmp_path / "kg")
    writer.close()
    reader = EmbeddedStore(tmp_path / "kg")
    before = all_quads(reader)
    writer.replace_all([one_graph("only", "Chỉ một")])  # a new generation is published
    assert all_quads(reader) == before  # the open reader still sees the old one, whole
    assert reader.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0].toPython() > 1
    late = EmbeddedStore(tmp_path / "kg")
    assert len(all_quads(late)) == 1  # one that opens after the swap sees the new one
    old = layout.current(tmp_path / "kg").name
    writer.replace_all([one_graph("again", "Lần nữa")])
    assert len([n for n in listing(tmp_path / "kg") if layout._GENERATION.fullmatch(n)]) == 3
    reader.close()
    late.close()
    writer.replace_all([one_graph("last", "Cuối")])  # nobody holds the old ones now
    generations = [n for n in listing(tmp_path / "kg") if layout._GENERATION.fullmatch(n)]
    assert generations == [layout.current(tmp_path / "kg").name] and old not in generations
    writer.close()


def test_a_damaged_store_is_one_line_saying_what_to_do(tmp_path: Path):
    store = sample_store(tmp_path / "kg")
    store.close()
    live = layout.current(tmp_path / "kg")
    for f in live.iterdir():
        if f.name.startswith(("MANIFEST", "CURRENT")):
            f.write_bytes(b"garbage")
    with pytest.raises(StoreError) as caught:
        EmbeddedStore(tmp_path / "kg").graphs()
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"the store at {tmp_path / 'kg'}/ is damaged")
    assert message.endswith("run `tdkt build` to rebuild it")


def test_a_pointer_to_no_generation_is_damage(tmp_path: Path):
    store = sample_store(tmp_path / "kg")
    store.close()
    (tmp_path / "kg" / "current").write_text("../../etc\n")
    with pytest.raises(StoreError, match="is damaged .*names no generation"):
        EmbeddedStore(tmp_path / "kg").graphs()


# --- one writer at a time ----------------------------------------------------------------------

HOLD_LOCK = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from tdkt.store.lock import writer
    with writer(Path(sys.argv[1])):
        print("held", flush=True)
        sys.stdin.read()
    """
)


@pytest.fixture
def locked(tmp_path: Path):
    """A store whose writer lock another process holds until the test closes its stdin."""
    sample_store(tmp_path / "kg").close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(tmp_path / "kg")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline() == "held\n"
    yield tmp_path / "kg", holder
    if holder.poll() is None:
        holder.stdin.close()
        holder.wait()


def test_a_second_writer_fails_fast_with_a_clear_error(locked):
    path, _ = locked
    before = all_quads(EmbeddedStore(path))
    with pytest.raises(StoreError, match="another tdkt build is writing .* pass --wait"):
        EmbeddedStore(path).replace_all([one_graph("x", "x")])
    assert all_quads(EmbeddedStore(path)) == before


def test_a_waiting_writer_says_so_and_goes_on_when_the_lock_is_free(locked):
    path, holder = locked
    told: list[str] = []
    done = threading.Event()

    def write():
        EmbeddedStore(path, wait=True, on_wait=told.append).replace_all([one_graph("x", "x")])
        done.set()

    thread = threading.Thread(target=write)
    thread.start()
    while not told:
        time.sleep(0.05)
    assert "waiting for another tdkt build" in told[0] and not done.is_set()
    holder.stdin.close()
    holder.wait()
    thread.join(60)
    assert done.is_set()
    assert EmbeddedStore(path).graphs() == [iris.table_graph("x")]


def test_a_killed_writer_does_not_block_the_next(locked):
    path, holder = locked
    holder.kill()
    holder.wait()
    EmbeddedStore(path).replace_all([one_graph("x", "x")])  # no error: the OS freed the lock


# --- a read-only directory ---------------------------------------------------------------------

READ = "from tdkt.store.embedded import EmbeddedStore; import sys; " + (
    "s = EmbeddedStore(sys.argv[1]); print(len(s.graphs()), "
    "s.select('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }').rows[0][0])"
)


def read_only_run(directory: Path, command: list[str]) -> subprocess.CompletedProcess:
    """Run ``command`` with ``directory`` read-only: a read-only bind mount in a private mount
    namespace when we are root (root ignores file modes), else file modes."""
    if os.geteuid() == 0:
        script = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"'
        command = ["unshare", "-m", "sh", "-c", script, str(directory), *command]
    else:
        for root, _, files in os.walk(directory):
            for name in files:
                os.chmod(Path(root) / name, 0o444)
            os.chmod(root, 0o555)
    try:
        return subprocess.run(command, capture_output=True, text=True, check=False)
    finally:
        for root, _, _ in os.walk(directory):
            os.chmod(root, 0o755)


def test_a_store_on_a_read_only_directory_can_be_queried(tmp_path: Path):
    store = sample_store(tmp_path / "kg")
    expected = len(all_quads(store))
    store.close()
    names = {p: listing(p) for p in [tmp_path / "kg", layout.current(tmp_path / "kg")]}
    done = read_only_run(tmp_path, [sys.executable, "-c", READ, str(tmp_path / "kg")])
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(len(sample_graphs())), str(expected)]
    assert {p: listing(p) for p in names} == names  # nothing was written
