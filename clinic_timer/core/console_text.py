"""What the console's run panel says in words: the session clock, the phase list and the coach list.

The facilitator's own window, not the group's (that is
:mod:`clinic_timer.core.frame`), but written outside Qt for the same
reason: the words can be read and tested on their own, and a widget only
puts them on screen.
"""

from __future__ import annotations

from clinic_timer.core import times
from clinic_timer.core.states import SessionView, State
from clinic_timer.core.turns import Turn

TURN_MARKS: dict[Turn, tuple[str, str]] = {
    Turn.SPEAKING: ("▶", "speaking"),
    Turn.SPOKE: ("✓", ""),
    Turn.PASSED: ("↩", "passed: comes back"),
    Turn.TO_COME: ("·", ""),
}
"""Each turn's mark in the coach list, and a word where it helps."""


def session_text(view: SessionView) -> str:
    """The session clock in words; see :func:`running_session_text`. A finished one says what it took."""
    if view.state is State.FINISHED:
        planned = round(view.planned_total_s / 60)
        took = round(view.elapsed_s / 60)
        drift = took - planned
        against = "as planned" if drift == 0 else f"{abs(drift)} {'over' if drift > 0 else 'under'} the plan"
        return f"Took {took} of {planned} min: {against}"
    return running_session_text(view)


def running_session_text(view: SessionView) -> str:
    """The session clock in words, in whole minutes: elapsed against the plan, and where it is heading.

    Minutes, not seconds: the question it answers is whether the ninety
    minutes will hold, and a line that changes once a minute does not
    pull the eye (or cost a repaint) every second.
    """
    planned = round(view.planned_total_s / 60)
    projected = round(view.projected_total_s / 60)
    drift = projected - planned
    if drift == 0:
        course = "on course for the plan"
    elif drift > 0:
        course = f"heading for {projected} min, {drift} over"
    else:
        course = f"heading for {projected} min, {-drift} under"
    return f"{int(view.elapsed_s // 60)} of {planned} min: {course}"


def coach_line(name: str, absent: bool, turn: Turn | None) -> str:
    """A coach list line: a mark for where the coach's turn stands, and a word where it helps."""
    if absent:
        return f"   {name}  (absent)"
    mark, word = TURN_MARKS.get(turn, (" ", "")) if turn is not None else (" ", "")
    return f"{mark}  {name}  ({word})" if word else f"{mark}  {name}"


def phase_line(name: str, minutes: float, index: int, current: int, state: State) -> str:
    """A phase list line: done ticked, the current one marked, the rest plain; after the end, what never ran."""
    note = ""
    if index < current or (state is State.FINISHED and index == current):
        mark = "✓"
    elif index == current and state is not State.READY:
        mark = "▶"
    elif state is State.FINISHED:
        mark, note = "–", " (did not run)"
    else:
        mark = "  "
    return f"{mark} {name} · {times.planned_minutes(minutes * 60)}{note}"
