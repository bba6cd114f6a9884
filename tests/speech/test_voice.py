"""The voice: the utterance policy and the worker's supervision joined, as the UI drives them.

Tests of the policy alone are in ``test_policy.py``, of the supervision in
``test_supervisor.py``. These run the real worker process with a fake engine
from :mod:`fake_engines`, the only fake, and check what the two rooms do
together: the pending utterance reaches the worker with the settings, one at
a time, and a change of slot or a mute cuts off what is speaking.
"""

from __future__ import annotations

import functools
import time
from typing import TYPE_CHECKING

import pytest

from clinic_timer.speech.settings import Priority, VoiceSettings
from clinic_timer.speech.voice import (
    SpeechFinished,
    SpeechStarted,
    Utterance,
    Voice,
    VoicesListed,
    VoiceState,
)

from .drivers import alive, spoken
from .fake_engines import RecordingEngine, read_log

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from .drivers import Driver


def utterance(text: str, priority: Priority, slot: int | None = None) -> Utterance:
    """An utterance requested at time 0."""
    return Utterance(text, priority, slot=slot, requested_at=0.0)


def test_muted_voice_accepts_nothing_and_starts_no_worker() -> None:
    """With speech off, say() is a no-op and polling never spawns the engine."""
    voice = Voice(VoiceSettings(enabled=False))
    assert not voice.say(utterance("Bob's turn", Priority.TURN))
    assert not voice.say(utterance("test", Priority.TEST))
    voice.poll(time.monotonic())
    assert voice.state is VoiceState.IDLE
    assert voice.pending is None


def test_a_shut_down_voice_accepts_nothing() -> None:
    """After quitting, a late cue from the clinic is refused, not queued for a worker that will not come."""
    voice = Voice()
    voice.shutdown()
    assert not voice.say(utterance("Bob's turn", Priority.TURN))
    assert voice.poll(time.monotonic()) == []
    assert voice.state is VoiceState.SHUT_DOWN


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
    driver.until(lambda: not alive(old_pid))
    assert driver.statuses() == []  # a deliberate cut-off is not a fault


@pytest.mark.slow
def test_cutting_off_also_stops_the_player_process(make_driver: Callable[..., Driver], log: Path) -> None:
    """Stopping kills the audio player the engine waits on (aplay), not just the worker."""
    driver = make_driver(functools.partial(RecordingEngine, log))
    driver.say("PLAY a long prompt")
    driver.until(lambda: any(r["event"] == "player" for r in read_log(log)))
    [player] = [r["player"] for r in read_log(log) if r["event"] == "player"]
    assert isinstance(player, int)
    assert alive(player)
    driver.voice.stop()
    driver.poll()
    driver.until(lambda: not alive(player))
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
def test_stale_pending_cue_is_dropped(make_driver: Callable[..., Driver], log: Path) -> None:
    """A cue that waited longer than stale_after_s (by the clock) is never spoken."""
    driver = make_driver(functools.partial(RecordingEngine, log, 30.0), stale_after_s=10.0)
    driver.say("first")
    driver.until(lambda: spoken(log, "start") == ["first"])
    driver.say("too late")
    driver.clock.offset += 11.0
    driver.poll()
    assert driver.voice.pending is None
