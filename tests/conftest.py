"""Shared fixtures and helpers. The corpus is read from ../shared/corpus (never copied into the
repo). Helpers are plain functions so test modules can import them (``from conftest import``)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDFS
from typer.testing import CliRunner, Result

from tdkt import iris
from tdkt.cli import app
from tdkt.loaders import NamedGraph
from tdkt.loaders.table_context import packaged_data_dir
from tdkt.store.embedded import EmbeddedStore

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("TDKT_CORPUS", REPO.parent / "shared" / "corpus"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DATA = packaged_data_dir()  # the reference tables a build loads unless told otherwise
SAMPLE = FIXTURES / "store" / "sample.trig"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shared corpus of real articles; its absence is an error, not a skip."""
    if not CORPUS.is_dir():
        raise FileNotFoundError(f"corpus not found at {CORPUS} (set TDKT_CORPUS)")
    return CORPUS


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


# --- the command line --------------------------------------------------------------------------


def tdkt(*args: str, store: Path | None = None) -> Result:
    """Run the command line in-process; a wide COLUMNS keeps rich tables from folding values."""
    prefix = ["--store", str(store)] if store is not None else []
    return CliRunner().invoke(app, [*prefix, *args], env={"COLUMNS": "250"})


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory, corpus_dir: Path) -> Path:
    """A store built once by ``tdkt build --corpus``: the README's main job, end to end."""
    path = tmp_path_factory.mktemp("corpus") / "kg"
    built = tdkt("build", "--corpus", str(corpus_dir), store=path)
    assert built.exit_code == 0, built.output  # the tables and the corpus conform
    return path


# --- the sample store (tests/fixtures/store/sample.trig) ---------------------------------------


def sample_graphs() -> list[NamedGraph]:
    """The fixture dataset as the named graphs a loader would hand to the store."""
    dataset = Dataset()
    dataset.parse(SAMPLE, format="trig")
    graphs = [
        NamedGraph(URIRef(g.identifier), g, "sample.trig") for g in dataset.graphs() if len(g)
    ]
    return sorted(graphs, key=lambda g: str(g.iri))


def sample_store(path: Path) -> EmbeddedStore:
    store = EmbeddedStore(path)
    store.replace_all(sample_graphs())
    return store


def all_quads(store: EmbeddedStore) -> set[tuple]:
    return set(store.quads())


def one_graph(name: str, label: str) -> NamedGraph:
    """A one-triple table graph: a province ``name`` labelled ``label``."""
    graph = Graph()
    graph.add((iris.province(name), RDFS.label, Literal(label, lang="vi")))
    return NamedGraph(iris.table_graph(name), graph, name)


def broken_data(tmp_path: Path) -> Path:
    """A copy of the packaged tables with one malformed row (a year that is not one)."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    chairs = target / "cluster_chairs.csv"
    lines = chairs.read_text("utf-8").split("\n")
    lines[2] = lines[2].replace(",2024,", ",20x4,", 1)
    chairs.write_text("\n".join(lines), "utf-8")
    return target


# --- SHACL stand-ins (the shapes have their own tests) -----------------------------------------


@pytest.fixture
def stub_validation(monkeypatch) -> Callable[..., None]:
    """Make SHACL report one finding per severity given, on a province ``x``."""
    from tdkt import validate

    def install(*severities: str) -> None:
        findings = [
            validate.Finding(s, str(iris.province("x")), None, None, "urn:shape", "vi", f"{s} en")
            for s in severities
        ]
        report = validate.Report(conforms="Violation" not in severities, findings=findings)
        monkeypatch.setattr(validate, "validate", lambda data, **_: report)
        monkeypatch.setattr(validate, "validate_store", lambda store, *_, **__: report)

    return install


@pytest.fixture
def quick_validation(stub_validation) -> None:
    """SHACL reports nothing: for tests of the pipeline, not of the shapes."""
    stub_validation()


# --- real SPARQL engines (tests/engines.py) ---------------------------------------------------


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def engine(request, tmp_path_factory):
    """Oxigraph server, then Virtuoso, each started for the module with a throw-away database."""
    import engines

    running = getattr(engines, request.param)(tmp_path_factory.mktemp(request.param) / "db")
    running.start()
    yield running
    running.stop()
