"""Real processes racing on one store (issue 7): builds, readers in a loop, many readers, kills.

Short by default; ``TDKT_LONG=1`` raises the rounds (figures in docs/reliability.md). Every
check is on the store's content: after each race it is exactly one whole dataset, never a mix,
never corrupt, and no ``building-*`` folder outlives the next write.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from concurrency_worker import dataset, read_counts, which
from conftest import tdkt

from tdkt.store import layout
from tdkt.store.embedded import EmbeddedStore

LONG = os.environ.get("TDKT_LONG") == "1"
ROUNDS = 25 if LONG else 2
WORKER = Path(__file__).with_name("concurrency_worker.py")


def worker(*args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(WORKER.parent), *sys.path])}
    return subprocess.Popen(
        [sys.executable, str(WORKER), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def finish(process: subprocess.Popen) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=600)
    return process.returncode, out, err


def variant_of(path: Path) -> str | None:
    store = EmbeddedStore(path)
    try:
        return which(read_counts(store))
    finally:
        store.close()


def leftovers(path: Path) -> list[str]:
    return [p.name for p in path.iterdir() if p.name.startswith(layout.BUILDING)]


def test_two_writers_racing_never_corrupt_the_store(tmp_path: Path):
    path = tmp_path / "kg"
    EmbeddedStore(path).replace_all(dataset("a"))
    for _ in range(ROUNDS):
        racers = [worker("write", str(path), "b"), worker("write", str(path), "c")]
        results = [finish(p) for p in racers]
        codes = sorted(code for code, _, _ in results)
        assert codes in ([0, 0], [0, 3]), results  # one may find the other writing: fail fast
        for code, out, err in results:
            assert err == "", err
            if code == 3:
                assert "another tdkt build is writing" in out and "--wait" in out
        assert variant_of(path) in {"b", "c"}
        assert leftovers(path) == []
    print(f"figures: {ROUNDS} races of two writers, store whole after each")


def test_two_waiting_writers_both_succeed_one_after_the_other(tmp_path: Path):
    path = tmp_path / "kg"
    for _ in range(ROUNDS):
        racers = [worker("write", str(path), v, "--wait") for v in ("a", "b")]
        assert [finish(p)[0] for p in racers] == [0, 0]
        assert variant_of(path) in {"a", "b"}


def test_readers_in_a_loop_during_builds_always_see_one_whole_generation(tmp_path: Path):
    path = tmp_path / "kg"
    EmbeddedStore(path).replace_all(dataset("a"))
    seconds = 60 if LONG else 4
    readers = [worker("read", str(path), str(seconds)) for _ in range(3)]
    writes = 0
    end = time.monotonic() + seconds - 1
    while time.monotonic() < end or writes < 2:  # a slow machine still swaps twice
        EmbeddedStore(path, wait=True).replace_all(dataset("bc"[writes % 2]))
        writes += 1
    results = [finish(p) for p in readers]
    for code, out, err in results:
        lines = out.split()
        assert code == 0 and lines[-1] == "done", (out[-500:], err[-2000:])
        assert set(lines[:-1]) <= {"a", "b", "c"} and len(lines) > 1
    assert writes >= 2 and variant_of(path) in {"b", "c"}
    reads = sum(len(out.split()) - 1 for _, out, _ in results)
    print(f"figures: {reads} reads by 3 readers during {writes} builds, 0 mixed or failed")
    EmbeddedStore(path).replace_all(dataset("a"))  # readers gone: old generations go too
    assert len([p for p in path.iterdir() if layout._GENERATION.fullmatch(p.name)]) == 1


def test_many_readers_at_once(tmp_path: Path):
    path = tmp_path / "kg"
    EmbeddedStore(path).replace_all(dataset("c"))
    readers = [worker("read", str(path), "1") for _ in range(8)]
    for code, out, err in map(finish, readers):
        assert code == 0, err
        assert set(out.split()) == {"c", "done"}


def test_many_cli_queries_at_once(tmp_path: Path):
    path = tmp_path / "kg"
    EmbeddedStore(path).replace_all(dataset("b"))
    command = [sys.executable, "-c", "from tdkt.cli import app; app()", "--store", str(path)]
    command += ["query", "graph-counts"]
    runs = [
        subprocess.Popen([*command, "--format", "csv"], stdout=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    outputs = [p.communicate(timeout=300)[0] for p in runs]
    assert [p.returncode for p in runs] == [0] * 4
    assert len(set(outputs)) == 1 and outputs[0].count("urn:g:b/") == 3


def test_killed_writers_leave_the_previous_store_and_the_next_write_cleans_up(tmp_path: Path):
    path = tmp_path / "kg"
    EmbeddedStore(path).replace_all(dataset("a"))
    rng = random.Random(7)
    kills = 0
    writers = 2 * ROUNDS if LONG else 2
    for _ in range(writers):
        writer = worker("write", str(path), "b")
        time.sleep(rng.uniform(0.5, 3.0) if LONG else rng.uniform(0.3, 1.5))
        if writer.poll() is None:
            writer.send_signal(signal.SIGKILL)
            kills += 1
        writer.communicate()
        assert variant_of(path) in {"a", "b"}  # the old one or the new one, whole
        EmbeddedStore(path).replace_all(dataset("a"))  # the next build is not blocked
        assert leftovers(path) == [] and variant_of(path) == "a"
    assert kills or not LONG
    print(f"figures: {writers} writers started, {kills} killed with SIGKILL, store whole")


@pytest.mark.parametrize("wait", [False, True])
def test_two_real_builds_racing(tmp_path: Path, wait: bool):
    path = tmp_path / "kg"
    args = [sys.executable, "-c", "from tdkt.cli import app; app()", "--store", str(path)]
    args += ["build", "--wait"] if wait else ["build"]
    builds = [subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)]
    time.sleep(0.5)
    builds.append(subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    results = [(p.wait(timeout=900), *p.communicate()) for p in builds]
    codes = [code for code, _, _ in results]
    if wait:
        assert codes == [0, 0], results
    else:
        assert sorted(codes) in ([0, 0], [0, 2]), results
        assert all("another tdkt build" in err for code, _, err in results if code == 2)
    assert tdkt("query", "graph-counts", store=path).exit_code == 0
    assert leftovers(path) == []
