"""Reading what can be read from a database the store refused, so the notes can still be exported.

Salvage never opens the original: it copies the file (and its -wal, which may
hold the last seconds of notes) into a private temporary folder and reads the
copy row by row, so one damaged page loses one session, not all of them.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from clinic_timer.core.archive import ArchiveError, SessionRecord
from clinic_timer.store.files import side_file


@dataclass
class Salvage:
    """What was read back, and what could not be.

    Attributes:
        source: the database that was read.
        records: every record that could be read, newest first.
        problems: one line per thing lost or unreadable.
    """

    source: Path
    records: list[SessionRecord] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def salvage(path: Path) -> Salvage:
    """Reads every readable session record from ``path`` (damaged, newer or locked), read-only."""
    result = Salvage(source=path)
    with tempfile.TemporaryDirectory(prefix="clinic-timer-salvage-") as folder:
        copy = Path(folder) / path.name
        try:
            shutil.copyfile(path, copy)
            if side_file(path, "-wal").exists():
                shutil.copyfile(side_file(path, "-wal"), side_file(copy, "-wal"))
        except OSError as error:
            result.problems.append(f"{path}: cannot be read ({error.strerror or error})")
            return result
        try:
            db = sqlite3.connect(copy)
        except sqlite3.Error as error:
            result.problems.append(f"{path}: cannot be opened ({error})")
            return result
        try:
            _read_rows(db, path, result)
        finally:
            db.close()
    result.records.sort(key=lambda r: r.started_at, reverse=True)
    return result


def _read_rows(db: sqlite3.Connection, path: Path, result: Salvage) -> None:
    try:
        top = db.execute("SELECT max(rowid) FROM session").fetchone()[0] or 0
    except sqlite3.Error as error:
        result.problems.append(f"{path}: no sessions can be read ({error})")
        return
    for rowid in range(1, int(top) + 1):
        try:
            row = db.execute("SELECT id, record FROM session WHERE rowid = ?", (rowid,)).fetchone()
        except sqlite3.Error as error:
            result.problems.append(f"row {rowid}: cannot be read ({error})")
            continue
        if row is None:
            continue
        try:
            result.records.append(SessionRecord.from_dict(json.loads(row[1])))
        except (ValueError, ArchiveError) as error:
            result.problems.append(f"session {row[0]}: cannot be read ({error})")
