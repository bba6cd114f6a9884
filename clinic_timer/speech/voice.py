"""The voice: what to say, when, and a worker process that says it.

:class:`Voice` is the one object the UI holds. It joins two rooms:

- the utterance policy (:mod:`clinic_timer.speech.policy`): at most one
  utterance speaking and at most one pending, never overlapping; a newer one
  of higher or equal priority replaces the pending one, a lower one is
  dropped; a cue for a phase or turn the session has left is dropped, and cut
  off if it is being spoken (:meth:`Voice.set_slot`); muting stops speech at
  once;
- the worker's supervision (:mod:`clinic_timer.speech.supervisor`): the
  child process that owns the engine (:mod:`clinic_timer.speech.worker`),
  started, watched for hangs, restarted after a backoff, and given up on.

:class:`Voice` never waits for the worker: :meth:`Voice.poll` reads whatever
the worker has reported without blocking, and is called by the UI with the
current monotonic time: every 100 ms while :attr:`Voice.needs_time`, and
otherwise when the worker's pipe (:attr:`Voice.report_channel`) turns
readable. All deadlines (a hung utterance, a worker that never starts, the
backoff between restarts) are measured against that ``now``, never by
counting polls.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from clinic_timer.speech.engine import DEFAULT_ENGINE, EngineFactory
from clinic_timer.speech.policy import Utterance, UtterancePolicy
from clinic_timer.speech.settings import VoiceSettings
from clinic_timer.speech.supervisor import (
    InvalidVoiceTransitionError,
    SpeechFinished,
    SpeechStarted,
    StatusChanged,
    VoiceEvent,
    VoicesListed,
    VoiceState,
    WorkerSupervisor,
    hang_deadline_s,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from clinic_timer.speech.protocol import VoiceInfo

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
        engine_factory: EngineFactory = DEFAULT_ENGINE,
        startup_timeout_s: float = 20.0,
        restart_delays_s: Sequence[float] = (0.5, 2.0, 8.0),
        stale_after_s: float = 30.0,
    ) -> None:
        self._policy = UtterancePolicy(settings or VoiceSettings(), stale_after_s)
        self._supervisor = WorkerSupervisor(
            engine_factory, startup_timeout_s=startup_timeout_s, restart_delays_s=restart_delays_s
        )

    # What the UI reads.

    @property
    def state(self) -> VoiceState:
        """Where the voice is now."""
        return self._supervisor.state

    @property
    def status(self) -> str:
        """The last status reported: empty when speech works, else one line saying why not."""
        return self._supervisor.status

    @property
    def settings(self) -> VoiceSettings:
        """The settings in force."""
        return self._policy.settings

    @property
    def voices(self) -> tuple[VoiceInfo, ...]:
        """The engine's voices, once a worker has started."""
        return self._supervisor.voices

    @property
    def current(self) -> Utterance | None:
        """What is being spoken (or was just sent to the worker)."""
        return self._supervisor.current

    @property
    def pending(self) -> Utterance | None:
        """What will be spoken next."""
        return self._policy.pending

    @property
    def busy(self) -> bool:
        """Whether anything is speaking or pending: the UI polls faster while it is."""
        return self.current is not None or self.pending is not None

    @property
    def needs_time(self) -> bool:
        """Whether the voice must be polled on a timer now.

        True while a deadline or a wait is running: speech under way or
        pending, a worker starting or restarting, a killed worker not yet
        reaped. Otherwise nothing changes until the UI asks for something or
        the worker writes (see :attr:`report_channel`).
        """
        return self.busy or self._supervisor.needs_time(self.settings.enabled)

    @property
    def report_channel(self) -> tuple[int, int] | None:
        """Which worker runs now, and the descriptor that turns readable when it reports or dies.

        ``(worker number, descriptor)``, or None without a worker. Watching
        the descriptor lets an idle voice be polled only when there is news.
        It changes whenever the worker does, so look again after every poll;
        the number tells a new worker from an old one whose descriptor the
        system handed on.
        """
        return self._supervisor.report_channel

    # What the UI asks for.

    def say(self, utterance: Utterance) -> bool:
        """Queues ``utterance`` under the policy in the module docstring; never blocks.

        It is sent to the worker on the next :meth:`poll`, so call that straight
        after to start speaking without waiting for the UI's timer.

        Returns:
            Whether it was accepted as the pending utterance.
        """
        if self.state in (VoiceState.SHUT_DOWN, VoiceState.UNAVAILABLE):
            return False
        return self._policy.offer(utterance)

    def set_slot(self, slot: int | None) -> None:
        """Makes ``slot`` the current phase or turn, dropping and cutting off the old one's words.

        Args:
            slot: the new slot, or None to stop judging by slot.
        """
        self._policy.set_slot(slot)
        current = self._supervisor.current
        if current is not None and self._policy.is_stale(current):
            self._supervisor.interrupt()

    def stop(self) -> None:
        """Drops what is pending and cuts off what is speaking (the worker is killed and restarted)."""
        self._policy.clear()
        self._supervisor.interrupt()

    def apply(self, settings: VoiceSettings) -> None:
        """Takes new settings; muting stops speech at once, and an unwanted pending cue is dropped."""
        self._policy.apply(settings)
        if not settings.enabled:
            self.stop()

    def retry(self) -> None:
        """Tries the engine again after it was unavailable (say, once espeak-ng is installed)."""
        self._supervisor.retry()

    def poll(self, now: float) -> list[VoiceEvent]:
        """Advances the voice to ``now`` without blocking and returns what happened since last time.

        Args:
            now: monotonic seconds (the app's clock), used for every deadline.
        """
        supervisor = self._supervisor
        if supervisor.state is not VoiceState.SHUT_DOWN:
            supervisor.advance(now, wanted=self.settings.enabled)
            if supervisor.state is VoiceState.UNAVAILABLE:
                self._policy.clear()  # given up: nothing waits for a voice that will not come
            self._policy.drop_if_old(now)
            if supervisor.ready and (utterance := self._policy.take()) is not None:
                supervisor.speak(now, utterance, self.settings)
        return supervisor.drain()

    def shutdown(self) -> None:
        """Ends the worker for good; waits at most a moment for the killed process to be reaped."""
        if self.state is VoiceState.SHUT_DOWN:
            return
        self._policy.clear()
        self._supervisor.shutdown()
