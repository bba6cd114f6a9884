"""Carrying a session on after a crash, from snapshots of this version and of the one before."""

from __future__ import annotations

import pytest

from clinic_timer.core.clock import FakeClock
from clinic_timer.core.cues import Cue, CueKind
from clinic_timer.core.session import Session, SessionError, State
from tests.core.cast import roster_of
from tests.core.formats_fixture import clinic_format

MIN = 60.0


def running(clock: FakeClock) -> Session:
    session = Session(clinic_format(), roster_of("Ada", ("Ben", "Cy")), clock)
    session.start()
    clock.advance(6 * MIN)
    session.next()  # Ben
    clock.advance(MIN)
    return session


def test_a_snapshot_from_before_back_kept_slots_still_restores() -> None:
    """A snapshot with no trail or per-slot schedule (saved by the previous version) resumes; Back has nothing before."""
    clock = FakeClock()
    data = running(clock).snapshot()
    del data["trail"], data["schedule"]
    restored = Session.restore(clinic_format(), roster_of("Ada", ("Ben", "Cy")), clock, data)
    assert restored.state is State.PAUSED
    assert restored.remaining(clock.now()) == pytest.approx(4 * MIN)
    cues: list[Cue] = []
    restored.subscribe(cues.append)
    restored.resume()
    assert CueKind.NUDGE not in [c.kind for c in cues]  # Ben's nudge at 0:00 fired before the crash
    with pytest.raises(SessionError, match="nothing before"):
        restored.previous()


def test_a_resumed_slot_s_time_away_survives_a_crash() -> None:
    """The monologue left for a minute and returned to restores with the same time left, the minute away not counted."""
    clock = FakeClock()
    session = running(clock)
    session.previous()
    clock.advance(30)
    restored = Session.restore(clinic_format(), session.roster, clock, session.snapshot())
    assert restored.remaining(clock.now()) == pytest.approx(20 * MIN - 6 * MIN - 30)
    restored.resume()
    restored.next()
    monologue = restored.timeline.runs[0]
    assert monologue.away_s == pytest.approx(MIN)
    assert monologue.paused_s == pytest.approx(0)
    assert monologue.duration_s == pytest.approx(6 * MIN + 30)


def test_a_trail_that_names_a_phase_the_format_lacks_is_refused() -> None:
    """A hand-edited snapshot whose Back trail points past the format's phases is refused, not carried."""
    clock = FakeClock()
    data = running(clock).snapshot()
    data["trail"][0]["phase_index"] = 9
    with pytest.raises(SessionError, match="does not match"):
        Session.restore(clinic_format(), roster_of("Ada", ("Ben", "Cy")), clock, data)
