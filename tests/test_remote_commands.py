"""Every command on a SPARQL engine gives what it gives on the embedded store: the README's main
job built on Oxigraph server and on Virtuoso, then read back through the command line."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from conftest import tdkt
from engines import Engine

COMMANDS = [
    ("export", "--format", "nq"),
    ("stats",),
    ("query", "chair-rotation", "--format", "csv"),
    ("rotation", "tay-nguyen-duyen-hai-mien-trung", "--format", "csv"),
    ("rotation", "--province", "lam-dong", "--format", "csv"),
    ("trace", "34-CT/TW", "--format", "csv"),
    ("trace", "--misquoted", "--format", "csv"),
    ("network", "succession", "--format", "graphml"),
    ("clusters", "--format", "csv"),
    ("find", "lam dong"),
]


@pytest.fixture(scope="module")
def built(engine: Engine, corpus_dir: Path) -> Engine:
    with pytest.MonkeyPatch.context() as patch:
        for name, value in engine.env.items():
            patch.setenv(name, value)
        result = tdkt("--store", engine.url, "build", "--corpus", str(corpus_dir))
    assert "16 graphs" in result.output, result.output
    assert result.exit_code == 0, result.output
    return engine


def _lines(text: str) -> list[tuple[str, ...]]:
    """Output lines, order aside: engines may list rows of equal sort keys in either order,
    and the parts a GROUP_CONCAT joins with " ; " in an order of their own (SPARQL leaves it
    open)."""
    rows = csv.reader(text.splitlines())
    return sorted(tuple(" ; ".join(sorted(cell.split(" ; "))) for cell in row) for row in rows)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_a_command_answers_as_on_the_embedded_store(
    built: Engine, corpus_store: Path, command: tuple[str, ...], monkeypatch
) -> None:
    for name, value in built.env.items():
        monkeypatch.setenv(name, value)
    here = tdkt(*command, store=corpus_store)
    there = tdkt("--store", built.url, *command)
    assert (there.exit_code, here.exit_code) == (0, 0), there.output
    assert _lines(there.output) == _lines(here.output)


def test_validate_reports_what_it_reports_on_the_embedded_store(
    built: Engine, corpus_store: Path, monkeypatch
) -> None:
    for name, value in built.env.items():
        monkeypatch.setenv(name, value)
    here = tdkt("validate", "--format", "json", store=corpus_store)
    there = tdkt("--store", built.url, "validate", "--format", "json")
    assert there.exit_code == here.exit_code == 0, there.output
    assert there.output == here.output
