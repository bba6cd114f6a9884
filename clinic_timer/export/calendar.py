"""A crew's plan as an iCalendar file: one event per meeting, in the crew's own time zone.

Each event starts at the crew's local time with a TZID and the zone's
VTIMEZONE, so a 19:00 crew stays at 19:00 on both sides of a daylight-saving
change in any calendar. Its UID is the crew's id and the meeting's number, and
its SEQUENCE is the meeting's revision, so importing the file again updates
the events instead of adding copies. Nothing private goes in: no notes, no
"at ease" flags, no where-found; only the crew's name, who brings a case, the
format's phases and the links the crew already shares.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from icalendar import Calendar, Event, Timezone

from clinic_timer.core import times
from clinic_timer.core.crews import time_zone
from clinic_timer.core.invitations import describe
from clinic_timer.export.files import write_export

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from clinic_timer.core.crews import Crew
    from clinic_timer.core.formats import Format
    from clinic_timer.core.plan import Meeting, Plan

PRODID = "-//clinic-timer//crews//EN"
UID_DOMAIN = "clinic-timer.crews"
FALLBACK_MINUTES = 90  # a meeting whose format is no longer installed


def uid(crew: Crew, meeting: Meeting) -> str:
    """The event's stable UID: the same crew and week always give the same one."""
    return f"{crew.id}-week-{meeting.number}@{UID_DOMAIN}"


def to_calendar(
    crew: Crew,
    plan: Plan,
    names: Mapping[str, str],
    formats: Mapping[str, Format],
    *,
    now: datetime | None = None,
) -> Calendar:
    """The plan as an iCalendar object.

    Args:
        crew: who and when.
        plan: the meetings.
        names: person id to display name, for "Ben brings a case".
        formats: the catalogue's formats by name, for each meeting's length and phases.
        now: the DTSTAMP (when the file was made); by default the current UTC time.
    """
    zone = time_zone(crew.schedule.zone)
    stamp = (now or datetime.now(UTC)).astimezone(UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", crew.title)
    first = min(m.day for m in plan.meetings) - timedelta(days=366)
    last = max(m.day for m in plan.meetings) + timedelta(days=366)
    calendar.add_component(
        Timezone.from_tzinfo(zone, tzid=crew.schedule.zone, first_date=first, last_date=last)
    )
    coaches = len(crew.members) - 1
    for meeting in plan.meetings:
        fmt = formats.get(meeting.format_name)
        minutes = round(fmt.planned_seconds(coaches) / 60) if fmt else FALLBACK_MINUTES
        start = crew.schedule.start_on(meeting.day)
        event = Event()
        event.add("uid", uid(crew, meeting))
        event.add("dtstamp", stamp)
        event.add("sequence", meeting.sequence)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=minutes))  # wall-clock arithmetic, in the crew's zone
        event.add("summary", f"{crew.title}: {describe(meeting, names, fmt.title if fmt else None)}")
        event.add("description", _description(crew, fmt, coaches, minutes))
        if crew.call_link:
            event.add("location", crew.call_link)
            event.add("url", crew.call_link)
        calendar.add_component(event)
    return calendar


def to_ics(
    crew: Crew,
    plan: Plan,
    names: Mapping[str, str],
    formats: Mapping[str, Format],
    *,
    now: datetime | None = None,
) -> bytes:
    """The plan as the bytes of an ``.ics`` file."""
    return bytes(to_calendar(crew, plan, names, formats, now=now).to_ical())


def write_ics(
    crew: Crew,
    plan: Plan,
    names: Mapping[str, str],
    formats: Mapping[str, Format],
    path: Path,
    *,
    now: datetime | None = None,
) -> None:
    """Writes the ``.ics`` file atomically.

    Raises:
        ExportError: it cannot be written; nothing was changed.
    """
    write_export(path, to_ics(crew, plan, names, formats, now=now))


def _description(crew: Crew, fmt: Format | None, coaches: int, minutes: int) -> str:
    lines = [f"{fmt.title}, about {minutes} minutes." if fmt else f"About {minutes} minutes."]
    if fmt:
        lines += [f"- {p.name} ({times.minutes(p.planned_seconds(coaches))})" for p in fmt.phases]
    if crew.chat_link:
        lines += ["", f"The crew's chat: {crew.chat_link}"]
    return "\n".join(lines)
