"""Nudges: which one the group sees, for how long, and how the facilitator's wording rotates."""

from __future__ import annotations

import pytest

from clinic_timer.core.nudges import (
    FACILITATOR_NUDGES,
    MAX_SHOW_S,
    MIN_SHOW_S,
    NudgeBoard,
    ShownNudge,
)

ADVICE = FACILITATOR_NUDGES[0]


def test_the_facilitator_nudges_have_distinct_keys_and_words() -> None:
    """A, F, M and Q each give their own nudge, with more than one wording."""
    assert [n.key for n in FACILITATOR_NUDGES] == ["A", "F", "M", "Q"]
    assert all(len(set(n.texts)) == len(n.texts) > 1 for n in FACILITATOR_NUDGES)


def test_a_short_nudge_is_readable_for_the_floor_and_a_long_one_for_its_words() -> None:
    """Eight seconds at least; past that, 2.5 words a second plus three."""
    assert ShownNudge("Breathe.", "stillness", 0.0, None).readable_for == MIN_SHOW_S
    long = " ".join(["word"] * 50)
    assert ShownNudge(long, "emotion", 0.0, None).readable_for == pytest.approx(50 / 2.5 + 3)


def test_text_for_rotates_through_the_variants() -> None:
    """Rotation n picks variant n, wrapping round."""
    assert [ADVICE.text_for(n) for n in (1, 2, 3)] == [ADVICE.texts[1], ADVICE.texts[2], ADVICE.texts[0]]


def test_a_newer_nudge_replaces_the_one_shown() -> None:
    """Nudges never stack: the board holds the latest only."""
    board = NudgeBoard()
    board.show(ADVICE.texts[0], ADVICE.kind, 0.0, slot=None)
    newer = board.show("Notice how this makes you feel.", "emotion", 1.0, slot=3)
    assert board.current(1.0, slot=3) is newer


def test_a_facilitator_nudge_outlives_a_turn_change_but_not_a_minute() -> None:
    """Not tied to a slot, it stays across turns until MAX_SHOW_S have passed."""
    board = NudgeBoard()
    board.show(ADVICE.texts[0], ADVICE.kind, 100.0, slot=None)
    assert board.current(100.0 + MAX_SHOW_S - 0.1, slot=7) is not None
    assert board.current(100.0 + MAX_SHOW_S, slot=7) is None


def test_a_formats_nudge_goes_with_its_turn_once_it_has_been_read() -> None:
    """A scheduled nudge stays past its turn until it has been readable long enough, then goes."""
    board = NudgeBoard()
    shown = board.show("Start from feeling: I felt ...", "emotion", 100.0, slot=2)
    assert board.current(100.0 + 30, slot=2) is shown  # its own turn: it stays
    assert board.current(100.0 + shown.readable_for - 0.1, slot=3) is shown  # not yet read
    assert board.current(100.0 + shown.readable_for, slot=3) is None


def test_clear_takes_the_nudge_down() -> None:
    """After clear nothing shows."""
    board = NudgeBoard()
    board.show("One.", "advice", 0.0, slot=None)
    board.clear()
    assert board.current(0.0, slot=1) is None
