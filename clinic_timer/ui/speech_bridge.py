"""The one adapter between the Qt-free :class:`~clinic_timer.speech.Voice` and the widgets.

The voice never blocks and never runs a thread of its own: it has to be
polled. This bridge polls it with the app's clock, turns what the voice
reports into typed signals, and is the only thing widgets talk to about
speech. It polls at 10 Hz while the voice has a deadline running (speaking,
waiting, starting); when the voice is idle it sets no timer at all and
watches the worker's pipe instead, so an idle voice costs no wake-ups and a
worker that dies is still noticed at once (where a pipe cannot be watched,
as on Windows, it polls every 2 s). The voice's deadlines come from the
clock, so a slow or late tick only delays noticing, never miscounts.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSocketNotifier, Qt, QTimer, Signal

from clinic_timer.speech.voice import (
    SpeechFinished,
    SpeechStarted,
    StatusChanged,
    Utterance,
    VoicesListed,
    VoiceState,
)

if TYPE_CHECKING:
    from clinic_timer.core.clock import Clock
    from clinic_timer.speech.settings import Priority, VoiceSettings
    from clinic_timer.speech.voice import Voice

BUSY_INTERVAL_MS = 100
IDLE_INTERVAL_MS = 2000  # idle without a watchable pipe: a poll only notices a worker that died
FOLLOW_UP_MS = 10
CAN_WATCH_PIPES = sys.platform != "win32"  # QSocketNotifier takes no pipe handles on Windows


class SpeechBridge(QObject):
    """Polls a :class:`Voice` on a timer and re-emits its events as signals.

    Args:
        voice: the voice to drive; the bridge takes charge of its lifetime.
        clock: the app's monotonic clock.
        parent: the owning QObject.
    """

    status_changed = Signal(str)  # the voice's one-line status: why speech is off, or "" when well
    speaking_changed = Signal(bool)  # speech began (True) or ended, cut off or failed (False)
    utterance_started = Signal(str)  # the words now being spoken, for a caption
    utterance_finished = Signal(
        str, bool
    )  # those words are over: True if spoken whole, False if cut off or failed
    voices_listed = Signal(list)  # the engine's voices (VoiceInfo), for the settings dialog

    def __init__(self, voice: Voice, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._voice = voice
        self._clock = clock
        self._speaking = False
        self._watcher: QSocketNotifier | None = None
        self._watched: tuple[int, int] | None = None  # the worker and descriptor watched
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start(BUSY_INTERVAL_MS)

    @property
    def voice(self) -> Voice:
        """The voice driven (read its ``status``, ``state`` and ``voices``)."""
        return self._voice

    @property
    def clock(self) -> Clock:
        """The clock the voice's deadlines are measured on; utterances are stamped with it."""
        return self._clock

    @property
    def speaking(self) -> bool:
        """Whether speech is under way, as last signalled."""
        return self._speaking

    @property
    def interval_ms(self) -> int | None:
        """How often the voice is polled now; None when it is only polled on news from the worker."""
        return self._timer.interval() if self._timer.isActive() else None

    @property
    def watching(self) -> bool:
        """Whether the worker's pipe is being watched for news."""
        return self._watcher is not None

    def say(self, text: str, priority: Priority, slot: int | None = None) -> bool:
        """Asks the voice to speak, starting at once if it is free.

        Args:
            text: the words.
            priority: how much it matters against others waiting.
            slot: the phase or turn it belongs to, if any.

        Returns:
            Whether the voice took it (see :meth:`Voice.say`).
        """
        return self.speak(Utterance(text, priority, slot=slot, requested_at=self._clock.now()))

    def speak(self, utterance: Utterance) -> bool:
        """Like :meth:`say`, for an utterance already made (stamped with :attr:`clock`)."""
        accepted = self._voice.say(utterance)
        self._poll()
        if accepted and self._watcher is None:
            # The worker answers "started" within a few ms. A watched pipe wakes the
            # bridge then; unwatched, look again soon rather than a busy interval later.
            QTimer.singleShot(FOLLOW_UP_MS, self, self._poll)
        return accepted

    def set_slot(self, slot: int | None) -> None:
        """The session moved to another phase or turn: words about the old one are dropped."""
        self._voice.set_slot(slot)
        self._poll()

    def stop(self) -> None:
        """Silences the voice now (for a pause or a "hush" button)."""
        self._voice.stop()
        self._poll()

    def apply(self, settings: VoiceSettings) -> None:
        """Takes new voice settings from the settings dialog."""
        self._voice.apply(settings)
        self._poll()

    def retry(self) -> None:
        """Tries the engine again after it was unavailable."""
        self._voice.retry()
        self._poll()

    def shutdown(self) -> None:
        """Stops polling and ends the worker process; call on quit."""
        self._timer.stop()
        self._watch(None)
        self._voice.shutdown()
        self._set_speaking(False)

    def _on_timer_timeout(self) -> None:
        self._poll()

    def _poll(self) -> None:
        if self._voice.state is VoiceState.SHUT_DOWN:
            return
        for event in self._voice.poll(self._clock.now()):
            if isinstance(event, SpeechStarted):
                self.utterance_started.emit(event.utterance.text)
                self._set_speaking(True)
            elif isinstance(event, SpeechFinished):
                self._set_speaking(False)
                self.utterance_finished.emit(event.utterance.text, event.completed)
            elif isinstance(event, StatusChanged):
                self.status_changed.emit(event.message)
            elif isinstance(event, VoicesListed):
                self.voices_listed.emit(list(event.voices))
        channel = self._voice.report_channel
        self._watch(channel if CAN_WATCH_PIPES else None)
        if self._voice.needs_time:
            interval: int | None = BUSY_INTERVAL_MS
        elif channel is not None and self._watcher is None:
            interval = IDLE_INTERVAL_MS  # a worker whose pipe cannot be watched: look now and then
        else:
            interval = None  # watched, or no worker at all (muted, unavailable): nothing can happen
        if interval is None:
            self._timer.stop()
        elif not self._timer.isActive() or self._timer.interval() != interval:
            self._timer.start(interval)

    def _watch(self, channel: tuple[int, int] | None) -> None:
        """Watches the current worker's pipe, and no longer the last worker's."""
        if channel == self._watched:
            return
        if self._watcher is not None:
            # The voice may have closed that pipe during this poll: let go of it before
            # the event loop looks at its descriptor again.
            self._watcher.setEnabled(False)
            self._watcher.deleteLater()
            self._watcher = None
        self._watched = channel
        if channel is not None:
            self._watcher = QSocketNotifier(channel[1], QSocketNotifier.Type.Read, self)
            self._watcher.activated.connect(self._on_watcher_activated)

    def _on_watcher_activated(self) -> None:
        self._poll()

    def _set_speaking(self, speaking: bool) -> None:
        if speaking != self._speaking:
            self._speaking = speaking
            self.speaking_changed.emit(speaking)
