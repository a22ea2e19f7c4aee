"""Answers for analysts and policy researchers, computed from the named queries.

One module per job: ``records`` (named queries as rows of plain values), ``keys`` (finding
things by name), ``rotation`` (chair rotation), ``trace`` (citation tracing), ``network``
(networkx graphs and their files), ``charts`` (matplotlib figures). Functions take a store or
data and return data; printing and files are the command line's business.
"""
