"""Case rotation, whatever the crew's size and length: once each before anyone twice."""

from __future__ import annotations

from datetime import time

from hypothesis import given
from hypothesis import strategies as st

from clinic_timer.core.crews import Crew, Schedule, Weekday
from clinic_timer.core.plan import Ending, end, plan_for, turns, waiting
from tests.core.crew_fixture import START

sizes = st.integers(min_value=3, max_value=6)
lengths = st.integers(min_value=3, max_value=12)


def crew_of(size: int, weeks: int, organiser_at: int = 0) -> Crew:
    """A crew of ``size`` members with the organiser somewhere among them."""
    members = tuple(f"{i:08x}" for i in range(1, size + 1))
    return Crew(
        id="c0ffee00",
        name="Prop",
        interest="x",
        organiser=members[organiser_at % size],
        members=members,
        schedule=Schedule(Weekday.TUE, time(19), "Europe/London", START),
        weeks=weeks,
    )


def never_twice_before_everyone_once(crew: Crew, bringers: list[str]) -> bool:
    """In every prefix of the bringers, counts differ by at most one."""
    counts = dict.fromkeys(crew.members, 0)
    for bringer in bringers:
        counts[bringer] += 1
        if max(counts.values()) - min(counts.values()) > 1:
            return False
    return True


@given(sizes, st.integers(min_value=0, max_value=5))
def test_each_member_brings_exactly_once_when_members_equal_clinic_weeks(size: int, at: int) -> None:
    """With as many clinic weeks as members, every member brings exactly once and nobody waits."""
    crew = crew_of(size, size + 2, at)
    plan = plan_for(crew)
    assert sorted(m.bringer for m in plan.meetings if m.bringer) == sorted(crew.members)
    assert set(turns(crew, plan).values()) == {1}
    assert waiting(crew, plan) == ()


@given(sizes, lengths, st.integers(min_value=0, max_value=5), st.integers(min_value=0, max_value=12))
def test_nobody_brings_twice_before_everyone_once(size: int, weeks: int, at: int, extra: int) -> None:
    """In the plan, and after carrying on for more weeks, no one brings a second case before all bring one."""
    crew = crew_of(size, weeks, at)
    plan = plan_for(crew)
    if extra:
        plan = end(crew, plan, Ending.CARRYING_ON, extra)
    bringers = [m.bringer for m in plan.meetings if m.bringer]
    assert never_twice_before_everyone_once(crew, bringers)
    counts = turns(crew, plan)
    assert set(waiting(crew, plan)) == {m for m, c in counts.items() if c < max(counts.values())}
