"""Naming and writing an export file, so that a failure leaves nothing half-written and says why.

The bytes go to a temporary file in the target folder, are synced, and then
replace the target in one step (``os.replace``): a full disk or a pulled USB
stick leaves the old file, or no file, never a truncated one. The notes in
the database are only ever read by an export.

Every export the app or the command line suggests is named by
:func:`file_stem`, so a file looks the same whichever way it was made.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from clinic_timer.export.content import Audience

if TYPE_CHECKING:
    from clinic_timer.core.record import SessionRecord

STEM_MAX = 120  # characters: well inside every file system's limit, with room for an extension
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')  # refused by Windows, macOS or Linux, or unprintable
_SPACES = re.compile(r"\s+")


def file_stem(record: SessionRecord, audience: Audience) -> str:
    """A file name without extension that says which clinic and for whom.

    ``2026-03-03 Ada - City or country (crew)``: it sorts by date, and reads
    as what it is. Characters a file system refuses become spaces, runs of
    spaces become one, and no name starts or ends with a space or a dot.
    """
    words = _tidy(f"{record.started_at[:10]} {record.roster.lead.name}")
    title = _tidy(record.notebook.title)
    if title:
        words += f" - {title}"
    if audience is Audience.CREW:
        words += " (crew)"
    return words[:STEM_MAX].rstrip(" .") or "clinic"


def _tidy(text: str) -> str:
    return _SPACES.sub(" ", _UNSAFE.sub(" ", text)).strip(" .")


class ExportError(Exception):
    """An export that could not be written.

    Args:
        path: the file asked for.
        problem: the reason, as the system gave it ("No space left on device").
    """

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"cannot write {path}: {problem}")


def write_export(path: Path, data: bytes) -> None:
    """Writes ``data`` to ``path`` atomically.

    Raises:
        ExportError: anything went wrong; ``path`` is as it was before.
    """
    path = Path(path)
    try:
        if path.is_dir():  # may itself fail: a folder on the way that cannot be entered
            raise ExportError(path, "is a folder; give a file name")
        if not path.parent.exists():
            raise ExportError(path, f"there is no folder {path.parent}")
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as error:
        raise ExportError(path, error.strerror or str(error)) from None
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise ExportError(path, error.strerror or str(error)) from None
