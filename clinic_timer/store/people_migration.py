"""Migration 3: the sessions' people get ids (records of schema 1 become schema 2).

Before it, a session's row and record named people by their spelling. The
migration gives each name a person, the same across every session (so
"Kim" and "kim" in two clinics are one person), and the one on the
organiser's list when exactly one person there has that name, so a crew
finds its members' earlier clinics. It runs in the migration's transaction:
a crash leaves the database at version 2, untouched. A row whose record
cannot be read is left as it is, to be refused on loading as before.
"""

from __future__ import annotations

import contextlib
import json
from typing import TYPE_CHECKING

from clinic_timer.core.people import PeopleError, Person
from clinic_timer.core.record import ArchiveError, SessionRecord
from clinic_timer.core.record_v1 import by_name
from clinic_timer.store.rows import row_of

if TYPE_CHECKING:
    import sqlite3

    from clinic_timer.core.record_v1 import People

COLUMNS = (
    "ALTER TABLE session ADD COLUMN bringer_id TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE session ADD COLUMN people TEXT NOT NULL DEFAULT '[]'",  # JSON list of person ids
    "CREATE INDEX session_by_bringer ON session (bringer_id)",
)


def listed_people(db: sqlite3.Connection) -> People:
    """The organiser's people by casefolded name, leaving out names two of them share."""
    people: list[Person] = []
    for person_id, name in db.execute("SELECT id, name FROM person ORDER BY id"):
        with contextlib.suppress(PeopleError):
            people.append(Person(str(person_id), str(name)))
    return by_name(people)


def migrate(db: sqlite3.Connection) -> None:
    """Adds the people columns, and rewrites every readable session with people by id."""
    for statement in COLUMNS:
        db.execute(statement)
    people = listed_people(db)
    rows = db.execute("SELECT id, record FROM session ORDER BY started_utc").fetchall()
    for record_id, text in rows:
        try:
            record = SessionRecord.from_dict(json.loads(text), people)
        except (ValueError, ArchiveError):
            continue
        row = row_of(record)
        kept = ("bringer", "bringer_id", "coaches", "people", "search_text", "record")
        db.execute(
            f"UPDATE session SET {', '.join(f'{c} = ?' for c in kept)} WHERE id = ?",
            (*(row[c] for c in kept), record_id),
        )
