"""The session: one clinic run on a clock, as an explicit state machine.

The session never counts ticks. It keeps the clock reading at which the
current phase or turn started and how long it has been paused; everything
else (remaining time, overtime, which cues are due) is derived from
``clock.now()`` whenever someone asks. ``tick()`` only turns the passing of
time into cues, each exactly once.
"""

from __future__ import annotations

import math
import random
from typing import TYPE_CHECKING, Any

from clinic_timer.core.cues import Cue, CueKind
from clinic_timer.core.formats import Floor, Format, Phase
from clinic_timer.core.record import Adjustment, Change, Outcome, SlotRun, Timeline
from clinic_timer.core.states import _TRANSITIONS, InvalidTransition, SessionError, SessionView, State, Status
from clinic_timer.core.turns import TurnQueue

if TYPE_CHECKING:
    from collections.abc import Callable

    from clinic_timer.core.clock import Clock
    from clinic_timer.core.roster import Roster

EVERYONE = "Everyone"
TIME_UP_GRACE_S = 15.0  # "time up" shows this long before it reads as overtime
MINUTE = 60.0
SNAPSHOT_VERSION = 1

__all__ = ["InvalidTransition", "Session", "SessionError", "SessionView", "State", "Status"]


class Session:
    """One clinic: a format, a roster and a clock.

    Args:
        fmt: the clinic's format.
        roster: who takes part; must fit the format.
        clock: the monotonic clock everything is measured on.
        rotation: picks nudge variants, so a weekly crew reads new lines.
    """

    def __init__(self, fmt: Format, roster: Roster, clock: Clock, rotation: int = 0) -> None:
        roster.check_fits(fmt)
        self.format = fmt
        self.roster = roster
        self.clock = clock
        self.rotation = rotation
        self.warning_override_s: float | None = None  # the facilitator's own threshold, if set
        self.state = State.READY
        self.order: list[str] = list(roster.coaches)
        self.absent: set[str] = set()
        self.timeline = Timeline()
        self.phase_index = 0
        self.queue: TurnQueue | None = None
        self.current: SlotRun | None = None
        self._origin = 0.0  # clock reading at start
        self._slot_origin = 0.0  # clock reading when the current slot started
        self._paused_total = 0.0  # paused seconds in the current slot
        self._pause_origin: float | None = None
        self._ended_at: float | None = None  # clock reading when the session finished
        self._fired: set[str] = set()
        self._next_slot = 1
        self._listeners: list[Callable[[Cue], None]] = []

    # -- listening ---------------------------------------------------------

    def subscribe(self, listener: Callable[[Cue], None]) -> None:
        """Calls ``listener`` with every cue, in order, as it fires."""
        self._listeners.append(listener)

    def _emit(self, kind: CueKind, now: float, **fields: Any) -> None:
        assert self.current is not None
        cue = Cue(
            kind=kind, at_s=now - self._origin, slot=self.current.slot, phase=self.current.phase, **fields
        )
        for listener in list(self._listeners):
            listener(cue)

    # -- reading -----------------------------------------------------------

    @property
    def phase(self) -> Phase:
        """The current phase."""
        return self.format.phases[self.phase_index]

    def present_coaches(self) -> list[str]:
        """Coaches in speaking order, without those marked absent."""
        return [c for c in self.order if c not in self.absent]

    def slot_elapsed(self, now: float) -> float:
        """Seconds the current phase or turn has run, pauses excluded."""
        if self.current is None:
            return 0.0
        if self._ended_at is not None:
            now = self._ended_at  # a finished session's clock stands still
        paused = self._paused_total
        if self._pause_origin is not None:
            paused += now - self._pause_origin
        return now - self._slot_origin - paused

    def remaining(self, now: float) -> float:
        """Seconds left in the current phase or turn; negative in overtime."""
        if self.current is None:
            return self._first_slot_seconds()
        return self._slot_seconds() - self.slot_elapsed(now)

    def elapsed(self, now: float) -> float:
        """Seconds since the session started, pauses included."""
        if self.state is State.READY:
            return 0.0
        if self._ended_at is not None:
            return self._ended_at - self._origin
        return now - self._origin

    def view(self, now: float) -> SessionView:
        """A snapshot of everything a window shows."""
        remaining = self.remaining(now)
        slot_s = self._slot_seconds() if self.current else self._first_slot_seconds()
        turn_number = turn_count = 0
        if self.phase.per_coach and self.queue is not None:
            turn_number = len(self.queue.done) + (1 if self.queue.current else 0)
            turn_count = turn_number + len(self.queue.upcoming) + len(self.queue.passed)
        elapsed = self.elapsed(now)
        planned_total = self.format.planned_seconds(len(self.present_coaches()))
        return SessionView(
            state=self.state,
            status=self._status(remaining, slot_s),
            phase_index=self.phase_index,
            phase=self.phase,
            speaker=self.current.speaker
            if self.current
            else self._speaker_for(self.phase, self._first_coach()),
            next_speaker=self._next_speaker(),
            remaining_s=remaining,
            slot_s=slot_s,
            elapsed_s=elapsed,
            planned_total_s=planned_total,
            projected_total_s=elapsed + max(remaining, 0.0) + self._planned_after_current(),
            turn_number=turn_number,
            turn_count=turn_count,
            phase_count=len(self.format.phases),
            slot=self.current.slot if self.current else 0,
        )

    def _status(self, remaining: float, slot_s: float) -> Status:
        if remaining <= -TIME_UP_GRACE_S:
            return Status.OVERTIME
        if remaining <= 0:
            return Status.TIME_UP
        if remaining <= self._warning_s(slot_s):
            return Status.WARNING
        return Status.CALM

    # -- commands ------------------------------------------------------------

    def start(self) -> None:
        """Starts the first phase."""
        now = self.clock.now()
        self._move(State.RUNNING)
        self._origin = now
        self._enter_phase(0, now, announce_session=True)

    def pause(self) -> None:
        """Stops the clock for the current phase or turn; no cue fires while paused."""
        now = self.clock.now()
        self.tick()
        self._move(State.PAUSED)
        self._pause_origin = now
        self._adjust(now, Change.PAUSE)
        self._emit(CueKind.PAUSED, now, speaker=self._speaker())

    def resume(self) -> None:
        """Restarts the clock exactly where it stopped."""
        now = self.clock.now()
        if self.state is not State.PAUSED or self._pause_origin is None:
            raise InvalidTransition(self.state, State.RUNNING)
        self._move(State.RUNNING)
        self._paused_total += now - self._pause_origin
        self._pause_origin = None
        self._adjust(now, Change.RESUME)
        self._emit(CueKind.RESUMED, now, speaker=self._speaker())

    def toggle_pause(self) -> None:
        """Pause when running, resume when paused, start when ready."""
        if self.state is State.READY:
            self.start()
        elif self.state is State.RUNNING:
            self.pause()
        elif self.state is State.PAUSED:
            self.resume()
        else:
            raise InvalidTransition(self.state, State.RUNNING)

    def next(self) -> None:
        """Ends the current phase or turn and starts the next; after the last, the session ends."""
        now = self._running_now()
        self.tick()
        self._adjust(now, Change.NEXT)
        if self.queue is not None and self.queue.current is not None:
            self.queue.finish_current()
        self._close_run(now, Outcome.COMPLETED)
        self._advance(now)

    def previous(self) -> None:
        """Goes back one turn or phase and runs it again from its full time."""
        now = self._running_now()
        self.tick()
        self._adjust(now, Change.PREVIOUS)
        self._close_run(now, Outcome.REVISITED)
        if self.queue is not None and self.queue.done:
            self.queue.reopen_last()
            self._start_slot(now)
            return
        if self.phase_index == 0:
            self._enter_phase(0, now)  # the phase starts again, with a fresh queue
            return
        self._enter_phase(self.phase_index - 1, now, from_end=True)

    def add_time(self, seconds: float = MINUTE) -> None:
        """Lengthens (or, with a negative value, shortens) the current phase or turn.

        Shortening stops at zero left of the plan; it never hides overtime.
        """
        now = self._running_now()
        self.tick()
        assert self.current is not None
        delta = max(seconds, -self._slot_seconds())
        if delta == 0:
            raise SessionError("there is no planned time left to take off")
        self.current.adjusted_s += delta
        change = Change.ADD_TIME if delta >= 0 else Change.REMOVE_TIME
        self._adjust(now, change, delta_s=delta)
        self._rearm(now)

    def pass_turn(self) -> None:
        """The current coach passes for now; they are called again before the phase ends."""
        now = self._coach_turn_now()
        assert self.queue is not None
        self.tick()
        self._adjust(now, Change.PASS)
        self.queue.pass_current()
        self._close_run(now, Outcome.PASSED)
        self._advance(now)

    def set_absent(self, coach: str, absent: bool = True) -> None:
        """Marks a coach absent (no more turns) or present again; the current turn moves on."""
        if coach not in self.order:
            raise SessionError(f"{coach!r} is not a coach in this clinic")
        if absent == (coach in self.absent):
            return
        now = self.clock.now()
        if absent:
            if len(self.present_coaches()) <= 1 and self.state is State.READY:
                raise SessionError("at least one coach must be present")
            self.absent.add(coach)
        else:
            self.absent.discard(coach)
        if self.state in (State.READY, State.FINISHED):
            return
        self.tick()
        self._adjust(now, Change.ABSENT if absent else Change.PRESENT)
        if self.queue is None:
            return
        if not absent:
            if coach not in self.queue.done and coach != self.queue.current:
                self.queue.upcoming.append(coach)
                self.queue.reorder(self.order)
            return
        speaking = self.queue.current == coach
        self.queue.drop(coach)
        if speaking:
            self._close_run(now, Outcome.ABSENT)
            self._advance(now)

    def bring_back(self, coach: str) -> None:
        """Makes ``coach`` (who passed, or already spoke) the next to speak in this phase."""
        self._coach_turn_now()
        assert self.queue is not None
        if coach in self.absent or coach not in self.order:
            raise SessionError(f"{coach!r} is not present in this clinic")
        if coach == self.queue.current:
            return
        self.queue.bring_back(coach)
        self._adjust(self.clock.now(), Change.BRING_BACK, detail=coach)

    def reorder(self, order: list[str]) -> None:
        """Sets the coaches' speaking order; turns already taken stay taken."""
        self._set_order(order, Change.REORDER)

    def _set_order(self, order: list[str], change: Change) -> None:
        if sorted(order) != sorted(self.order):
            raise SessionError("a new order must name exactly the same coaches")
        self.order = list(order)
        if self.queue is not None:
            self.queue.reorder(self.order)
        if self.state is not State.READY:
            self._adjust(self.clock.now(), change, detail=", ".join(order))

    def shuffle(self, rng: random.Random | None = None) -> None:
        """Puts the coaches in a random speaking order."""
        order = list(self.order)
        (rng or random.Random()).shuffle(order)
        self._set_order(order, Change.SHUFFLE)

    def end(self) -> None:
        """Ends the session now, early or not."""
        now = self.clock.now()
        if self.state is State.READY:
            self._origin = self._ended_at = now  # a clinic ended before it began lasted nothing
            self._move(State.FINISHED)
            return
        self.tick()
        last = self.phase_index == len(self.format.phases) - 1 and (
            self.queue is None or not self.queue.peek()
        )
        if not last:
            self._adjust(now, Change.END_EARLY)
        self._close_run(now, Outcome.COMPLETED if last else Outcome.ENDED_EARLY)
        self._finish(now)

    def tick(self) -> None:
        """Fires every cue that has come due since the last tick, each exactly once."""
        if self.state is not State.RUNNING or self.current is None:
            return
        now = self.clock.now()
        elapsed = self.slot_elapsed(now)
        for index, nudge in enumerate(self.phase.nudges):
            key = f"nudge{index}"
            if key not in self._fired and elapsed >= nudge.at_s:
                self._fired.add(key)
                self._emit(
                    CueKind.NUDGE,
                    now,
                    speaker=self.current.speaker,
                    text=nudge.text_for(self.rotation + len(self.timeline.runs)),
                    nudge_kind=nudge.kind,
                    spoken=nudge.spoken,
                )
        slot_s = self._slot_seconds()
        remaining = slot_s - elapsed
        warning_s = self._warning_s(slot_s)
        if "warning" not in self._fired and warning_s > 0 and remaining <= warning_s:
            self._fired.add("warning")
            self._emit(
                CueKind.WARNING,
                now,
                speaker=self.current.speaker,
                minutes=max(1, math.ceil(min(warning_s, max(remaining, 0)) / MINUTE - 1e-9)),
            )
        if "time_up" not in self._fired and remaining <= 0:
            self._fired.add("time_up")
            self._emit(CueKind.TIME_UP, now, speaker=self.current.speaker)
        over_minutes = math.floor(-remaining / MINUTE) if remaining < 0 else 0
        for minute in range(1, over_minutes + 1):
            key = f"over{minute}"
            if key not in self._fired:
                self._fired.add(key)
                self._emit(CueKind.OVERTIME, now, speaker=self.current.speaker, minutes=minute)

    # -- internals -------------------------------------------------------------

    def _move(self, wanted: State) -> None:
        if wanted not in _TRANSITIONS[self.state]:
            raise InvalidTransition(self.state, wanted)
        self.state = wanted

    def _running_now(self) -> float:
        if self.state not in (State.RUNNING, State.PAUSED):
            raise SessionError(f"the session is {self.state.value}")
        return self.clock.now()

    def _coach_turn_now(self) -> float:
        now = self._running_now()
        if self.queue is None or self.queue.current is None:
            raise SessionError(f"{self.phase.name} has no coach turns")
        return now

    def _adjust(self, now: float, change: Change, delta_s: float = 0.0, detail: str = "") -> None:
        self.timeline.adjustments.append(
            Adjustment(
                at_s=now - self._origin,
                change=change,
                phase=self.phase.name,
                coach=self.queue.current if self.queue else None,
                delta_s=delta_s,
                detail=detail,
            )
        )

    def _warning_s(self, slot_s: float) -> float:
        if self.warning_override_s is not None and self.phase.warning_minutes != 0:
            return min(self.warning_override_s, slot_s / 2)
        return self.phase.warning_seconds(slot_s)

    def _slot_seconds(self) -> float:
        assert self.current is not None
        return self.current.planned_s + self.current.adjusted_s

    def _planned_slot(self, phase: Phase) -> float:
        if phase.per_coach:
            return phase.turn_seconds(len(self.present_coaches()))
        return phase.planned_seconds(0)

    def _first_slot_seconds(self) -> float:
        return self._planned_slot(self.format.phases[0])

    def _first_coach(self) -> str | None:
        present = self.present_coaches()
        return present[0] if present else None

    def _speaker_for(self, phase: Phase, coach: str | None) -> str:
        if phase.floor is Floor.BRINGER:
            return self.roster.bringer
        if phase.floor is Floor.COACHES:
            return coach or ""
        return EVERYONE

    def _speaker(self) -> str:
        return self.current.speaker if self.current else ""

    def _next_speaker(self) -> str | None:
        if self.state is State.FINISHED:
            return None
        if self.current is not None and self.queue is not None and (coach := self.queue.peek()):
            return coach
        start = self.phase_index + 1 if self.current is not None else 0
        for phase in self.format.phases[start:]:
            if phase.per_coach and not self.present_coaches():
                continue
            return self._speaker_for(phase, self._first_coach())
        return None

    def _planned_after_current(self) -> float:
        if self.state is State.FINISHED:
            return 0.0
        present = len(self.present_coaches())
        after = sum(p.planned_seconds(present) for p in self.format.phases[self.phase_index + 1 :])
        if self.current is None:
            return after + self.phase.planned_seconds(present) - self._first_slot_seconds()
        if self.queue is not None:
            after += self.phase.turn_seconds(present) * (len(self.queue.upcoming) + len(self.queue.passed))
        return after

    def _enter_phase(
        self, index: int, now: float, *, announce_session: bool = False, from_end: bool = False
    ) -> None:
        self.phase_index = index
        phase = self.phase
        self.queue = None
        if phase.per_coach:
            present = self.present_coaches()
            self.queue = TurnQueue(upcoming=present)
            spoke = self._coaches_who_spoke(phase.name, present)
            if from_end and spoke:
                self.queue = TurnQueue(upcoming=[], done=spoke[:-1], current=spoke[-1])
            elif self.queue.call_next() is None:
                self._skip_empty_phase(now, announce_session)
                return
        self._start_slot(now, phase_started=True, announce_session=announce_session)

    def _coaches_who_spoke(self, phase: str, present: list[str]) -> list[str]:
        """Present coaches who completed a turn in ``phase``, in the order they last spoke."""
        order: list[str] = []
        for run in self.timeline.runs:
            if run.phase == phase and run.coach in present and run.outcome is Outcome.COMPLETED:
                if run.coach in order:
                    order.remove(run.coach)
                order.append(run.coach)
        return order or present

    def _skip_empty_phase(self, now: float, announce_session: bool) -> None:
        """A per-coach phase with every coach absent is recorded and passed over."""
        self.timeline.runs.append(
            SlotRun(
                slot=self._take_slot(),
                phase=self.phase.name,
                speaker="",
                coach=None,
                planned_s=0.0,
                started_s=now - self._origin,
                ended_s=now - self._origin,
                outcome=Outcome.ABSENT,
            )
        )
        if self.phase_index + 1 < len(self.format.phases):
            self._enter_phase(self.phase_index + 1, now, announce_session=announce_session)
        else:
            self.current = None
            self._finish(now)

    def _take_slot(self) -> int:
        slot = self._next_slot
        self._next_slot += 1
        return slot

    def _start_slot(self, now: float, *, phase_started: bool = False, announce_session: bool = False) -> None:
        phase = self.phase
        coach = self.queue.current if self.queue else None
        previous = self.queue.done[-1] if self.queue and self.queue.done else ""
        self.current = SlotRun(
            slot=self._take_slot(),
            phase=phase.name,
            speaker=self._speaker_for(phase, coach),
            coach=coach,
            planned_s=self._planned_slot(phase),
            started_s=now - self._origin,
        )
        self.timeline.runs.append(self.current)
        self._slot_origin = now
        self._paused_total = 0.0
        self._pause_origin = now if self.state is State.PAUSED else None
        self._fired = set()
        if announce_session:
            self._emit(CueKind.SESSION_STARTED, now, speaker=self.current.speaker)
        if phase_started:
            self._emit(CueKind.PHASE_STARTED, now, speaker=self.current.speaker)
        if coach is not None:
            self._emit(CueKind.TURN_STARTED, now, speaker=coach, previous=previous)
        self.tick()  # a nudge at minute 0 is due at once

    def _close_run(self, now: float, outcome: Outcome) -> None:
        run = self.current
        if run is None or run.ended_s is not None:
            return
        paused = self._paused_total + (now - self._pause_origin if self._pause_origin is not None else 0.0)
        run.ended_s = now - self._origin
        run.paused_s = paused
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
        if self._pause_origin is not None:
            self._paused_total += now - self._pause_origin
        self._pause_origin = None
        self._ended_at = now
        if self.current is not None:
            self._emit(CueKind.SESSION_ENDED, now, speaker=self.current.speaker)

    def _rearm(self, now: float) -> None:
        """After +/- time, thresholds now in the future may fire again at the new deadline."""
        slot_s = self._slot_seconds()
        remaining = slot_s - self.slot_elapsed(now)
        if remaining > self._warning_s(slot_s):
            self._fired.discard("warning")
        if remaining > 0:
            self._fired.discard("time_up")
        over = math.floor(-remaining / MINUTE) if remaining < 0 else 0
        self._fired = {k for k in self._fired if not k.startswith("over") or int(k[4:]) <= over}
        self.tick()

    # -- crash recovery ----------------------------------------------------------

    def snapshot(self) -> dict[str, Any]:
        """Everything needed to carry on after a crash, JSON-friendly.

        Times are stored as elapsed seconds, never clock readings: a
        monotonic clock starts again from another point after a reboot.
        """
        now = self.clock.now()
        return {
            "version": SNAPSHOT_VERSION,
            "state": self.state.value,
            "rotation": self.rotation,
            "order": list(self.order),
            "absent": sorted(self.absent),
            "phase_index": self.phase_index,
            "queue": self.queue.to_dict() if self.queue else None,
            "current_slot": self.current.slot if self.current else None,
            "slot_elapsed": self.slot_elapsed(now),
            "session_elapsed": self.elapsed(now),
            "fired": sorted(self._fired),
            "next_slot": self._next_slot,
            "timeline": self.timeline.to_dict(),
        }

    @classmethod
    def restore(cls, fmt: Format, roster: Roster, clock: Clock, data: dict[str, Any]) -> Session:
        """A session rebuilt from :meth:`snapshot`, paused where it was.

        Raises:
            SessionError: the snapshot does not fit the format (it was edited since, say).
        """
        if data.get("version") != SNAPSHOT_VERSION:
            raise SessionError(
                f"the saved session is of version {data.get('version')!r}, not {SNAPSHOT_VERSION}"
            )
        session = cls(fmt, roster, clock, rotation=int(data.get("rotation", 0)))
        try:
            session.order = [str(c) for c in data["order"]]
            session.absent = {str(c) for c in data["absent"]}
            session.phase_index = int(data["phase_index"])
            session.timeline = Timeline.from_dict(data["timeline"])
            session.queue = TurnQueue.from_dict(data["queue"]) if data["queue"] else None
            session._next_slot = int(data["next_slot"])
            state = State(data["state"])
            if sorted(session.order) != sorted(roster.coaches) or not 0 <= session.phase_index < len(
                fmt.phases
            ):
                raise SessionError("the saved session does not match its format or roster")
            now = clock.now()
            session._origin = now - float(data["session_elapsed"])
            slot = data["current_slot"]
            session.current = next((r for r in session.timeline.runs if r.slot == slot), None)
            if state is State.READY or session.current is None:
                return session
            session._fired = {str(k) for k in data["fired"]}
            # Time the app was down counts as neither running nor paused: the
            # session clock carries on from where it stopped.
            slot_elapsed = float(data["slot_elapsed"])
            since_slot_start = float(data["session_elapsed"]) - session.current.started_s
            session._paused_total = max(0.0, since_slot_start - slot_elapsed)
            session._slot_origin = now - slot_elapsed - session._paused_total
            session.state = State.FINISHED if state is State.FINISHED else State.PAUSED
            if session.state is State.FINISHED:
                session._ended_at = now
            if session.state is State.PAUSED:
                session._pause_origin = now
        except (KeyError, TypeError, ValueError) as error:
            raise SessionError(f"the saved session cannot be read ({error})") from None
        return session
