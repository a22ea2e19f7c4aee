"""Shared fixtures. The corpus is read from ../shared/corpus (never copied into the repo)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("TDKT_CORPUS", REPO.parent / "shared" / "corpus"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shared corpus of real articles; its absence is an error, not a skip."""
    if not CORPUS.is_dir():
        raise FileNotFoundError(f"corpus not found at {CORPUS} (set TDKT_CORPUS)")
    return CORPUS


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES
