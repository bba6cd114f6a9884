"""The database's shape and how an older one is brought up to it.

``PRAGMA user_version`` is the number of migrations a database has had.
Migration ``i`` takes it from version ``i`` to ``i + 1`` inside the same
transaction that sets the new number, so a crash mid-migration leaves the
old version, never a mix. A shipped migration is never edited: a change
to the schema is a new one at the end.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

TABLE = "session"

_V1 = """
CREATE TABLE session (
    id TEXT PRIMARY KEY,
    started_at TEXT NOT NULL,      -- ISO 8601 with the offset it was taken in
    started_utc TEXT NOT NULL,     -- the same instant in UTC, for ordering
    ended_at TEXT,
    saved_at TEXT NOT NULL,        -- UTC, when this row was last written
    status TEXT NOT NULL,
    format_name TEXT NOT NULL,
    format_title TEXT NOT NULL,
    bringer TEXT NOT NULL,
    coaches TEXT NOT NULL,         -- JSON list
    title TEXT NOT NULL,
    note_count INTEGER NOT NULL,
    elapsed_s REAL NOT NULL,
    search_text TEXT NOT NULL,     -- casefolded words the history search looks in
    record TEXT NOT NULL           -- SessionRecord.to_dict() as JSON
);
CREATE INDEX session_by_start ON session (started_utc DESC);
CREATE INDEX session_by_status ON session (status);
"""

_V2 = """
CREATE TABLE person (
    id TEXT PRIMARY KEY,           -- Person.id: eight hex digits, never reused
    name TEXT NOT NULL,
    met TEXT NOT NULL,
    knows_in_person INTEGER NOT NULL,
    interests TEXT NOT NULL,       -- JSON list of tags
    at_ease TEXT NOT NULL,         -- Ease value
    standing TEXT NOT NULL,        -- Standing value
    notes TEXT NOT NULL,           -- the organiser's private notes
    saved_at TEXT NOT NULL
);
CREATE TABLE crew (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    interest TEXT NOT NULL,
    organiser TEXT NOT NULL REFERENCES person (id),
    weekday INTEGER NOT NULL,      -- 0 is Monday
    local_time TEXT NOT NULL,      -- HH:MM in time_zone
    time_zone TEXT NOT NULL,       -- IANA name
    first_date TEXT NOT NULL,
    weeks INTEGER NOT NULL,
    call_link TEXT NOT NULL,
    chat_link TEXT NOT NULL,
    ending TEXT,                   -- Ending value, once recorded
    holidays TEXT NOT NULL,        -- JSON list of skipped dates
    saved_at TEXT NOT NULL
);
CREATE TABLE crew_member (
    crew_id TEXT NOT NULL REFERENCES crew (id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES person (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (crew_id, person_id)
);
CREATE INDEX crew_member_by_person ON crew_member (person_id);
CREATE TABLE crew_meeting (
    crew_id TEXT NOT NULL REFERENCES crew (id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    meeting_date TEXT NOT NULL,
    format_name TEXT NOT NULL,
    bringer TEXT REFERENCES person (id),
    facilitator TEXT REFERENCES person (id),
    status TEXT NOT NULL,          -- MeetingStatus value
    record_id TEXT,                -- the session it was held as
    absent TEXT NOT NULL,          -- JSON list of person ids
    sequence INTEGER NOT NULL,     -- the calendar's SEQUENCE
    PRIMARY KEY (crew_id, number)
)
"""

Migration = Callable[[sqlite3.Connection], None]


def _script(sql: str) -> Migration:
    """A migration running each statement of ``sql`` inside the caller's transaction.

    ``executescript`` would commit first, and a half-migrated database must never be left.
    """

    def run(db: sqlite3.Connection) -> None:
        for statement in sql.split(";"):
            if statement.strip():
                db.execute(statement)

    return run


def _people(db: sqlite3.Connection) -> None:
    from clinic_timer.store import people_migration  # it reads records: the core, only when migrating

    people_migration.migrate(db)


MIGRATIONS: list[Migration] = [
    _script(_V1),  # 0 -> 1
    _script(_V2),  # 1 -> 2: people and crews
    _people,  # 2 -> 3: the sessions' people get ids (records of schema 2)
]
"""Migration ``i`` moves a database from version ``i`` to ``i + 1``; never edit a shipped one."""


def schema_version() -> int:
    """The database version this app writes: the number of migrations."""
    return len(MIGRATIONS)
