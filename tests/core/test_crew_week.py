"""This week's clinic of a crew: the offer's title and roster, what counts as coming up, holding by name."""

from __future__ import annotations

from datetime import date, time, timedelta

from clinic_timer.core.crew_week import COMING_UP, held, offers, week_clinic
from clinic_timer.core.crews import Crew, Schedule, Weekday
from clinic_timer.core.plan import hold, plan_for

FIRST = date(2026, 10, 13)
NAMES = {"a0000001": "Ada", "b0000002": "Ben", "c0000003": "Cy", "d0000004": "Dee"}


def civics(first: date = FIRST, crew_id: str = "c1c1c1c1", name: str = "Civics") -> Crew:
    """Ada, Ben, Cy and Dee (the organiser), Tuesdays at 19:00 in London."""
    return Crew(
        id=crew_id,
        name=name,
        interest="civics",
        organiser="d0000004",
        members=tuple(NAMES),
        schedule=Schedule(Weekday(first.weekday()), time(19), "Europe/London", first),
    )


def test_a_case_week_names_its_bringer_and_turns_the_coaches_order() -> None:
    """Week 3: Ben brings; the others coach in week 3's turned order; the rotation is the week's."""
    crew = civics()
    week = week_clinic(crew, plan_for(crew).meeting(3), NAMES)
    assert week.title == "Civics crew, week 3: Ben brings a case"
    assert (week.host_name, week.coach_names) == ("Ben", ("Dee", "Ada", "Cy"))
    assert week.rotation == 2
    assert not week.landing
    week2 = week_clinic(crew, plan_for(crew).meeting(2), NAMES)
    assert week2.coach_names == ("Cy", "Dee", "Ben")  # each week a different coach reflects first


def test_the_intro_and_landing_are_hosted_by_the_organiser() -> None:
    """Nobody brings a case to the landing: the organiser hosts, and it is marked a landing."""
    crew = civics()
    landing = week_clinic(crew, plan_for(crew).meeting(6), NAMES)
    assert landing.host_name == "Dee"
    assert landing.landing
    assert landing.title == "Civics crew, week 6: landing"


def test_offers_are_the_next_meeting_of_each_crew_today_or_coming_up_soonest_first() -> None:
    """A meeting today and one in ten days are offered; one beyond two weeks and a held one are not."""
    today = FIRST + timedelta(weeks=1)
    soon = civics(first=today + timedelta(days=10), crew_id="5a5a5a5a", name="Wellbeing")
    later = civics(first=today + COMING_UP + timedelta(days=1), crew_id="7a7a7a7a", name="Chess")
    crew = civics()
    plan = hold(crew, plan_for(crew), 1, record_id=None, absent=())
    offered = offers(
        [(later, plan_for(later)), (soon, plan_for(soon)), (crew, plan)],
        today,
        NAMES,
    )
    assert [w.title for w in offered] == [
        "Civics crew, week 2: Ada brings a case",
        "Wellbeing crew, week 1: intro session",
    ]


def test_the_clinics_absences_become_the_weeks() -> None:
    """Cy unticked in the clinic is Cy away from week 2; a guest who was not a member is left out."""
    crew = civics()
    plan = plan_for(crew)
    week = week_clinic(crew, plan.meeting(2), NAMES)
    assert week.members == ("a0000001", "c0000003", "d0000004", "b0000002")
    after = held(crew, plan, week, record_id="r1", absent=["c0000003", "e0000005"])
    assert after.meeting(2).held
    assert after.meeting(2).absent == ("c0000003",)
    assert after.meeting(2).record_id == "r1"
