"""The run of slots under a session: which phase or turn is current, and how one starts, ends and is returned to.

A slot is one phase, or one coach's turn in a per-coach phase; each is one
:class:`~clinic_timer.core.timeline.SlotRun` in the timeline for the
session's whole life. :class:`SlotSequence` holds the session's state and
moves between slots; :class:`~clinic_timer.core.session.Session` adds the
facilitator's commands on top. A slot returned to (Back, or Next to a slot
Back left) carries on with the time it had left, and its cues already fired
stay fired.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from clinic_timer.core import projection
from clinic_timer.core.cues import Cue, CueKind
from clinic_timer.core.schedule import CueSchedule, warning_lead_s
from clinic_timer.core.states import _TRANSITIONS, InvalidTransition, SessionView, State
from clinic_timer.core.timekeeping import Timekeeping
from clinic_timer.core.timeline import Outcome, SlotRun, Timeline
from clinic_timer.core.turns import TurnQueue, Visit

if TYPE_CHECKING:
    from collections.abc import Callable

    from clinic_timer.core.clock import Clock
    from clinic_timer.core.formats import Format, Phase
    from clinic_timer.core.roster import Roster


class SlotSequence:
    """A clinic's state and the moves between its slots; the commands are :class:`Session`'s.

    Args:
        fmt: the clinic's format.
        roster: who takes part; must fit the format.
        clock: the monotonic clock everything is measured on.
        rotation: picks nudge variants, so a weekly crew reads new lines.
    """

    def __init__(self, fmt: Format, roster: Roster, clock: Clock, rotation: int = 0) -> None:
        roster = roster.in_roles_of(fmt)
        roster.check_fits(fmt)
        self.format = fmt
        self.roster = roster
        self.clock = clock
        self.rotation = rotation
        self.warning_override_s: float | None = None  # the facilitator's own threshold, if set
        self.state = State.READY
        self.order: list[str] = [c.id for c in roster.coaches]  # coaches by person id
        self.absent: set[str] = set()
        self.timeline = Timeline()
        self.phase_index = 0
        self.queue: TurnQueue | None = None
        self.current: SlotRun | None = None
        self.times = Timekeeping()
        self.schedule = CueSchedule()
        self.trail: list[Visit] = []  # the slots Back returns to, the latest last
        self.next_slot = 1
        self._listeners: list[Callable[[Cue], None]] = []

    # -- listening ---------------------------------------------------------

    def subscribe(self, listener: Callable[[Cue], None]) -> None:
        """Calls ``listener`` with every cue, in order, as it fires."""
        self._listeners.append(listener)

    def _emit(self, kind: CueKind, now: float, **fields: Any) -> None:
        assert self.current is not None
        cue = Cue(
            kind=kind,
            at_s=self.times.since_start(now),
            slot=self.current.slot,
            phase=self.current.phase,
            **fields,
        )
        for listener in list(self._listeners):
            listener(cue)

    # -- reading -----------------------------------------------------------

    @property
    def phase(self) -> Phase:
        """The current phase."""
        return self.format.phases[self.phase_index]

    def present_coaches(self) -> list[str]:
        """Coaches' ids in speaking order, without those marked absent."""
        return [c for c in self.order if c not in self.absent]

    def slot_elapsed(self, now: float) -> float:
        """Seconds the current phase or turn has run, pauses excluded."""
        if self.current is None:
            return 0.0
        return self.times.slot_elapsed(now)

    def remaining(self, now: float) -> float:
        """Seconds left in the current phase or turn; negative in overtime."""
        if self.current is None:
            return projection.first_slot_seconds(self)
        return self.slot_seconds() - self.slot_elapsed(now)

    def elapsed(self, now: float) -> float:
        """Seconds since the session started, pauses included."""
        if self.state is State.READY:
            return 0.0
        return self.times.session_elapsed(now)

    def slot_seconds(self) -> float:
        """The current slot's length: its plan plus the +/- minutes given to it."""
        assert self.current is not None
        return self.current.planned_s + self.current.adjusted_s

    def warning_s(self, slot_s: float) -> float:
        """How long before the end of a current-phase slot of ``slot_s`` seconds it is warned."""
        return warning_lead_s(self.phase, slot_s, self.warning_override_s)

    def view(self, now: float) -> SessionView:
        """A snapshot of everything a window shows."""
        return projection.project(self, now)

    def tick(self) -> None:
        """Fires every cue that has come due since the last tick, each exactly once."""
        if self.state is not State.RUNNING or self.current is None:
            return
        now = self.clock.now()
        slot_s = self.slot_seconds()
        due = self.schedule.due(
            self.current.slot,
            self.phase,
            slot_s=slot_s,
            elapsed_s=self.slot_elapsed(now),
            warning_s=self.warning_s(slot_s),
            variant=self.rotation + self.current.slot,
        )
        for cue in due:
            self._emit(cue.kind, now, speaker=self.current.speaker, **cue.fields)

    # -- moving between slots ---------------------------------------------------

    def _move(self, wanted: State) -> None:
        if wanted not in _TRANSITIONS[self.state]:
            raise InvalidTransition(self.state, wanted)
        self.state = wanted

    def _speaker(self) -> str:
        return self.current.speaker if self.current else ""

    def _remember_current(self) -> None:
        """Before a move forward: the current slot is where Back returns to."""
        if self.current is not None:
            queue = self.queue.to_dict() if self.queue is not None else None
            self.trail.append(Visit(self.current.slot, self.phase_index, queue))

    def _absent_in(self, visit: Visit) -> bool:
        run = next((r for r in self.timeline.runs if r.slot == visit.slot), None)
        return run is None or (run.coach is not None and run.coach in self.absent)

    def _enter_phase(self, index: int, now: float, *, announce_session: bool = False) -> None:
        self.phase_index = index
        phase = self.phase
        self.queue = None
        if phase.per_coach:
            self.queue = TurnQueue(upcoming=self.present_coaches())
            if self.queue.call_next() is None:
                self._skip_empty_phase(now, announce_session)
                return
        self._start_slot(now, phase_started=True, announce_session=announce_session)

    def _skip_empty_phase(self, now: float, announce_session: bool) -> None:
        """A per-coach phase with every coach absent is recorded and passed over."""
        at = self.times.since_start(now)
        self.timeline.runs.append(
            SlotRun(self._take_slot(), self.phase.name, "", None, 0.0, at, ended_s=at, outcome=Outcome.ABSENT)
        )
        if self.phase_index + 1 < len(self.format.phases):
            self._enter_phase(self.phase_index + 1, now, announce_session=announce_session)
        else:
            self.current = None
            self._finish(now)

    def _take_slot(self) -> int:
        slot = self.next_slot
        self.next_slot += 1
        return slot

    def _start_slot(self, now: float, *, phase_started: bool = False, announce_session: bool = False) -> None:
        """Makes the next slot current: the one left interrupted for this turn, if any, else a new one."""
        phase = self.phase
        coach = self.queue.current if self.queue else None
        previous = self.queue.done[-1] if self.queue and self.queue.done else ""
        interrupted = self._interrupted_run(phase.name, coach)
        if interrupted is not None:
            self._return_to(interrupted, now)
        else:
            self.current = SlotRun(
                slot=self._take_slot(),
                phase=phase.name,
                speaker=projection.speaker_for(self, phase, coach),
                coach=coach,
                planned_s=projection.planned_slot(self, phase),
                started_s=self.times.since_start(now),
            )
            self.timeline.runs.append(self.current)
            self.times.enter_slot(now, self.current.started_s, 0.0, 0.0, paused=self.state is State.PAUSED)
        if announce_session:
            self._emit(CueKind.SESSION_STARTED, now, speaker=self._speaker())
        if phase_started:
            self._emit(CueKind.PHASE_STARTED, now, speaker=self._speaker())
        if coach is not None:
            name = self.roster.name_of
            self._emit(
                CueKind.TURN_STARTED, now, speaker=name(coach), previous=name(previous) if previous else ""
            )
        self.tick()  # a nudge at minute 0 is due at once

    def _interrupted_run(self, phase: str, coach: str | None) -> SlotRun | None:
        for run in reversed(self.timeline.runs):
            if run.phase == phase and run.coach == coach and run.outcome is Outcome.INTERRUPTED:
                return run
        return None

    def _return_to(self, run: SlotRun, now: float) -> None:
        """Makes ``run`` current again, with the time it had left; the time away is not its own."""
        assert run.ended_s is not None
        run.away_s += self.times.since_start(now) - run.ended_s
        run.ended_s = None
        run.outcome = Outcome.RUNNING
        run.interruptions += 1
        self.current = run
        self.times.enter_slot(now, run.started_s, run.paused_s, run.away_s, paused=self.state is State.PAUSED)

    def _close_run(self, now: float, outcome: Outcome) -> None:
        run = self.current
        if run is None or run.ended_s is not None:
            return
        run.ended_s = self.times.since_start(now)
        run.paused_s = self.times.paused_until(now)
        run.away_s = self.times.away
        run.outcome = outcome

    def _advance(self, now: float) -> None:
        if self.queue is not None and self.queue.call_next() is not None:
            self._start_slot(now)
            return
        if self.phase_index + 1 < len(self.format.phases):
            self._enter_phase(self.phase_index + 1, now)
        else:
            self._finish(now)

    def _finish(self, now: float) -> None:
        self._move(State.FINISHED)
        self.times.paused = self.times.paused_until(now)
        self.times.pause_origin = None
        self.times.ended_at = now
        if self.current is not None:
            self._emit(CueKind.SESSION_ENDED, now, speaker=self.current.speaker)
