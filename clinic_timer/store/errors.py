"""What can go wrong with the notes database, each error naming the file and the problem.

The app shows these messages as they are, so they speak to the facilitator:
which file, what is wrong with it, and where a safe copy was put.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


class StoreError(Exception):
    """The notes database cannot be used as asked.

    Args:
        path: the database file.
        problem: what is wrong, in a facilitator's words.
        copy: where a copy of the file was kept, if one was.
    """

    def __init__(self, path: Path, problem: str, copy: Path | None = None) -> None:
        self.path = path
        self.problem = problem
        self.copy = copy
        message = f"{path}: {problem}"
        if copy is not None:
            message += f" (a copy was kept at {copy})"
        super().__init__(message)


class CorruptStore(StoreError):
    """The file is damaged or is not a clinic-timer database; it is never written to."""


class LockedStore(StoreError):
    """Another running clinic-timer has the database open."""


class NewerStore(StoreError):
    """The database was written by a newer clinic-timer; this one must not touch it."""


class UnsafeStore(StoreError):
    """The database (or a file beside it) is not a plain file the app may write: a symbolic link, say."""
