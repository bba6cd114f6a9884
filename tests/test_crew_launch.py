"""``--crew NAME``: the next planned meeting's format and roster, the coaches' order turning each week."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest

from clinic_timer.app import LaunchError, plan_launch
from clinic_timer.core.crews import Schedule, Weekday
from clinic_timer.core.people import Person
from clinic_timer.core.plan import hold, plan_for
from clinic_timer.core.session import State
from clinic_timer.crew_launch import CrewLaunchError, next_clinic
from clinic_timer.store import Store, default_path
from clinic_timer.store.crews import CrewBook
from tests.core.crew_fixture import BEN, KIM, OLU, PEOPLE, SAM, START, civics_crew
from tests.test_app_cli import built, namespace

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from clinic_timer.core.catalogue import Catalogue


@pytest.fixture
def kept_crew() -> None:
    """The civics crew kept, its first week held."""
    crew = civics_crew()
    with Store.open(default_path()) as store:
        book = CrewBook(store)
        for person in PEOPLE:
            book.save_person(person)
        book.save_crew(crew, hold(crew, plan_for(crew), 1, record_id=None, absent=()))


def test_the_next_meeting_not_held_is_opened(kept_crew: None) -> None:
    """Before the crew starts, week 2 (week 1 was held): Ben brings, coaches rotated by one."""
    clinic = next_clinic("civics", today=date(2026, 10, 1))
    assert clinic.format_name == "crew-case-clinic"
    assert clinic.bringer == "Ben"
    assert clinic.coaches == ("Kim", "Sam", "Olu")
    assert clinic.title == "Civics crew, week 2: case clinic (Ben brings a case)"


def test_the_landing_is_hosted_by_the_organiser_and_the_first_coach_changes(kept_crew: None) -> None:
    """The landing is hosted by Olu, the organiser; the first to reflect changes from week to week."""
    week5 = next_clinic("Civics", today=date(2026, 11, 4))
    landing = next_clinic("Civics", today=date(2026, 11, 11))
    assert landing.format_name == "crew-landing"
    assert landing.bringer == "Olu"
    firsts = [next_clinic("Civics", today=START + timedelta(weeks=w)).coaches[0] for w in range(1, 6)]
    assert firsts == ["Kim", "Sam", "Olu", "Kim", "Sam"]  # weeks 2 to 6: never the same twice running
    assert week5.coaches[0] != landing.coaches[0]


def test_no_crew_or_no_meeting_ahead_is_an_error(kept_crew: None) -> None:
    """An unknown crew names the crews there are; a finished plan says so."""
    with pytest.raises(CrewLaunchError, match="crews: Civics"):
        next_clinic("Poetry")
    with pytest.raises(CrewLaunchError, match="no meeting planned from 2027-01-01"):
        next_clinic("Civics", today=date(2027, 1, 1))


def test_crew_with_a_roster_of_its_own_is_refused(kept_crew: None, qtbot: QtBot) -> None:
    """--crew fills in the roster, so --bringer beside it is a LaunchError."""
    from clinic_timer import paths
    from clinic_timer.core.catalogue import load_catalogue

    catalogue: Catalogue = load_catalogue(paths.shipped("sessions"), None)
    with pytest.raises(LaunchError, match="--crew fills in the format and roster"):
        plan_launch(namespace(crew="Civics", bringer="Ada"), catalogue)


def test_the_console_opens_with_the_crew_meeting_filled_in(qtbot: QtBot) -> None:
    """--crew for a crew starting next Tuesday prefills the intro format, Olu as host, the others as coaches."""
    today = datetime.now(ZoneInfo("Europe/London")).date()
    tuesday = today + timedelta(days=(1 - today.weekday()) % 7 or 7)
    crew = civics_crew().with_changes(schedule=Schedule(Weekday.TUE, time(19), "Europe/London", tuesday))
    with Store.open(default_path()) as store:
        book = CrewBook(store)
        for person in PEOPLE:
            book.save_person(person)
        book.save_crew(crew, plan_for(crew))
    parts = built(qtbot, namespace(crew="Civics"))
    panel = parts.console.setup_panel
    assert panel.format_name() == "crew-intro-session"
    assert panel.bringer.text() == "Olu"
    assert panel.coach_names() == ["Ben", "Kim", "Sam"]
    assert "Civics crew, week 1: intro session" in parts.console.windowTitle()
    assert panel.bringer_label.text() == "Host"
    clinic = parts.controller.clinic
    assert clinic is not None
    session = clinic.session
    assert session.roster.host == Person(OLU.id, "Olu")  # the crew's members themselves: the organiser hosts
    assert [c.id for c in session.roster.coaches] == [BEN.id, KIM.id, SAM.id]
    crews = parts.crews
    assert crews is not None
    qtbot.waitUntil(lambda: crews.offer is not None and crews.offer.choice.currentIndex() > 0)
    assert crews.offer is not None
    assert crews.offer.choice.currentText().startswith("Civics crew, week 1")  # chosen, not "set up by hand"


def test_crew_with_start_begins_the_meeting(qtbot: QtBot) -> None:
    """--crew Civics --start runs the intro at once, Olu the host."""
    today = datetime.now(ZoneInfo("Europe/London")).date()
    crew = civics_crew().with_changes(
        schedule=Schedule(Weekday.parse(f"{today:%a}"), time(19), "Europe/London", today)
    )
    with Store.open(default_path()) as store:
        book = CrewBook(store)
        for person in PEOPLE:
            book.save_person(person)
        book.save_crew(crew, plan_for(crew))
    parts = built(qtbot, namespace(crew="Civics", start=True))

    def running() -> bool:
        view = parts.controller.view()
        return view is not None and view.state is State.RUNNING

    qtbot.waitUntil(running)
    clinic = parts.controller.clinic
    assert clinic is not None
    assert (clinic.crew_id, clinic.week) == (crew.id, 1)  # the clinic belongs to its week from the start
