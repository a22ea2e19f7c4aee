"""Publish the graph as Linked Data: an ASGI server (``tdkt serve``) and a static site
(``tdkt publish``) built from the same pages and RDF. See docs/publishing.md."""
