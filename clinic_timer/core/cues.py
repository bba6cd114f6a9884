"""Cues: what the session announces, for the windows, the voice and the notes.

Every cue fires exactly once: a clock that jumps past several thresholds at
once (a suspended laptop, a slow frame) fires each of them, in order, and a
paused session fires none.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class CueKind(enum.Enum):
    """What happened."""

    SESSION_STARTED = "session started"
    PHASE_STARTED = "phase started"
    TURN_STARTED = "turn started"
    WARNING = "warning"
    TIME_UP = "time up"
    OVERTIME = "overtime"
    NUDGE = "nudge"
    PAUSED = "paused"
    RESUMED = "resumed"
    SLOT_RESUMED = (
        "slot resumed"  # Back returned to an earlier phase or turn, with its time left: no new start
    )
    SESSION_ENDED = "session ended"


@dataclass(frozen=True)
class Cue:
    """One announcement.

    Attributes:
        kind: what happened.
        at_s: seconds since the session started, on the session clock.
        slot: the id of the phase or turn it belongs to; a voice drops
            anything whose slot is no longer current. None for a cue of
            no slot's (the facilitator's nudge, which outlives a turn).
        phase: the phase's name.
        speaker: who holds the floor (a coach's name during their turn).
        previous: for a turn, the coach who spoke before, if any.
        text: for a nudge, its line.
        nudge_kind: for a nudge, what it nudges towards.
        spoken: for a nudge, whether the format asks for it to be read out.
        given: for a nudge, whether the facilitator gave it (it outlives a turn
            change) rather than the format scheduling it.
        minutes: for a warning, whole minutes left (rounded up); for
            overtime, whole minutes over.
    """

    kind: CueKind
    at_s: float
    slot: int | None
    phase: str
    speaker: str = ""
    previous: str = ""
    text: str = ""
    nudge_kind: str = ""
    spoken: bool = False
    minutes: int = 0
    given: bool = False
