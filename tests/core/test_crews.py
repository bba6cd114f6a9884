"""A crew: its members, its weekly slot in a time zone, its weeks, each checked when it is made."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from clinic_timer.core.crews import CrewError, Schedule, Weekday, parse_date, parse_time, time_zone
from tests.core.crew_fixture import BEN, KIM, OLU, START, civics_crew


def test_a_crew_is_made_with_its_title_and_interest_tag() -> None:
    """The interest becomes a tag and the title says crew once."""
    crew = civics_crew()
    assert crew.title == "Civics crew"
    assert crew.with_changes(name="Civics Crew").title == "Civics Crew"
    assert crew.with_changes(interest=" CIVICS ").interest == "civics"


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"members": (OLU.id, BEN.id)}, "3 to 6 members"),
        ({"members": (BEN.id, KIM.id, "00000009")}, "organiser must be one of the members"),
        ({"members": (OLU.id, BEN.id, BEN.id)}, "twice"),
        ({"weeks": 2}, "3 to 12 weeks"),
        ({"weeks": 13}, "3 to 12 weeks"),
        ({"name": "  "}, "needs a name"),
        ({"interest": ""}, "shared interest"),
    ],
)
def test_a_crew_that_cannot_be_is_refused(change: dict[str, object], problem: str) -> None:
    """Too few or many members, an organiser outside it, a repeat or a bad length is a CrewError."""
    with pytest.raises(CrewError, match=problem):
        civics_crew().with_changes(**change)


def test_the_schedule_keeps_local_time_across_the_clock_change() -> None:
    """19:00 in London is 18:00 UTC before 25 October 2026 and 19:00 UTC after."""
    schedule = civics_crew().schedule
    before, after = schedule.start_on(START), schedule.start_on(START + timedelta(weeks=2))
    assert before.utcoffset() == timedelta(hours=1)
    assert after.utcoffset() == timedelta(0)
    assert (before.hour, after.hour) == (19, 19)


def test_the_first_date_must_fall_on_the_weekday() -> None:
    """A Tuesday crew cannot start on a Wednesday."""
    with pytest.raises(CrewError, match="is not a Tuesday"):
        Schedule(Weekday.TUE, time(19), "Europe/London", date(2026, 10, 14))


@pytest.mark.parametrize(
    ("text", "day"), [("tue", Weekday.TUE), ("Tuesday", Weekday.TUE), ("SUN", Weekday.SUN)]
)
def test_weekdays_are_read_as_people_write_them(text: str, day: Weekday) -> None:
    """Weekday.parse takes three letters or the whole name, in any case."""
    assert Weekday.parse(text) is day


def test_bad_words_for_when_are_refused_with_an_example() -> None:
    """A bad weekday, time, date or zone is a CrewError that shows the right form."""
    with pytest.raises(CrewError, match="not a weekday"):
        Weekday.parse("tu")
    with pytest.raises(CrewError, match="HH:MM"):
        parse_time("7pm")
    with pytest.raises(CrewError, match="YYYY-MM-DD"):
        parse_date("2026-02-30")
    with pytest.raises(CrewError, match="not a time zone"):
        time_zone("Europe/Londn")
    with pytest.raises(CrewError, match="not a time zone"):
        time_zone("../etc/passwd")
    assert parse_time("7:05") == time(7, 5)
    assert datetime(2026, 1, 1, tzinfo=time_zone("Europe/London")).utcoffset() == timedelta(0)
