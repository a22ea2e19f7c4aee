"""`pip install .` (not editable) into a fresh virtual environment gives a working `tdkt`.

This is the only way to catch package data (ontology, queries, tables) left out of the wheel.
"""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest
from conftest import CORPUS, REPO


@pytest.mark.slow
def test_pip_install_into_fresh_venv_builds_and_queries(tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / ("Scripts" if sys.platform == "win32" else "bin")
    pip = subprocess.run(
        [bin_dir / "python", "-m", "pip", "install", "--quiet", str(REPO)],
        capture_output=True,
        text=True,
    )
    assert pip.returncode == 0, pip.stderr

    workdir = tmp_path / "work"
    workdir.mkdir()

    def tdkt(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [bin_dir / "tdkt", *args], cwd=workdir, capture_output=True, text=True
        )

    # The README's main job: build with the shared corpus, then ask for the chair rotation.
    build = tdkt("build", "--corpus", str(CORPUS))
    assert build.returncode == 0, build.stdout + build.stderr
    assert (workdir / ".tdkt").is_dir()

    query = tdkt("query", "chair-rotation", "--format", "csv")
    assert query.returncode == 0, query.stderr
    header, *rows = query.stdout.splitlines()
    assert header == "cluster,cluster_label,year,role,province,province_label,status,source"
    assert any("lao-cai" in row for row in rows)  # from the reference table
    assert any("001_a8b3c08234c141ac" in row for row in rows)  # from an article

    listing = tdkt("query", "--list")
    assert "citations" in listing.stdout and "chair-rotation" in listing.stdout
