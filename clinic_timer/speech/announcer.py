"""Turns the session's cues into utterances for the voice.

The session says *what happened*; :mod:`clinic_timer.core.prompts` says
*which words*; this module says *how much it matters*, so the voice can let
a turn change replace a leftover nudge, and tags each utterance with its
slot, so nothing is announced for a turn that has already ended.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from clinic_timer.core.cues import Cue, CueKind
from clinic_timer.core.prompts import prompt_for
from clinic_timer.speech.settings import Priority
from clinic_timer.speech.voice import Utterance

if TYPE_CHECKING:
    from clinic_timer.core.formats import Format

PRIORITIES: dict[CueKind, Priority] = {
    CueKind.PHASE_STARTED: Priority.PHASE,
    CueKind.TURN_STARTED: Priority.TURN,
    CueKind.WARNING: Priority.WARNING,
    CueKind.TIME_UP: Priority.TIME_UP,
    CueKind.OVERTIME: Priority.TIME_UP,
    CueKind.NUDGE: Priority.NUDGE,
}


def utterance_for(cue: Cue, fmt: Format, bringer: str, now: float) -> Utterance | None:
    """The utterance for ``cue``, or None when it is silent.

    A facilitator's nudge (``cue.given``) belongs to no slot, so a turn
    change does not cut it off; everything else is tied to its phase or turn.
    """
    priority = PRIORITIES.get(cue.kind)
    if priority is None:
        return None
    text = prompt_for(cue, fmt, bringer)
    if text is None:
        return None
    return Utterance(text, priority, slot=None if cue.given else cue.slot, requested_at=now)
