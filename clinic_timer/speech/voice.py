"""The voice: what to say, when, and a worker process that says it.

The session produces cues faster than anyone can speak them (a turn ends, the
next starts, a nudge is due), so the voice keeps a strict policy: at most one
utterance speaking and at most one pending, never overlapping. A newer
utterance of higher or equal priority replaces the pending one; a lower one is
dropped. When the session moves to another phase or turn (:meth:`Voice.set_slot`),
anything tied to the old one is dropped, and if it is being spoken it is cut
off, so nothing announces "two minutes left" for a turn that already ended.

The engine runs in a child process (see :mod:`clinic_timer.speech.worker`).
:class:`Voice` never waits for it: :meth:`Voice.poll` reads whatever the
worker has reported without blocking, and is called by the UI with the
current monotonic time: every 100 ms while :attr:`Voice.needs_time`, and
otherwise when the worker's pipe (:attr:`Voice.report_channel`) turns readable. All deadlines (a hung utterance, a
worker that never starts, the backoff between restarts) are measured against
that ``now``, never by counting polls.
"""

from __future__ import annotations

import enum
import math
import multiprocessing
from dataclasses import KW_ONLY, dataclass
from typing import TYPE_CHECKING

from clinic_timer.speech import worker
from clinic_timer.speech.settings import DEFAULT_RATE, Priority, VoiceSettings

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "InvalidVoiceTransitionError",
    "SpeechFinished",
    "SpeechStarted",
    "StatusChanged",
    "Utterance",
    "Voice",
    "VoiceEvent",
    "VoiceState",
    "VoicesListed",
    "hang_deadline_s",
]


@dataclass(frozen=True)
class Utterance:
    """Something to say.

    Attributes:
        text: the words.
        priority: how much it matters against others waiting.
        slot: the phase or turn it belongs to, or None if it outlives slots.
        requested_at: monotonic seconds when it was asked for; a pending
            utterance older than the voice's ``stale_after_s`` is dropped.
    """

    text: str
    priority: Priority
    _: KW_ONLY
    slot: int | None = None
    requested_at: float


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
    """A move the voice's state table does not allow: a bug in :class:`Voice`, not in its caller."""


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

    voices: tuple[worker.VoiceInfo, ...]


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


class Voice:
    """Speaks utterances one at a time through a worker process, without ever blocking.

    Args:
        settings: what to speak and how.
        engine_factory: the engine the worker makes, as ``"module:attribute"``
            or a picklable callable (tests pass fakes here).
        startup_timeout_s: how long a new worker may take to report ready.
        restart_delays_s: the backoff before each restart after a hang or
            crash; one more failure than there are delays makes the voice
            unavailable. A finished utterance resets the count.
        stale_after_s: a pending utterance requested longer ago is dropped.
    """

    def __init__(
        self,
        settings: VoiceSettings | None = None,
        *,
        engine_factory: worker.EngineFactory = worker.DEFAULT_ENGINE,
        startup_timeout_s: float = 20.0,
        restart_delays_s: Sequence[float] = (0.5, 2.0, 8.0),
        stale_after_s: float = 30.0,
    ) -> None:
        self._settings = settings or VoiceSettings()
        self._factory = engine_factory
        self._startup_timeout_s = startup_timeout_s
        self._restart_delays_s = tuple(restart_delays_s)
        self._stale_after_s = stale_after_s
        self._context = multiprocessing.get_context("spawn")
        self._state = VoiceState.IDLE
        self._status = ""
        self._worker: worker.WorkerProcess | None = None
        self._dying: list[worker.WorkerProcess] = []
        self._started = 0  # workers started so far: tells one worker's pipe from the next
        self._pending: Utterance | None = None
        self._current: Utterance | None = None
        self._seq = 0
        self._deadline = math.inf
        self._restart_at = -math.inf
        self._failures = 0
        self._slot: int | None = None
        self._voices: tuple[worker.VoiceInfo, ...] = ()
        self._problem = ""  # the last worker's warning (no aplay), shown while all else is well
        self._events: list[VoiceEvent] = []

    # What the UI reads.

    @property
    def state(self) -> VoiceState:
        """Where the voice is now."""
        return self._state

    @property
    def status(self) -> str:
        """The last status reported: empty when speech works, else one line saying why not."""
        return self._status

    @property
    def settings(self) -> VoiceSettings:
        """The settings in force."""
        return self._settings

    @property
    def voices(self) -> tuple[worker.VoiceInfo, ...]:
        """The engine's voices, once a worker has started."""
        return self._voices

    @property
    def current(self) -> Utterance | None:
        """What is being spoken (or was just sent to the worker)."""
        return self._current

    @property
    def pending(self) -> Utterance | None:
        """What will be spoken next."""
        return self._pending

    @property
    def busy(self) -> bool:
        """Whether anything is speaking or pending: the UI polls faster while it is."""
        return self._current is not None or self._pending is not None

    @property
    def needs_time(self) -> bool:
        """Whether the voice must be polled on a timer now.

        True while a deadline or a wait is running: speech under way or
        pending, a worker starting or restarting, a killed worker not yet
        reaped. Otherwise nothing changes until the UI asks for something or
        the worker writes (see :attr:`report_fileno`).
        """
        starting = self._state is VoiceState.IDLE and self._settings.enabled  # a worker is due
        return self.busy or starting or bool(self._dying) or self._state in _TIMED_STATES

    @property
    def report_channel(self) -> tuple[int, int] | None:
        """Which worker runs now, and the descriptor that turns readable when it reports or dies.

        ``(worker number, descriptor)``, or None without a worker. Watching
        the descriptor lets an idle voice be polled only when there is news.
        It changes whenever the worker does, so look again after every poll;
        the number tells a new worker from an old one whose descriptor the
        system handed on.
        """
        if self._worker is None:
            return None
        return self._started, self._worker.conn.fileno()

    # What the UI asks for.

    def say(self, utterance: Utterance) -> bool:
        """Queues ``utterance`` under the policy in the module docstring; never blocks.

        It is sent to the worker on the next :meth:`poll`, so call that straight
        after to start speaking without waiting for the UI's timer.

        Returns:
            Whether it was accepted as the pending utterance.
        """
        if (
            self._state in (VoiceState.SHUT_DOWN, VoiceState.UNAVAILABLE)
            or not self._settings.speaks(utterance.priority)
            or not utterance.text.strip()
            or self._is_stale_slot(utterance)
            or (self._pending is not None and utterance.priority < self._pending.priority)
        ):
            return False
        self._pending = utterance
        return True

    def set_slot(self, slot: int | None) -> None:
        """Makes ``slot`` the current phase or turn, dropping and cutting off the old one's words.

        Args:
            slot: the new slot, or None to stop judging by slot.
        """
        self._slot = slot
        if self._pending is not None and self._is_stale_slot(self._pending):
            self._pending = None
        if self._current is not None and self._is_stale_slot(self._current):
            self._interrupt()

    def stop(self) -> None:
        """Drops what is pending and cuts off what is speaking (the worker is killed and restarted)."""
        self._pending = None
        self._interrupt()

    def apply(self, settings: VoiceSettings) -> None:
        """Takes new settings; muting stops speech at once, and an unwanted pending cue is dropped."""
        self._settings = settings
        if not settings.enabled:
            self.stop()
        elif self._pending is not None and not settings.speaks(self._pending.priority):
            self._pending = None

    def retry(self) -> None:
        """Tries the engine again after it was unavailable (say, once espeak-ng is installed)."""
        if self._state is VoiceState.UNAVAILABLE:
            self._failures = 0
            self._move(VoiceState.IDLE)
            self._report("")

    def poll(self, now: float) -> list[VoiceEvent]:
        """Advances the voice to ``now`` without blocking and returns what happened since last time.

        Args:
            now: monotonic seconds (the app's clock), used for every deadline.
        """
        if self._state is not VoiceState.SHUT_DOWN:
            self._dying = [w for w in self._dying if not w.reaped()]
            self._start_if_due(now)
            self._read_reports(now)
            self._check_deadline(now)
            if self._pending is not None and now - self._pending.requested_at > self._stale_after_s:
                self._pending = None
            self._dispatch(now)
        events, self._events = self._events, []
        return events

    def shutdown(self) -> None:
        """Ends the worker for good; waits at most a moment for the killed process to be reaped."""
        if self._state is VoiceState.SHUT_DOWN:
            return
        self._pending = None
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

    def _is_stale_slot(self, utterance: Utterance) -> bool:
        return self._slot is not None and utterance.slot is not None and utterance.slot != self._slot

    def _start_if_due(self, now: float) -> None:
        due = (self._state is VoiceState.IDLE and self._settings.enabled) or (
            self._state is VoiceState.RESTARTING and now >= self._restart_at
        )
        if not due:
            return
        try:
            self._worker = worker.WorkerProcess(self._context, self._factory)
            self._started += 1
        except OSError as error:
            self._move(VoiceState.STARTING)
            self._fail(now, f"the voice process cannot start ({worker.describe(error)})")
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

    def _handle(self, report: worker.Report) -> None:
        if isinstance(report, worker.Ready):
            if self._state is VoiceState.STARTING:
                self._move(VoiceState.READY)
                self._problem = report.problem
                if report.voices != self._voices:
                    self._voices = report.voices
                    self._events.append(VoicesListed(report.voices))
                if not self._status:  # a restart notice stays until speech works again
                    self._report(report.problem)
        elif isinstance(report, worker.Failed):
            self._discard_worker()
            self._give_up(report.reason)
        elif self._current is None or report.seq != self._seq:
            return  # about something already cut off
        elif isinstance(report, worker.Started):
            self._events.append(SpeechStarted(self._current))
        elif isinstance(report, worker.Finished | worker.SpeechError):
            completed = isinstance(report, worker.Finished)
            self._events.append(SpeechFinished(self._current, completed))
            self._current = None
            self._move(VoiceState.READY)
            if completed:
                self._failures = 0
                self._report(self._problem)
            else:
                assert isinstance(report, worker.SpeechError)
                self._report(f"The voice could not speak: {report.reason}")

    def _check_deadline(self, now: float) -> None:
        if now <= self._deadline:
            return
        if self._state is VoiceState.STARTING:
            self._fail(now, SLOW_START)
        elif self._state is VoiceState.SPEAKING:
            self._fail(now, HUNG)

    def _dispatch(self, now: float) -> None:
        if self._state is not VoiceState.READY or self._pending is None or self._worker is None:
            return
        utterance, self._pending = self._pending, None
        self._seq += 1
        settings = self._settings
        request = worker.SayRequest(
            seq=self._seq,
            text=utterance.text,
            voice=worker.choose_voice(self._voices, settings.voice),
            rate=settings.rate,
            volume=settings.volume,
        )
        self._current = utterance
        self._move(VoiceState.SPEAKING)
        self._deadline = now + hang_deadline_s(utterance.text, settings.rate)
        if not self._worker.send(request):
            self._fail(now, DIED)

    def _interrupt(self) -> None:
        """Cuts off the current utterance: the only sure way is to kill the worker."""
        if self._state is not VoiceState.SPEAKING or self._current is None:
            return
        self._events.append(SpeechFinished(self._current, completed=False))
        self._current = None
        self._discard_worker()
        self._move(VoiceState.RESTARTING)
        self._restart_at = -math.inf  # deliberate: start again at once, no backoff

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
        self._pending = None
        self._move(VoiceState.UNAVAILABLE)
        self._report(f"Speech is unavailable: {reason}")

    def _discard_worker(self) -> None:
        if self._worker is not None:
            self._worker.kill()
            self._dying.append(self._worker)
            self._worker = None
        self._deadline = math.inf
