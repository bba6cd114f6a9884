"""The clinic's voice and chimes, following the session's cues.

This is the adapter between the controller's cues and the speech bridge:
it moves the voice to each new phase or turn *before* saying anything for
it (so whatever was pending for the old one is dropped), asks the
announcer for the words and their priority, and rings the chime at phase
changes and at time up. Muting the voice leaves every visual cue alone.

The voice's own deadlines (a hung utterance, restart backoff) run on the
real monotonic clock even in a sped-up ``--demo``: speech takes real time.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal

from clinic_timer.core.clock import MonotonicClock
from clinic_timer.core.cues import Cue, CueKind
from clinic_timer.speech.announcer import utterance_for
from clinic_timer.speech.settings import Priority, VoiceSettings
from clinic_timer.speech.voice import Voice
from clinic_timer.ui.chime import Chime, ChimeSound
from clinic_timer.ui.speech_bridge import SpeechBridge

if TYPE_CHECKING:
    from collections.abc import Callable

    from clinic_timer.ui.console import Console
    from clinic_timer.ui.controller import SessionController
    from clinic_timer.ui.preferences import Preferences

log = logging.getLogger(__name__)

TEST_WORDS = "This is the clinic's voice. Thank you, Ben. Cy, would you reflect what you heard?"
TESTING = "Speaking the sample line…"
TEST_HEARD = "Spoken: the sample line played to the end. If you heard nothing, check the volume."
_NEW_SLOT = frozenset({CueKind.PHASE_STARTED, CueKind.TURN_STARTED, CueKind.SLOT_RESUMED})
_CHIMES = {CueKind.PHASE_STARTED: ChimeSound.BELL, CueKind.TIME_UP: ChimeSound.END}


class ClinicVoice(QObject):
    """Speaks the cues of the controller's session and rings the chimes.

    Args:
        controller: whose cues to follow.
        voice_settings: how and what to speak.
        chime_enabled: whether the chime rings.
        chime_volume: 0 to 1.
        bridge: the speech bridge (tests pass one over a fake engine).
        chime: the chime (tests pass a recording one).
    """

    status_changed = Signal(str)  # one line for the status bar: why the voice or chime is off, or ""

    def __init__(
        self,
        controller: SessionController,
        voice_settings: VoiceSettings,
        *,
        chime_enabled: bool = True,
        chime_volume: float = 0.6,
        bridge: SpeechBridge | None = None,
        chime: Chime | None = None,
    ) -> None:
        super().__init__(controller)
        self.controller = controller
        self.clock = MonotonicClock()
        if bridge is None:
            bridge = SpeechBridge(Voice(voice_settings), self.clock, self)
        else:
            bridge.apply(voice_settings)
        self.bridge = bridge
        self.chime = chime or Chime(self, volume=chime_volume, enabled=chime_enabled)
        self.bridge.status_changed.connect(self.status_changed)
        self.bridge.status_changed.connect(self._on_bridge_status_changed)
        self._logged: set[str] = set()  # voice problems already written to the log
        self.bridge.utterance_finished.connect(self._on_bridge_utterance_finished)
        self._test: tuple[str, Callable[[str], None]] | None = None  # the test line under way, and who asked
        self.chime.unavailable.connect(self._on_chime_unavailable)
        controller.cue_fired.connect(self._on_controller_cue_fired)

    def apply(self, voice_settings: VoiceSettings, chime_enabled: bool, chime_volume: float) -> None:
        """New settings from the settings dialog; a muted voice stops at once.

        A voice left on gets another try at its engine if it was unavailable:
        the status line told the facilitator what to install, and pressing OK
        in the settings is how they say they did.
        """
        self.bridge.apply(voice_settings)
        if voice_settings.enabled:
            self.bridge.retry()
        self.chime.set_enabled(chime_enabled)
        self.chime.set_volume(chime_volume)

    def test(
        self,
        voice_settings: VoiceSettings | None = None,
        words: str = TEST_WORDS,
        report: Callable[[str], None] | None = None,
    ) -> bool:
        """Says a sample line, whatever the cue choices (the settings' "test voice").

        Args:
            voice_settings: try these (the dialog's, before they are kept); the
                caller applies the kept ones afterwards.
            words: what to say.
            report: told in words what happened: at once if the voice cannot
                take the line, else when the line is over (spoken, or not heard and why).

        Returns:
            Whether the voice took the line.
        """
        if voice_settings is not None:
            self.bridge.apply(voice_settings)
        accepted = self.bridge.say(words, Priority.TEST)
        if report is not None:
            if accepted:
                self._test = (words, report)
                report(TESTING)
            else:
                report(f"Not spoken: {self._why_not()}")
        return accepted

    def _why_not(self) -> str:
        status = self.status
        reason = status[:1].lower() + status[1:] if status else "the voice is busy or off"
        return reason if reason.endswith(".") else f"{reason}."

    def _on_bridge_utterance_finished(self, text: str, completed: bool) -> None:
        if self._test is None or self._test[0] != text:
            return
        _, report = self._test
        self._test = None
        if completed and not self.status:
            report(TEST_HEARD)
        else:
            report(f"Not heard: {self._why_not()}")

    def shutdown(self) -> None:
        """Stops the speech worker for good (on quit)."""
        self.bridge.shutdown()

    @property
    def status(self) -> str:
        """Why the voice is off, or "" when it is well."""
        return self.bridge.voice.status

    def _on_controller_cue_fired(self, cue: Cue) -> None:
        if cue.kind in _NEW_SLOT:
            self.bridge.set_slot(cue.slot)
        elif cue.kind is CueKind.SESSION_ENDED:
            self.bridge.stop()
        sound = _CHIMES.get(cue.kind)
        if sound is not None:
            self.chime.play(sound)
        context = self.controller.prompt_context()
        if context is None:
            return
        utterance = utterance_for(cue, context[0], context[1], self.bridge.clock.now())
        if utterance is not None:
            self.bridge.speak(utterance)

    def _on_bridge_status_changed(self, reason: str) -> None:
        """Writes each new reason the voice is off or unheard to the log once, as the chime does."""
        if reason and reason not in self._logged:
            self._logged.add(reason)
            log.warning("voice: %s", reason)

    def _on_chime_unavailable(self, reason: str) -> None:
        self.status_changed.emit(reason[:1].upper() + reason[1:])


def attach_voice(console: Console, preferences: Preferences) -> ClinicVoice:
    """Gives the console's clinic a voice, set as the preferences say, and lets them edit it.

    The speech worker starts in the background after the window shows; the
    status line says once why the voice is off, if it is. The voice adds
    nothing to the console's menus: the settings' action is the preferences'.
    """
    settings = preferences.settings
    speaker = ClinicVoice(
        console.controller,
        preferences.voice_settings(),
        chime_enabled=settings.chime_enabled,
        chime_volume=settings.chime_volume,
    )
    speaker.status_changed.connect(console.show_problem)  # once per new reason, up for a while
    preferences.give_voice(speaker, console)
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(speaker.shutdown)
    return speaker
