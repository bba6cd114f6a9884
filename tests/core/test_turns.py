"""The turn queue of a per-coach phase (order, passing, absence, coming back, going back) and the visits Back returns to."""

from __future__ import annotations

import pytest

from clinic_timer.core.turns import Turn, TurnQueue, Visit


def queue() -> TurnQueue:
    """Ben, Cy and Dee to speak, nobody called yet."""
    return TurnQueue(upcoming=["Ben", "Cy", "Dee"])


def test_coaches_are_called_in_order_and_then_nobody() -> None:
    """call_next goes down the list; after the last it says None."""
    turns = queue()
    called = []
    while (coach := turns.call_next()) is not None:
        called.append(coach)
        turns.finish_current()
    assert called == ["Ben", "Cy", "Dee"]
    assert turns.done == ["Ben", "Cy", "Dee"]
    assert turns.current is None


def test_a_coach_who_passes_is_called_after_everyone_else() -> None:
    """Ben passes: Cy and Dee speak, then Ben; peek says so before each call."""
    turns = queue()
    turns.call_next()
    turns.pass_current()
    called = []
    while (upcoming := turns.peek()) is not None:
        assert turns.call_next() == upcoming
        called.append(upcoming)
        turns.finish_current()
    assert called == ["Cy", "Dee", "Ben"]
    assert turns.passed == []


def test_an_absent_coach_is_dropped_from_every_list() -> None:
    """Dropping Cy (absent) takes them off what is to come, passed or current."""
    turns = queue()
    turns.call_next()  # Ben
    turns.pass_current()
    turns.call_next()  # Cy
    turns.drop("Cy")
    turns.drop("Ben")
    assert turns.current is None
    assert (turns.upcoming, turns.passed) == (["Dee"], [])


def test_bring_back_makes_a_coach_next_from_wherever_they_were() -> None:
    """A coach who spoke, passed or waits further down is the next one called."""
    turns = queue()
    turns.call_next()
    turns.finish_current()  # Ben spoke
    turns.bring_back("Ben")
    assert turns.peek() == "Ben"
    assert turns.done == []
    turns.bring_back("Dee")
    assert turns.upcoming == ["Dee", "Ben", "Cy"]


def test_reopen_last_gives_the_last_speaker_the_floor_again() -> None:
    """Going back: the current coach waits first in line and the last to speak is current again."""
    turns = queue()
    turns.call_next()
    turns.finish_current()  # Ben spoke
    turns.call_next()  # Cy speaking
    assert turns.reopen_last() == "Ben"
    assert turns.current == "Ben"
    assert turns.upcoming == ["Cy", "Dee"]
    assert TurnQueue(upcoming=["Ben"]).reopen_last() is None


def test_reorder_sorts_only_who_is_still_to_come() -> None:
    """A new order changes who speaks next; turns taken stay taken."""
    turns = queue()
    turns.call_next()
    turns.finish_current()
    turns.reorder(["Dee", "Cy", "Ben"])
    assert turns.upcoming == ["Dee", "Cy"]
    assert turns.done == ["Ben"]


def test_a_queue_reads_back_equal_to_itself() -> None:
    """to_dict then from_dict keeps every list and the speaker."""
    turns = queue()
    turns.call_next()
    turns.pass_current()
    turns.call_next()
    assert TurnQueue.from_dict(turns.to_dict()) == turns


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


def test_each_coach_turn_stands_as_a_typed_value() -> None:
    """Speaking, spoke, passed and to come are read off the queue as Turn values."""
    turns = queue()
    turns.call_next()
    turns.pass_current()
    turns.call_next()
    turns.finish_current()
    turns.call_next()
    assert [turns.turn_of(c) for c in ("Ben", "Cy", "Dee", "Eve")] == [
        Turn.PASSED,
        Turn.SPOKE,
        Turn.SPEAKING,
        Turn.TO_COME,
    ]
