"""Keeping one speech worker process alive: starting it, watching it, replacing it, ending it.

The worker (:mod:`clinic_timer.speech.worker`) may take seconds to start,
hang in the middle of a sentence, die, or find no engine at all. The
:class:`WorkerSupervisor` follows it through the state table below, kills it
when it hangs or must be cut off, restarts it after a backoff, gives up after
repeated failures, and turns all of it into the events and the one-line
status a person sees. It speaks one utterance at a time, as it is handed
them; which one, and when, is :mod:`clinic_timer.speech.policy`'s business.

It never waits for the worker: :meth:`WorkerSupervisor.advance` reads what the
worker reported without blocking, and every deadline (a hung utterance, a
worker that never starts, the backoff between restarts) is measured against
the ``now`` passed in, never by counting calls.
"""

from __future__ import annotations

import enum
import math
import multiprocessing
from dataclasses import dataclass
from typing import TYPE_CHECKING

from clinic_timer.speech import protocol
from clinic_timer.speech.engine import choose_voice
from clinic_timer.speech.settings import DEFAULT_RATE
from clinic_timer.speech.worker import WorkerProcess

if TYPE_CHECKING:
    from collections.abc import Sequence

    from clinic_timer.speech.engine import EngineFactory
    from clinic_timer.speech.policy import Utterance
    from clinic_timer.speech.settings import VoiceSettings

__all__ = [
    "DIED",
    "HUNG",
    "SLOW_START",
    "InvalidVoiceTransitionError",
    "SpeechFinished",
    "SpeechStarted",
    "StatusChanged",
    "VoiceEvent",
    "VoiceState",
    "VoicesListed",
    "WorkerSupervisor",
    "hang_deadline_s",
]


class VoiceState(enum.Enum):
    """Where the voice and its worker process are."""

    IDLE = "idle"  # no worker yet: never started, muted, or waiting for retry()
    STARTING = "starting"  # a worker is loading the engine
    READY = "ready"  # the worker waits for something to say
    SPEAKING = "speaking"  # one utterance sent and not yet finished
    RESTARTING = "restarting"  # the worker was killed; another starts after a delay
    UNAVAILABLE = "unavailable"  # no speech until retry(): see the status for why
    SHUT_DOWN = "shut down"  # for good


_TIMED_STATES = frozenset({VoiceState.STARTING, VoiceState.SPEAKING, VoiceState.RESTARTING})
_TRANSITIONS: dict[VoiceState, frozenset[VoiceState]] = {
    VoiceState.IDLE: frozenset({VoiceState.STARTING, VoiceState.SHUT_DOWN}),
    VoiceState.STARTING: frozenset(
        {VoiceState.READY, VoiceState.RESTARTING, VoiceState.UNAVAILABLE, VoiceState.SHUT_DOWN}
    ),
    VoiceState.READY: frozenset(
        {VoiceState.SPEAKING, VoiceState.RESTARTING, VoiceState.UNAVAILABLE, VoiceState.SHUT_DOWN}
    ),
    VoiceState.SPEAKING: frozenset(
        {VoiceState.READY, VoiceState.RESTARTING, VoiceState.UNAVAILABLE, VoiceState.SHUT_DOWN}
    ),
    VoiceState.RESTARTING: frozenset({VoiceState.STARTING, VoiceState.UNAVAILABLE, VoiceState.SHUT_DOWN}),
    VoiceState.UNAVAILABLE: frozenset({VoiceState.IDLE, VoiceState.SHUT_DOWN}),
    VoiceState.SHUT_DOWN: frozenset(),
}


class InvalidVoiceTransitionError(RuntimeError):
    """A move the voice's state table does not allow: a bug in the voice, not in its caller."""


@dataclass(frozen=True)
class SpeechStarted:
    """The worker began speaking ``utterance``."""

    utterance: Utterance


@dataclass(frozen=True)
class SpeechFinished:
    """``utterance`` is over: ``completed`` is False if it was cut off, hung or failed."""

    utterance: Utterance
    completed: bool


@dataclass(frozen=True)
class StatusChanged:
    """The one-line status a person should see changed; an empty message means all is well."""

    state: VoiceState
    message: str


@dataclass(frozen=True)
class VoicesListed:
    """A fresh worker listed the engine's voices (for a settings dialog)."""

    voices: tuple[protocol.VoiceInfo, ...]


VoiceEvent = SpeechStarted | SpeechFinished | StatusChanged | VoicesListed

HUNG = "the voice stopped responding"
DIED = "the voice process ended unexpectedly"
SLOW_START = "the voice took too long to start"


def hang_deadline_s(text: str, rate: int) -> float:
    """How long an utterance may take before the worker counts as hung.

    Generous on purpose: killing a worker that was merely slow costs a restart
    and a lost prompt, while waiting a little longer costs nothing.

    Args:
        text: what is being said.
        rate: words per minute; slower speech gets proportionally longer.
    """
    return 5.0 + 0.15 * len(text) * max(1.0, DEFAULT_RATE / max(rate, 1))


class WorkerSupervisor:
    """Runs the speech worker through its states and reports what happened as events.

    Args:
        engine_factory: the engine the worker makes, as ``"module:attribute"``
            or a picklable callable (tests pass fakes here).
        startup_timeout_s: how long a new worker may take to report ready.
        restart_delays_s: the backoff before each restart after a hang or
            crash; one more failure than there are delays gives up. A
            finished utterance resets the count.
    """

    def __init__(
        self,
        engine_factory: EngineFactory,
        *,
        startup_timeout_s: float,
        restart_delays_s: Sequence[float],
    ) -> None:
        self._factory = engine_factory
        self._startup_timeout_s = startup_timeout_s
        self._restart_delays_s = tuple(restart_delays_s)
        self._context = multiprocessing.get_context("spawn")
        self._state = VoiceState.IDLE
        self._status = ""
        self._worker: WorkerProcess | None = None
        self._dying: list[WorkerProcess] = []
        self._started = 0  # workers started so far: tells one worker's pipe from the next
        self._current: Utterance | None = None
        self._seq = 0
        self._deadline = math.inf
        self._restart_at = -math.inf
        self._failures = 0
        self._voices: tuple[protocol.VoiceInfo, ...] = ()
        self._problem = ""  # the last worker's warning (no aplay), shown while all else is well
        self._events: list[VoiceEvent] = []

    @property
    def state(self) -> VoiceState:
        """Where the worker is now."""
        return self._state

    @property
    def status(self) -> str:
        """The last status reported: empty when speech works, else one line saying why not."""
        return self._status

    @property
    def voices(self) -> tuple[protocol.VoiceInfo, ...]:
        """The engine's voices, once a worker has started."""
        return self._voices

    @property
    def current(self) -> Utterance | None:
        """What is being spoken (or was just sent to the worker)."""
        return self._current

    @property
    def ready(self) -> bool:
        """Whether a worker waits for something to say."""
        return self._state is VoiceState.READY and self._worker is not None

    def needs_time(self, wanted: bool) -> bool:
        """Whether a deadline or a wait runs, so :meth:`advance` must be called on a timer.

        Args:
            wanted: whether speech is on, so that an idle voice starts a worker.
        """
        starting = self._state is VoiceState.IDLE and wanted  # a worker is due
        return self._current is not None or starting or bool(self._dying) or self._state in _TIMED_STATES

    @property
    def report_channel(self) -> tuple[int, int] | None:
        """Which worker runs now, and the descriptor that turns readable when it reports or dies.

        See :attr:`clinic_timer.speech.voice.Voice.report_channel`.
        """
        if self._worker is None:
            return None
        return self._started, self._worker.conn.fileno()

    def drain(self) -> list[VoiceEvent]:
        """The events since the last call, oldest first."""
        events, self._events = self._events, []
        return events

    def advance(self, now: float, *, wanted: bool) -> None:
        """Reaps, starts, reads and checks deadlines up to ``now``, without blocking.

        Args:
            now: monotonic seconds, used for every deadline.
            wanted: whether speech is on; an idle worker starts only then.
        """
        if self._state is VoiceState.SHUT_DOWN:
            return
        self._dying = [w for w in self._dying if not w.reaped()]
        self._start_if_due(now, wanted)
        self._read_reports(now)
        self._check_deadline(now)

    def speak(self, now: float, utterance: Utterance, settings: VoiceSettings) -> None:
        """Sends ``utterance`` to the ready worker, with the voice, rate and volume of ``settings``."""
        if not self.ready:
            raise InvalidVoiceTransitionError(f"voice cannot speak while {self._state}")
        assert self._worker is not None
        self._seq += 1
        request = protocol.SayRequest(
            seq=self._seq,
            text=utterance.text,
            voice=choose_voice(self._voices, settings.voice),
            rate=settings.rate,
            volume=settings.volume,
        )
        self._current = utterance
        self._move(VoiceState.SPEAKING)
        self._deadline = now + hang_deadline_s(utterance.text, settings.rate)
        if not self._worker.send(request):
            self._fail(now, DIED)

    def interrupt(self) -> None:
        """Cuts off the current utterance: the only sure way is to kill the worker."""
        if self._state is not VoiceState.SPEAKING or self._current is None:
            return
        self._events.append(SpeechFinished(self._current, completed=False))
        self._current = None
        self._discard_worker()
        self._move(VoiceState.RESTARTING)
        self._restart_at = -math.inf  # deliberate: start again at once, no backoff

    def retry(self) -> None:
        """Tries the engine again after it was unavailable (say, once espeak-ng is installed)."""
        if self._state is VoiceState.UNAVAILABLE:
            self._failures = 0
            self._move(VoiceState.IDLE)
            self._report("")

    def shutdown(self) -> None:
        """Ends the worker for good; waits at most a moment for the killed process to be reaped."""
        if self._state is VoiceState.SHUT_DOWN:
            return
        if self._worker is not None:
            self._discard_worker()  # killed at once: speech must stop with the app
        for dying in self._dying:
            dying.process.join(timeout=1.0)
        self._dying = [w for w in self._dying if not w.reaped()]
        self._move(VoiceState.SHUT_DOWN)

    # The machinery.

    def _move(self, state: VoiceState) -> None:
        if state not in _TRANSITIONS[self._state]:
            raise InvalidVoiceTransitionError(f"voice cannot go from {self._state} to {state}")
        self._state = state

    def _report(self, message: str) -> None:
        """Emits a status only when the message changes, so a flapping worker is reported once."""
        if message != self._status:
            self._status = message
            self._events.append(StatusChanged(self._state, message))

    def _start_if_due(self, now: float, wanted: bool) -> None:
        due = (self._state is VoiceState.IDLE and wanted) or (
            self._state is VoiceState.RESTARTING and now >= self._restart_at
        )
        if not due:
            return
        try:
            self._worker = WorkerProcess(self._context, self._factory)
            self._started += 1
        except OSError as error:
            self._move(VoiceState.STARTING)
            self._fail(now, f"the voice process cannot start ({protocol.describe(error)})")
            return
        self._move(VoiceState.STARTING)
        self._deadline = now + self._startup_timeout_s

    def _read_reports(self, now: float) -> None:
        if self._worker is None:
            return
        reports, gone = self._worker.reports()
        for report in reports:
            self._handle(report)
            if self._worker is None:  # the report ended this worker
                return
        if gone:
            self._fail(now, DIED)

    def _handle(self, report: protocol.Report) -> None:
        if isinstance(report, protocol.Ready):
            if self._state is VoiceState.STARTING:
                self._move(VoiceState.READY)
                self._problem = report.problem
                if report.voices != self._voices:
                    self._voices = report.voices
                    self._events.append(VoicesListed(report.voices))
                if not self._status:  # a restart notice stays until speech works again
                    self._report(report.problem)
        elif isinstance(report, protocol.Failed):
            self._discard_worker()
            self._give_up(report.reason)
        elif self._current is None or report.seq != self._seq:
            return  # about something already cut off
        elif isinstance(report, protocol.Started):
            self._events.append(SpeechStarted(self._current))
        elif isinstance(report, protocol.Finished | protocol.SpeechError):
            completed = isinstance(report, protocol.Finished)
            self._events.append(SpeechFinished(self._current, completed))
            self._current = None
            self._move(VoiceState.READY)
            if completed:
                self._failures = 0
                self._report(self._problem)
            else:
                assert isinstance(report, protocol.SpeechError)
                self._report(f"The voice could not speak: {report.reason}")

    def _check_deadline(self, now: float) -> None:
        if now <= self._deadline:
            return
        if self._state is VoiceState.STARTING:
            self._fail(now, SLOW_START)
        elif self._state is VoiceState.SPEAKING:
            self._fail(now, HUNG)

    def _fail(self, now: float, reason: str) -> None:
        """The worker hung or died: kill it, and restart after a backoff or give up.

        The notice stays until an utterance finishes, so a worker that dies on
        every utterance is reported once, not once per restart.

        Args:
            now: the time the failure was noticed.
            reason: what went wrong, in lower case, to end a sentence.
        """
        if self._current is not None:
            self._events.append(SpeechFinished(self._current, completed=False))
            self._current = None  # it may be what hung, so it is not tried again
        self._discard_worker()
        self._failures += 1
        if self._failures > len(self._restart_delays_s):
            self._give_up(reason)
            return
        self._move(VoiceState.RESTARTING)
        self._restart_at = now + self._restart_delays_s[self._failures - 1]
        self._report(f"{reason[:1].upper()}{reason[1:]} and was restarted")

    def _give_up(self, reason: str) -> None:
        self._move(VoiceState.UNAVAILABLE)
        self._report(f"Speech is unavailable: {reason}")

    def _discard_worker(self) -> None:
        if self._worker is not None:
            self._worker.kill()
            self._dying.append(self._worker)
            self._worker = None
        self._deadline = math.inf
