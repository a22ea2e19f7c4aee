"""Reading news articles into sourced facts (see docs/model.md)."""
