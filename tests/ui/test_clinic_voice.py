"""The clinic's voice follows the session: what is said when, what is dropped, and the chimes."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import pytest

from clinic_timer.core.clock import FakeClock, MonotonicClock
from clinic_timer.speech.settings import VoiceSettings
from clinic_timer.speech.voice import Voice, VoiceState
from clinic_timer.ui.chime import Chime, ChimeSound
from clinic_timer.ui.clinic_voice import TEST_HEARD, TESTING, ClinicVoice
from clinic_timer.ui.controller import SessionController
from clinic_timer.ui.speech_bridge import SpeechBridge
from tests.core.cast import roster_of
from tests.core.formats_fixture import clinic_format
from tests.speech import fake_engines
from tests.speech.fake_engines import RecordingEngine, read_log

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from pytestqt.qtbot import QtBot

MIN = 60.0


class RecordingChime(Chime):
    """A chime that records what it would ring instead of touching an audio device."""

    def __init__(self) -> None:
        super().__init__()
        self.rung: list[ChimeSound] = []

    def play(self, sound: ChimeSound = ChimeSound.BELL) -> bool:
        """Records the sound."""
        if not self.enabled:
            return False
        self.rung.append(sound)
        return True


@pytest.fixture
def clinic(qtbot: QtBot, tmp_path: Path) -> Iterator[tuple[SessionController, FakeClock, ClinicVoice, Path]]:
    """A controller on a fake clock, spoken for by a real voice worker with a recording engine."""
    log = tmp_path / "spoken.jsonl"
    clock = FakeClock()
    controller = SessionController(clock)
    controller.setup(clinic_format(), roster_of("Ada", ("Ben", "Cy")))
    voice = Voice(engine_factory=functools.partial(RecordingEngine, log, 1.0))
    bridge = SpeechBridge(voice, MonotonicClock())  # speech takes real time, as in the app
    speaker = ClinicVoice(controller, VoiceSettings(), bridge=bridge, chime=RecordingChime())
    with qtbot.waitSignal(bridge.voices_listed, timeout=15_000):
        pass
    yield controller, clock, speaker, log
    speaker.shutdown()


def spoken(log: Path) -> list[str]:
    return [str(r["text"]) for r in read_log(log) if r["event"] == "start"] if log.exists() else []


@pytest.mark.slow
def test_each_phase_and_turn_is_announced_in_the_formats_words(
    qtbot: QtBot, clinic: tuple[SessionController, FakeClock, ClinicVoice, Path]
) -> None:
    """The opening names the bringer; the first reflection invites the first coach."""
    controller, _, _, log = clinic
    controller.toggle_pause()
    qtbot.waitUntil(lambda: spoken(log) == ["Ada, the floor is yours."], timeout=5_000)
    controller.next()
    qtbot.waitUntil(lambda: spoken(log)[-1:] == ["Ben, would you reflect?"], timeout=5_000)


@pytest.mark.slow
def test_a_warning_for_a_turn_that_ended_is_never_said(
    qtbot: QtBot, clinic: tuple[SessionController, FakeClock, ClinicVoice, Path]
) -> None:
    """A warning still waiting when the phase moves on is dropped, and the new turn is said."""
    controller, clock, speaker, log = clinic
    controller.toggle_pause()
    qtbot.waitUntil(lambda: spoken(log) == ["Ada, the floor is yours."], timeout=5_000)
    clock.advance(18 * MIN)
    controller.refresh()  # the warning is due while the opening is still being spoken
    assert speaker.bridge.voice.pending is not None
    controller.next()
    qtbot.waitUntil(lambda: spoken(log)[-1:] == ["Ben, would you reflect?"], timeout=5_000)
    assert "two minutes left." not in spoken(log)


@pytest.mark.slow
def test_ok_in_the_settings_tries_an_unavailable_engine_again(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Speech off for want of espeak-ng comes back once it is installed and the settings are kept."""
    installed = tmp_path / "espeak-ng"
    monkeypatch.setenv(fake_engines.INSTALLED_FLAG, str(installed))
    voice = Voice(engine_factory=f"{fake_engines.__name__}:installed_later")
    bridge = SpeechBridge(voice, MonotonicClock())
    speaker = ClinicVoice(
        SessionController(FakeClock()), VoiceSettings(), bridge=bridge, chime=RecordingChime()
    )
    try:
        qtbot.waitUntil(lambda: voice.state is VoiceState.UNAVAILABLE, timeout=15_000)
        installed.touch()
        with qtbot.waitSignal(bridge.status_changed, timeout=15_000) as cleared:
            speaker.apply(VoiceSettings(), chime_enabled=True, chime_volume=0.5)
        qtbot.waitUntil(lambda: voice.state is VoiceState.READY, timeout=15_000)
        assert cleared.args == [""]
    finally:
        speaker.shutdown()


@pytest.mark.slow
def test_a_muted_voice_says_nothing_but_the_chime_still_rings(
    qtbot: QtBot, clinic: tuple[SessionController, FakeClock, ClinicVoice, Path]
) -> None:
    """Muting stops speech; phase changes still chime and the session still moves."""
    controller, clock, speaker, log = clinic
    speaker.apply(VoiceSettings(enabled=False), chime_enabled=True, chime_volume=0.5)
    controller.toggle_pause()
    clock.advance(20 * MIN)
    controller.refresh()
    controller.next()
    assert speaker.bridge.voice.pending is None  # every say() was refused, nothing waits
    assert speaker.bridge.voice.current is None
    assert spoken(log) == []
    assert isinstance(speaker.chime, RecordingChime)
    assert speaker.chime.rung == [ChimeSound.BELL, ChimeSound.END, ChimeSound.BELL]
    view = controller.view()
    assert view is not None
    assert view.speaker == "Ben"


@pytest.mark.slow
def test_test_voice_speaks_even_when_no_cue_kind_is_chosen(
    qtbot: QtBot, clinic: tuple[SessionController, FakeClock, ClinicVoice, Path]
) -> None:
    """The settings' test button is heard whatever cues are chosen to speak."""
    _, _, speaker, log = clinic
    speaker.apply(VoiceSettings(spoken_kinds=frozenset()), chime_enabled=False, chime_volume=0.0)
    assert speaker.test(words="Testing, one two.")
    qtbot.waitUntil(lambda: spoken(log) == ["Testing, one two."], timeout=5_000)


def test_the_settings_dialog_applies_and_remembers_choices(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Choices from the dialog reach the voice, the chime, the warning and the saved settings."""
    from clinic_timer.ui.preferences import Preferences
    from clinic_timer.ui.settings import Settings
    from clinic_timer.ui.settings_dialog import Choices, SettingsDialog

    chosen = Choices(VoiceSettings(enabled=False, rate=150), False, 0.2, 5.0)
    monkeypatch.setattr(SettingsDialog, "ask", classmethod(lambda cls, *args: chosen))
    clock = FakeClock()
    controller = SessionController(clock)
    controller.setup(clinic_format(), roster_of("Ada", ("Ben", "Cy")))
    settings = Settings()
    preferences = Preferences(settings, controller)
    speaker = ClinicVoice(
        controller,
        VoiceSettings(enabled=False),
        bridge=SpeechBridge(Voice(VoiceSettings(enabled=False)), MonotonicClock()),
        chime=RecordingChime(),
    )
    preferences.give_voice(speaker, None)
    try:
        preferences.edit_action.trigger()
    finally:
        speaker.shutdown()
    assert settings.voice["rate"] == 150
    assert settings.voice["enabled"] is False
    assert settings.chime_enabled is False
    assert not speaker.chime.enabled
    assert settings.warning_minutes == 5.0
    assert controller.clinic is not None
    assert controller.clinic.session.warning_override_s == 300


def test_the_dialog_hands_back_what_it_shows(qtbot: QtBot) -> None:
    """Unticking cues and choosing a warning come back as the dialog's choices."""
    from clinic_timer.speech.settings import Priority
    from clinic_timer.ui.settings_dialog import Choices, SettingsDialog

    tried: list[VoiceSettings] = []

    def test_voice(voice: VoiceSettings, report: Callable[[str], None]) -> None:
        tried.append(voice)
        report("Not heard: no sound device.")

    dialog = SettingsDialog(Choices(VoiceSettings(), True, 0.6, None), [], "", test_voice)
    qtbot.addWidget(dialog)
    dialog.cue_boxes[Priority.NUDGE].setChecked(False)
    dialog.own_warning.setChecked(True)
    dialog.warning_minutes.setValue(3.0)
    choices = dialog.choices()
    assert "nudge" not in choices.voice.spoken_kinds
    assert "turn" in choices.voice.spoken_kinds
    assert choices.warning_minutes == 3.0
    from PySide6.QtWidgets import QPushButton

    test_button = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Test voice")
    dialog.speak.setChecked(False)
    test_button.click()
    assert len(tried) == 1
    assert tried[0].enabled  # testing speaks even while the voice is switched off
    assert dialog.test_result.text() == "Not heard: no sound device."


@pytest.mark.slow
def test_after_back_the_resumed_slot_s_warning_is_said(
    qtbot: QtBot, clinic: tuple[SessionController, FakeClock, ClinicVoice, Path]
) -> None:
    """Next then Back returns the voice to the monologue, so its warning is spoken, not dropped as stale."""
    controller, clock, _, log = clinic
    controller.toggle_pause()
    controller.next()
    qtbot.waitUntil(lambda: spoken(log)[-1:] == ["Ben, would you reflect?"], timeout=5_000)
    controller.previous()
    clock.advance(18 * MIN)
    controller.refresh()
    qtbot.waitUntil(lambda: spoken(log)[-1:] == ["two minutes left."], timeout=5_000)


@pytest.mark.slow
def test_test_voice_says_it_was_spoken(
    qtbot: QtBot, clinic: tuple[SessionController, FakeClock, ClinicVoice, Path]
) -> None:
    """Test voice reports that the sample played to the end."""
    _, _, speaker, _ = clinic
    said: list[str] = []
    assert speaker.test(words="Testing, one two.", report=said.append)
    qtbot.waitUntil(lambda: len(said) == 2, timeout=5_000)
    assert said == [TESTING, TEST_HEARD]


@pytest.mark.slow
def test_without_a_sound_device_the_facilitator_is_told_once_and_test_voice_says_why(
    qtbot: QtBot,
    clinic: tuple[SessionController, FakeClock, ClinicVoice, Path],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """aplay failing in the worker (no sound card) is one status line and one log line naming it; Test voice says not heard."""
    _, _, speaker, _ = clinic
    statuses: list[str] = []
    speaker.status_changed.connect(statuses.append)
    said: list[str] = []
    assert speaker.test(words="NODEVICE one", report=said.append)
    qtbot.waitUntil(lambda: len(said) == 2, timeout=5_000)
    assert said[0] == TESTING
    assert said[1].startswith("Not heard: the voice could not speak: this computer has no sound device")
    assert speaker.test(words="NODEVICE two", report=said.append)
    qtbot.waitUntil(lambda: len(said) == 4, timeout=5_000)
    assert len(statuses) == 1, "told once, not at every prompt"
    assert "no sound device" in statuses[0]
    logged = [r.getMessage() for r in caplog.records if r.name == "clinic_timer.ui.clinic_voice"]
    assert len(logged) == 1
    assert logged[0].startswith("voice: ")
    assert "no sound device" in logged[0]


def test_test_voice_says_at_once_why_a_voice_that_is_off_cannot_speak(qtbot: QtBot) -> None:
    """With the engine missing, Test voice reports the reason straight away."""
    controller = SessionController(FakeClock())
    voice = Voice(engine_factory=fake_engines.missing_espeak)
    bridge = SpeechBridge(voice, MonotonicClock())
    speaker = ClinicVoice(controller, VoiceSettings(), bridge=bridge, chime=RecordingChime())
    try:
        qtbot.waitUntil(lambda: voice.state is VoiceState.UNAVAILABLE, timeout=15_000)
        said: list[str] = []
        assert not speaker.test(words="Hello", report=said.append)
        assert len(said) == 1
        assert said[0].startswith("Not spoken: ")
        assert "espeak-ng is not installed" in said[0]
    finally:
        speaker.shutdown()


def test_a_voice_problem_after_the_console_is_gone_is_dropped(qtbot: QtBot) -> None:
    """The voice outlives the console (it belongs to the controller): a late status reaches no deleted window."""
    from PySide6.QtWidgets import QApplication

    from clinic_timer.core.catalogue import Catalogue
    from clinic_timer.ui.clinic_voice import attach_voice
    from clinic_timer.ui.console import Console
    from clinic_timer.ui.preferences import Preferences
    from clinic_timer.ui.settings import Settings

    controller = SessionController(FakeClock())
    settings = Settings()
    settings.voice = dict(VoiceSettings(enabled=False).to_dict())  # no worker needed
    console = Console(controller, Catalogue(formats={}, problems=()), settings)
    speaker = attach_voice(console, Preferences(settings, controller))
    try:
        speaker.status_changed.emit("The voice could not speak: no sound device")
        assert console.statusBar().currentMessage().startswith("The voice could not speak")
        with qtbot.waitSignal(console.destroyed):
            console.deleteLater()
        QApplication.processEvents()
        speaker.status_changed.emit("The voice could not speak: still no sound device")  # raised before
    finally:
        speaker.shutdown()
