"""Bind query parameters for an engine that takes only query text: a leading VALUES block.

The embedded store binds parameters through Oxigraph's substitutions. A remote engine speaks
only the SPARQL Protocol, so each parameter becomes a one-row ``VALUES`` block at the start of
the query's outermost group pattern, which joins it before everything else in the pattern,
as a pre-bound variable would. The values are RDF terms written by :func:`term_text`, which
escapes every literal and refuses an IRI that could end early: user input never becomes
query syntax.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

from tdkt.errors import InputError

_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_LANG = re.compile(r"[A-Za-z]+(?:-[A-Za-z0-9]+)*")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}

# Comments, strings and IRIs: text whose braces and keywords are not query structure.
HIDDEN = re.compile(
    r'#[^\n]*|"""(?:[^"\\]|\\.|"(?!""))*"""|'
    r"'''(?:[^'\\]|\\.|'(?!''))*'''|"
    r'"(?:[^"\\\n]|\\.)*"|'
    r"'(?:[^'\\\n]|\\.)*'|"
    r"<[^<>\"{}|^`\\\x00-\x20]*>",
    re.DOTALL,
)
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


def _iri(value: str) -> str:
    if _IRI_FORBIDDEN.search(value):
        raise InputError("query parameter", f"not a valid IRI: {value!r}")
    return f"<{value}>"


def term_text(term: Identifier) -> str:
    """``term`` in SPARQL syntax, safe to place in a query."""
    if isinstance(term, URIRef):
        return _iri(str(term))
    if isinstance(term, Literal):
        body = "".join(_ESCAPES.get(c, c) for c in str(term))
        if term.language:
            if not _LANG.fullmatch(term.language):
                raise InputError("query parameter", f"not a language tag: {term.language!r}")
            return f'"{body}"@{term.language}'
        if term.datatype is not None:
            return f'"{body}"^^{_iri(str(term.datatype))}'
        return f'"{body}"'
    if isinstance(term, BNode):
        raise InputError("query parameter", "a blank node cannot be bound")
    raise TypeError(f"not an RDF term: {term!r}")


def _structure(query: str) -> list[tuple[int, str]]:
    """Positions of the form keywords and braces that are query structure, in order."""
    marks: list[tuple[int, str]] = []
    at = 0
    while at < len(query):
        skipped = HIDDEN.match(query, at)
        if skipped and skipped.end() > at:
            at = skipped.end()
            continue
        char = query[at]
        if char in "{}":
            marks.append((at, char))
        elif char.isalpha():
            form = _FORM.match(query, at)
            if form and (at == 0 or not (query[at - 1].isalnum() or query[at - 1] in "?$_:")):
                marks.append((at, form.group(1).upper()))
                at = form.end()
                continue
            while at < len(query) and (query[at].isalnum() or query[at] in "_:"):
                at += 1
            continue
        at += 1
    return marks


@functools.lru_cache(maxsize=256)
def query_form(query: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the form of ``query``, comments and strings aside.

    Memoised, as is ``_pattern_start``: the scan is Python, character by character, and the
    named queries are the same few texts run again and again."""
    forms = [word for _, word in _structure(query) if word not in "{}"]
    if not forms:
        raise InputError("query", "not a SELECT, ASK, CONSTRUCT or DESCRIBE query")
    return forms[0]


def _closing(braces: list[tuple[int, str]]) -> int:
    """The index in ``braces`` of the brace closing the group that ``braces[0]`` opens."""
    depth = 0
    for index, (_, brace) in enumerate(braces):
        depth += 1 if brace == "{" else -1
        if depth == 0:
            return index
    raise InputError("query", "unbalanced braces")


@functools.lru_cache(maxsize=256)
def _pattern_start(query: str) -> int:
    """Where the outermost group graph pattern of ``query`` opens (just after its ``{``)."""
    marks = _structure(query)
    forms = [(i, word) for i, (_, word) in enumerate(marks) if word not in "{}"]
    if not forms:
        raise InputError("query", "not a SELECT, ASK, CONSTRUCT or DESCRIBE query")
    index, form = forms[0]
    braces = [mark for mark in marks[index + 1 :] if mark[1] in "{}"]
    if form == "CONSTRUCT" and braces:
        between = query[marks[index][0] : braces[0][0]]
        if re.fullmatch(r"CONSTRUCT\s+WHERE\s*", between, re.IGNORECASE):
            raise InputError("query", "CONSTRUCT WHERE takes no parameters; write the template")
        braces = braces[_closing(braces) + 1 :]  # skip the template
    if not braces or braces[0][1] != "{":
        raise InputError("query", "no group graph pattern to bind parameters in")
    return braces[0][0] + 1


def prebind(query: str, bindings: Mapping[str, Identifier] | None) -> str:
    """``query`` with each binding as a one-row VALUES block opening its pattern."""
    if not bindings:
        return query
    return _prebound(query, tuple(sorted(bindings.items())))


@functools.lru_cache(maxsize=1024)
def _prebound(query: str, bindings: tuple[tuple[str, Identifier], ...]) -> str:
    """``prebind`` for bindings sorted by name, memoised: a named query runs again and again
    with the same parameters, and handing the engine the very same text object also spares
    re-encoding it (a new string costs more to pass than to build). Checks fail the same way
    each time: an exception is not memoised."""
    for name, _ in bindings:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise InputError("query parameter", f"not a variable name: {name!r}")
    head = " ".join(f"?{name}" for name, _ in bindings)
    row = " ".join(term_text(term) for _, term in bindings)
    at = _pattern_start(query)
    return f"{query[:at]} VALUES ({head}) {{ ({row}) }} {query[at:]}"
