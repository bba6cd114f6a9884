"""Carrying a session on after a crash: its snapshot, and the session rebuilt from one.

Times are stored as elapsed seconds, never clock readings: a monotonic clock
starts again from another point after a reboot. A snapshot written before
Back kept each slot's time (no ``schedule`` or ``trail``) still restores:
the current slot's fired cues come from ``fired`` and Back starts with
nothing to go back to.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from clinic_timer.core.schedule import CueSchedule
from clinic_timer.core.states import SessionError, State
from clinic_timer.core.timeline import Timeline
from clinic_timer.core.turns import TurnQueue, Visit

if TYPE_CHECKING:
    from clinic_timer.core.clock import Clock
    from clinic_timer.core.formats import Format
    from clinic_timer.core.roster import Roster
    from clinic_timer.core.session import Session

SNAPSHOT_VERSION = 1


def snapshot_of(session: Session) -> dict[str, Any]:
    """Everything needed to carry on after a crash, JSON-friendly."""
    now = session.clock.now()
    current = session.current
    return {
        "version": SNAPSHOT_VERSION,
        "state": session.state.value,
        "rotation": session.rotation,
        "order": list(session.order),
        "absent": sorted(session.absent),
        "phase_index": session.phase_index,
        "queue": session.queue.to_dict() if session.queue else None,
        "current_slot": current.slot if current else None,
        "slot_elapsed": session.slot_elapsed(now),
        "session_elapsed": session.elapsed(now),
        "fired": session.schedule.fired_in(current.slot) if current else [],
        "schedule": session.schedule.to_dict(),
        "trail": [visit.to_dict() for visit in session.trail],
        "next_slot": session.next_slot,
        "timeline": session.timeline.to_dict(),
    }


def restore_session(
    session: Session, fmt: Format, roster: Roster, clock: Clock, data: dict[str, Any]
) -> Session:
    """Fills the fresh ``session`` from a snapshot, paused where it was (or finished).

    Raises:
        SessionError: the snapshot does not fit the format (it was edited since, say).
    """
    if data.get("version") != SNAPSHOT_VERSION:
        raise SessionError(f"the saved session is of version {data.get('version')!r}, not {SNAPSHOT_VERSION}")
    try:
        session.order = [str(c) for c in data["order"]]
        session.absent = {str(c) for c in data["absent"]}
        session.phase_index = int(data["phase_index"])
        session.timeline = Timeline.from_dict(data["timeline"])
        session.queue = TurnQueue.from_dict(data["queue"]) if data["queue"] else None
        session.next_slot = int(data["next_slot"])
        session.trail = [Visit.from_dict(v) for v in data.get("trail", [])]
        state = State(data["state"])
        if sorted(session.order) != sorted(
            c.id for c in session.roster.coaches
        ) or not 0 <= session.phase_index < len(fmt.phases):
            raise SessionError("the saved session does not match its format or roster")
        if any(not 0 <= visit.phase_index < len(fmt.phases) for visit in session.trail):
            raise SessionError("the saved session does not match its format or roster")
        now = clock.now()
        times = session.times
        times.origin = now - float(data["session_elapsed"])
        slot = data["current_slot"]
        session.current = next((r for r in session.timeline.runs if r.slot == slot), None)
        if state is State.READY or session.current is None:
            return session
        session.schedule = CueSchedule.from_dict(data.get("schedule") or {})
        session.schedule.restore_slot(session.current.slot, list(data["fired"]))
        # Time the app was down counts as neither running nor paused: the
        # session clock carries on from where it stopped.
        slot_elapsed = float(data["slot_elapsed"])
        since_slot_start = float(data["session_elapsed"]) - session.current.started_s
        away = session.current.away_s
        paused = max(0.0, since_slot_start - slot_elapsed - away)
        finished = state is State.FINISHED
        times.enter_slot(now, session.current.started_s, paused, away, paused=not finished)
        times.slot_origin = now - slot_elapsed - paused - away
        session.state = State.FINISHED if finished else State.PAUSED
        if finished:
            times.ended_at = now
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise SessionError(f"the saved session cannot be read ({error})") from None
    return session
