"""What a window sees of a session at one instant: the :class:`SessionView` it projects.

Kept apart from the commands so the session's state machine reads on its
own; everything here only reads the session. The session knows its people
by id; a view shows the names they go by (the roster's).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from clinic_timer.core.formats import Floor
from clinic_timer.core.states import SessionView, State, Status

if TYPE_CHECKING:
    from clinic_timer.core.formats import Phase
    from clinic_timer.core.slots import SlotSequence

EVERYONE = "Everyone"  # the word shown when the floor is everyone's: a word, never an identity (see Floor)
TIME_UP_GRACE_S = 15.0  # "time up" shows this long before it reads as overtime


def project(session: SlotSequence, now: float) -> SessionView:
    """A snapshot of everything a window shows."""
    remaining = session.remaining(now)
    slot_s = session.slot_seconds() if session.current else first_slot_seconds(session)
    turn_number = turn_count = 0
    queue = session.queue
    if session.phase.per_coach and queue is not None:
        turn_number = len(queue.done) + (1 if queue.current else 0)
        turn_count = turn_number + len(queue.upcoming) + len(queue.passed)
    elapsed = session.elapsed(now)
    planned_total = session.format.planned_seconds(len(session.present_coaches()))
    current = session.current
    if current is not None:
        holder = holder_of(session, current.phase, current.coach)
    else:
        holder = holder_of(session, session.phase.name, first_coach(session))
    return SessionView(
        state=session.state,
        status=status_of(remaining, session.warning_s(slot_s)),
        phase_index=session.phase_index,
        phase=session.phase,
        speaker=current.speaker if current else speaker_for(session, session.phase, first_coach(session)),
        next_speaker=next_speaker(session),
        speaker_id=holder,
        remaining_s=remaining,
        slot_s=slot_s,
        elapsed_s=elapsed,
        planned_total_s=planned_total,
        projected_total_s=elapsed + max(remaining, 0.0) + planned_after_current(session),
        turn_number=turn_number,
        turn_count=turn_count,
        phase_count=len(session.format.phases),
        slot=current.slot if current else None,
    )


def status_of(remaining: float, warning_s: float) -> Status:
    """How a slot with ``remaining`` seconds left stands, warned ``warning_s`` before its end."""
    if remaining <= -TIME_UP_GRACE_S:
        return Status.OVERTIME
    if remaining <= 0:
        return Status.TIME_UP
    if remaining <= warning_s:
        return Status.WARNING
    return Status.CALM


def planned_slot(session: SlotSequence, phase: Phase) -> float:
    """A new slot's planned length in ``phase``: the phase, or one coach's turn."""
    if phase.per_coach:
        return phase.turn_seconds(len(session.present_coaches()))
    return phase.planned_seconds(0)


def first_slot_seconds(session: SlotSequence) -> float:
    """The first slot's planned length, shown before the start."""
    return planned_slot(session, session.format.phases[0])


def first_coach(session: SlotSequence) -> str | None:
    """The first present coach in speaking order."""
    present = session.present_coaches()
    return present[0] if present else None


def speaker_for(session: SlotSequence, phase: Phase, coach: str | None) -> str:
    """The name of who holds the floor in ``phase`` (the coach with id ``coach`` in a per-coach one)."""
    if phase.floor in (Floor.BRINGER, Floor.HOST):
        return session.roster.lead.name
    if phase.floor is Floor.COACHES:
        return session.roster.name_of(coach)
    return EVERYONE


def holder_of(session: SlotSequence, phase: str, coach: str | None) -> str | None:
    """The id of the person holding the floor in the phase called ``phase``; None when it is everyone's."""
    floor = session.format.phase(phase).floor
    if floor in (Floor.BRINGER, Floor.HOST):
        return session.roster.lead.id
    return coach if floor is Floor.COACHES else None


def next_speaker(session: SlotSequence) -> str | None:
    """Who speaks after the current slot, or None at the end."""
    if session.state is State.FINISHED:
        return None
    queue = session.queue
    if session.current is not None and queue is not None and (coach := queue.peek()):
        return session.roster.name_of(coach)
    start = session.phase_index + 1 if session.current is not None else 0
    for phase in session.format.phases[start:]:
        if phase.per_coach and not session.present_coaches():
            continue
        return speaker_for(session, phase, first_coach(session))
    return None


def planned_after_current(session: SlotSequence) -> float:
    """The planned seconds of every slot still to come after the current one."""
    if session.state is State.FINISHED:
        return 0.0
    present = len(session.present_coaches())
    after = sum(p.planned_seconds(present) for p in session.format.phases[session.phase_index + 1 :])
    if session.current is None:
        return after + session.phase.planned_seconds(present) - first_slot_seconds(session)
    if session.queue is not None:
        queue = session.queue
        after += session.phase.turn_seconds(present) * (len(queue.upcoming) + len(queue.passed))
    return after
