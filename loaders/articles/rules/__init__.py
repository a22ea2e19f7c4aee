"""One module per kind of fact an article states (events, roles, awards, citations, officials, campaigns)."""
