"""Case rotation, whatever the crew's size and length: once each before anyone twice; plans stay whole."""

from __future__ import annotations

from datetime import time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from clinic_timer.core.crews import Crew, Schedule, Weekday
from clinic_timer.core.plan import (
    Ending,
    Plan,
    PlanError,
    change_format,
    end,
    hold,
    move,
    plan_for,
    skip,
    swap,
    turns,
    volunteer,
    waiting,
)
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


OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(["swap", "volunteer", "skip", "move", "hold", "format", "carry-on"]),
        st.integers(min_value=1, max_value=12),
        st.integers(min_value=-3, max_value=20),
    ),
    max_size=25,
)


def apply(crew: Crew, plan: Plan, operation: tuple[str, int, int]) -> Plan:
    """One organiser's change, as the command line would make it; a refused change leaves the plan."""
    kind, week, other = operation
    try:
        if kind == "swap":
            return swap(plan, week, other)
        if kind == "volunteer":
            return volunteer(crew, plan, week, crew.members[other % len(crew.members)])
        if kind == "skip":
            return skip(plan, week)
        if kind == "move":
            return move(plan, week, START + timedelta(days=other * 3))
        if kind == "hold":
            return hold(crew, plan, week, record_id=None, absent=crew.members[: other % 3])
        if kind == "carry-on":
            return end(crew, plan, Ending.CARRYING_ON, week)
        return change_format(plan, week, f"format-{other}")
    except PlanError:
        return plan


@settings(max_examples=400)
@given(sizes, lengths, OPERATIONS)
def test_any_changes_keep_the_plan_whole(
    size: int, weeks: int, operations: list[tuple[str, int, int]]
) -> None:
    """Whatever the organiser changes: weeks 1..N once each, one meeting a day in date order, held weeks fixed."""
    crew = crew_of(size, weeks)
    plan = plan_for(crew)
    for operation in operations:
        before = plan
        plan = apply(crew, plan, operation)
        assert sorted(m.number for m in plan.meetings) == list(range(1, len(plan.meetings) + 1))
        days = [m.day for m in plan.meetings]
        assert days == sorted(days)
        assert len(set(days)) == len(days)
        for old in before.meetings:
            new = plan.meeting(old.number)
            assert new.sequence >= old.sequence
            if old.held:
                assert (new.day, new.bringer, new.format_name) == (old.day, old.bringer, old.format_name)
            elif (new.day, new.bringer, new.format_name) != (old.day, old.bringer, old.format_name):
                assert new.sequence > old.sequence  # a calendar sees every change
