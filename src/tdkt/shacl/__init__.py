"""A SHACL engine that compiles shapes to SPARQL and runs them where the data lives.

SHACL Core and SHACL-SPARQL (constraints and SPARQL-based constraint components) are
evaluated set-wise: each constraint of each shape becomes one SELECT over the focus nodes of
its shape, so the store's engine (Oxigraph) does the work and Python only combines the small
sets of non-conforming nodes that nested shapes (``sh:node``, ``sh:or``, …) need. A feature it
does not implement raises :class:`ShaclError` instead of being skipped. See docs/shacl.md.
"""

from tdkt.shacl.engine import Result, validate
from tdkt.shacl.shapes import ShaclError, Shapes

__all__ = ["Result", "ShaclError", "Shapes", "validate"]
