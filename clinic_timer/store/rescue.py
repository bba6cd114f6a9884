"""What can be done with a database the store refused: set it aside, or export what can be read.

These are file operations with no window in them, so they live beside the
store rather than in the start-up dialogs that offer them
(:mod:`clinic_timer.ui.recovery`). Neither ever deletes or overwrites a byte
of the refused files.
"""

from __future__ import annotations

import contextlib
import os
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from clinic_timer.export import Audience, ExportError, ExportFormat, export, file_stem
from clinic_timer.store.files import SIDE_FILES, side_file
from clinic_timer.store.salvage import salvage

if TYPE_CHECKING:
    from pathlib import Path

    from clinic_timer.core.record import SessionRecord


def set_aside(path: Path, now: datetime | None = None) -> Path:
    """Moves a refused database (and its -wal/-shm) to ``<name>.set-aside-<timestamp>``.

    Renaming within the folder never copies or truncates: the bytes stay as
    they were, under a name that will not be opened again or overwritten.

    The -wal and -shm files go first: a database moved without its WAL would
    be opened later as if its last writes never happened.

    Raises:
        OSError: the files could not be moved (they are left where they were).
    """
    stamp_text = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.set-aside-{stamp_text}")
    count = 1
    while target.exists():
        count += 1
        target = path.with_name(f"{path.name}.set-aside-{stamp_text}-{count}")
    moved: list[str] = []
    try:
        for suffix in SIDE_FILES:
            if side_file(path, suffix).exists():
                os.rename(side_file(path, suffix), side_file(target, suffix))
                moved.append(suffix)
        if moved and not path.exists():
            return target  # a -wal without its database: the log alone is moved aside
        os.rename(path, target)
    except OSError:
        for suffix in moved:  # put back what moved, so the database and its WAL stay together
            with contextlib.suppress(OSError):
                os.rename(side_file(target, suffix), side_file(path, suffix))
        raise
    return target


def export_salvaged(source: Path, folder: Path) -> tuple[list[Path], list[str]]:
    """Exports every readable session of a refused database as Markdown and JSON (full records).

    Returns:
        The files written, and one line per thing that could not be read or written.
    """
    found = salvage(source)
    written: list[Path] = []
    problems = list(found.problems)
    for record in found.records:
        files, failed = export_whole(record, folder)
        written += files
        problems += failed
    return written, problems


def export_whole(record: SessionRecord, folder: Path) -> tuple[list[Path], list[str]]:
    """Writes one clinic, the facilitator's copy, as JSON (importable later) and Markdown, into ``folder``.

    The file names carry the start of the record's id, so two clinics of the
    same title and day never overwrite each other.

    Returns:
        The files written, and one line per file that could not be.
    """
    stem = f"{file_stem(record, Audience.FACILITATOR)} {record.id[:8]}"
    written: list[Path] = []
    problems: list[str] = []
    for kind in (ExportFormat.JSON, ExportFormat.MARKDOWN):
        target = folder / f"{stem}.{kind.value}"
        try:
            export(record, target, kind, Audience.FACILITATOR)
        except ExportError as error:
            problems.append(str(error))
        else:
            written.append(target)
    return written, problems
