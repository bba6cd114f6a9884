"""The turns of a per-coach phase, and the visits Back returns to."""

from __future__ import annotations

import pytest

from clinic_timer.core.turns import TurnQueue, Visit


def test_reconcile_drops_coaches_gone_and_calls_those_come_back() -> None:
    """Turns saved before Cy left and Eve arrived: Cy is taken out, Eve is called with the rest, in order."""
    queue = TurnQueue(upcoming=["Cy", "Dee"], passed=["Ben"], done=["Ann"], current="Bo")
    queue.reconcile(["Ann", "Bo", "Dee", "Eve", "Ben"])
    assert queue == TurnQueue(upcoming=["Dee", "Eve"], passed=["Ben"], done=["Ann"], current="Bo")


def test_reconcile_takes_out_a_current_coach_who_left() -> None:
    """The coach who was speaking when the turns were saved is no longer current once absent."""
    queue = TurnQueue(upcoming=["Cy"], current="Ben")
    queue.reconcile(["Cy"])
    assert queue.current is None
    assert queue.upcoming == ["Cy"]


def test_a_visit_round_trips_and_refuses_damaged_turns() -> None:
    """A visit reads back as written; one whose turns are damaged is refused where it is read."""
    visit = Visit(3, 1, TurnQueue(upcoming=["Cy"], current="Ben").to_dict())
    assert Visit.from_dict(visit.to_dict()) == visit
    with pytest.raises((KeyError, ValueError)):
        Visit.from_dict({"slot": 3, "phase_index": 1, "queue": {"upcoming": []}})
    with pytest.raises(ValueError, match="slot"):
        Visit.from_dict({"slot": "3", "phase_index": 1, "queue": None})
