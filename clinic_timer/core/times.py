"""Every way the app writes a time, in one place.

A clinic shows times in several senses, and each sense has its own
rounding, which is why they are not one function:

- a *countdown* (:func:`countdown`) rounds time left up and overtime down,
  so ``0:00`` appears only once time is up;
- a *moment* in the clinic (:func:`moment`), a note's or an adjustment's,
  counts like a clock: 65.9 s is still ``1:05``;
- a *length* (:func:`length`), a planned or actual slot, rounds to the
  nearest second and always has two-digit minutes (``05:10``), so a table
  of them lines up;
- *minutes* (:func:`minutes`) for summaries, where seconds would be noise,
  and a plan's exact minutes (:func:`planned_minutes`, "7.5 min");
- *how far in* (:func:`into_the_clinic`), in units nobody can take for a
  time of day;
- and the dates and times of day a person reads (:func:`long_date`,
  :func:`local_minute`, :func:`short_date`, :func:`day_text`,
  :func:`time_of_day`).

Machine-readable times (ISO 8601 in files, ``.ics`` stamps) are not written
here: they are the formats' business, not a reader's.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from datetime import time as day_time

_EPSILON = 1e-9  # float noise around a whole second must not tip a reading


def _clock(whole: int, sign: str = "", pad_minutes: bool = False) -> str:
    hours, rest = divmod(whole, 3600)
    mins, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{mins:02d}:{secs:02d}"
    return f"{sign}{mins:02d}:{secs:02d}" if pad_minutes else f"{sign}{mins}:{secs:02d}"


def countdown(seconds: float) -> str:
    """A countdown reading: ``"12:34"``, ``"0:05"``, ``"1:02:03"``, or ``"+1:23"`` in overtime.

    Time left rounds up, so the clock shows ``0:00`` only once time is up and
    a full minute shows as ``1:00`` for its whole first second. Overtime
    rounds down, so ``+0:01`` appears one whole second after the end.

    Args:
        seconds: ``SessionView.remaining_s``; negative in overtime.
    """
    if seconds > 0:
        return _clock(math.ceil(seconds - _EPSILON))
    whole = math.floor(-seconds + _EPSILON)
    return _clock(whole, "+" if whole > 0 else "")


def moment(seconds: float) -> str:
    """When in the clinic something happened (a note, a control pressed): ``12:34``, ``1:02:03``.

    A moment counts like a clock, so 65.9 s is still ``1:05``; before the
    start (a negative offset) reads ``0:00``.
    """
    return _clock(max(0, int(seconds)))


def length(seconds: float) -> str:
    """A length of time as ``mm:ss``, or ``h:mm:ss`` from an hour on, to the nearest second.

    A negative length (time taken off) keeps its sign: ``-01:00``.
    """
    total = round(abs(seconds))
    return _clock(total, "-" if seconds < 0 and total else "", pad_minutes=True)


def minutes(seconds: float) -> str:
    """Seconds as whole minutes, for summaries: ``"92 min"``."""
    return f"{round(seconds / 60)} min"


def planned_minutes(seconds: float) -> str:
    """A plan's length in minutes, as exact as the format gave it: ``"20 min"``, ``"7.5 min"``."""
    return f"{minutes_figure(seconds)} min"


def minutes_figure(seconds: float) -> str:
    """A plan's minutes as a bare figure, for a table's minutes column: ``"20"``, ``"7.5"``."""
    return f"{seconds / 60:g}"


def into_the_clinic(seconds: float) -> str:
    """How far into the clinic, in units nobody can take for a time of day: "3 s", "26 min", "1 h 5 min"."""
    whole = max(0, int(seconds))
    if whole < 60:
        return f"{whole} s into the clinic"
    hours, mins = divmod(whole // 60, 60)
    if not hours:
        return f"{mins} min into the clinic"
    return f"{hours} h {mins} min into the clinic" if mins else f"{hours} h into the clinic"


def long_date(moment_at: datetime) -> str:
    """A date and time as a reader writes it, for a report: "Tuesday 3 March 2026, 19:05"."""
    return f"{moment_at:%A} {moment_at.day} {moment_at:%B %Y, %H:%M}"


def started_text(moment_at: datetime) -> str:
    """A start, short enough for a question: "Tue 03 Mar 2026, 19:05"."""
    return f"{moment_at:%a %d %b %Y, %H:%M}"


def local_minute(iso_text: str) -> str:
    """``2026-03-03 19:00`` from an ISO time, on this computer's clock; unreadable text cut to its minute."""
    try:
        return datetime.fromisoformat(iso_text).astimezone().strftime("%Y-%m-%d %H:%M")
    except (ValueError, OverflowError):  # a year at the calendar's edge cannot move to this computer's zone
        return iso_text[:16].replace("T", " ")


def short_date(moment_at: datetime | date) -> str:
    """A day in a file name or a title: "03 Mar 2026"."""
    return f"{moment_at:%d %b %Y}"


def weekday_date(day: date) -> str:
    """A day with its weekday, for a check a person makes: "Tue 03 Mar 2026"."""
    return f"{day:%a %d %b %Y}"


def weekday_day(day: date) -> str:
    """A day this year, short, for a list of crews: "Tue 03 Mar"."""
    return f"{day:%a %d %b}"


def dated_weekday(day: date) -> str:
    """A plan's row: the weekday, then the day as the machine sorts it: "Tue 2026-03-03"."""
    return f"{day:%a} {day.isoformat()}"


def day_text(day: date) -> str:
    """A date as a message says it: "Tuesday 13 October"."""
    return f"{day:%A} {day.day} {day:%B}"


def time_of_day(at: datetime | day_time) -> str:
    """A time of day on a 24-hour clock: "19:05"."""
    return f"{at:%H:%M}"
