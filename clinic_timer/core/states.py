"""The session's states, the transitions between them, and what a window sees.

Kept apart from :mod:`clinic_timer.core.session` so the state machine's
table reads on one screen.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clinic_timer.core.formats import Phase


class State(enum.Enum):
    """Where the session is in its life."""

    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"


_TRANSITIONS: dict[State, frozenset[State]] = {
    State.READY: frozenset({State.RUNNING, State.FINISHED}),
    State.RUNNING: frozenset({State.PAUSED, State.FINISHED}),
    State.PAUSED: frozenset({State.RUNNING, State.FINISHED}),
    State.FINISHED: frozenset(),
}


class Status(enum.Enum):
    """How the current phase or turn stands against its time, for display."""

    CALM = "calm"
    WARNING = "warning"
    TIME_UP = "time up"
    OVERTIME = "overtime"


class SessionError(RuntimeError):
    """A command that does not apply now (skipping a coach in the monologue, say)."""


class InvalidTransition(SessionError):
    """A command that would move the session between states it cannot move between."""

    def __init__(self, current: State, wanted: State) -> None:
        super().__init__(f"cannot go from {current.value} to {wanted.value}")
        self.current = current
        self.wanted = wanted


@dataclass(frozen=True)
class SessionView:
    """Everything a window shows, at one instant."""

    state: State
    status: Status
    phase_index: int
    phase: Phase
    speaker: str  # the name shown: the person holding the floor, or "Everyone"
    next_speaker: str | None
    speaker_id: str | None  # the person holding the floor (the bringer or host, or a coach), by id
    remaining_s: float  # negative in overtime
    slot_s: float  # planned plus adjustments
    elapsed_s: float  # since the session started, pauses included
    planned_total_s: float
    projected_total_s: float  # elapsed plus what is left of the plan
    turn_number: int  # 1-based within a per-coach phase, else 0
    turn_count: int
    phase_count: int
    slot: int | None  # the current phase or turn; None before the first one starts
