"""Cues become utterances with the right priority and slot."""

from __future__ import annotations

from clinic_timer.core.clock import FakeClock
from clinic_timer.core.cues import Cue, CueKind
from clinic_timer.core.session import Session
from clinic_timer.speech.announcer import utterance_for
from clinic_timer.speech.settings import Priority
from tests.core.cast import roster_of
from tests.core.formats_fixture import clinic_format


def test_a_turn_change_outranks_a_nudge_and_carries_its_slot() -> None:
    """Turn utterances rank above nudges and are tied to the turn's slot."""
    fmt = clinic_format()
    clock = FakeClock()
    session = Session(fmt, roster_of("Ada", ("Ben", "Cy")), clock)
    cues: list[Cue] = []
    session.subscribe(cues.append)
    session.start()
    clock.advance(17 * 60)
    session.tick()
    session.next()
    utterances = [u for c in cues if (u := utterance_for(c, fmt, "Ada", clock.now()))]
    nudge = next(u for u in utterances if u.priority is Priority.NUDGE)
    turn = next(u for u in utterances if u.priority is Priority.TURN)
    assert nudge.text == "Notice how this makes you feel."
    assert turn.priority > nudge.priority
    assert turn.slot == session.view(clock.now()).slot
    assert turn.slot != nudge.slot


def test_a_facilitator_nudge_outlives_the_turn() -> None:
    """The facilitator's nudge belongs to no slot, so a turn change does not cut it."""
    cue = Cue(CueKind.NUDGE, 0.0, 3, "Reflections", text="Feelings, not thoughts.", spoken=True, given=True)
    utterance = utterance_for(cue, clinic_format(), "Ada", 5.0)
    assert utterance is not None
    assert utterance.slot is None
    assert utterance.requested_at == 5.0


def test_pauses_are_not_spoken() -> None:
    """A pause cue makes no utterance."""
    cue = Cue(CueKind.PAUSED, 0.0, 3, "Reflections")
    assert utterance_for(cue, clinic_format(), "Ada", 0.0) is None
