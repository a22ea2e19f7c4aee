"""Fixture for the analysis tests (a pytest plugin their modules name in ``pytest_plugins``):
the store `tdkt build --corpus` made from the reference tables and the seed corpus, opened
once for reading."""

from __future__ import annotations

from pathlib import Path

import pytest

from tdkt.store.open import open_store


@pytest.fixture(scope="session")
def analysis_store(corpus_store: Path):
    opened = open_store(corpus_store)
    yield opened
    opened.close()
