"""How a crew is doing: who came each week, and the early signs of the "slow death".

The post's first crews did not end; they thinned out, one person at a time,
until the organiser stopped organising. The signs come early and are easy to
miss: a member away twice in a row, or a week with two or more away. This
module reads them from the meetings held so far; it never decides anything.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clinic_timer.core.crews import Crew
    from clinic_timer.core.plan import Plan

MANY_AWAY = 2  # this many away in one week is a sign


class SignKind(enum.Enum):
    """Which early sign of the slow death a week shows."""

    AWAY_TWICE = "away-twice"  # one member absent from two held meetings in a row
    MANY_AWAY = "many-away"  # two or more away from one meeting


@dataclass(frozen=True)
class Sign:
    """One early sign: at which week, of what kind, and (for an absence in a row) whose."""

    kind: SignKind
    week: int
    person: str | None = None


@dataclass(frozen=True)
class Attendance:
    """Who was there at one held meeting."""

    week: int
    present: tuple[str, ...]
    absent: tuple[str, ...]


def attendance(crew: Crew, plan: Plan) -> list[Attendance]:
    """Each held meeting's attendance, in date order."""
    rows = []
    for meeting in plan.meetings:
        if meeting.held:
            present = tuple(m for m in crew.members if m not in meeting.absent)
            rows.append(Attendance(meeting.number, present, meeting.absent))
    return rows


def signs(crew: Crew, plan: Plan) -> list[Sign]:
    """The early signs in the meetings held so far, in date order."""
    found: list[Sign] = []
    previous: set[str] = set()
    for row in attendance(crew, plan):
        if len(row.absent) >= MANY_AWAY:
            found.append(Sign(SignKind.MANY_AWAY, row.week))
        found += [Sign(SignKind.AWAY_TWICE, row.week, p) for p in row.absent if p in previous]
        previous = set(row.absent)
    return found
