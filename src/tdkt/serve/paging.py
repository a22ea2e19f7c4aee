"""Long lists on a page: which rows a page shows, how many there are in all, and which page
of the list holds the rest. A page renders at most ``ROWS`` rows of any list, so it costs the
same whatever the store's size; the lists' further pages are pages of their own."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

ROWS = 100  # rows of one list a page shows

T = TypeVar("T")


@dataclass(frozen=True)
class Window:
    """Page ``number`` (from 1) of a list cut into pages of ``size`` rows."""

    number: int = 1
    size: int = ROWS

    def __post_init__(self) -> None:
        if self.number < 1 or self.size < 1:
            raise ValueError(f"no page {self.number} of {self.size} rows")

    @property
    def start(self) -> int:
        """The 0-based offset of the window's first row."""
        return (self.number - 1) * self.size

    def cut(self, rows: list[T]) -> Slice[T]:
        """The window's rows of a list held whole."""
        return Slice(rows[self.start : self.start + self.size], len(rows), self)


@dataclass(frozen=True)
class Slice(Generic[T]):
    """The rows of one window of a list, and the list's length."""

    rows: list[T]
    total: int
    window: Window

    @property
    def first(self) -> int:
        """The 1-based number of the first row shown (0 when none is)."""
        return self.window.start + 1 if self.rows else 0

    @property
    def last(self) -> int:
        return self.window.start + len(self.rows)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.window.size))

    @property
    def complete(self) -> bool:
        """Whether this one window shows the whole list."""
        return len(self.rows) == self.total

    @property
    def exists(self) -> bool:
        """Whether the window is a page of the list (page 1 always is)."""
        return self.window.number <= self.pages
