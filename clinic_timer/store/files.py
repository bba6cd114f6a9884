"""The database file on disk: owner-only permissions, the instance lock, copies kept aside.

These are the parts of the store that deal with files rather than SQL. They
exist so that a broken or foreign database is never written to: before the
store opens a file for writing, :func:`inspect` has read it (read-only) and
found it sound, and :func:`keep_copy` puts a copy beside anything it refuses.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import sqlite3
import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from clinic_timer.store.errors import CorruptStore, LockedStore, NewerStore, StoreError

if TYPE_CHECKING:
    from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"
PRIVATE_FILE = 0o600
SIDE_FILES = ("-wal", "-shm")
LOCKED_HINT = "is in use by another running clinic-timer; close it first"


def side_file(path: Path, suffix: str) -> Path:
    """SQLite's companion file of ``path`` (``-wal``, ``-shm``) or our ``.lock``."""
    return path.with_name(path.name + suffix)


def create_private(path: Path) -> None:
    """Creates ``path`` empty and owner-only if it does not exist, and makes it owner-only if it does."""
    fd = os.open(path, os.O_CREAT | os.O_RDWR, PRIVATE_FILE)
    os.close(fd)
    path.chmod(PRIVATE_FILE)


def tighten(path: Path) -> None:
    """Makes the database and its -wal/-shm files owner-only, whatever the umask made them.

    Raises:
        StoreError: a file cannot be made owner-only (another user's, say); it names the file.
    """
    for candidate in (path, *(side_file(path, s) for s in SIDE_FILES)):
        try:
            if candidate.stat().st_mode & 0o777 != PRIVATE_FILE:
                candidate.chmod(PRIVATE_FILE)
        except FileNotFoundError:
            continue
        except OSError as error:
            raise StoreError(candidate, f"cannot be made owner-only ({error.strerror or error})") from None


def read_only_uri(path: Path) -> str:
    """A SQLite URI that opens ``path`` without any right to change it."""
    return path.resolve().as_uri() + "?mode=ro"


class InstanceLock:
    """An exclusive lock on ``<db>.lock``, held for as long as the app has the database open.

    SQLite's own locks only last a transaction; two app instances writing the
    same session would each think they own it. The lock file makes the second
    instance fail at once, with a message saying why.

    Args:
        db_path: the database the lock guards.

    Raises:
        LockedStore: another process holds the lock.
        StoreError: the lock file cannot be opened or locked at all (another
            user's file, a folder in its place, a file system without locks);
            it names the lock file and the system's reason.
    """

    def __init__(self, db_path: Path) -> None:
        self.path = side_file(db_path, ".lock")
        try:
            fd = os.open(self.path, os.O_CREAT | os.O_RDWR, PRIVATE_FILE)
        except OSError as error:
            raise StoreError(self.path, f"cannot be opened ({error.strerror or error})") from None
        try:
            _lock(fd)
        except OSError as error:
            os.close(fd)
            if error.errno in _HELD:
                raise LockedStore(db_path, LOCKED_HINT) from None
            raise StoreError(self.path, f"cannot be locked ({error.strerror or error})") from None
        self._fd: int | None = fd

    def release(self) -> None:
        """Lets another instance open the database; safe to call twice."""
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the lock
            self._fd = None


_HELD = {errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, errno.EDEADLK}  # someone else has the lock

if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def keep_copy(path: Path, kind: str, *, now: datetime | None = None) -> Path | None:
    """Copies the database (and its -wal) to ``<name>.<kind>-<timestamp>``, owner-only.

    A file that is refused at every start would otherwise be copied at every
    start; when the newest earlier copy has the same bytes, that copy is reused.

    Returns:
        The copy, or None if the file could not be copied (the error is not
        fatal: the original is still untouched).
    """
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%S")
    previous = sorted(path.parent.glob(f"{path.name}.{kind}-*[0-9]"))
    try:
        digest = _digest(path)
        if previous and _digest(previous[-1]) == digest:
            return previous[-1]
        copy = path.with_name(f"{path.name}.{kind}-{stamp}")
        # Owner-only before a byte of the notes is in it (copyfile keeps an existing file's mode).
        create_private(copy)
        shutil.copyfile(path, copy)
        wal = side_file(path, "-wal")
        if wal.exists():
            create_private(side_file(copy, "-wal"))
            shutil.copyfile(wal, side_file(copy, "-wal"))
    except OSError:
        return None
    return copy


def _digest(path: Path) -> bytes:
    hasher = hashlib.sha256()
    for candidate in (path, side_file(path, "-wal")):
        if candidate.exists():
            with candidate.open("rb") as stream:
                for chunk in iter(lambda: stream.read(1 << 20), b""):
                    hasher.update(chunk)
    return hasher.digest()


def inspect(path: Path, schema_version: int, table: str) -> None:
    """Reads an existing database read-only and refuses it if it is not ours to write.

    A missing or empty file passes: the store will create it.

    Args:
        path: the database file.
        schema_version: the newest ``user_version`` this app understands.
        table: a table every clinic-timer database has, to tell ours from another program's.

    Raises:
        CorruptStore: not SQLite, damaged, or another program's database (a copy is kept).
        NewerStore: written by a newer clinic-timer (a copy is kept).
        LockedStore: SQLite reports it busy (another program is writing it).
        StoreError: it cannot be read at all (permissions, say).
    """
    try:
        if not path.exists() or path.stat().st_size == 0:
            return
        with path.open("rb") as stream:
            header = stream.read(100)
    except OSError as error:
        raise StoreError(path, f"cannot be read ({error.strerror or error})") from None
    if not header.startswith(SQLITE_MAGIC):
        raise CorruptStore(path, "is not a SQLite database", keep_copy(path, "corrupt"))
    try:
        connection = sqlite3.connect(read_only_uri(path), uri=True, timeout=1.0)
    except sqlite3.Error as error:
        raise StoreError(path, f"cannot be opened ({error})") from None
    try:
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        if version > schema_version:
            problem = (
                f"was written by a newer clinic-timer (database version {version}; "
                f"this one understands up to {schema_version}); update clinic-timer to use it"
            )
            raise NewerStore(path, problem, keep_copy(path, "newer"))
        check = [row[0] for row in connection.execute("PRAGMA quick_check(5)")]
        if check != ["ok"]:
            raise CorruptStore(path, f"is damaged ({'; '.join(check)})", keep_copy(path, "corrupt"))
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if (version == 0 and tables) or (version > 0 and table not in tables):
            raise CorruptStore(path, "is not a clinic-timer database", keep_copy(path, "corrupt"))
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise LockedStore(path, LOCKED_HINT) from None
        raise CorruptStore(path, f"cannot be read ({error})", keep_copy(path, "corrupt")) from None
    except sqlite3.DatabaseError as error:
        raise CorruptStore(path, f"is damaged ({error})", keep_copy(path, "corrupt")) from None
    finally:
        connection.close()
