"""The voice's policy (what is said, when, and what is dropped) and its worker's lifecycle.

Policy tests drive :class:`Voice` without starting a worker (nothing starts
until :meth:`Voice.poll`). Lifecycle tests run the real worker process with a
fake engine from :mod:`fake_engines`, the only fake in these tests.
"""

from __future__ import annotations

import functools
import os
import time
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinic_timer.speech import engine
from clinic_timer.speech.settings import CUE_KINDS, Priority, VoiceSettings
from clinic_timer.speech.voice import (
    SpeechFinished,
    SpeechStarted,
    StatusChanged,
    Utterance,
    Voice,
    VoiceEvent,
    VoicesListed,
    VoiceState,
)

from . import fake_engines
from .fake_engines import RecordingEngine, read_log

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path


class ShiftableClock:
    """Real monotonic time plus an offset, so a test can jump past a deadline without waiting."""

    def __init__(self) -> None:
        self.offset = 0.0

    def now(self) -> float:
        """Monotonic seconds plus the offset."""
        return time.monotonic() + self.offset


class Driver:
    """Polls a voice as the UI would, collecting every event it returns."""

    def __init__(self, voice: Voice, clock: ShiftableClock) -> None:
        self.voice = voice
        self.clock = clock
        self.events: list[VoiceEvent] = []

    def poll(self) -> list[VoiceEvent]:
        """One poll, as one tick of the UI's timer."""
        events = self.voice.poll(self.clock.now())
        self.events += events
        return events

    def until(self, done: Callable[[], bool], timeout: float = 15.0) -> None:
        """Polls every 10 ms until ``done()``; fails the test after ``timeout`` real seconds."""
        deadline = time.monotonic() + timeout
        while not done():
            assert time.monotonic() < deadline, f"timed out; events so far: {self.events}"
            self.poll()
            time.sleep(0.01)

    def say(self, text: str, priority: Priority = Priority.TURN, slot: int | None = None) -> bool:
        """Asks for an utterance now and polls once, as the bridge does."""
        accepted = self.voice.say(Utterance(text, priority, slot=slot, requested_at=self.clock.now()))
        self.poll()
        return accepted

    def finished(self, text: str) -> list[bool]:
        """How each utterance with this text ended (True: completed)."""
        return [
            e.completed for e in self.events if isinstance(e, SpeechFinished) and e.utterance.text == text
        ]

    def state(self) -> VoiceState:
        """The voice's state now (a call, so type checkers do not pin it between polls)."""
        return self.voice.state

    def statuses(self) -> list[tuple[VoiceState, str]]:
        """Every status reported, in order."""
        return [(e.state, e.message) for e in self.events if isinstance(e, StatusChanged)]


@pytest.fixture
def log(tmp_path: Path) -> Path:
    """Where the fake engine records what it said."""
    return tmp_path / "spoken.jsonl"


@pytest.fixture
def make_driver() -> Iterator[Callable[..., Driver]]:
    """Makes drivers of voices with real worker processes, and shuts them all down after."""
    voices: list[Voice] = []

    def make(factory: engine.EngineFactory, **options: object) -> Driver:
        voice = Voice(engine_factory=factory, **options)  # type: ignore[arg-type]
        voices.append(voice)
        return Driver(voice, ShiftableClock())

    yield make
    for voice in voices:
        voice.shutdown()


def utterance(text: str, priority: Priority, slot: int | None = None) -> Utterance:
    """An utterance requested at time 0."""
    return Utterance(text, priority, slot=slot, requested_at=0.0)


def spoken(log: Path, event: str = "end") -> list[object]:
    """The texts the fake engine started or finished, in order."""
    return [r["text"] for r in read_log(log) if r["event"] == event]


# Policy, without a worker.


def test_higher_or_equal_priority_replaces_the_pending_one() -> None:
    """A newer cue of at least the pending one's priority takes its place."""
    voice = Voice()
    assert voice.say(utterance("nudge", Priority.NUDGE))
    assert voice.say(utterance("warning", Priority.WARNING))
    assert voice.say(utterance("another warning", Priority.WARNING))
    assert voice.pending == utterance("another warning", Priority.WARNING)


def test_lower_priority_is_dropped_while_a_higher_one_is_pending() -> None:
    """A nudge arriving while a phase announcement waits is dropped, not queued."""
    voice = Voice()
    voice.say(utterance("Questions phase", Priority.PHASE))
    assert not voice.say(utterance("Ask an open question", Priority.NUDGE))
    assert voice.pending is not None
    assert voice.pending.text == "Questions phase"


@given(st.lists(st.sampled_from(list(Priority)), max_size=20))
def test_the_pending_one_is_the_latest_of_the_highest_priority(priorities: list[Priority]) -> None:
    """Whatever arrives, at most one waits: the last one not outranked by one before it."""
    voice = Voice()
    expected: Utterance | None = None
    for index, priority in enumerate(priorities):
        new = utterance(f"cue {index}", priority)
        voice.say(new)
        if expected is None or priority >= expected.priority:
            expected = new
    assert voice.pending == expected


def test_changing_slot_drops_the_old_slots_pending_cue() -> None:
    """A warning for a turn that has ended is never said; one without a slot survives."""
    voice = Voice()
    voice.set_slot(1)
    voice.say(utterance("two minutes left", Priority.WARNING, slot=1))
    voice.set_slot(2)
    assert voice.pending is None
    voice.say(utterance("session notes saved", Priority.WARNING, slot=None))
    voice.set_slot(3)
    assert voice.pending is not None


def test_a_cue_for_another_slot_is_refused() -> None:
    """Once the session is in slot 2, a late cue for slot 1 is not accepted."""
    voice = Voice()
    voice.set_slot(2)
    assert not voice.say(utterance("time up", Priority.TIME_UP, slot=1))
    assert voice.say(utterance("Bob's turn", Priority.TURN, slot=2))


def test_muted_voice_accepts_nothing_and_starts_no_worker() -> None:
    """With speech off, say() is a no-op and polling never spawns the engine."""
    voice = Voice(VoiceSettings(enabled=False))
    assert not voice.say(utterance("Bob's turn", Priority.TURN))
    assert not voice.say(utterance("test", Priority.TEST))
    voice.poll(time.monotonic())
    assert voice.state is VoiceState.IDLE
    assert voice.pending is None


def test_unchosen_cue_kinds_are_not_spoken_but_the_test_voice_is() -> None:
    """Only the kinds ticked in the settings speak; the settings' test prompt always does."""
    voice = Voice(VoiceSettings(spoken_kinds=frozenset({"turn"})))
    assert not voice.say(utterance("one minute", Priority.WARNING))
    assert voice.say(utterance("Bob's turn", Priority.TURN))
    assert voice.say(utterance("This is my voice", Priority.TEST))


def test_settings_round_trip() -> None:
    """to_dict then from_dict gives the same settings back."""
    settings = VoiceSettings(
        enabled=False, voice="french", rate=150, volume=0.5, spoken_kinds=frozenset({"turn"})
    )
    assert VoiceSettings.from_dict(settings.to_dict()) == settings


def test_settings_keep_good_values_and_default_bad_ones() -> None:
    """A hand-edited file with bad values loses only those values."""
    loaded = VoiceSettings.from_dict(
        {
            "enabled": "yes",
            "voice": 3,
            "rate": 5000,
            "volume": float("nan"),
            "spoken_kinds": ["turn", "shout", 4],
        }
    )
    assert loaded == VoiceSettings(rate=400, spoken_kinds=frozenset({"turn"}))
    assert VoiceSettings.from_dict({"rate": True, "volume": -1}) == VoiceSettings(volume=0.0)


ANY_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(),
    st.lists(st.one_of(st.text(), st.integers(), st.sampled_from(sorted(CUE_KINDS)))),
)


@given(st.dictionaries(st.sampled_from(["enabled", "voice", "rate", "volume", "spoken_kinds"]), ANY_VALUE))
def test_settings_from_anything_never_raise(data: dict[str, object]) -> None:
    """Whatever a settings file holds, reading it yields valid settings."""
    settings = VoiceSettings.from_dict(data)
    assert 80 <= settings.rate <= 400
    assert 0.0 <= settings.volume <= 1.0
    assert settings.spoken_kinds <= CUE_KINDS


def test_voice_chosen_by_exact_id_or_name_fragment() -> None:
    """A setting may name a voice by id or by part of its name; an unknown one keeps the default."""
    voices = fake_engines.VOICES
    assert engine.choose_voice(voices, "roa/fr") == "roa/fr"
    assert engine.choose_voice(voices, "BRITAIN") == "gmw/en-gb"
    assert engine.choose_voice(voices, "klingon") is None
    assert engine.choose_voice(voices, "") is None


def test_missing_espeak_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the espeak-ng library the real engine refuses to start, saying how to install it."""
    monkeypatch.setattr("platform.system", lambda: "Linux")
    monkeypatch.setattr("ctypes.util.find_library", lambda name: None)
    with pytest.raises(engine.EngineUnavailableError, match="sudo apt install espeak-ng"):
        engine.Pyttsx3Engine()


# Lifecycle, with the real worker process and a fake engine.


@pytest.mark.slow
def test_speaks_with_the_chosen_voice_rate_and_volume(make_driver: Callable[..., Driver], log: Path) -> None:
    """An utterance reaches the engine once, with the settings' voice (by fragment), rate and volume."""
    driver = make_driver(functools.partial(RecordingEngine, log))
    driver.voice.apply(VoiceSettings(voice="french", rate=150, volume=0.4))
    driver.say("Alice's turn")
    driver.until(lambda: driver.finished("Alice's turn") == [True])
    [start] = [r for r in read_log(log) if r["event"] == "start"]
    assert (start["voice"], start["rate"], start["volume"]) == ("roa/fr", 150, 0.4)
    listed = [e for e in driver.events if isinstance(e, VoicesListed)]
    assert [v.id for v in listed[0].voices] == ["gmw/en-gb", "roa/fr"]
    assert [type(e) for e in driver.events if isinstance(e, SpeechStarted | SpeechFinished)] == [
        SpeechStarted,
        SpeechFinished,
    ]


@pytest.mark.slow
def test_utterances_never_overlap_and_never_pile_up(make_driver: Callable[..., Driver], log: Path) -> None:
    """Cues arriving while one speaks leave only the last waiting, spoken after the first ends."""
    driver = make_driver(functools.partial(RecordingEngine, log, 0.5))
    driver.say("one")
    driver.until(lambda: any(isinstance(e, SpeechStarted) for e in driver.events))
    for text in ("two", "three", "four"):
        assert driver.say(text)
    driver.until(lambda: driver.finished("four") == [True])
    assert spoken(log) == ["one", "four"]
    records = read_log(log)
    first_end = next(r["t"] for r in records if r["event"] == "end" and r["text"] == "one")
    last_start = next(r["t"] for r in records if r["event"] == "start" and r["text"] == "four")
    assert isinstance(first_end, float)
    assert isinstance(last_start, float)
    assert last_start >= first_end


@pytest.mark.slow
def test_new_slot_cuts_off_the_old_slots_speech(make_driver: Callable[..., Driver], log: Path) -> None:
    """Moving on to the next turn kills speech about the old one, and the next cue still speaks."""
    driver = make_driver(functools.partial(RecordingEngine, log, 30.0))
    driver.voice.set_slot(1)
    driver.say("two minutes left", Priority.WARNING, slot=1)
    driver.until(lambda: spoken(log, "start") == ["two minutes left"])
    old_pid = read_log(log)[0]["pid"]
    driver.voice.set_slot(2)
    driver.voice.apply(VoiceSettings())  # a settings change must not disturb the restart
    driver.say("Bob's turn", slot=2)
    driver.until(lambda: spoken(log, "start") == ["two minutes left", "Bob's turn"])
    assert driver.finished("two minutes left") == [False]
    assert read_log(log)[1]["pid"] != old_pid
    assert isinstance(old_pid, int)
    driver.until(lambda: not _alive(old_pid))
    assert driver.statuses() == []  # a deliberate cut-off is not a fault


@pytest.mark.slow
def test_cutting_off_also_stops_the_player_process(make_driver: Callable[..., Driver], log: Path) -> None:
    """Stopping kills the audio player the engine waits on (aplay), not just the worker."""
    driver = make_driver(functools.partial(RecordingEngine, log))
    driver.say("PLAY a long prompt")
    driver.until(lambda: any(r["event"] == "player" for r in read_log(log)))
    [player] = [r["player"] for r in read_log(log) if r["event"] == "player"]
    assert isinstance(player, int)
    assert _alive(player)
    driver.voice.stop()
    driver.poll()
    driver.until(lambda: not _alive(player))
    assert driver.finished("PLAY a long prompt") == [False]


@pytest.mark.slow
def test_muting_stops_speech_at_once(make_driver: Callable[..., Driver], log: Path) -> None:
    """Turning speech off mid-sentence ends the sentence and refuses new ones."""
    driver = make_driver(functools.partial(RecordingEngine, log, 30.0))
    driver.say("a long nudge", Priority.NUDGE)
    driver.until(lambda: spoken(log, "start") == ["a long nudge"])
    driver.voice.apply(VoiceSettings(enabled=False))
    driver.poll()
    assert driver.finished("a long nudge") == [False]
    assert not driver.say("Bob's turn")
    assert not driver.voice.busy


@pytest.mark.slow
def test_engine_that_cannot_start_makes_the_voice_unavailable_once(
    make_driver: Callable[..., Driver],
) -> None:
    """A missing espeak-ng is reported once, with its reason, and the voice then stays quiet."""
    driver = make_driver(f"{fake_engines.__name__}:missing_espeak")
    driver.say("Alice's turn")
    driver.until(lambda: driver.state() is VoiceState.UNAVAILABLE)
    for _ in range(20):
        driver.poll()
    assert driver.statuses() == [
        (
            VoiceState.UNAVAILABLE,
            "Speech is unavailable: espeak-ng is not installed: install it with `sudo apt install espeak-ng`",
        )
    ]
    assert driver.voice.status == driver.statuses()[0][1]
    assert not driver.say("Bob's turn")


@pytest.mark.slow
def test_a_bad_engine_name_is_reported_not_raised(make_driver: Callable[..., Driver]) -> None:
    """A misconfigured engine factory ends in an unavailable voice with a reason."""
    driver = make_driver(f"{fake_engines.__name__}:no_such_engine")
    driver.until(lambda: driver.state() is VoiceState.UNAVAILABLE)
    assert "no_such_engine" in driver.voice.status


@pytest.mark.slow
def test_hung_utterance_kills_and_restarts_the_worker(make_driver: Callable[..., Driver], log: Path) -> None:
    """Past its deadline a hung utterance is abandoned, the worker replaced, and speech goes on."""
    driver = make_driver(functools.partial(RecordingEngine, log))
    driver.say("HANG on")
    driver.until(lambda: spoken(log, "start") == ["HANG on"])
    hung_pid = read_log(log)[0]["pid"]
    driver.poll()
    assert driver.state() is VoiceState.SPEAKING  # well within the deadline
    driver.clock.offset += 60.0
    driver.poll()
    assert driver.finished("HANG on") == [False]
    assert driver.state() is VoiceState.RESTARTING
    driver.say("Bob's turn")
    driver.until(lambda: driver.finished("Bob's turn") == [True])
    assert isinstance(hung_pid, int)
    driver.until(lambda: not _alive(hung_pid))
    assert driver.statuses() == [
        (VoiceState.RESTARTING, "The voice stopped responding and was restarted"),
        (VoiceState.READY, ""),
    ]


@pytest.mark.slow
def test_speech_error_is_reported_and_the_worker_carries_on(
    make_driver: Callable[..., Driver], log: Path
) -> None:
    """An engine error fails one utterance, not the worker: the next one speaks."""
    driver = make_driver(functools.partial(RecordingEngine, log))
    driver.say("FAIL here")
    driver.until(lambda: driver.finished("FAIL here") == [False])
    pid = read_log(log)[0]["pid"]
    driver.say("Bob's turn")
    driver.until(lambda: driver.finished("Bob's turn") == [True])
    assert read_log(log)[-1]["pid"] == pid
    assert driver.statuses() == [
        (VoiceState.READY, "The voice could not speak: no such phoneme"),
        (VoiceState.READY, ""),
    ]


@pytest.mark.slow
def test_crashing_worker_backs_off_by_the_clock_then_gives_up_reporting_once(
    make_driver: Callable[..., Driver],
) -> None:
    """Restarts wait for the clock, not for polls, and repeated deaths are reported once each way."""
    driver = make_driver(f"{fake_engines.__name__}:crashing_engine", restart_delays_s=(0.0, 60.0))
    driver.until(lambda: driver.state() is VoiceState.RESTARTING and driver.voice.status != "")
    driver.until(lambda: driver.state() is VoiceState.STARTING)
    driver.until(lambda: driver.state() is VoiceState.RESTARTING)
    for _ in range(30):  # many polls, no time passing: the 60 s backoff holds
        driver.poll()
    assert driver.state() is VoiceState.RESTARTING
    driver.clock.offset += 61.0
    driver.until(lambda: driver.state() is VoiceState.UNAVAILABLE)
    assert driver.statuses() == [
        (VoiceState.RESTARTING, "The voice process ended unexpectedly and was restarted"),
        (VoiceState.UNAVAILABLE, "Speech is unavailable: the voice process ended unexpectedly"),
    ]


@pytest.mark.slow
def test_stale_pending_cue_is_dropped(make_driver: Callable[..., Driver], log: Path) -> None:
    """A cue that waited longer than stale_after_s (by the clock) is never spoken."""
    driver = make_driver(functools.partial(RecordingEngine, log, 30.0), stale_after_s=10.0)
    driver.say("first")
    driver.until(lambda: spoken(log, "start") == ["first"])
    driver.say("too late")
    driver.clock.offset += 11.0
    driver.poll()
    assert driver.voice.pending is None


def _alive(pid: int) -> bool:
    """Whether a process with this id still exists (zombies count as gone)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False
    except OSError:  # not Linux: fall back to a signal probe
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True
