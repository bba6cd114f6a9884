"""The crew's calendar: parsed back with icalendar, every start at 19:00 London time across the clock change."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Event

from clinic_timer import paths
from clinic_timer.core.catalogue import load_catalogue
from clinic_timer.core.plan import move, plan_for, skip, swap
from clinic_timer.export import ExportError
from clinic_timer.export.calendar import to_ics, write_ics
from tests.core.crew_fixture import NAMES, PEOPLE, civics_crew

if TYPE_CHECKING:
    from pathlib import Path


LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 10, 1, 12, 0, tzinfo=UTC)
FORMATS = load_catalogue(paths.shipped("sessions"), None).formats


def events(data: bytes) -> list[Event]:
    """The VEVENTs of an .ics file, parsed back with icalendar."""
    return [e for e in Calendar.from_ical(data).walk("VEVENT") if isinstance(e, Event)]


def test_every_start_is_19_00_in_london_across_the_end_of_summer_time() -> None:
    """Tuesdays from 13 Oct 2026: 19:00 BST (18:00 UTC) until the 20th, 19:00 GMT (19:00 UTC) from 27 Oct."""
    crew = civics_crew(call_link="https://meet.example/civics")
    parsed = events(to_ics(crew, plan_for(crew), NAMES, FORMATS, now=NOW))
    starts = [e.decoded("dtstart") for e in parsed]
    assert [s.astimezone(LONDON).replace(tzinfo=None) for s in starts] == [
        datetime(2026, 10, 13, 19, 0) + timedelta(weeks=i) for i in range(6)
    ]
    utc_hours = [s.astimezone(UTC).hour for s in starts]
    assert utc_hours == [18, 18, 19, 19, 19, 19]  # the clocks go back on Sunday 25 October
    assert all(e["dtstart"].params["TZID"] == "Europe/London" for e in parsed)


def test_the_zone_travels_with_the_file() -> None:
    """The file carries a VTIMEZONE for Europe/London with both its summer and winter rules."""
    crew = civics_crew()
    calendar = Calendar.from_ical(to_ics(crew, plan_for(crew), NAMES, FORMATS, now=NOW))
    zones = list(calendar.walk("VTIMEZONE"))
    assert [z["tzid"] for z in zones] == ["Europe/London"]
    assert {c.name for c in zones[0].subcomponents} == {"STANDARD", "DAYLIGHT"}


def test_each_event_says_what_it_is_how_long_and_where() -> None:
    """Summary names the crew and bringer; the format's length, the call link as location and URL, the phases."""
    crew = civics_crew(call_link="https://meet.example/civics", chat_link="https://chat.example/c")
    parsed = events(to_ics(crew, plan_for(crew), NAMES, FORMATS, now=NOW))
    assert str(parsed[1]["summary"]) == "Civics crew: case clinic (Ben brings a case)"
    assert str(parsed[0]["summary"]) == "Civics crew: intro session"
    clinic = FORMATS["crew-case-clinic"]
    assert parsed[1].decoded("dtend") - parsed[1].decoded("dtstart") == timedelta(
        minutes=round(clinic.planned_seconds(3) / 60)
    )
    assert str(parsed[1]["location"]) == "https://meet.example/civics"
    assert str(parsed[1]["url"]) == "https://meet.example/civics"
    assert "- Reflections (15 min)" in str(parsed[1]["description"])
    assert "https://chat.example/c" in str(parsed[1]["description"])


def test_uids_are_stable_and_sequence_goes_up_on_change() -> None:
    """Same crew, same UIDs; a swap, a skip and a move raise the SEQUENCE of exactly the meetings changed."""
    crew = civics_crew()
    plan = plan_for(crew)
    before = events(to_ics(crew, plan, NAMES, FORMATS, now=NOW))
    changed = move(skip(swap(plan, 2, 3), 5), 1, date(2026, 10, 12))
    after = events(to_ics(crew, changed, NAMES, FORMATS, now=NOW))
    assert [str(e["uid"]) for e in before] == [f"c0ffee00-week-{n}@clinic-timer.crews" for n in range(1, 7)]
    assert sorted(str(e["uid"]) for e in after) == sorted(str(e["uid"]) for e in before)
    sequences = {str(e["uid"]).split("@")[0]: e.decoded("sequence") for e in after}
    assert sequences == {
        "c0ffee00-week-1": 1,
        "c0ffee00-week-2": 1,
        "c0ffee00-week-3": 1,
        "c0ffee00-week-4": 0,
        "c0ffee00-week-5": 1,
        "c0ffee00-week-6": 1,
    }
    assert {e.decoded("sequence") for e in before} == {0}


def test_nothing_private_goes_in() -> None:
    """No note, where-found or ease flag of anyone reaches the file."""
    crew = civics_crew()
    text = to_ics(crew, plan_for(crew), NAMES, FORMATS, now=NOW).decode()
    for person in PEOPLE:
        assert person.notes == "" or person.notes not in text
        assert person.met == "" or person.met not in text
    assert "ease" not in text.lower()


def test_an_unwritable_path_is_an_export_error(tmp_path: Path) -> None:
    """Writing into a missing folder is an ExportError naming the file; a good path gets the file."""
    crew = civics_crew()
    with pytest.raises(ExportError, match="missing"):
        write_ics(crew, plan_for(crew), NAMES, FORMATS, tmp_path / "missing" / "c.ics", now=NOW)
    write_ics(crew, plan_for(crew), NAMES, FORMATS, tmp_path / "c.ics", now=NOW)
    assert len(events((tmp_path / "c.ics").read_bytes())) == 6
