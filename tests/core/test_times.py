"""Every way a time is written: countdowns, moments, lengths, minutes, how far in, and dates."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest

from clinic_timer.core import times


@pytest.mark.parametrize(
    ("seconds", "reading"),
    [
        (754, "12:34"),
        (5, "0:05"),
        (4.2, "0:05"),
        (60, "1:00"),
        (60.0000000001, "1:00"),
        (0.0, "0:00"),
        (-0.4, "0:00"),
        (-1, "+0:01"),
        (-83, "+1:23"),
        (-83.9, "+1:23"),
        (3723, "1:02:03"),
        (-3723, "+1:02:03"),
    ],
)
def test_countdown_rounds_time_left_up_and_overtime_down(seconds: float, reading: str) -> None:
    """Time left rounds up, overtime rounds down and carries a plus sign."""
    assert times.countdown(seconds) == reading


@pytest.mark.parametrize(("seconds", "text"), [(0, "0:00"), (65.9, "1:05"), (3723, "1:02:03"), (-4, "0:00")])
def test_a_moment_reads_like_a_clock(seconds: float, text: str) -> None:
    """A note's time shows as m:ss, or h:mm:ss past an hour, counting like a clock (never negative)."""
    assert times.moment(seconds) == text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "00:00"), (310, "05:10"), (309.6, "05:10"), (3723, "1:02:03"), (-60, "-01:00"), (-0.2, "00:00")],
)
def test_a_length_has_two_digit_minutes_to_the_nearest_second(seconds: float, text: str) -> None:
    """Lengths line up in a table: mm:ss to the nearest second, h:mm:ss from an hour, signed when negative."""
    assert times.length(seconds) == text


@pytest.mark.parametrize(("seconds", "text"), [(0, "0 min"), (5490, "92 min"), (89, "1 min"), (29, "0 min")])
def test_minutes_round_to_the_nearest(seconds: float, text: str) -> None:
    """Summaries say whole minutes, rounded."""
    assert times.minutes(seconds) == text


@pytest.mark.parametrize(("seconds", "text"), [(1200, "20 min"), (450, "7.5 min"), (0, "0 min")])
def test_planned_minutes_are_as_exact_as_the_format(seconds: float, text: str) -> None:
    """A plan keeps its half minutes: a 7.5-minute turn is not shown as 8."""
    assert times.planned_minutes(seconds) == text
    assert times.minutes_figure(seconds) == text.removesuffix(" min")


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (-2, "0 s into the clinic"),
        (3.9, "3 s into the clinic"),
        (59, "59 s into the clinic"),
        (26 * 60 + 40, "26 min into the clinic"),
        (3600, "1 h into the clinic"),
        (3600 + 5 * 60, "1 h 5 min into the clinic"),
    ],
)
def test_into_the_clinic_never_reads_like_a_time_of_day(seconds: float, words: str) -> None:
    """How far in is said in s, min and h, never as 0:03."""
    assert times.into_the_clinic(seconds) == words


def test_dates_as_people_read_them() -> None:
    """A report's date, a question's start, a file's day, a message's day and a time of day."""
    at = datetime(2026, 3, 3, 19, 5, tzinfo=UTC)
    assert times.long_date(at) == "Tuesday 3 March 2026, 19:05"
    assert times.started_text(at) == "Tue 03 Mar 2026, 19:05"
    assert times.short_date(at) == "03 Mar 2026"
    assert times.day_text(date(2026, 10, 13)) == "Tuesday 13 October"
    assert times.weekday_date(date(2026, 3, 3)) == "Tue 03 Mar 2026"
    assert times.weekday_day(date(2026, 3, 3)) == "Tue 03 Mar"
    assert times.dated_weekday(date(2026, 3, 3)) == "Tue 2026-03-03"
    assert times.time_of_day(time(7, 30)) == "07:30"
    assert times.time_of_day(at) == "19:05"


def test_local_minute_follows_this_computers_clock_and_survives_bad_text() -> None:
    """An ISO time shows on the local clock to the minute; text that is no time is cut, not refused."""
    at = datetime(2026, 3, 3, 19, 5, tzinfo=UTC)
    assert times.local_minute(at.isoformat()) == at.astimezone().strftime("%Y-%m-%d %H:%M")
    assert times.local_minute("2026-03-03Tgarbage!!") == "2026-03-03 garba"


def test_no_other_module_writes_a_time_for_people() -> None:
    """Clock readings and times of day are written only in core/times.py, so no two windows disagree."""
    import clinic_timer

    root = Path(clinic_timer.__file__).parent
    writers = re.compile(r"%H:%M|:%[aAbBdY]|:02d?\}:\{|divmod\([^)]*, 3600\)|/ 60:g\}|:g\} min")
    found = [
        f"{path.relative_to(root)}:{number}"
        for path in sorted(root.rglob("*.py"))
        if path.name != "times.py" and path.parent.name != "store"  # the store writes for machines
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if writers.search(line)
    ]
    assert found == []
