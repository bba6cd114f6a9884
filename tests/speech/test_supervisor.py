"""The worker's supervision: starting it, replacing it when it hangs or dies, and giving up.

The supervisor is reached through :class:`Voice`, the one way the UI reaches
it, with the real worker process and a fake engine from :mod:`fake_engines`
(the only fake); the clock is real time plus an offset a test can jump.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import pytest

from clinic_timer.speech.policy import Utterance
from clinic_timer.speech.settings import Priority, VoiceSettings
from clinic_timer.speech.supervisor import InvalidVoiceTransitionError, VoiceState, WorkerSupervisor

from . import fake_engines
from .drivers import alive, spoken
from .fake_engines import RecordingEngine, read_log

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from .drivers import Driver


def test_an_unwanted_voice_starts_no_worker_and_needs_no_timer() -> None:
    """With speech off nothing is spawned, and nothing asks the UI to poll."""
    supervisor = WorkerSupervisor(
        fake_engines.__name__ + ":missing_espeak", startup_timeout_s=1.0, restart_delays_s=()
    )
    supervisor.advance(0.0, wanted=False)
    assert supervisor.state is VoiceState.IDLE
    assert supervisor.report_channel is None
    assert not supervisor.needs_time(wanted=False)
    assert supervisor.needs_time(wanted=True)  # a worker is due once speech is on


def test_speaking_before_the_worker_is_ready_is_refused() -> None:
    """Handing over words with no worker ready is a bug in the voice, named as such."""
    supervisor = WorkerSupervisor(
        fake_engines.__name__ + ":missing_espeak", startup_timeout_s=1.0, restart_delays_s=()
    )
    with pytest.raises(InvalidVoiceTransitionError, match="cannot speak while"):
        supervisor.speak(0.0, Utterance("Bob's turn", Priority.TURN, requested_at=0.0), VoiceSettings())


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
    assert driver.voice.pending is None  # given up: the cue that waited goes, and with it the timer
    assert not driver.voice.needs_time
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
    driver.until(lambda: not alive(hung_pid))
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
