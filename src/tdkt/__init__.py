"""tdkt: a linked-data knowledge graph of Vietnam's emulation and commendation governance."""

__version__ = "0.1.0"
