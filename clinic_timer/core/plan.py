"""A crew's plan, week by week: which format, who brings a case, and what the organiser changed.

The plan starts from the shape of the post's crews: week 1 the intro session,
weeks 2 to N-1 case clinics, week N the landing. Case bringers rotate so that
every member brings once before anyone brings a second time. The organiser
then changes what life changes: two bringers swap, a volunteer takes a week,
a holiday pushes the rest on by a week, one meeting moves.

A plan is a frozen value and every change returns a new one, so a change the
organiser does not keep costs nothing. Each meeting keeps a ``sequence`` that
goes up whenever its time, format or bringer changes: a calendar re-imported
with the same UIDs then updates its events instead of duplicating them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from clinic_timer.core.crews import Crew

INTRO_FORMAT = "crew-intro-session"
CLINIC_FORMAT = "crew-case-clinic"
LANDING_FORMAT = "crew-landing"
MAX_EXTENSION = 12
WEEK = timedelta(weeks=1)


class PlanError(ValueError):
    """A change the plan cannot take; the message says why."""


class MeetingStatus(enum.Enum):
    """Whether a meeting is still ahead or has been held."""

    PLANNED = "planned"
    HELD = "held"


class Ending(enum.Enum):
    """How a crew ended, as the organiser records it at the landing."""

    TIME_BOUNDED = "time-bounded"  # disbanded with a good feeling after the planned weeks
    CARRYING_ON = "carrying-on"  # humming on, with the facilitator role rotating


@dataclass(frozen=True)
class Meeting:
    """One week's meeting.

    Attributes:
        number: its place in the plan from 1; stable (a skipped week moves dates, not numbers).
        day: the date it is held on, in the crew's time zone.
        format_name: the clinic format it runs.
        bringer: who brings a case (a person id); None for the intro and the landing.
        facilitator: who runs it, when not the organiser (the weeks a crew carries on).
        status: planned or held.
        record_id: the kept clinic it was held as.
        absent: members who were not there.
        sequence: the calendar's revision number for this meeting.
    """

    number: int
    day: date
    format_name: str
    bringer: str | None = None
    facilitator: str | None = None
    status: MeetingStatus = MeetingStatus.PLANNED
    record_id: str | None = None
    absent: tuple[str, ...] = ()
    sequence: int = 0

    @property
    def held(self) -> bool:
        """Whether it has been held."""
        return self.status is MeetingStatus.HELD

    def changed(self, **changes: Any) -> Meeting:
        """A copy with ``changes`` and the next sequence number (for what a calendar shows)."""
        return replace(self, sequence=self.sequence + 1, **changes)


@dataclass(frozen=True)
class Plan:
    """Every meeting of a crew in date order, the holidays skipped, and how it ended."""

    meetings: tuple[Meeting, ...]
    holidays: tuple[date, ...] = ()
    ending: Ending | None = None

    def meeting(self, number: int) -> Meeting:
        """The meeting numbered ``number``.

        Raises:
            PlanError: there is none.
        """
        for meeting in self.meetings:
            if meeting.number == number:
                return meeting
        last = self.meetings[-1].number if self.meetings else 0
        raise PlanError(f"there is no week {number} (the plan has weeks 1 to {last})")

    def replaced(self, *meetings: Meeting) -> Plan:
        """A plan with these meetings in place of those with the same numbers, in date order."""
        by_number = {m.number: m for m in self.meetings} | {m.number: m for m in meetings}
        ordered = sorted(by_number.values(), key=lambda m: (m.day, m.number))
        return replace(self, meetings=tuple(ordered))


def bringing_order(crew: Crew) -> tuple[str, ...]:
    """The order cases go round: the members as given, the organiser last (guests bring first)."""
    return (*(m for m in crew.members if m != crew.organiser), crew.organiser)


def plan_for(crew: Crew) -> Plan:
    """The first plan of a new crew: intro, case clinics in rotation, landing, one week apart."""
    order = bringing_order(crew)
    meetings = [Meeting(1, crew.schedule.week_date(0), INTRO_FORMAT)]
    for index in range(1, crew.weeks - 1):
        bringer = order[(index - 1) % len(order)]
        meetings.append(Meeting(index + 1, crew.schedule.week_date(index), CLINIC_FORMAT, bringer=bringer))
    meetings.append(Meeting(crew.weeks, crew.schedule.week_date(crew.weeks - 1), LANDING_FORMAT))
    return Plan(tuple(meetings))


# -- who brings a case -----------------------------------------------------------


def turns(crew: Crew, plan: Plan) -> dict[str, int]:
    """How many weeks each member brings a case in the plan (held or planned), in bringing order."""
    counts = dict.fromkeys(bringing_order(crew), 0)
    for meeting in plan.meetings:
        if meeting.bringer in counts:
            counts[meeting.bringer] += 1
    return counts


def waiting(crew: Crew, plan: Plan) -> tuple[str, ...]:
    """Members who have not had their turn in this round: fewer cases planned than the most anyone has.

    With fewer clinic weeks than members these are the ones left out; with
    more, the ones still to bring a second time.
    """
    counts = turns(crew, plan)
    most = max(counts.values(), default=0)
    if most == 0:
        return tuple(counts)
    return tuple(member for member, count in counts.items() if count < most)


def swap(plan: Plan, first: int, second: int) -> Plan:
    """The bringers of two weeks trade places.

    Raises:
        PlanError: a week has no bringer, or has been held.
    """
    a, b = _open_case_week(plan, first), _open_case_week(plan, second)
    if a.number == b.number:
        raise PlanError("give two different weeks to swap")
    return plan.replaced(a.changed(bringer=b.bringer), b.changed(bringer=a.bringer))


def volunteer(crew: Crew, plan: Plan, number: int, person: str) -> Plan:
    """Gives a week's case to a volunteer; whoever had it takes the volunteer's later week, if any.

    Raises:
        PlanError: the volunteer is not a member, or the week takes no case or has been held.
    """
    if person not in crew.members:
        raise PlanError("only a member of the crew can bring a case")
    week = _open_case_week(plan, number)
    if week.bringer == person:
        return plan
    theirs = [
        m
        for m in plan.meetings
        if m.bringer == person and not m.held and m.number != number and m.day > week.day
    ]
    if theirs:
        return plan.replaced(week.changed(bringer=person), theirs[0].changed(bringer=week.bringer))
    return plan.replaced(week.changed(bringer=person))


def _open_case_week(plan: Plan, number: int) -> Meeting:
    meeting = plan.meeting(number)
    if meeting.bringer is None:
        raise PlanError(f"week {number} is not a case clinic; nobody brings a case to it")
    if meeting.held:
        raise PlanError(f"week {number} has been held; it can no longer change")
    return meeting


# -- when --------------------------------------------------------------------------


def skip(plan: Plan, number: int) -> Plan:
    """A holiday: week ``number`` and every planned meeting after it move on by a week.

    Raises:
        PlanError: the week has been held.
    """
    meeting = plan.meeting(number)
    if meeting.held:
        raise PlanError(f"week {number} has been held; it cannot be skipped")
    after = [m.number for m in plan.meetings if m.held and m.day > meeting.day]
    if after:  # it stays where it is, and the week moving on would land on it
        raise PlanError(
            f"week {number} cannot be skipped: week {after[0]}, after it, has been held (move it instead)"
        )
    moved = [m.changed(day=m.day + WEEK) for m in plan.meetings if m.day >= meeting.day and not m.held]
    holidays = tuple(sorted({*plan.holidays, meeting.day}))
    return replace(plan.replaced(*moved), holidays=holidays)


def move(plan: Plan, number: int, day: date) -> Plan:
    """One meeting to another date; the others stay where they are.

    Raises:
        PlanError: it has been held, or another meeting is on that date.
    """
    meeting = plan.meeting(number)
    if meeting.held:
        raise PlanError(f"week {number} has been held; it cannot move")
    clash = [m.number for m in plan.meetings if m.day == day and m.number != number]
    if clash:
        raise PlanError(f"week {clash[0]} already meets on {day.isoformat()}")
    if day == meeting.day:
        return plan
    return plan.replaced(meeting.changed(day=day))


def change_format(plan: Plan, number: int, format_name: str) -> Plan:
    """Runs week ``number`` with another format (any format, checked by the caller against the catalogue).

    Raises:
        PlanError: it has been held.
    """
    meeting = plan.meeting(number)
    if meeting.held:
        raise PlanError(f"week {number} has been held; its format cannot change")
    if meeting.format_name == format_name:
        return plan
    return plan.replaced(meeting.changed(format_name=format_name))


def revise_all(plan: Plan) -> Plan:
    """Every meeting's sequence goes up: the crew's name, time, zone or link changed, so every event did."""
    return plan.replaced(*(m.changed() for m in plan.meetings))


# -- what happened -----------------------------------------------------------------


def hold(crew: Crew, plan: Plan, number: int, *, record_id: str | None, absent: tuple[str, ...]) -> Plan:
    """Week ``number`` was held: it links to its kept clinic and keeps who was away.

    Raises:
        PlanError: someone named absent is not a member.
    """
    strangers = [a for a in absent if a not in crew.members]
    if strangers:
        raise PlanError("only members of the crew can be away from it")
    meeting = plan.meeting(number)
    away = tuple(m for m in crew.members if m in set(absent))
    return plan.replaced(replace(meeting, status=MeetingStatus.HELD, record_id=record_id, absent=away))


def next_meeting(plan: Plan, today: date) -> Meeting | None:
    """The first meeting not yet held that is on ``today`` or after it."""
    return next((m for m in plan.meetings if not m.held and m.day >= today), None)


def roster_for(crew: Crew, meeting: Meeting) -> tuple[str, tuple[str, ...]]:
    """Who is who at a meeting: the bringer (or the organiser, as host) and the coaches in speaking order.

    The coaches' order turns by one each week, so the same person does not always reflect first.
    """
    host = meeting.bringer or crew.organiser
    coaches = [m for m in crew.members if m != host]
    shift = (meeting.number - 1) % len(coaches)
    return host, tuple(coaches[shift:] + coaches[:shift])


def end(crew: Crew, plan: Plan, ending: Ending, extra_weeks: int = 0) -> Plan:
    """Records how the crew ended; carrying on adds weeks of case clinics with a rotating facilitator.

    The facilitator role goes round the members (the organiser last), and the
    cases keep their rotation: whoever has brought the fewest brings next.

    Raises:
        PlanError: carrying on without 1 to 12 more weeks, or a time-bounded ending with some.
    """
    if ending is Ending.TIME_BOUNDED:
        if extra_weeks:
            raise PlanError("a time-bounded ending adds no weeks")
        return replace(plan, ending=ending)
    if not 1 <= extra_weeks <= MAX_EXTENSION:
        raise PlanError(f"carrying on adds 1 to {MAX_EXTENSION} weeks ({extra_weeks} given)")
    order = bringing_order(crew)
    counts = turns(crew, plan)
    led = sum(1 for m in plan.meetings if m.facilitator is not None)
    last_day, last_number = max(m.day for m in plan.meetings), max(m.number for m in plan.meetings)
    added = []
    for index in range(extra_weeks):
        facilitator = order[(led + index) % len(order)]
        fewest = min(counts.values())
        due = [m for m in order if counts[m] == fewest]
        bringer = next((m for m in due if m != facilitator), due[0])
        counts[bringer] += 1
        added.append(
            Meeting(
                last_number + index + 1,
                last_day + WEEK * (index + 1),
                CLINIC_FORMAT,
                bringer=bringer,
                facilitator=facilitator,
            )
        )
    return replace(plan, meetings=(*plan.meetings, *added), ending=ending)
