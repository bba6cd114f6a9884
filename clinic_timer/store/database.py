"""The notes database: every session record in one SQLite file, owner-only, in WAL mode.

One row per session holds the whole record as JSON (so a record is saved in
one statement, in one transaction) next to the few columns the history lists
and searches. The schema is versioned with ``PRAGMA user_version`` and moved
forward by :data:`MIGRATIONS`; a database from a newer app, a damaged one,
or one another running instance holds is refused with a typed
:class:`~clinic_timer.store.errors.StoreError` before anything is written.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from datetime import datetime
from typing import TYPE_CHECKING

from clinic_timer import paths
from clinic_timer.core.people import Person
from clinic_timer.core.record import ArchiveError, RecordStatus, SessionRecord
from clinic_timer.store import schema
from clinic_timer.store.errors import CorruptStore, LockedStore, StoreError
from clinic_timer.store.files import (
    LOCKED_HINT,
    InstanceLock,
    create_private,
    inspect,
    keep_copy,
    read_only_uri,
    refuse_links,
    tighten,
)
from clinic_timer.store.rows import SUMMARY_COLUMNS, SessionSummary, row_of, summary_of

if TYPE_CHECKING:
    import builtins
    from collections.abc import Iterator
    from pathlib import Path
    from types import TracebackType

DB_NAME = "notes.sqlite3"
BUSY_TIMEOUT_S = 2.0  # how long a write waits for another writer's lock before the store says "locked"


def default_path() -> Path:
    """Where the notes live unless told otherwise (``--data-dir``, ``CLINIC_TIMER_DATA_DIR``)."""
    return paths.data_dir() / DB_NAME


class Store:
    """The open notes database.

    A store is used from one thread; :meth:`sibling` gives another thread its
    own connection to the same file. Open with :meth:`open` (to write, holding
    the instance lock) or :meth:`open_readonly` (to read alongside a running app).
    """

    def __init__(
        self, path: Path, db: sqlite3.Connection, lock: InstanceLock | None, *, readonly: bool
    ) -> None:
        self.path = path
        self.readonly = readonly
        self._db = db
        self._lock = lock  # owned only by the store that opened it; siblings get None

    # -- opening -------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | None = None) -> Store:
        """Opens (creating or migrating) the database for writing.

        Args:
            path: the database file; by default :func:`default_path`. Its folder
                is created owner-only if missing; an existing one is left as it is.

        Raises:
            LockedStore: another clinic-timer has it open.
            CorruptStore, NewerStore: refused; a copy was kept and the file is untouched.
            UnsafeStore: it (or its -wal, -shm or lock file) is a symbolic link; nothing was written.
            StoreError: anything else (no permission, disk full).
        """
        path = path or default_path()
        try:
            paths.ensure_private_dir(path.parent)
        except OSError as error:
            raise StoreError(path.parent, f"cannot be made private ({error.strerror or error})") from None
        refuse_links(path)  # before the lock file is created, through a link or not
        lock = InstanceLock(path)
        store: Store | None = None
        try:
            inspect(path, schema.schema_version(), schema.TABLE)
            try:
                create_private(path)
            except OSError as error:
                raise StoreError(path, f"cannot be created ({error.strerror or error})") from None
            store = cls(path, _connect(str(path), uri=False), lock, readonly=False)
            with store._translated():
                store._db.execute("PRAGMA journal_mode = WAL")
            store._migrate()
            tighten(path)
        except BaseException:
            if store is not None:
                store.close()
            lock.release()
            raise
        return store

    @classmethod
    def open_readonly(cls, path: Path | None = None) -> Store:
        """Opens the database to read only, without the instance lock (the app may be running).

        A database an older clinic-timer left is first brought up to date, as
        :meth:`open` does (a copy of it kept), so reading sees today's columns.

        Raises:
            StoreError: it does not exist, or cannot be read; CorruptStore,
                NewerStore and LockedStore as for :meth:`open`.
        """
        path = path or default_path()
        refuse_links(path)
        if not path.exists():
            raise StoreError(path, "does not exist (no session has been kept yet)")
        inspect(path, schema.schema_version(), schema.TABLE, shared=True)
        try:
            db, older = _connect(read_only_uri(path), uri=True), False
            with contextlib.closing(db), contextlib.suppress(sqlite3.DatabaseError):
                older = 0 < int(db.execute("PRAGMA user_version").fetchone()[0]) < schema.schema_version()
            if older:
                cls.open(path).close()
            db = _connect(read_only_uri(path), uri=True)
        except sqlite3.Error as error:
            raise StoreError(path, f"cannot be opened ({error})") from None
        return cls(path, db, None, readonly=True)

    def sibling(self) -> Store:
        """Another connection to the same database, for use on another thread."""
        uri = read_only_uri(self.path) if self.readonly else str(self.path)
        with self._translated():  # an error names the file, as every other store error does
            db = _connect(uri, uri=self.readonly)
        return Store(self.path, db, None, readonly=self.readonly)

    def close(self) -> None:
        """Closes the connection and, for the store that opened it, releases the lock."""
        self._db.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    # -- writing -------------------------------------------------------------

    def save(self, record: SessionRecord) -> None:
        """Inserts or replaces a record, in one transaction."""
        row = row_of(record)
        columns = ", ".join(row)
        updates = ", ".join(f"{c} = excluded.{c}" for c in row if c != "id")
        sql = (
            f"INSERT INTO session ({columns}) VALUES ({', '.join('?' * len(row))}) "
            f"ON CONFLICT(id) DO UPDATE SET {updates}"
        )
        with self._transaction() as db:
            db.execute(sql, tuple(row.values()))

    def delete(self, record_id: str) -> bool:
        """Deletes a record; False if there was none."""
        with self._transaction() as db:
            return db.execute("DELETE FROM session WHERE id = ?", (record_id,)).rowcount > 0

    def mark_closed(self, record_id: str) -> SessionRecord:
        """Closes an interrupted session as it stands: it ends when it was last saved.

        Raises:
            KeyError: there is no such record.
        """
        record = self.load(record_id)
        with self._translated():
            saved = self._db.execute("SELECT saved_at FROM session WHERE id = ?", (record_id,)).fetchone()
        record.status = RecordStatus.CLOSED_INTERRUPTED
        if record.ended_at is None:
            record.ended_at = datetime.fromisoformat(saved[0]).astimezone().isoformat(timespec="seconds")
        self.save(record)
        return record

    # -- reading -------------------------------------------------------------

    def load(self, record_id: str) -> SessionRecord:
        """The whole record.

        Raises:
            KeyError: there is no such record.
            CorruptStore: the row cannot be read back.
        """
        with self._translated():
            row = self._db.execute("SELECT record FROM session WHERE id = ?", (record_id,)).fetchone()
        if row is None:
            raise KeyError(record_id)
        return self._decode(record_id, row[0])

    def list(
        self,
        query: str = "",
        *,
        bringer: str | None = None,
        format_name: str | None = None,
        limit: int | None = None,
    ) -> builtins.list[SessionSummary]:
        """Summaries, newest first, matching every word of ``query``.

        Args:
            query: words looked for (case-insensitively) in the notes, the case's
                title, the bringer, the coaches and the format.
            bringer: only the sessions this person (by id) led, as case bringer or host,
                whatever their name was spelled as.
            format_name: only this format's sessions.
            limit: at most this many.
        """
        where, params = ["1"], []
        for word in query.casefold().split():
            where.append(r"search_text LIKE ? ESCAPE '\'")
            params.append("%" + word.replace("\\", r"\\").replace("%", r"\%").replace("_", r"\_") + "%")
        if bringer is not None:
            where.append("bringer_id = ?")
            params.append(bringer)
        if format_name is not None:
            where.append("format_name = ?")
            params.append(format_name)
        sql = f"SELECT {SUMMARY_COLUMNS} FROM session WHERE {' AND '.join(where)} ORDER BY started_utc DESC"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        with self._translated():
            rows = self._db.execute(sql, params).fetchall()
        try:
            return [summary_of(row) for row in rows]
        except (ValueError, TypeError, IndexError) as error:
            raise CorruptStore(
                self.path, f"is damaged (a session's summary cannot be read: {error})"
            ) from None

    def people(self) -> builtins.list[Person]:
        """Everyone who took part in a kept clinic, once each, by the name of their latest one.

        The set-up panel gives a typed name the id of the one person known by
        it (:func:`~clinic_timer.core.roster.person_called`), so Ada this week
        is the Ada of last week and the history finds both her clinics. A row
        whose people cannot be read is passed over: this only helps recognise names.
        """
        with self._translated():
            rows = self._db.execute(
                "SELECT people, bringer, coaches FROM session ORDER BY started_utc DESC"
            ).fetchall()
        found: dict[str, Person] = {}
        for ids, lead, coaches in rows:
            with contextlib.suppress(ValueError, TypeError):
                for person_id, name in zip(json.loads(ids), [lead, *json.loads(coaches)], strict=True):
                    if person_id not in found:
                        found[person_id] = Person(person_id, name)
        return list(found.values())

    def last(self) -> SessionRecord | None:
        """The most recently started session, if any."""
        with self._translated():
            row = self._db.execute(
                "SELECT id, record FROM session ORDER BY started_utc DESC LIMIT 1"
            ).fetchone()
        return None if row is None else self._decode(row[0], row[1])

    def interrupted(self) -> builtins.list[SessionRecord]:
        """Sessions still marked running: at start-up, those a crash interrupted."""
        with self._translated():
            rows = self._db.execute(
                "SELECT id, record FROM session WHERE status = ? ORDER BY started_utc DESC",
                (RecordStatus.RUNNING.value,),
            ).fetchall()
        return [self._decode(i, r) for i, r in rows]

    def resolve(self, prefix: str) -> str:
        """The full id of the one record whose id starts with ``prefix`` (as the CLI lists them).

        Raises:
            KeyError: none or several match; the message says which.
        """
        clean = prefix.strip().lower()
        if not clean or any(c not in "0123456789abcdef" for c in clean):
            raise KeyError(f"{prefix!r} is not a session id")
        with self._translated():
            if self._db.execute("SELECT 1 FROM session WHERE id = ?", (clean,)).fetchone():
                return clean  # an exact id wins, even when it is the start of another one
            rows = self._db.execute(
                "SELECT id FROM session WHERE substr(id, 1, ?) = ? LIMIT 2", (len(clean), clean)
            ).fetchall()
        if len(rows) != 1:
            raise KeyError(f"{'no' if not rows else 'more than one'} session id starts with {prefix!r}")
        return str(rows[0][0])

    def count(self) -> int:
        """How many sessions are kept."""
        with self._translated():
            return int(self._db.execute("SELECT count(*) FROM session").fetchone()[0])

    def held_count(self) -> int:
        """How many sessions have been held (finished or closed): the nudge rotation number.

        A running session is left out, so the number stays the same while it is saved.
        """
        with self._translated():
            row = self._db.execute(
                "SELECT count(*) FROM session WHERE status != ?", (RecordStatus.RUNNING.value,)
            ).fetchone()
        return int(row[0])

    # -- for the store's other tables (people and crews) --------------------------

    def writing(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        """One write transaction on this store's connection; errors name the file."""
        return self._transaction()

    @contextlib.contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """This store's connection, to read; errors name the file."""
        with self._translated():
            yield self._db

    # -- internals ---------------------------------------------------------------

    def _decode(self, record_id: str, text: str) -> SessionRecord:
        try:
            return SessionRecord.from_dict(json.loads(text))
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError, ArchiveError) as error:
            raise CorruptStore(self.path, f"session {record_id} cannot be read ({error})") from None

    def _migrate(self) -> None:
        """Brings the database up to this app's schema, an owner-only copy of the old one kept first."""
        with self._translated():
            found = int(self._db.execute("PRAGMA user_version").fetchone()[0])
        if 0 < found < schema.schema_version() and keep_copy(self.path, f"v{found}") is None:
            raise StoreError(self.path, "cannot be updated: no copy could be kept first (disk full?)")
        with self._transaction() as db:
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            for step in schema.MIGRATIONS[version:]:
                step(db)
            if version != schema.schema_version():
                db.execute(f"PRAGMA user_version = {schema.schema_version()}")

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        if self.readonly:
            raise StoreError(self.path, "is open read-only")
        with self._translated():
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
                self._db.execute("COMMIT")
            except BaseException:
                # SQLite has already rolled back after some errors (a full disk): a second
                # ROLLBACK would fail and its "no transaction is active" hide the real reason.
                # A failed COMMIT may leave the transaction open: rolled back, the next save can
                # begin again once there is room.
                if self._db.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        self._db.execute("ROLLBACK")
                raise

    @contextlib.contextmanager
    def _translated(self) -> Iterator[None]:
        """Turns sqlite3's errors into store errors that name the file."""
        try:
            yield
        except sqlite3.OperationalError as error:
            text = str(error)
            if "locked" in text or "busy" in text:
                raise LockedStore(self.path, LOCKED_HINT) from None
            if "decode" in text:  # "Could not decode to UTF-8 column ...": a damaged row
                raise CorruptStore(self.path, f"is damaged ({text})") from None
            raise StoreError(self.path, f"cannot be read or written ({text})") from None
        except sqlite3.DatabaseError as error:
            raise CorruptStore(self.path, f"is damaged ({error})") from None
        except UnicodeDecodeError as error:  # sqlite3 decodes schema text and messages as UTF-8
            raise CorruptStore(self.path, f"is damaged (text that is not UTF-8: {error})") from None


def _connect(target: str, *, uri: bool) -> sqlite3.Connection:
    db = sqlite3.connect(target, uri=uri, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    db.execute("PRAGMA synchronous = FULL")  # a note typed before a power cut is a note kept
    return db
