"""Reading what can be read from a database the store refused, so the notes can still be exported.

Salvage never opens the original: it copies the file (and its -wal, which may
hold the last seconds of notes) into a private temporary folder and reads the
copy row by row, so one damaged page loses one session, not all of them; and
then page by page, so a file cut short or a log SQLite will not apply still
gives up the sessions whose pages are there.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from clinic_timer.core.record import ArchiveError, SessionRecord
from clinic_timer.store import pages
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
    """Reads every readable session record from ``path`` (damaged, newer or locked), read-only.

    First through SQLite, row by row; then page by page (:mod:`~clinic_timer.store.pages`)
    for what SQLite cannot reach. Of two versions of a session, the one saved last wins.
    Never raises: what cannot be read is a line in :attr:`Salvage.problems`.
    """
    result = Salvage(source=path)
    found: dict[str, tuple[str, SessionRecord]] = {}  # id -> (saved_at, record)
    with tempfile.TemporaryDirectory(prefix="clinic-timer-salvage-") as folder:
        copy = Path(folder) / path.name
        try:
            shutil.copyfile(path, copy)
            if side_file(path, "-wal").exists():
                shutil.copyfile(side_file(path, "-wal"), side_file(copy, "-wal"))
            db_bytes = copy.read_bytes()
            log_bytes = side_file(copy, "-wal").read_bytes() if side_file(copy, "-wal").exists() else b""
        except OSError as error:
            result.problems.append(f"{path}: cannot be read ({error.strerror or error})")
            return result
        sql_problems: list[str] = []
        try:
            db = sqlite3.connect(copy)
        except sqlite3.Error as error:
            sql_problems.append(f"{path}: cannot be opened ({error})")
        else:
            try:
                _read_rows(db, path, found, sql_problems)
            finally:
                db.close()
    through_sql = set(found)
    try:
        _read_pages(db_bytes, log_bytes, found)
    except Exception as error:  # a reader of damaged bytes must never take the rest with it
        result.problems.append(f"{path}: its pages cannot be read ({type(error).__name__}: {error})")
    if not found:
        result.problems += sql_problems
    elif sql_problems and set(found) == through_sql:
        result.problems += sql_problems  # the pages added nothing: these are lost
    elif sql_problems:
        # Read page by page: what SQLite could not read may be among them, or lost; say which it was.
        result.problems.append(f"{path}: some sessions may be missing ({sql_problems[0]})")
    result.records = sorted((r for _, r in found.values()), key=lambda r: r.started_at, reverse=True)
    return result


def _keep(found: dict[str, tuple[str, SessionRecord]], saved_at: object, text: object) -> bool:
    """Keeps a decoded record if it is newer than the version already found; False if it cannot be read."""
    if not isinstance(text, str):
        return False
    try:
        record = SessionRecord.from_dict(json.loads(text))
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError, ArchiveError):
        return False
    stamp = saved_at if isinstance(saved_at, str) else ""
    if record.id not in found or found[record.id][0] < stamp:
        found[record.id] = (stamp, record)
    return True


def _read_rows(
    db: sqlite3.Connection, path: Path, found: dict[str, tuple[str, SessionRecord]], problems: list[str]
) -> None:
    try:
        top = db.execute("SELECT max(rowid) FROM session").fetchone()[0] or 0
    except (sqlite3.Error, ValueError) as error:
        problems.append(f"{path}: no sessions can be read ({error})")
        return
    for rowid in range(1, int(top) + 1):
        try:
            row = db.execute("SELECT id, saved_at, record FROM session WHERE rowid = ?", (rowid,)).fetchone()
        except (sqlite3.Error, ValueError) as error:
            problems.append(f"row {rowid}: cannot be read ({error})")
            continue
        if row is not None and not _keep(found, row[1], row[2]):
            problems.append(f"session {row[0]}: cannot be read")


SESSION_COLUMNS = (15, 17)  # as schema.py's first version made the table; migration 3 appends two
SAVED_AT, RECORD = 4, 14


def _read_pages(db: bytes, log: bytes, found: dict[str, tuple[str, SessionRecord]]) -> None:
    for _rowid, values in pages.rows(db, log):
        if len(values) in SESSION_COLUMNS:
            _keep(found, values[SAVED_AT], values[RECORD])
