"""``clinic-timer --crew NAME``: the crew's next planned meeting, as the format and roster to open.

Qt-free, and imported only when ``--crew`` is given, so a plain launch reads
nothing more from disk. The database is opened read-only for the moment it
takes to read the plan, before the app opens it for writing.

The set-up panel takes names; :func:`next_clinic` hands over the crew's
people too (their ids, as :func:`~clinic_timer.core.plan.roster_for` returns
them), so the clinic's roster holds the members themselves and a kept clinic
is found again by the crew whatever the names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from clinic_timer.core.crews import time_zone
from clinic_timer.core.invitations import describe
from clinic_timer.core.people import Person
from clinic_timer.core.plan import next_meeting, roster_for
from clinic_timer.store import Store, StoreError, default_path
from clinic_timer.store.crews import CrewBook


class CrewLaunchError(ValueError):
    """The crew's next meeting cannot be opened; the message says why."""


@dataclass(frozen=True)
class CrewClinic:
    """What the console opens with: the format, the host or bringer, the coaches in this week's order."""

    title: str  # "Civics crew, week 2: case clinic (Ben brings a case)"
    format_name: str
    bringer: str
    coaches: tuple[str, ...]
    people: tuple[Person, ...] = ()  # who the names are: the host or bringer, then the coaches
    crew_id: str = ""  # whose meeting, so the console can tie the clinic to it
    week: int = 0  # which week of the crew's plan


def next_clinic(crew_name: str, *, today: date | None = None) -> CrewClinic:
    """The next meeting of the crew called ``crew_name`` not yet held, from today (in the crew's zone) on.

    Raises:
        CrewLaunchError: no database, no such crew, or no meeting ahead.
    """
    path = default_path()
    if not path.exists():
        raise CrewLaunchError(f"no crew called {crew_name!r}: nothing is kept yet")
    try:
        with Store.open_readonly(path) as store:
            book = CrewBook(store)
            kept = book.crew(crew_name)
            listed = {p.id: p for p in book.people()}
            names = {p.id: p.name for p in listed.values()}
    except StoreError as error:
        raise CrewLaunchError(str(error)) from None
    except KeyError as error:
        raise CrewLaunchError(str(error.args[0])) from None
    crew, plan = kept.crew, kept.plan
    day = today or datetime.now(UTC).astimezone(time_zone(crew.schedule.zone)).date()
    meeting = next_meeting(plan, day)
    if meeting is None:
        raise CrewLaunchError(f"the {crew.title} has no meeting planned from {day.isoformat()} on")
    host, coaches = roster_for(crew, meeting)
    return CrewClinic(
        title=f"{crew.title}, week {meeting.number}: {describe(meeting, names)}",
        format_name=meeting.format_name,
        bringer=names.get(host, host),
        coaches=tuple(names.get(c, c) for c in coaches),
        people=tuple(Person(listed[p].id, listed[p].name) for p in (host, *coaches) if p in listed),
        crew_id=crew.id,
        week=meeting.number,
    )
