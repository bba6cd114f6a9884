"""The words to send: filled in from the crew, in our own words, with nothing private in them."""

from __future__ import annotations

from clinic_timer.core.invitations import crew_invitation, describe, one_to_one, reminder, thank_you
from clinic_timer.core.plan import hold, plan_for
from tests.core.crew_fixture import NAMES, SAM, civics_crew

PRIVATE_WORDS = ("private!", "a conference", "at ease", "know in real life")


def test_the_one_to_one_invitation_offers_a_call() -> None:
    """The 1-1 message greets by name, offers a call about the topic and is signed."""
    text = one_to_one("Ben", "civics", "Olu")
    assert text.startswith("Hi Ben,")
    assert "if you'd like to jump on a call sometime" in text.lower()
    assert "about civics" in text
    assert text.rstrip().endswith("Olu")


def test_the_crew_invitation_has_the_schedule_and_the_four_parts() -> None:
    """Every week's date and what it is, the weekly time and zone, the call, and four numbered parts."""
    crew = civics_crew(call_link="https://meet.example/civics")
    text = crew_invitation(crew, plan_for(crew), NAMES, minutes=90)
    assert text.startswith("Hi Ben, Kim and Sam,")
    assert "every Tuesday at 19:00 (Europe/London) for about 90 minutes, for 6 weeks" in text
    assert "- Tuesday 13 October: intro session" in text
    assert "- Tuesday 20 October: case clinic (Ben brings a case)" in text
    assert "- Tuesday 17 November: landing" in text
    assert all(f"\n{i}. " in text for i in range(1, 5))
    assert "https://meet.example/civics" in text
    assert not any(word in text for word in PRIVATE_WORDS)


def test_the_reminder_names_the_bringer() -> None:
    """The reminder says when, what and who brings a case."""
    crew = civics_crew()
    text = reminder(crew, plan_for(crew).meeting(4), NAMES)
    assert "Tuesday 3 November at 19:00" in text
    assert "Sam brings a case this time" in text


def test_the_thank_you_counts_what_was_held() -> None:
    """The landing's thank-you counts held meetings and cases and leaves the door open."""
    crew = civics_crew()
    plan = plan_for(crew)
    for week in (1, 2, 3):
        plan = hold(crew, plan, week, record_id=None, absent=())
    text = thank_you(crew, plan, NAMES)
    assert "3 meetings and 2 cases" in text
    assert "Olu" in text
    assert describe(plan.meeting(4), {SAM.id: "Samira"}) == "case clinic (Samira brings a case)"
