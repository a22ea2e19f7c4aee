"""The store seam: everything above it talks to ``Store`` only (see ``base.py``)."""

from tdkt.store.base import SelectResult, Store

__all__ = ["SelectResult", "Store"]
