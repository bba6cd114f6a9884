"""The session: one clinic run on a clock, as an explicit state machine.

The session never counts ticks. It keeps the clock reading at which the
current phase or turn started and how long it has been paused
(:mod:`~clinic_timer.core.timekeeping`); everything else (remaining time,
overtime, which cues are due) is derived from ``clock.now()`` whenever
someone asks. ``tick()`` only turns the passing of time into cues, each
exactly once (:mod:`~clinic_timer.core.schedule`).

This module holds the facilitator's commands. Beneath them,
:mod:`~clinic_timer.core.slots` moves between phases and turns; what a
window sees is projected in :mod:`~clinic_timer.core.projection`; the
crash-recovery snapshot lives in :mod:`~clinic_timer.core.resume`.

Each phase or turn is one slot, kept for the session's life. Back returns
to the slot that was current before this one, with the time it had left,
and the slot left by Back is marked interrupted: Next comes back to it,
again with its time left. A stray Next is undone by Back without a second
run with a fresh plan in the record.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

from clinic_timer.core import resume
from clinic_timer.core.cues import CueKind
from clinic_timer.core.projection import EVERYONE, TIME_UP_GRACE_S
from clinic_timer.core.resume import SNAPSHOT_VERSION
from clinic_timer.core.schedule import MINUTE
from clinic_timer.core.slots import SlotSequence
from clinic_timer.core.states import InvalidTransition, SessionError, SessionView, State, Status
from clinic_timer.core.timeline import Adjustment, Change, Outcome
from clinic_timer.core.turns import TurnQueue

if TYPE_CHECKING:
    from clinic_timer.core.clock import Clock
    from clinic_timer.core.formats import Format
    from clinic_timer.core.nudges import FacilitatorNudge
    from clinic_timer.core.roster import Roster

NOTHING_BEFORE = "There is nothing before this to go back to."

__all__ = [
    "EVERYONE",
    "MINUTE",
    "SNAPSHOT_VERSION",
    "TIME_UP_GRACE_S",
    "InvalidTransition",
    "Session",
    "SessionError",
    "SessionView",
    "State",
    "Status",
]


class Session(SlotSequence):
    """One clinic: a format, a roster and a clock, and the facilitator's commands.

    Args:
        fmt: the clinic's format.
        roster: who takes part; must fit the format.
        clock: the monotonic clock everything is measured on.
        rotation: picks nudge variants, so a weekly crew reads new lines.
    """

    # -- commands ------------------------------------------------------------

    def start(self) -> None:
        """Starts the first phase."""
        now = self.clock.now()
        self._move(State.RUNNING)
        self.times.origin = now
        self._enter_phase(0, now, announce_session=True)

    def pause(self) -> None:
        """Stops the clock for the current phase or turn; no cue fires while paused."""
        now = self.clock.now()
        self.tick()
        self._move(State.PAUSED)
        self.times.pause_origin = now
        self._adjust(now, Change.PAUSE)
        self._emit(CueKind.PAUSED, now, speaker=self._speaker())

    def resume(self) -> None:
        """Restarts the clock exactly where it stopped."""
        now = self.clock.now()
        if self.state is not State.PAUSED or self.times.pause_origin is None:
            raise InvalidTransition(self.state, State.RUNNING)
        self._move(State.RUNNING)
        self.times.paused = self.times.paused_until(now)
        self.times.pause_origin = None
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
        self._remember_current()
        if self.queue is not None and self.queue.current is not None:
            self.queue.finish_current()
        self._close_run(now, Outcome.COMPLETED)
        self._advance(now)

    def previous(self) -> None:
        """Goes back to the phase or turn before this one, which carries on with the time it had left.

        The slot left is marked interrupted; Next returns to it, with its
        own time left. Coaches marked absent since are passed over.

        Raises:
            SessionError: this is the first slot, or the session is not running.
        """
        now = self._running_now()
        while self.trail and self._absent_in(self.trail[-1]):
            self.trail.pop()
        if not self.trail:
            raise SessionError(NOTHING_BEFORE)
        self.tick()
        self._adjust(now, Change.PREVIOUS)
        self._close_run(now, Outcome.INTERRUPTED)
        visit = self.trail.pop()
        self.phase_index = visit.phase_index
        self.queue = TurnQueue.from_dict(visit.queue) if visit.queue is not None else None
        if self.queue is not None:
            self.queue.reconcile(self.present_coaches())
        run = next(r for r in self.timeline.runs if r.slot == visit.slot)
        self._return_to(run, now)
        self._emit(CueKind.SLOT_RESUMED, now, speaker=run.speaker)
        self.tick()

    def add_time(self, seconds: float = MINUTE) -> None:
        """Lengthens (or, with a negative value, shortens) the current phase or turn.

        Shortening stops at zero left of the plan; it never hides overtime.
        """
        now = self._running_now()
        self.tick()
        assert self.current is not None
        delta = max(seconds, -self.slot_seconds())
        if delta == 0:
            raise SessionError("there is no planned time left to take off")
        self.current.adjusted_s += delta
        change = Change.ADD_TIME if delta >= 0 else Change.REMOVE_TIME
        self._adjust(now, change, delta_s=delta)
        slot_s = self.slot_seconds()
        remaining = slot_s - self.slot_elapsed(now)
        self.schedule.rearm(self.current.slot, remaining_s=remaining, warning_s=self.warning_s(slot_s))
        self.tick()

    def pass_turn(self) -> None:
        """The current coach passes for now; they are called again before the phase ends."""
        now = self._coach_turn_now()
        assert self.queue is not None
        self.tick()
        self._adjust(now, Change.PASS)
        self._remember_current()
        self.queue.pass_current()
        self._close_run(now, Outcome.PASSED)
        self._advance(now)

    def set_absent(self, coach: str, absent: bool = True) -> None:
        """Marks a coach (by person id) absent (no more turns) or present again; the current turn moves on."""
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
        """Makes ``coach`` (a person id; who passed, or already spoke) the next to speak in this phase."""
        self._coach_turn_now()
        assert self.queue is not None
        if coach in self.absent or coach not in self.order:
            raise SessionError(f"{coach!r} is not present in this clinic")
        if coach == self.queue.current:
            return
        self.queue.bring_back(coach)
        self._adjust(self.clock.now(), Change.BRING_BACK, detail=self.roster.name_of(coach))

    def reorder(self, order: list[str]) -> None:
        """Sets the coaches' speaking order (their person ids); turns already taken stay taken."""
        self._set_order(order, Change.REORDER)

    def shuffle(self, rng: random.Random | None = None) -> None:
        """Puts the coaches in a random speaking order."""
        order = list(self.order)
        (rng or random.Random()).shuffle(order)
        self._set_order(order, Change.SHUFFLE)

    def nudge(self, nudge: FacilitatorNudge) -> str:
        """Gives one of the facilitator's nudges: logged like an adjustment, announced as a cue.

        Its wording rotates with each use (and with the crew's week, through
        ``rotation``); the uses are counted from the timeline, so a resumed
        clinic carries on with the next line.

        Returns:
            The line given.
        """
        now = self._running_now()
        self.tick()
        uses = sum(
            1 for a in self.timeline.adjustments if a.change is Change.NUDGE and a.detail in nudge.texts
        )
        text = nudge.text_for(self.rotation + uses)
        self._adjust(now, Change.NUDGE, detail=text)
        assert self.current is not None
        self._emit(
            CueKind.NUDGE,
            now,
            speaker=self.current.speaker,
            text=text,
            nudge_kind=nudge.kind,
            spoken=True,
            given=True,
        )
        return text

    def end(self) -> None:
        """Ends the session now; before the last slot's time is up, that is an early end, and logged so."""
        now = self.clock.now()
        if self.state is State.READY:
            self.times.origin = self.times.ended_at = now  # a clinic ended before it began lasted nothing
            self._move(State.FINISHED)
            return
        self.tick()
        last = self.phase_index == len(self.format.phases) - 1 and (
            self.queue is None or not self.queue.peek()
        )
        left = self.remaining(now) if self.current is not None else 0.0
        if not last or left > 0:
            self._adjust(now, Change.END_EARLY, delta_s=-max(left, 0.0))
        self._close_run(now, Outcome.COMPLETED if last and left <= 0 else Outcome.ENDED_EARLY)
        self._finish(now)

    # -- crash recovery ----------------------------------------------------------

    def snapshot(self) -> dict[str, Any]:
        """Everything needed to carry on after a crash, JSON-friendly (see :mod:`~clinic_timer.core.resume`)."""
        return resume.snapshot_of(self)

    @classmethod
    def restore(cls, fmt: Format, roster: Roster, clock: Clock, data: dict[str, Any]) -> Session:
        """A session rebuilt from :meth:`snapshot`, paused where it was.

        Raises:
            SessionError: the snapshot does not fit the format (it was edited since, say).
        """
        try:
            rotation = int(data.get("rotation", 0))
        except (TypeError, ValueError) as error:
            raise SessionError(f"the saved session cannot be read ({error})") from None
        return resume.restore_session(cls(fmt, roster, clock, rotation=rotation), fmt, roster, clock, data)

    # -- internals -------------------------------------------------------------

    def _running_now(self) -> float:
        if self.state not in (State.RUNNING, State.PAUSED):
            raise SessionError(f"the session is {self.state.value}")
        return self.clock.now()

    def _coach_turn_now(self) -> float:
        now = self._running_now()
        if self.queue is None or self.queue.current is None:
            raise SessionError(f"{self.phase.name} has no coach turns")
        return now

    def _set_order(self, order: list[str], change: Change) -> None:
        if sorted(order) != sorted(self.order):
            raise SessionError("a new order must name exactly the same coaches")
        self.order = list(order)
        if self.queue is not None:
            self.queue.reorder(self.order)
        if self.state is not State.READY:
            self._adjust(self.clock.now(), change, detail=", ".join(self.roster.name_of(c) for c in order))

    def _adjust(self, now: float, change: Change, delta_s: float = 0.0, detail: str = "") -> None:
        self.timeline.adjustments.append(
            Adjustment(
                at_s=self.times.since_start(now),
                change=change,
                phase=self.phase.name,
                coach=self.queue.current if self.queue else None,
                delta_s=delta_s,
                detail=detail,
            )
        )
