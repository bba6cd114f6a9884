"""The run panel's words, outside Qt: the coach list's lines and the phase list's."""

from __future__ import annotations

import pytest

from clinic_timer.core.console_text import coach_line, phase_line
from clinic_timer.core.states import State
from clinic_timer.core.turns import Turn


@pytest.mark.parametrize(
    ("absent", "turn", "line"),
    [
        (False, Turn.SPEAKING, "▶  Ben  (speaking)"),
        (False, Turn.SPOKE, "✓  Ben"),
        (False, Turn.PASSED, "↩  Ben  (passed: comes back)"),
        (False, Turn.TO_COME, "·  Ben"),
        (False, None, "   Ben"),  # outside a per-coach phase
        (True, Turn.SPEAKING, "   Ben  (absent)"),
    ],
)
def test_each_coach_line_marks_where_the_coachs_turn_stands(
    absent: bool, turn: Turn | None, line: str
) -> None:
    """A mark (and a word where it helps) for speaking, spoke, passed and to come; absence wins."""
    assert coach_line("Ben", absent, turn) == line


def test_every_turn_has_a_mark_of_its_own() -> None:
    """No two turns share a mark, so the list reads without the words."""
    marks = [coach_line("Ben", False, turn).split()[0] for turn in Turn]
    assert len(set(marks)) == len(Turn)


@pytest.mark.parametrize(
    ("index", "current", "state", "line"),
    [
        (0, 1, State.RUNNING, "✓ Reflections · 15 min"),
        (1, 1, State.RUNNING, "▶ Reflections · 15 min"),
        (1, 1, State.READY, "   Reflections · 15 min"),
        (2, 1, State.PAUSED, "   Reflections · 15 min"),
        (1, 1, State.FINISHED, "✓ Reflections · 15 min"),
        (2, 1, State.FINISHED, "– Reflections · 15 min (did not run)"),
    ],
)
def test_each_phase_line_says_done_current_or_never_run(
    index: int, current: int, state: State, line: str
) -> None:
    """Done phases are ticked, the current one marked, and after the end a phase that never ran says so."""
    assert phase_line("Reflections", 15.0, index, current, state) == line
