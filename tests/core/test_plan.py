"""The six-week plan: intro, case clinics in rotation, landing; and every change the organiser makes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from clinic_timer.core.plan import (
    CLINIC_FORMAT,
    INTRO_FORMAT,
    LANDING_FORMAT,
    Ending,
    PlanError,
    change_format,
    end,
    hold,
    move,
    next_meeting,
    plan_for,
    revise_all,
    roster_for,
    skip,
    swap,
    turns,
    volunteer,
    waiting,
)
from tests.core.crew_fixture import BEN, KIM, OLU, SAM, START, civics_crew, person

WEEK = timedelta(weeks=1)


def bringers(plan_meetings: object) -> list[str | None]:
    """The bringer of each meeting, in order."""
    return [m.bringer for m in plan_meetings]  # type: ignore[attr-defined]


def test_six_weeks_are_intro_four_clinics_and_landing() -> None:
    """Week 1 intro, 2 to 5 case clinics each with a different bringer (the organiser last), 6 landing."""
    plan = plan_for(civics_crew())
    assert [m.format_name for m in plan.meetings] == [INTRO_FORMAT] + [CLINIC_FORMAT] * 4 + [LANDING_FORMAT]
    assert [m.day for m in plan.meetings] == [START + WEEK * i for i in range(6)]
    assert bringers(plan.meetings) == [None, BEN.id, KIM.id, SAM.id, OLU.id, None]
    assert waiting(civics_crew(), plan) == ()


def test_the_plan_says_who_has_not_had_a_turn() -> None:
    """Fewer clinic weeks than members leaves someone out; more means some bring twice, and the rest wait."""
    short = civics_crew(weeks=4)
    assert waiting(short, plan_for(short)) == (SAM.id, OLU.id)
    long = civics_crew(weeks=8)
    assert turns(long, plan_for(long)) == {BEN.id: 2, KIM.id: 2, SAM.id: 1, OLU.id: 1}
    assert waiting(long, plan_for(long)) == (SAM.id, OLU.id)


def test_two_bringers_swap() -> None:
    """swap trades weeks 2 and 4 and bumps both meetings' sequence."""
    plan = swap(plan_for(civics_crew()), 2, 4)
    assert bringers(plan.meetings)[1:4] == [SAM.id, KIM.id, BEN.id]
    assert [m.sequence for m in plan.meetings] == [0, 1, 0, 1, 0, 0]
    with pytest.raises(PlanError, match="not a case clinic"):
        swap(plan, 1, 2)
    with pytest.raises(PlanError, match="two different weeks"):
        swap(plan, 2, 2)


def test_a_volunteer_takes_a_week_and_gives_theirs_away() -> None:
    """Olu volunteers for week 2: Ben, who had it, takes Olu's week 5."""
    crew = civics_crew()
    plan = volunteer(crew, plan_for(crew), 2, OLU.id)
    assert bringers(plan.meetings) == [None, OLU.id, KIM.id, SAM.id, BEN.id, None]
    with pytest.raises(PlanError, match="only a member"):
        volunteer(crew, plan, 3, "0000abcd")


def test_a_holiday_moves_the_rest_on_by_a_week() -> None:
    """Skipping week 3 moves weeks 3 to 6 a week later, keeps their numbers and records the holiday."""
    plan = skip(plan_for(civics_crew()), 3)
    assert [m.number for m in plan.meetings] == [1, 2, 3, 4, 5, 6]
    assert [m.day for m in plan.meetings] == [START, START + WEEK, *(START + WEEK * i for i in range(3, 7))]
    assert plan.holidays == (START + 2 * WEEK,)
    assert [m.sequence for m in plan.meetings] == [0, 0, 1, 1, 1, 1]


def test_one_meeting_moves_and_clashes_are_refused() -> None:
    """move changes one date; a date another week holds is refused."""
    plan = move(plan_for(civics_crew()), 2, date(2026, 10, 22))
    assert plan.meeting(2).day == date(2026, 10, 22)
    assert plan.meeting(2).sequence == 1
    assert plan.meeting(3).day == START + 2 * WEEK
    with pytest.raises(PlanError, match="week 3 already meets"):
        move(plan, 2, START + 2 * WEEK)


def test_any_week_can_take_any_format() -> None:
    """change_format replaces the format name and bumps its sequence; the same name changes nothing."""
    plan = change_format(plan_for(civics_crew()), 3, "troika-consulting")
    assert plan.meeting(3).format_name == "troika-consulting"
    assert change_format(plan, 3, "troika-consulting") == plan


def test_a_held_week_keeps_its_record_and_absences_and_no_longer_changes() -> None:
    """hold links the record and absences; the held week can no longer move, swap or be skipped."""
    crew = civics_crew()
    plan = hold(crew, plan_for(crew), 2, record_id="ab" * 16, absent=(SAM.id,))
    held = plan.meeting(2)
    assert held.held
    assert held.record_id == "ab" * 16
    assert held.absent == (SAM.id,)
    with pytest.raises(PlanError, match="has been held"):
        swap(plan, 2, 3)
    with pytest.raises(PlanError, match="has been held"):
        skip(plan, 2)
    with pytest.raises(PlanError, match="has been held"):
        move(plan, 2, date(2027, 1, 5))
    with pytest.raises(PlanError, match="only members"):
        hold(crew, plan, 3, record_id=None, absent=("0000abcd",))
    assert next_meeting(plan, START + WEEK) == plan.meeting(3)
    assert next_meeting(plan, date(2027, 1, 1)) is None


def test_revising_the_crew_bumps_every_meeting() -> None:
    """A new call link or time changes every event, held ones too: each gets the next sequence."""
    crew = civics_crew()
    plan = revise_all(swap(hold(crew, plan_for(crew), 1, record_id=None, absent=()), 2, 3))
    assert [m.sequence for m in plan.meetings] == [1, 2, 2, 1, 1, 1]


def test_the_roster_rotates_week_to_week() -> None:
    """The bringer (or the organiser, as host) leads; the coaches' order turns by one each week."""
    crew = civics_crew()
    plan = plan_for(crew)
    assert roster_for(crew, plan.meeting(1)) == (OLU.id, (BEN.id, KIM.id, SAM.id))
    assert roster_for(crew, plan.meeting(2)) == (BEN.id, (KIM.id, SAM.id, OLU.id))
    assert roster_for(crew, plan.meeting(3)) == (KIM.id, (SAM.id, OLU.id, BEN.id))
    firsts = {roster_for(crew, m)[1][0] for m in plan.meetings}
    assert len(firsts) >= 3


def test_carrying_on_extends_with_a_rotating_facilitator() -> None:
    """Carrying on for three weeks adds case clinics led by Ben, Kim, Sam, cases still in rotation."""
    crew = civics_crew()
    plan = end(crew, plan_for(crew), Ending.CARRYING_ON, 3)
    added = plan.meetings[6:]
    assert plan.ending is Ending.CARRYING_ON
    assert [m.number for m in added] == [7, 8, 9]
    assert [m.day for m in added] == [START + WEEK * i for i in range(6, 9)]
    assert [m.facilitator for m in added] == [BEN.id, KIM.id, SAM.id]
    assert all(m.format_name == CLINIC_FORMAT for m in added)
    assert all(m.bringer != m.facilitator for m in added)
    assert bringers(added) == [KIM.id, BEN.id, OLU.id]  # the fewest cases first, never the facilitator
    again = end(crew, plan, Ending.CARRYING_ON, 1)
    assert again.meetings[-1].facilitator == OLU.id


def test_a_time_bounded_ending_adds_nothing() -> None:
    """A time-bounded ending only records itself; it refuses extra weeks, and carrying on needs some."""
    crew = civics_crew()
    plan = end(crew, plan_for(crew), Ending.TIME_BOUNDED)
    assert plan.ending is Ending.TIME_BOUNDED
    assert len(plan.meetings) == 6
    with pytest.raises(PlanError, match="adds no weeks"):
        end(crew, plan, Ending.TIME_BOUNDED, 2)
    with pytest.raises(PlanError, match="1 to 12"):
        end(crew, plan, Ending.CARRYING_ON, 0)


def test_an_unknown_week_is_named() -> None:
    """Asking for week 9 of six says which weeks there are."""
    with pytest.raises(PlanError, match="weeks 1 to 6"):
        plan_for(civics_crew()).meeting(9)
    assert person("Zed", 9).id == "00000009"


def test_a_week_before_a_held_one_cannot_be_skipped() -> None:
    """With week 3 held, skipping week 2 would land it on week 3's date: refused, saying to move it."""
    crew = civics_crew()
    plan = hold(crew, plan_for(crew), 3, record_id=None, absent=())
    with pytest.raises(PlanError, match="week 3, after it, has been held"):
        skip(plan, 2)


def test_carrying_on_after_a_late_move_continues_the_numbers_and_dates() -> None:
    """Week 2 moved past the landing: the extra weeks are numbered 7 on and dated after the latest meeting."""
    crew = civics_crew()
    late = START + WEEK * 7
    plan = end(crew, move(plan_for(crew), 2, late), Ending.CARRYING_ON, 1)
    assert plan.meetings[-1].number == 7
    assert plan.meetings[-1].day == late + WEEK
