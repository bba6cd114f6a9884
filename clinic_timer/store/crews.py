"""People and crews in the notes database, beside the sessions, with the same guarantees.

The tables come from migration 2 (:mod:`~clinic_timer.store.schema`); this
module reads and writes them through the :class:`~clinic_timer.store.Store`'s
own connection, so a crew is saved in one transaction, synchronously, in WAL
mode, and a database the store refuses is never touched. Rows that cannot be
read back are a :class:`~clinic_timer.store.errors.CorruptStore` naming the
file and the crew or person, never a traceback.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from clinic_timer.core.crews import Crew, CrewError, Schedule, Weekday, parse_time
from clinic_timer.core.people import Ease, Person, Standing
from clinic_timer.core.plan import Ending, Meeting, MeetingStatus, Plan
from clinic_timer.store.errors import CorruptStore

if TYPE_CHECKING:
    from clinic_timer.store.database import Store


class InUse(ValueError):
    """A person or crew name that cannot be removed or taken as asked; the message says why."""


@dataclass(frozen=True)
class KeptCrew:
    """A crew as kept: who and when, and its plan."""

    crew: Crew
    plan: Plan


class CrewBook:
    """The organiser's people and crews in an open store.

    Args:
        store: the open notes database (read-only is enough to read).
    """

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- people ----------------------------------------------------------------

    def people(self) -> list[Person]:
        """Everyone on the list, by name."""
        if not self._has_tables():
            return []
        with self.store.reading() as db:
            rows = db.execute(
                "SELECT id, name, met, knows_in_person, interests, at_ease, standing, notes FROM person"
            ).fetchall()
        people = [self._person(row) for row in rows]
        return sorted(people, key=lambda p: (p.name.casefold(), p.id))

    def save_person(self, person: Person) -> None:
        """Adds or updates one person, in one transaction."""
        row = (
            person.id,
            person.name,
            person.met,
            int(person.knows_in_person),
            json.dumps(list(person.interests), ensure_ascii=False),
            person.at_ease.value,
            person.standing.value,
            person.notes,
            _now(),
        )
        with self.store.writing() as db:
            db.execute(
                "INSERT INTO person (id, name, met, knows_in_person, interests, at_ease, standing, notes, saved_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, "
                "met = excluded.met, knows_in_person = excluded.knows_in_person, interests = excluded.interests, "
                "at_ease = excluded.at_ease, standing = excluded.standing, notes = excluded.notes, "
                "saved_at = excluded.saved_at",
                row,
            )

    def crews_of(self, person_id: str) -> list[str]:
        """The names of the crews someone is a member of."""
        if not self._has_tables():
            return []
        with self.store.reading() as db:
            rows = db.execute(
                "SELECT crew.name FROM crew_member JOIN crew ON crew.id = crew_member.crew_id "
                "WHERE person_id = ? ORDER BY crew.name",
                (person_id,),
            ).fetchall()
        return [str(r[0]) for r in rows]

    def clinics_of(self, person_id: str) -> int:
        """How many kept clinics someone took part in (as bringer, host or coach), found by their id."""
        with self.store.reading() as db:
            row = db.execute(
                "SELECT count(*) FROM session WHERE EXISTS "
                "(SELECT 1 FROM json_each(session.people) WHERE value = ?)",
                (person_id,),
            ).fetchone()
        return int(row[0])

    def delete_person(self, person_id: str) -> bool:
        """Removes someone from the list; the kept clinics keep their name. False if nobody had that id.

        Raises:
            InUse: they are a member of a crew (the crew would lose them).
        """
        crews = self.crews_of(person_id)
        if crews:
            raise InUse(f"they are in the {', '.join(crews)} crew; a crew member cannot be removed")
        with self.store.writing() as db:
            return db.execute("DELETE FROM person WHERE id = ?", (person_id,)).rowcount > 0

    # -- crews -------------------------------------------------------------------

    def crews(self) -> list[KeptCrew]:
        """Every crew with its plan, by first date."""
        if not self._has_tables():
            return []
        with self.store.reading() as db:
            crews = db.execute(
                "SELECT id, name, interest, organiser, weekday, local_time, time_zone, first_date, weeks, "
                "call_link, chat_link, ending, holidays FROM crew ORDER BY first_date, name"
            ).fetchall()
            members = db.execute(
                "SELECT crew_id, person_id FROM crew_member ORDER BY crew_id, position"
            ).fetchall()
            meetings = db.execute(
                "SELECT crew_id, number, meeting_date, format_name, bringer, facilitator, status, record_id, "
                "absent, sequence FROM crew_meeting ORDER BY crew_id, meeting_date, number"
            ).fetchall()
        who: dict[str, list[str]] = {}
        for crew_id, person_id in members:
            who.setdefault(crew_id, []).append(person_id)
        when: dict[str, list[tuple[Any, ...]]] = {}
        for row in meetings:
            when.setdefault(row[0], []).append(row)
        return [self._crew(row, who.get(row[0], []), when.get(row[0], [])) for row in crews]

    def crew(self, key: str) -> KeptCrew:
        """The crew whose id is ``key`` or whose name is ``key`` in any case.

        Raises:
            KeyError: there is none; the message lists the crews there are.
        """
        kept = self.crews()
        wanted = " ".join(key.split()).casefold()
        for each in kept:
            if each.crew.id == wanted or each.crew.name.casefold() == wanted:
                return each
        names = ", ".join(k.crew.name for k in kept) or "none yet"
        raise KeyError(f"no crew called {key.strip()!r} (crews: {names})")

    def save_crew(self, crew: Crew, plan: Plan) -> None:
        """Adds or replaces a crew, its members and its plan, in one transaction.

        Raises:
            InUse: another crew already has this name.
        """
        schedule = crew.schedule
        with self.store.writing() as db:
            clash = db.execute(
                "SELECT 1 FROM crew WHERE name = ? COLLATE NOCASE AND id != ?", (crew.name, crew.id)
            ).fetchone()
            if clash:
                raise InUse(f"there is already a crew called {crew.name!r}; choose another name")
            db.execute("DELETE FROM crew_member WHERE crew_id = ?", (crew.id,))
            db.execute("DELETE FROM crew_meeting WHERE crew_id = ?", (crew.id,))
            db.execute(
                "INSERT OR REPLACE INTO crew (id, name, interest, organiser, weekday, local_time, time_zone, "
                "first_date, weeks, call_link, chat_link, ending, holidays, saved_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    crew.id,
                    crew.name,
                    crew.interest,
                    crew.organiser,
                    int(schedule.weekday),
                    f"{schedule.at:%H:%M}",
                    schedule.zone,
                    schedule.first.isoformat(),
                    crew.weeks,
                    crew.call_link,
                    crew.chat_link,
                    plan.ending.value if plan.ending else None,
                    json.dumps([d.isoformat() for d in plan.holidays]),
                    _now(),
                ),
            )
            db.executemany(
                "INSERT INTO crew_member (crew_id, person_id, position) VALUES (?, ?, ?)",
                [(crew.id, member, index) for index, member in enumerate(crew.members)],
            )
            db.executemany(
                "INSERT INTO crew_meeting (crew_id, number, meeting_date, format_name, bringer, facilitator, "
                "status, record_id, absent, sequence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        crew.id,
                        m.number,
                        m.day.isoformat(),
                        m.format_name,
                        m.bringer,
                        m.facilitator,
                        m.status.value,
                        m.record_id,
                        json.dumps(list(m.absent)),
                        m.sequence,
                    )
                    for m in plan.meetings
                ],
            )

    def crew_records(self) -> dict[str, set[str]]:
        """Each crew's id to the ids of the kept clinics its weeks were held as (the history's crew filter)."""
        if not self._has_tables():
            return {}
        with self.store.reading() as db:
            rows = db.execute(
                "SELECT crew_id, record_id FROM crew_meeting WHERE record_id IS NOT NULL"
            ).fetchall()
        found: dict[str, set[str]] = {}
        for crew_id, record_id in rows:
            found.setdefault(str(crew_id), set()).add(str(record_id))
        return found

    def delete_crew(self, crew_id: str) -> bool:
        """Removes a crew and its plan (its people and kept clinics stay). False if there was none."""
        with self.store.writing() as db:
            db.execute("DELETE FROM crew_member WHERE crew_id = ?", (crew_id,))
            db.execute("DELETE FROM crew_meeting WHERE crew_id = ?", (crew_id,))
            return db.execute("DELETE FROM crew WHERE id = ?", (crew_id,)).rowcount > 0

    # -- reading rows back -----------------------------------------------------------

    def _has_tables(self) -> bool:
        """False for a database opened read-only before its migration to people and crews."""
        with self.store.reading() as db:
            row = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'crew'").fetchone()
        return row is not None

    def _person(self, row: tuple[Any, ...]) -> Person:
        try:
            return Person(
                id=row[0],
                name=row[1],
                met=row[2],
                knows_in_person=bool(row[3]),
                interests=tuple(json.loads(row[4])),
                at_ease=Ease(row[5]),
                standing=Standing(row[6]),
                notes=row[7],
            )
        except (ValueError, TypeError, AttributeError) as error:
            raise CorruptStore(self.store.path, f"person {row[0]} cannot be read ({error})") from None

    def _crew(self, row: tuple[Any, ...], members: list[str], meetings: list[tuple[Any, ...]]) -> KeptCrew:
        try:
            crew = Crew(
                id=row[0],
                name=row[1],
                interest=row[2],
                organiser=row[3],
                members=tuple(members),
                schedule=Schedule(Weekday(row[4]), parse_time(row[5]), row[6], date.fromisoformat(row[7])),
                weeks=int(row[8]),
                call_link=row[9],
                chat_link=row[10],
            )
            plan = Plan(
                meetings=tuple(_meeting(m) for m in meetings),
                holidays=tuple(date.fromisoformat(d) for d in json.loads(row[12])),
                ending=Ending(row[11]) if row[11] is not None else None,
            )
        except (ValueError, TypeError, AttributeError, CrewError) as error:
            raise CorruptStore(self.store.path, f"crew {row[1]!r} cannot be read ({error})") from None
        if not plan.meetings:
            raise CorruptStore(self.store.path, f"crew {row[1]!r} cannot be read (it has no meetings)")
        return KeptCrew(crew, plan)


def _meeting(row: tuple[Any, ...]) -> Meeting:
    absent = json.loads(row[8])
    if not isinstance(absent, list) or not all(isinstance(a, str) for a in absent):
        raise ValueError("absences must be a list of person ids")
    return Meeting(
        number=int(row[1]),
        day=date.fromisoformat(row[2]),
        format_name=str(row[3]),
        bringer=row[4],
        facilitator=row[5],
        status=MeetingStatus(row[6]),
        record_id=row[7],
        absent=tuple(absent),
        sequence=int(row[9]),
    )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
