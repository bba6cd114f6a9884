"""Writing an export file so that a failure leaves nothing half-written and says why.

The bytes go to a temporary file in the target folder, are synced, and then
replace the target in one step (``os.replace``): a full disk or a pulled USB
stick leaves the old file, or no file, never a truncated one. The notes in
the database are only ever read by an export.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


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
    if path.is_dir():
        raise ExportError(path, "is a folder; give a file name")
    try:
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
