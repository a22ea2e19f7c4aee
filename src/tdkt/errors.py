"""Errors users see: each names the file, line or field that is wrong."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class TdktError(Exception):
    """Base of every error the command line reports without a traceback."""


@dataclass
class InputError(TdktError):
    """Bad input: a malformed table row, an unreadable article, a bad query parameter."""

    path: Path | str
    reason: str
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
        if self.field:
            where += f": {self.field}"
        return f"{where}: {self.reason}"


class StoreError(TdktError):
    """The store could not be opened, read or written."""
