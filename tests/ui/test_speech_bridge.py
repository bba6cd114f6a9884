"""The speech bridge's signals and polling, and the chime, under an offscreen Qt."""

from __future__ import annotations

import array
import functools
import os
import signal
import sys
import wave
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from clinic_timer import paths
from clinic_timer.core.clock import MonotonicClock
from clinic_timer.speech import Priority, Voice, VoiceInfo, VoiceSettings, VoiceState
from clinic_timer.speech.playback import playback_problem
from clinic_timer.ui import speech_bridge
from clinic_timer.ui.chime import Chime, ChimeSound
from clinic_timer.ui.speech_bridge import BUSY_INTERVAL_MS, IDLE_INTERVAL_MS, SpeechBridge
from tests.speech import fake_engines
from tests.speech.fake_engines import RecordingEngine, read_log

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from pytestqt.qtbot import QtBot


@pytest.fixture
def make_bridge(qtbot: QtBot) -> Iterator[Callable[..., SpeechBridge]]:
    """Makes bridges over real voices and worker processes, shut down after the test."""
    bridges: list[SpeechBridge] = []

    def make(voice: Voice) -> SpeechBridge:
        bridge = SpeechBridge(voice, MonotonicClock())
        bridges.append(bridge)
        return bridge

    yield make
    for bridge in bridges:
        bridge.shutdown()


class Recorder:
    """Collects a signal's arguments in order."""

    def __init__(self) -> None:
        self.calls: list[object] = []

    def __call__(self, value: object) -> None:
        """Records one emission."""
        self.calls.append(value)


@pytest.mark.slow
def test_speaking_is_signalled_around_an_utterance(
    qtbot: QtBot, make_bridge: Callable[..., SpeechBridge], tmp_path: Path
) -> None:
    """A said prompt brings speaking_changed(True), its words, then speaking_changed(False)."""
    log = tmp_path / "spoken.jsonl"
    bridge = make_bridge(Voice(engine_factory=functools.partial(RecordingEngine, log, 0.3)))
    speaking = Recorder()
    bridge.speaking_changed.connect(speaking)
    with qtbot.waitSignal(bridge.voices_listed, timeout=15_000) as listed:
        pass
    assert [v.id for v in listed.args[0]] == [v.id for v in fake_engines.VOICES]
    with qtbot.waitSignal(bridge.utterance_started, timeout=5_000) as started:
        assert bridge.say("Ben's turn", Priority.TURN, slot=3)
    assert started.args == ["Ben's turn"]
    qtbot.waitUntil(lambda: speaking.calls == [True, False], timeout=5_000)
    assert [r["event"] for r in read_log(log)] == ["start", "end"]


@pytest.mark.slow
def test_polls_only_while_there_is_speech(
    qtbot: QtBot, make_bridge: Callable[..., SpeechBridge], tmp_path: Path
) -> None:
    """An idle voice sets no timer and watches the worker's pipe; saying something polls at 10 Hz."""
    bridge = make_bridge(Voice(engine_factory=functools.partial(RecordingEngine, tmp_path / "log", 0.3)))
    qtbot.waitUntil(lambda: bridge.voice.state is VoiceState.READY, timeout=15_000)
    qtbot.waitUntil(lambda: bridge.interval_ms is None, timeout=2_000)
    assert bridge.watching
    bridge.say("One minute left", Priority.WARNING)
    assert bridge.interval_ms == BUSY_INTERVAL_MS
    qtbot.waitUntil(lambda: bridge.interval_ms is None, timeout=5_000)


@pytest.mark.slow
def test_idle_worker_that_dies_is_noticed_without_a_timer(
    qtbot: QtBot, make_bridge: Callable[..., SpeechBridge], tmp_path: Path
) -> None:
    """Killing the worker while nothing is said wakes the bridge through the pipe, and it restarts."""
    log = tmp_path / "log"
    bridge = make_bridge(Voice(engine_factory=functools.partial(RecordingEngine, log, 0.0)))
    statuses = Recorder()
    bridge.status_changed.connect(statuses)
    qtbot.waitUntil(lambda: bridge.voice.state is VoiceState.READY, timeout=15_000)
    bridge.say("Ben's turn", Priority.TURN)
    qtbot.waitUntil(lambda: bridge.interval_ms is None and bool(read_log(log)), timeout=5_000)
    pid = read_log(log)[0]["pid"]
    assert isinstance(pid, int)
    os.kill(pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: bridge.voice.state is not VoiceState.READY, timeout=5_000)
    assert statuses.calls == ["The voice process ended unexpectedly and was restarted"]
    qtbot.waitUntil(lambda: bridge.voice.state is VoiceState.READY, timeout=15_000)
    assert bridge.watching


@pytest.mark.slow
def test_the_watch_moves_to_the_worker_started_after_a_cut_off(
    qtbot: QtBot, make_bridge: Callable[..., SpeechBridge], tmp_path: Path
) -> None:
    """Cutting speech off starts a new worker; the bridge watches its pipe, not the old one's descriptor."""
    log = tmp_path / "log"
    bridge = make_bridge(Voice(engine_factory=functools.partial(RecordingEngine, log, 0.0)))
    qtbot.waitUntil(lambda: bridge.voice.state is VoiceState.READY, timeout=15_000)
    bridge.say("HANG until cut off", Priority.TURN)
    qtbot.waitUntil(lambda: bool(read_log(log)), timeout=5_000)
    bridge.stop()
    qtbot.waitUntil(lambda: bridge.voice.state is VoiceState.READY, timeout=15_000)
    bridge.say("Cy's turn", Priority.TURN)
    qtbot.waitUntil(lambda: len(read_log(log)) == 3 and bridge.interval_ms is None, timeout=5_000)
    first, second = read_log(log)[0]["pid"], read_log(log)[1]["pid"]
    assert isinstance(second, int)
    assert second != first
    os.kill(second, signal.SIGKILL)  # only a watch on the new worker's pipe can notice this
    qtbot.waitUntil(lambda: bridge.voice.state is not VoiceState.READY, timeout=5_000)


@pytest.mark.slow
def test_a_muted_voice_sets_no_timer(qtbot: QtBot, make_bridge: Callable[..., SpeechBridge]) -> None:
    """With the voice off there is no worker and nothing to wait for: no timer, nothing watched."""
    bridge = make_bridge(
        Voice(VoiceSettings(enabled=False), engine_factory=f"{fake_engines.__name__}:missing_espeak")
    )
    qtbot.waitUntil(lambda: bridge.interval_ms is None, timeout=2_000)
    assert not bridge.watching
    assert bridge.voice.state is VoiceState.IDLE


@pytest.mark.slow
def test_without_a_watchable_pipe_an_idle_voice_is_polled_slowly(
    qtbot: QtBot, make_bridge: Callable[..., SpeechBridge], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Where pipes cannot be watched (Windows), the idle voice is polled every 2 s instead."""
    monkeypatch.setattr(speech_bridge, "CAN_WATCH_PIPES", False)
    bridge = make_bridge(Voice(engine_factory=functools.partial(RecordingEngine, tmp_path / "log", 0.0)))
    qtbot.waitUntil(lambda: bridge.voice.state is VoiceState.READY, timeout=15_000)
    qtbot.waitUntil(lambda: bridge.interval_ms == IDLE_INTERVAL_MS, timeout=2_000)
    assert not bridge.watching


@pytest.mark.slow
def test_unavailable_engine_is_signalled_once(qtbot: QtBot, make_bridge: Callable[..., SpeechBridge]) -> None:
    """An engine that cannot start gives one status_changed with the reason, and no speech."""
    bridge = make_bridge(Voice(engine_factory=f"{fake_engines.__name__}:missing_espeak"))
    statuses = Recorder()
    bridge.status_changed.connect(statuses)
    qtbot.waitUntil(lambda: bridge.voice.state is VoiceState.UNAVAILABLE, timeout=15_000)
    # Once the failed worker is reaped nothing can change until retry(): no timer.
    qtbot.waitUntil(lambda: bridge.interval_ms is None, timeout=2_000)
    for _ in range(5):
        assert not bridge.say("Ben's turn", Priority.TURN)
    assert statuses.calls == [
        "Speech is unavailable: espeak-ng is not installed: install it with `sudo apt install espeak-ng`"
    ]
    assert not bridge.speaking


@pytest.mark.slow
def test_real_engine_speaks_without_an_audio_device(
    qtbot: QtBot, make_bridge: Callable[..., SpeechBridge]
) -> None:
    """pyttsx3 and espeak-ng finish a prompt even where aplay has no device to play to, and then say so."""
    bridge = make_bridge(Voice(VoiceSettings(rate=300)))
    speaking = Recorder()
    bridge.speaking_changed.connect(speaking)
    voices = Recorder()
    bridge.voices_listed.connect(voices)
    qtbot.waitUntil(lambda: bridge.voice.state is VoiceState.READY, timeout=20_000)
    bridge.say("Time is up.", Priority.TIME_UP)
    qtbot.waitUntil(lambda: speaking.calls == [True, False], timeout=20_000)
    cards = Path("/proc/asound/cards")  # absent, or "no soundcards": aplay fails, and that is seen
    if sys.platform == "linux" and (not cards.exists() or "no soundcards" in cards.read_text()):
        # pyttsx3 may play one utterance's file during the next runAndWait: by the second
        # prompt at the latest, aplay's complaint has been seen and said.
        no_device = "The voice could not speak: this computer has no sound device"
        if not bridge.voice.status.startswith(no_device):
            bridge.say("Time is up.", Priority.TIME_UP)
            qtbot.waitUntil(lambda: speaking.calls == [True, False, True, False], timeout=20_000)
        assert bridge.voice.status.startswith(no_device)
    else:
        assert bridge.voice.status == playback_problem()  # "" where aplay is installed
    assert bridge.voice.state is VoiceState.READY
    [listed] = voices.calls
    assert isinstance(listed, list)
    assert all(isinstance(v, VoiceInfo) for v in listed)
    assert listed


@pytest.mark.parametrize("sound", list(ChimeSound))
def test_chime_assets_are_soft_short_wavs(sound: ChimeSound) -> None:
    """Each chime is a 16-bit mono 44.1 kHz WAV of about a second, peaking near -6 dBFS, no click."""
    with wave.open(str(paths.asset(sound.value)), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 44_100)
        samples = array.array("h", wav.readframes(wav.getnframes()))
    assert 0.8 < len(samples) / 44_100 < 2.0
    peak = max(abs(s) for s in samples) / 32768
    assert 0.4 < peak < 0.6
    assert abs(samples[0]) < 50
    assert abs(samples[-1]) < 200


def test_chime_plays_or_explains_once(qtbot: QtBot) -> None:
    """Playing never raises; with no audio device it says so once and returns False."""
    from PySide6.QtMultimedia import QMediaDevices

    chime = Chime(volume=0.3)
    reasons = Recorder()
    chime.unavailable.connect(reasons)
    results = [chime.play(), chime.play(ChimeSound.END), chime.play()]
    if QMediaDevices.defaultAudioOutput().isNull():
        assert results == [False, False, False]
        assert reasons.calls == ["no chime: this machine has no audio output device"]
    else:
        assert results == [True, True, True]


def test_switched_off_chime_is_silent(qtbot: QtBot) -> None:
    """A chime switched off, or at zero volume, starts nothing and reports nothing."""
    chime = Chime(enabled=False)
    reasons = Recorder()
    chime.unavailable.connect(reasons)
    assert not chime.play()
    chime.set_enabled(True)
    chime.set_volume(-1.0)
    assert chime.volume == 0.0
    assert not chime.play()
    assert reasons.calls == []
