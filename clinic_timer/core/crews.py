"""A crew: a few people meeting weekly, for a bounded number of weeks, around one shared interest.

The crew itself is who and when: its members (by person id, the organiser
among them), the weekly slot in an IANA time zone, the first date and the
number of weeks. What happens each week lives in the
:class:`~clinic_timer.core.plan.Plan`.
"""

from __future__ import annotations

import enum
import re
import secrets
import zoneinfo
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from clinic_timer.core import times
from clinic_timer.core.people import tag

MIN_MEMBERS = 3
MAX_MEMBERS = 6
MIN_WEEKS = 3
MAX_WEEKS = 12
DEFAULT_WEEKS = 6
_CREW_ID = re.compile(r"[0-9a-f]{8}")
_TIME = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")


class CrewError(ValueError):
    """A crew that cannot be formed or changed as asked; the message says what to change."""


class Weekday(enum.IntEnum):
    """A day of the week, numbered as :meth:`datetime.date.weekday` numbers them."""

    MON = 0
    TUE = 1
    WED = 2
    THU = 3
    FRI = 4
    SAT = 5
    SUN = 6

    @classmethod
    def parse(cls, text: str) -> Weekday:
        """``tue``, ``Tuesday`` or ``TUE`` is Tuesday.

        Raises:
            CrewError: no weekday starts that way.
        """
        word = text.strip().lower()
        for day in cls:
            if len(word) >= 3 and day.long.lower().startswith(word):
                return day
        raise CrewError(f"{text!r} is not a weekday (mon, tue, wed, thu, fri, sat or sun)")

    @property
    def long(self) -> str:
        """The day's English name ("Tuesday")."""
        return ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][self.value]


def parse_time(text: str) -> time:
    """``19:00`` as a time of day.

    Raises:
        CrewError: not a 24-hour ``HH:MM``.
    """
    match = _TIME.fullmatch(text.strip())
    if not match:
        raise CrewError(f"{text!r} is not a time of day (write it as HH:MM, for example 19:00)")
    return time(int(match[1]), int(match[2]))


def parse_date(text: str) -> date:
    """``2026-10-13`` as a date.

    Raises:
        CrewError: not a real date in ``YYYY-MM-DD``.
    """
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CrewError(f"{text!r} is not a date (write it as YYYY-MM-DD, for example 2026-10-13)") from None


def time_zone(name: str) -> zoneinfo.ZoneInfo:
    """The IANA time zone called ``name``.

    Raises:
        CrewError: there is no such zone.
    """
    try:
        return zoneinfo.ZoneInfo(name.strip())
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise CrewError(f"{name!r} is not a time zone name (for example Europe/London)") from None


@dataclass(frozen=True)
class Schedule:
    """When a crew meets: a weekday at a local time in a time zone, from a first date on.

    The time is local, not UTC, so a 19:00 crew meets at 19:00 on both sides
    of a daylight-saving change.
    """

    weekday: Weekday
    at: time
    zone: str
    first: date

    def __post_init__(self) -> None:
        time_zone(self.zone)  # refused here, once, rather than at the first meeting
        if self.first.weekday() != self.weekday:
            raise CrewError(
                f"the first date, {times.weekday_date(self.first)}, is not a {self.weekday.long} as the crew's weekday is"
            )

    def start_on(self, day: date) -> datetime:
        """The meeting's start on ``day``, aware, in the crew's zone."""
        return datetime.combine(day, self.at, tzinfo=time_zone(self.zone))

    def week_date(self, index: int) -> date:
        """The date of the ``index``-th weekly slot (0 is the first date)."""
        return self.first + timedelta(weeks=index)


def new_crew_id() -> str:
    """A fresh random crew id: eight hex digits (it is part of every calendar UID)."""
    return secrets.token_hex(4)


@dataclass(frozen=True)
class Crew:
    """Who meets, and when.

    Attributes:
        id: stable for life; calendar UIDs are built from it.
        name: how the organiser and the crew call it ("Civics").
        interest: the shared interest, as a tag.
        organiser: the person id of the organiser, who is one of the members.
        members: person ids in the order they were given, the organiser included.
        schedule: the weekly slot.
        weeks: planned weeks, intro and landing included.
        call_link: where the video call is (text, shown as is).
        chat_link: the crew's group chat.
    """

    id: str
    name: str
    interest: str
    organiser: str
    members: tuple[str, ...]
    schedule: Schedule
    weeks: int = DEFAULT_WEEKS
    call_link: str = ""
    chat_link: str = ""

    def __post_init__(self) -> None:
        if not _CREW_ID.fullmatch(self.id):
            raise CrewError(f"{self.id!r} is not a crew id")
        name = " ".join(self.name.split())
        if not name:
            raise CrewError("a crew needs a name")
        object.__setattr__(self, "name", name)
        interest = tag(self.interest)
        if not interest:
            raise CrewError("a crew needs a shared interest")
        object.__setattr__(self, "interest", interest)
        if len(set(self.members)) != len(self.members):
            raise CrewError("someone is in the crew twice")
        if not MIN_MEMBERS <= len(self.members) <= MAX_MEMBERS:
            raise CrewError(
                f"a crew has {MIN_MEMBERS} to {MAX_MEMBERS} members, the organiser included "
                f"({len(self.members)} given)"
            )
        if self.organiser not in self.members:
            raise CrewError("the organiser must be one of the members")
        if not MIN_WEEKS <= self.weeks <= MAX_WEEKS:
            raise CrewError(f"a crew meets for {MIN_WEEKS} to {MAX_WEEKS} weeks ({self.weeks} given)")
        object.__setattr__(self, "call_link", self.call_link.strip())
        object.__setattr__(self, "chat_link", self.chat_link.strip())

    @property
    def title(self) -> str:
        """The name as a heading: "Civics crew" (a name that already says crew is left as it is)."""
        return self.name if "crew" in self.name.casefold() else f"{self.name} crew"

    def with_changes(self, **changes: Any) -> Crew:
        """A copy with some attributes changed; the id stays."""
        return replace(self, **changes)
