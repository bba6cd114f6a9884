"""This week's clinic of a crew: what the set-up page offers, and what the end of the clinic records.

A :class:`WeekClinic` is one planned meeting turned into what a clinic needs:
the format, the host or bringer and the coaches in this week's speaking order
(:func:`~clinic_timer.core.plan.roster_for`), both as person ids and as the
names the clinic's roster holds today. When the clinic ends, the absences it
saw become the week's absences, and the plan records the week as held with
its clinic's record. The clinic's roster holds the crew's members themselves
(the set-up page is given them), so an absence is by person id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from clinic_timer.core.invitations import describe
from clinic_timer.core.plan import LANDING_FORMAT, hold, next_meeting, roster_for

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from datetime import date

    from clinic_timer.core.crews import Crew
    from clinic_timer.core.plan import Meeting, Plan

COMING_UP = timedelta(days=14)  # how far ahead the set-up page looks for a crew's next meeting
REVISIT_PHASES = ("Where are you now?", "The host's case")  # the landing's turns at one's own case


@dataclass(frozen=True)
class WeekClinic:
    """One crew meeting, ready to set up.

    Attributes:
        crew_id: whose meeting.
        number: the week.
        title: "Civics crew, week 3: Ben brings a case".
        format_name: the format the plan says.
        host: the bringer's (or host's) person id; names: ``host_name``.
        coaches: the other members' ids, in this week's speaking order.
        host_name: as the roster shows them.
        coach_names: likewise, in the same order.
        landing: whether this is the crew's landing.
    """

    crew_id: str
    number: int
    title: str
    format_name: str
    host: str
    coaches: tuple[str, ...]
    host_name: str
    coach_names: tuple[str, ...]
    landing: bool

    @property
    def rotation(self) -> int:
        """The nudge rotation for this week: each week of a crew starts its lines one further on."""
        return self.number - 1

    @property
    def members(self) -> tuple[str, ...]:
        """Everyone at the clinic by person id: the host or bringer, then the coaches."""
        return (self.host, *self.coaches)


def week_clinic(crew: Crew, meeting: Meeting, names: Mapping[str, str]) -> WeekClinic:
    """The clinic of ``meeting``, with its roster in this week's order."""
    host, coaches = roster_for(crew, meeting)
    heading = describe(meeting, names)
    if meeting.bringer is not None:
        heading = f"{names.get(meeting.bringer, 'someone')} brings a case"
        if meeting.facilitator is not None:
            heading += f", facilitated by {names.get(meeting.facilitator, 'someone')}"
    return WeekClinic(
        crew_id=crew.id,
        number=meeting.number,
        title=f"{crew.title}, week {meeting.number}: {heading}",
        format_name=meeting.format_name,
        host=host,
        coaches=coaches,
        host_name=names.get(host, host),
        coach_names=tuple(names.get(c, c) for c in coaches),
        landing=meeting.format_name == LANDING_FORMAT,
    )


def offers(crews: Iterable[tuple[Crew, Plan]], today: date, names: Mapping[str, str]) -> list[WeekClinic]:
    """Each crew's next meeting not yet held, today or in the next two weeks, soonest first."""
    found: list[tuple[date, str, WeekClinic]] = []
    for crew, plan in crews:
        meeting = next_meeting(plan, today)
        if meeting is not None and meeting.day - today <= COMING_UP:
            found.append((meeting.day, crew.name, week_clinic(crew, meeting, names)))
    return [clinic for _day, _name, clinic in sorted(found, key=lambda f: (f[0], f[1]))]


def held(crew: Crew, plan: Plan, week: WeekClinic, *, record_id: str | None, absent: Iterable[str]) -> Plan:
    """The plan with ``week`` held: its record, and the members absent (person ids; a guest's are left out)."""
    away = tuple(p for p in absent if p in crew.members)
    return hold(crew, plan, week.number, record_id=record_id, absent=away)
