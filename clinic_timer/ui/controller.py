"""The one adapter between the pure-Python session and the widgets.

Widgets never touch :class:`~clinic_timer.core.session.Session`: they call
the controller's intent methods and render what its signals carry. The
controller makes the :class:`~clinic_timer.core.clinic.Clinic` in progress
(on set-up and on :meth:`SessionController.resume`) and announces each new
one with ``clinic_changed``; the notes panel, the notes keeper and the voice
observe it, and its session stays the controller's own. The
controller owns the only timer. The timer does not count anything: it asks
the session for ``deadline - now`` and is re-armed to fire just after the
next whole second of the countdown, so the shown second changes within a
few milliseconds of the true one while the app wakes only about once a second.
"""

from __future__ import annotations

import logging
import math
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from clinic_timer.core.clinic import Clinic
from clinic_timer.core.cues import Cue, CueKind
from clinic_timer.core.nudges import FacilitatorNudge, NudgeBoard, ShownNudge
from clinic_timer.core.placement import speaking_order
from clinic_timer.core.session import Session, SessionError, SessionView, State

if TYPE_CHECKING:
    from collections.abc import Callable

    from clinic_timer.core.clock import Clock
    from clinic_timer.core.formats import Format
    from clinic_timer.core.notes import Notebook
    from clinic_timer.core.record import SessionRecord
    from clinic_timer.core.roster import Roster
    from clinic_timer.core.turns import Turn

log = logging.getLogger(__name__)

MAX_REFRESH_MS = 1000  # intents refresh at once; the timer only has to follow the clock
MIN_REFRESH_MS = 15
BOUNDARY_SLACK_S = 0.004  # fire just after the second turns, never just before
NO_CLINIC = "Set up a clinic first."
CLINIC_COMPLETE = "The clinic is complete. To run another, choose “Set up a new clinic”."
NUDGES_WHILE_RUNNING = "Nudges are for a running clinic."


def as_sentence(text: str) -> str:
    """``text`` as one sentence for the status line: a capital first and exactly one full stop.

    Messages come from several places (the core's errors are lower-case
    phrases, the controller's own are sentences); composing them here, once,
    is what keeps "Set up a clinic first.." off the screen.
    """
    text = text.strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."


def seconds_to_next_change(remaining: float) -> float:
    """Seconds until the shown countdown changes.

    Time left is shown rounded up (0:01 until it reaches zero); overtime is
    shown rounded down (+0:00 until a whole second is over).
    """
    if remaining > 0:
        return remaining - math.ceil(remaining) + 1 if remaining != math.ceil(remaining) else 1.0
    over = -remaining
    return math.floor(over) + 1 - over


@dataclass(frozen=True)
class PhasePlan:
    """A phase as the phase list shows it (and as notes are placed under it)."""

    name: str
    minutes: float
    per_coach: bool = False


@dataclass(frozen=True)
class CoachEntry:
    """A coach as the roster list shows it.

    Attributes:
        turn: in a per-coach phase, where their turn stands; None outside
            such a phase, and for a coach marked absent.
        id: their person id, which commands take (two coaches may share a name).
    """

    name: str
    absent: bool
    turn: Turn | None = None
    id: str = ""


def _weakly(method: Callable[[Cue], None]) -> Callable[[Cue], None]:
    """``method``, called through a weak reference, so the session does not keep its controller alive.

    The controller holds its session; a session holding the controller back
    made the pair a reference cycle, freed only by Python's cycle collector,
    which runs in whatever thread is allocating at the time. Freed in the
    autosave thread, the controller's QTimer was deleted from the wrong
    thread, stayed registered, and later fired on freed memory.
    """
    ref = weakref.WeakMethod(method)

    def forward(cue: Cue) -> None:
        live = ref()
        if live is not None:
            live(cue)

    return forward


class SessionController(QObject):
    """Runs one clinic at a time for every window.

    Args:
        clock: the monotonic clock (a fake one in tests, a scaled one in ``--demo``).
    """

    session_changed = Signal()  # a new session was set up (format or roster changed), or resumed
    clinic_changed = Signal(object)  # a new Clinic is in progress: observers take its notebook and record
    view_changed = Signal(object)  # a SessionView: repaint with it
    cue_fired = Signal(object)  # a Cue, in order, exactly once each
    nudge_changed = Signal(object)  # the ShownNudge on screen, or None
    refused = Signal(str)  # a command that does not apply now: one whole sentence for the status line

    def __init__(self, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self._clinic: Clinic | None = None
        self._unset_notes: Notebook | None = (
            None  # typed before the first set-up: the first clinic takes them
        )
        self._rotation = 0
        self.warning_minutes: float | None = None  # the facilitator's own threshold, for every session
        self.nudges = NudgeBoard()
        self._shown_nudge: ShownNudge | None = None
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)

    @property
    def clinic(self) -> Clinic | None:
        """The clinic in progress, for its observers (the notes, the keeper); None before a set-up."""
        return self._clinic

    @property
    def notebook(self) -> Notebook:
        """The notes of the clinic in progress (or, before the first set-up, of the one to come)."""
        if self._clinic is not None:
            return self._clinic.notebook
        if self._unset_notes is None:
            from clinic_timer.core.notes import Notebook  # with the notes panel, after the console shows

            self._unset_notes = Notebook()
        return self._unset_notes

    @property
    def _session(self) -> Session | None:
        return self._clinic.session if self._clinic is not None else None

    # -- set-up --------------------------------------------------------------

    def set_rotation(self, rotation: int) -> None:
        """Picks the nudge lines of the next clinics set up, so a weekly crew reads new ones."""
        self._rotation = rotation

    def setup(
        self, fmt: Format, roster: Roster, *, crew_id: str | None = None, week: int | None = None
    ) -> None:
        """Prepares a new session (not started); raises RosterError if the roster does not fit.

        Before the start this is the same clinic with another set-up: its notes
        stay. Once a clinic has run, a set-up starts a new clinic.

        Args:
            fmt: the format to run.
            roster: who takes part.
            crew_id: the crew the clinic is a meeting of, if any.
            week: which of the crew's meetings it is, if any.
        """
        session = Session(fmt, roster, self.clock, rotation=self._rotation)
        clinic = self._clinic
        if clinic is not None and not clinic.started:
            clinic.set_up_again(session)
            clinic.crew_id, clinic.week = crew_id, week
            self._take(session, None)
        else:
            notes = self._unset_notes if clinic is None else None
            self._take(session, Clinic(session, notes, crew_id=crew_id, week=week))

    def resume(self, record: SessionRecord, fmt: Format) -> Clinic:
        """Carries on with an interrupted clinic, paused where it stopped, its notes and record id kept.

        Raises:
            SessionError: the record kept no state, or it does not fit ``fmt``.
            RosterError: its roster does not fit ``fmt``.
        """
        clinic = Clinic.resumed(record, fmt, self.clock)
        self._take(clinic.session, clinic)
        return clinic

    def _take(self, session: Session, clinic: Clinic | None) -> None:
        if clinic is not None:
            self._clinic = clinic
        if self.warning_minutes is not None:
            session.warning_override_s = self.warning_minutes * 60
        session.subscribe(_weakly(self._on_session_cue))
        self.nudges.clear()
        if clinic is not None:
            self.clinic_changed.emit(clinic)
        self.session_changed.emit()
        self.refresh()

    # -- intents ---------------------------------------------------------------

    def toggle_pause(self) -> None:
        """Start, pause or resume."""
        self._do(lambda s: s.toggle_pause())

    def next(self) -> None:
        """On to the next turn or phase."""
        self._do(lambda s: s.next())

    def previous(self) -> None:
        """Back to the previous turn or phase."""
        self._do(lambda s: s.previous())

    def add_minute(self) -> None:
        """One more minute for this phase or turn."""
        self._do(lambda s: s.add_time(60))

    def remove_minute(self) -> None:
        """One minute less for this phase or turn."""
        self._do(lambda s: s.add_time(-60))

    def pass_turn(self) -> None:
        """The speaking coach passes for now and comes back later."""
        self._do(lambda s: s.pass_turn())

    def set_absent(self, coach: str, absent: bool) -> None:
        """Marks a coach (by person id) absent or present."""
        self._do(lambda s: s.set_absent(coach, absent))

    def bring_back(self, coach: str) -> None:
        """Makes a coach (by person id) the next to speak."""
        self._do(lambda s: s.bring_back(coach))

    def end(self) -> None:
        """Ends the session now."""
        self._do(lambda s: s.end())

    def give_nudge(self, nudge: FacilitatorNudge) -> None:
        """Shows one of the facilitator's nudges to the group, while a clinic runs.

        A command of the session like any other: it is logged on the timeline
        (so the record and the facilitator's export have it) and comes back as
        a cue, which puts it on screen and in the voice.
        """
        session = self._session
        if session is None or session.state not in (State.RUNNING, State.PAUSED):
            self.refused.emit(CLINIC_COMPLETE if self._finished() else NUDGES_WHILE_RUNNING)
            return
        self._do(lambda s: s.nudge(nudge))

    def set_warning_minutes(self, minutes: float | None) -> None:
        """The facilitator's own warning threshold for every phase, or None for the format's."""
        self.warning_minutes = minutes
        if self._session is not None:
            self._session.warning_override_s = None if minutes is None else minutes * 60
            self.refresh()

    def prompt_context(self) -> tuple[Format, str] | None:
        """The format and case bringer the spoken prompts are filled from."""
        session = self._session
        if session is None:
            return None
        return session.format, session.roster.lead.name

    # -- reading (for widgets: read-only copies, never the session itself) -----

    def phase_plan(self) -> list[PhasePlan]:
        """Each phase's name and planned minutes with the coaches present."""
        session = self._session
        if session is None:
            return []
        present = len(session.present_coaches())
        return [
            PhasePlan(p.name, p.planned_seconds(present) / 60, p.per_coach) for p in session.format.phases
        ]

    def speaking_order(self) -> dict[str, list[str]]:
        """Each per-coach phase's coaches in the order they have spoken so far (notes are placed by it)."""
        return speaking_order(self._session.timeline.runs) if self._session is not None else {}

    def coaches(self) -> list[CoachEntry]:
        """The coaches in speaking order, with who is absent."""
        session = self._session
        if session is None:
            return []
        queue = session.queue if session.state in (State.RUNNING, State.PAUSED) else None

        def turn(name: str) -> Turn | None:
            return None if queue is None or name in session.absent else queue.turn_of(name)

        name = session.roster.name_of
        return [CoachEntry(name(c), c in session.absent, turn(c), c) for c in session.order]

    def name_of(self, person_id: str) -> str:
        """The name someone on this clinic's roster goes by; an unknown id is shown as it is."""
        session = self._session
        return session.roster.name_of(person_id) if session is not None else person_id

    def shown_nudge(self) -> ShownNudge | None:
        """The nudge on screen now, for a window opened after it appeared."""
        return self._shown_nudge

    def view(self) -> SessionView | None:
        """The current view, or None before any session is set up."""
        session = self._session
        return session.view(self.clock.now()) if session is not None else None

    # -- the clock -------------------------------------------------------------

    def refresh(self) -> None:
        """Turns due time into cues, publishes the view, and re-arms the timer."""
        session = self._session
        if session is None:
            return
        session.tick()
        now = self.clock.now()
        view = session.view(now)
        # A complete clinic shows no nudge: the last one given must not linger on the share view.
        shown = None if view.state is State.FINISHED else self.nudges.current(now, view.slot)
        if shown != self._shown_nudge:
            self._shown_nudge = shown
            self.nudge_changed.emit(shown)
        self.view_changed.emit(view)
        self._arm(view)

    def _arm(self, view: SessionView) -> None:
        if view.state is not State.RUNNING:
            self._timer.stop()
            if view.state is State.PAUSED or self._shown_nudge is not None:
                self._timer.start(1000)  # keep the paused clock's elapsed total and nudges fresh
            return
        to_boundary = seconds_to_next_change(view.remaining_s)
        wait = (to_boundary + BOUNDARY_SLACK_S) / self.clock.speed
        self._timer.start(int(min(max(wait * 1000, MIN_REFRESH_MS), MAX_REFRESH_MS)))

    # -- slots -----------------------------------------------------------------

    def _on_timer_timeout(self) -> None:
        self.refresh()

    def _on_session_cue(self, cue: Cue) -> None:
        if cue.kind is CueKind.NUDGE:  # the facilitator's outlives a turn change; the format's does not
            self.nudges.show(cue.text, cue.nudge_kind, self.clock.now(), None if cue.given else cue.slot)
        self.cue_fired.emit(cue)

    def _do(self, command: Callable[[Session], object]) -> None:
        session = self._session
        if session is None:
            self.refused.emit(NO_CLINIC)
            return
        if self._finished():  # every command after the end gets the same plain answer
            self.refused.emit(CLINIC_COMPLETE)
            return
        try:
            command(session)
        except SessionError as error:
            self.refused.emit(as_sentence(f"Not now: {error}"))
            return
        self.refresh()

    def _finished(self) -> bool:
        session = self._session
        return session is not None and session.state is State.FINISHED
