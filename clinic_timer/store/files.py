"""The database file on disk: owner-only permissions, the instance lock, copies kept aside.

These are the parts of the store that deal with files rather than SQL. They
exist so that a broken or foreign database is never written to: before the
store opens a file for writing, :func:`inspect` has read it (read-only) and
found it sound, and :func:`keep_copy` puts a copy beside anything it refuses.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
import sqlite3
import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from clinic_timer.store import wal
from clinic_timer.store.errors import CorruptStore, LockedStore, NewerStore, StoreError, UnsafeStore

if TYPE_CHECKING:
    from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"
PRIVATE_FILE = 0o600
SIDE_FILES = ("-wal", "-shm")
LOCKED_HINT = "is in use by another running clinic-timer; close it first"


def side_file(path: Path, suffix: str) -> Path:
    """SQLite's companion file of ``path`` (``-wal``, ``-shm``) or our ``.lock``."""
    return path.with_name(path.name + suffix)


NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)  # Windows has no symbolic links to follow by accident


def create_private(path: Path) -> None:
    """Creates ``path`` empty and owner-only if it does not exist, and makes it owner-only if it does.

    A symbolic link in its place is never followed (the open fails instead).
    """
    fd = os.open(path, os.O_CREAT | os.O_RDWR | NO_FOLLOW, PRIVATE_FILE)
    try:
        os.fchmod(fd, PRIVATE_FILE)
    finally:
        os.close(fd)


def refuse_links(path: Path) -> None:
    """Refuses a database whose file, -wal, -shm or lock file is a symbolic link (dangling or not).

    SQLite and ``chmod`` follow links, so writing "the notes" would write (and
    make owner-only) a file somewhere else, or create a dangling link's target.

    Raises:
        UnsafeStore: names the link and where it points; nothing was written.
    """
    for suffix in ("", *SIDE_FILES, ".lock"):
        candidate = side_file(path, suffix)
        if candidate.is_symlink():
            try:
                target = os.readlink(candidate)
            except OSError:
                target = "?"
            which = "it" if not suffix else f"its {suffix.lstrip('-.')} file {candidate}"
            raise UnsafeStore(
                path,
                f"cannot be used: {which} is a symbolic link (to {target}), and clinic-timer "
                "writes notes only into a real file; replace the link with the file itself",
            )


def tighten(path: Path) -> None:
    """Makes the database and its -wal/-shm files owner-only, whatever the umask made them.

    Raises:
        UnsafeStore: one of them is a symbolic link.
        StoreError: a file cannot be made owner-only (another user's, say); it names the file.
    """
    refuse_links(path)  # chmod follows a link: it would make someone else's file ours
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
            fd = os.open(self.path, os.O_CREAT | os.O_RDWR | NO_FOLLOW, PRIVATE_FILE)
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


def keep_copy(
    path: Path, kind: str, sides: Sides | None = None, *, now: datetime | None = None
) -> Path | None:
    """Copies the database (and its -wal and -shm) to ``<name>.<kind>-<timestamp>``, owner-only.

    A file that is refused at every start would otherwise be copied at every
    start; when the newest earlier copy has the same bytes, that copy is reused.

    Args:
        path: the database.
        kind: why it is kept (``corrupt``, ``newer``), part of the copy's name.
        sides: the -wal and -shm as they were before anything opened the
            database (a reading connection may rebuild the -shm, or make
            both); by default, as they are now.
        now: the time in the copy's name.

    Returns:
        The copy, or None if the file could not be copied (the error is not
        fatal: the original is still untouched).
    """
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%S")
    previous = sorted(path.parent.glob(f"{path.name}.{kind}-*[0-9]"))
    try:
        sides = sides if sides is not None else read_sides(path)
        digest = _digest(path, sides.get("-wal"))
        if previous and _digest(previous[-1], _read(side_file(previous[-1], "-wal"))) == digest:
            return previous[-1]
        copy = path.with_name(f"{path.name}.{kind}-{stamp}")
        # Owner-only before a byte of the notes is in it (copyfile keeps an existing file's mode).
        create_private(copy)
        shutil.copyfile(path, copy)
        for suffix, data in sides.items():
            if data is not None:
                create_private(side_file(copy, suffix))
                side_file(copy, suffix).write_bytes(data)
    except OSError:
        return None
    return copy


Sides = dict[str, bytes | None]
"""The bytes of a database's -wal and -shm, by suffix (None: there is none)."""


def read_sides(path: Path) -> Sides:
    """The -wal and -shm of ``path`` as they are now.

    Raises:
        StoreError: one exists but cannot be read; it names that file.
    """
    sides: Sides = {}
    for suffix in SIDE_FILES:
        try:
            sides[suffix] = _read(side_file(path, suffix))
        except OSError as error:
            raise StoreError(side_file(path, suffix), f"cannot be read ({error.strerror or error})") from None
    return sides


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _digest(path: Path, log: bytes | None) -> bytes:
    hasher = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            hasher.update(chunk)
    hasher.update(b"|-wal|" if log is not None else b"|")  # an empty log is not a missing one
    hasher.update(log or b"")
    return hasher.digest()


def in_use(path: Path) -> bool:
    """Whether a running clinic-timer holds the database's instance lock (taken and let go at once if not)."""
    try:
        InstanceLock(path).release()
    except LockedStore:
        return True
    except StoreError:
        return False
    return False


def inspect(path: Path, schema_version: int, table: str, *, shared: bool = False) -> None:
    """Reads an existing database read-only and refuses it if it is not ours to write.

    A missing or empty file (with no write-ahead log to apply) passes: the
    store will create it. Whatever goes wrong while checking (an SQLite error,
    or text in the schema that is not UTF-8, which Python's sqlite3 raises as
    UnicodeDecodeError) is a refusal, never an exception of another kind: a
    database that cannot be checked is not written to.

    Args:
        path: the database file.
        schema_version: the newest ``user_version`` this app understands.
        table: a table every clinic-timer database has, to tell ours from another program's.
        shared: the caller reads alongside a clinic-timer that may be running
            (without the instance lock), so a log being written is not damage.

    Raises:
        UnsafeStore: the database, -wal, -shm or lock file is a symbolic link.
        CorruptStore: not SQLite, damaged, a write-ahead log that cannot be
            applied, or another program's database (a copy is kept).
        NewerStore: written by a newer clinic-timer (a copy is kept).
        LockedStore: SQLite reports it busy (another program is writing it).
        StoreError: it cannot be read at all (permissions, say).
    """
    refuse_links(path)
    sides = read_sides(path)  # before any connection: a reader may rebuild the -shm
    log, log_bytes = side_file(path, "-wal"), sides["-wal"] or b""
    try:
        exists = path.exists()
        size = path.stat().st_size if exists else 0
        header = _read_head(path) if size else b""
    except OSError as error:
        raise StoreError(path, f"cannot be read ({error.strerror or error})") from None
    damage = wal.problem(log_bytes, sides["-shm"]) if log_bytes else None
    if damage is not None and shared and in_use(path):
        damage = None  # a running clinic-timer is writing the log as we read it: its end is in flux
    if damage is not None:
        # Copied before any connection is opened: SQLite would drop the log's
        # unreadable frames, and the next write would overwrite it for good.
        problem = (
            f"cannot be opened safely: its write-ahead log {log.name} is damaged ({damage}); "
            "the last changes kept in it cannot be applied"
        )
        raise CorruptStore(path, problem, keep_copy(path, "corrupt", sides) if exists else None)
    if not exists:
        if log_bytes:
            raise CorruptStore(path, f"is missing, but its write-ahead log {log.name} is there")
        return
    if size == 0:
        if log_bytes:  # SQLite would delete the log, and every change in it, as it opened the file
            problem = f"is empty, but its write-ahead log {log.name} holds changes that cannot be applied"
            raise CorruptStore(path, problem, keep_copy(path, "corrupt", sides))
        return
    if size and not header.startswith(SQLITE_MAGIC):
        raise CorruptStore(path, "is not a SQLite database", keep_copy(path, "corrupt", sides))
    try:
        connection = sqlite3.connect(read_only_uri(path), uri=True, timeout=1.0)
    except sqlite3.Error as error:
        raise StoreError(path, f"cannot be opened ({error})") from None
    try:
        refusal = _check(connection, schema_version, table)
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise LockedStore(path, LOCKED_HINT) from None
        refusal = CorruptStore, f"cannot be read ({error})"
    except sqlite3.DatabaseError as error:
        refusal = CorruptStore, f"is damaged ({error})"
    except UnicodeDecodeError:  # Python's sqlite3 decodes the schema's names as UTF-8
        refusal = CorruptStore, "is damaged (its table list holds names that are not UTF-8 text)"
    except Exception as error:  # any failure to check is a refusal, with its cause named
        refusal = CorruptStore, f"is damaged ({type(error).__name__}: {error})"
    finally:
        connection.close()
    if refusal is not None:
        kind, problem = refusal
        copy = keep_copy(path, "newer" if kind is NewerStore else "corrupt", sides)
        _tidy(path, sides)
        raise kind(path, problem, copy)


def _tidy(path: Path, sides: Sides) -> None:
    """Removes the -wal and -shm the checking connection made beside a refused database, as it found it.

    Only files that were not there before, and a -wal only while it is empty:
    nothing anyone wrote is ever removed.
    """
    for suffix, before in sides.items():
        made = side_file(path, suffix)
        if before is None and made.exists() and (suffix == "-shm" or made.stat().st_size == 0):
            with contextlib.suppress(OSError):
                made.unlink()


def _read_head(path: Path) -> bytes:
    with path.open("rb") as stream:
        return stream.read(100)


def _check(
    connection: sqlite3.Connection, schema_version: int, table: str
) -> tuple[type[StoreError], str] | None:
    """The read-only checks of :func:`inspect`: version, integrity, that the table is ours; why not."""
    version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    if version > schema_version:
        return NewerStore, (
            f"was written by a newer clinic-timer (database version {version}; "
            f"this one understands up to {schema_version}); update clinic-timer to use it"
        )
    check = [row[0] for row in connection.execute("PRAGMA quick_check(5)")]
    if check != ["ok"]:
        return CorruptStore, f"is damaged ({'; '.join(map(str, check))})"
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if (version == 0 and tables) or (version > 0 and table not in tables):
        return CorruptStore, "is not a clinic-timer database"
    return None
