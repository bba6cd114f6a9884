"""Crew health: attendance week by week, and the early signs of the slow death."""

from __future__ import annotations

from clinic_timer.core.health import Sign, SignKind, attendance, signs
from clinic_timer.core.plan import hold, plan_for
from tests.core.crew_fixture import BEN, KIM, OLU, SAM, civics_crew


def test_attendance_lists_who_was_there_each_held_week() -> None:
    """Only held weeks count; the present are the members not marked away."""
    crew = civics_crew()
    plan = hold(crew, plan_for(crew), 1, record_id=None, absent=(KIM.id,))
    rows = attendance(crew, plan)
    assert [(r.week, r.present, r.absent) for r in rows] == [(1, (OLU.id, BEN.id, SAM.id), (KIM.id,))]


def test_a_member_away_twice_in_a_row_is_a_sign() -> None:
    """Ben away in weeks 2 and 3 flags week 3; away in weeks 1 and 3 (present in 2) does not."""
    crew = civics_crew()
    plan = plan_for(crew)
    for week, away in [(1, (BEN.id,)), (2, ()), (3, (BEN.id,)), (4, (BEN.id,))]:
        plan = hold(crew, plan, week, record_id=None, absent=away)
    assert signs(crew, plan) == [Sign(SignKind.AWAY_TWICE, 4, BEN.id)]


def test_a_week_with_two_away_is_a_sign() -> None:
    """Two members away from one meeting flags that week; one away does not."""
    crew = civics_crew()
    plan = hold(crew, plan_for(crew), 1, record_id=None, absent=(SAM.id,))
    assert signs(crew, plan) == []
    plan = hold(crew, plan, 2, record_id=None, absent=(KIM.id, SAM.id))
    assert signs(crew, plan) == [Sign(SignKind.MANY_AWAY, 2), Sign(SignKind.AWAY_TWICE, 2, SAM.id)]
