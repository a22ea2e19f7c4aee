"""Fixtures for the server tests (a pytest plugin their modules name in ``pytest_plugins``):
a store built from the tables and the shared corpus, and the real server on a free port."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tdkt.build import load_sources
from tdkt.serve.app import create_app
from tdkt.serve.background import running
from tdkt.store.embedded import EmbeddedStore


@pytest.fixture(scope="module")
def store_path(tmp_path_factory, corpus_dir: Path) -> Path:
    """The tables and the corpus, loaded as a build loads them (SHACL is tested elsewhere)."""
    path = tmp_path_factory.mktemp("serve") / "kg"
    graphs, _ = load_sources([corpus_dir])
    store = EmbeddedStore(path)
    store.replace_all(graphs)
    store.close()
    return path


@pytest.fixture(scope="module")
def store(store_path: Path):
    opened = EmbeddedStore(store_path)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def server(store_path: Path, tmp_path_factory):
    app = create_app(store_path, dumps_dir=tmp_path_factory.mktemp("dumps"))
    with running(app) as url:
        yield url


@pytest.fixture(scope="module")
def client(server: str):
    with httpx.Client(base_url=server, timeout=60) as c:
        yield c
