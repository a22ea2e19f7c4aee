"""One module per kind of fact an article states.

events, clusters (names and member lists), roles (chairs and vice-chairs), awards, citations,
officials and campaigns. Each exposes ``extract(article, context, gazetteer) -> list[Fact]``,
a pure function; ``common`` holds the reading ``Context`` and the helpers they share, and
``titles`` reads the posts that the officials rule attaches to names.
"""
