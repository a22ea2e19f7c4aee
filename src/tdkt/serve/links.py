"""Where an IRI of the dataset lives on a host: the base is mapped onto the server's root,
or, for the static site, onto files with a suffix, linked relatively so the site works
under any path.
"""

from __future__ import annotations

from dataclasses import dataclass

from tdkt import iris

ONTOLOGY_PATH = "ontology"


@dataclass(frozen=True)
class Links:
    """How pages link: ``root`` is prepended to a local path; ``suffix`` ends a page's name."""

    base: str = iris.BASE
    root: str = "/"
    suffix: str = ""

    def local_path(self, iri: str) -> str | None:
        """``id/province/lam-dong`` for a dataset IRI; None for anything outside the base."""
        if not iri.startswith(self.base):
            return None
        path = iri[len(self.base) :]
        if path.startswith(ONTOLOGY_PATH + "#") or path == ONTOLOGY_PATH:
            return path
        if path.startswith(("id/", "graph/")) and "#" not in path and "?" not in path:
            return path
        return None

    def href(self, iri: str, suffix: str | None = None) -> str:
        """The link to ``iri``'s page (or its ``suffix`` serialisation); outside IRIs as-is."""
        path = self.local_path(iri)
        if path is None:
            return iri
        path, hash_, fragment = path.partition("#")
        ending = self.suffix if suffix is None else f".{suffix}"
        return f"{self.root}{path}{ending}{hash_}{fragment}"

    def page(self, path: str) -> str:
        """A link to one of the site's own pages (``""`` is home, ``sparql``, ``dumps/``)."""
        if not path or path.endswith("/"):
            return self.root + path + ("index.html" if self.suffix else "")
        return f"{self.root}{path}{self.suffix}"

    def deeper(self, path: str) -> Links:
        """The same links as seen from the static file at ``path`` (relative ``../`` roots)."""
        if not self.suffix:
            return self
        return Links(self.base, "../" * path.count("/") or "./", self.suffix)
