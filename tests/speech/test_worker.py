"""The worker process on its own: its loop's answers, and killing it with its player.

These start the real child process (spawn) with a fake engine from
:mod:`fake_engines` and talk to it through :class:`WorkerProcess`, as the
supervisor does, but without the supervisor's deadlines and restarts.
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
from typing import TYPE_CHECKING

import pytest

from clinic_timer.speech import protocol
from clinic_timer.speech.playback import NO_DEVICE
from clinic_timer.speech.worker import WorkerProcess

from . import fake_engines
from .drivers import alive, wait_until
from .fake_engines import RecordingEngine, read_log

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from clinic_timer.speech.engine import EngineFactory

pytestmark = pytest.mark.slow
WAIT_S = 15.0  # real seconds a report may take on a loaded machine; a broken worker fails the test


def next_report(handle: WorkerProcess) -> protocol.Report:
    """The worker's next report, waiting for it at most :data:`WAIT_S`."""
    assert handle.conn.poll(WAIT_S), "the worker said nothing"
    report: protocol.Report = handle.conn.recv()
    return report


@pytest.fixture
def start() -> Iterator[Callable[[EngineFactory], WorkerProcess]]:
    """Starts workers, and kills and reaps every one after the test."""
    handles: list[WorkerProcess] = []

    def make(factory: EngineFactory) -> WorkerProcess:
        handle = WorkerProcess(multiprocessing.get_context("spawn"), factory)
        handles.append(handle)
        return handle

    yield make
    for handle in handles:
        with contextlib.suppress(ValueError):  # a test that reaped its worker closed it already
            handle.kill()
            handle.process.join(timeout=5.0)


def test_a_request_is_started_then_finished_and_a_failure_does_not_end_the_loop(
    start: Callable[[EngineFactory], WorkerProcess], log: Path
) -> None:
    """One engine error is one SpeechError; the same process then speaks the next request."""
    handle = start(functools.partial(RecordingEngine, log))
    ready = next_report(handle)
    assert isinstance(ready, protocol.Ready)
    assert ready.voices == tuple(fake_engines.VOICES)
    assert handle.send(protocol.SayRequest(1, "FAIL here"))
    assert next_report(handle) == protocol.Started(1)
    assert next_report(handle) == protocol.SpeechError(1, "no such phoneme")
    assert handle.send(protocol.SayRequest(2, "Bob's turn", "roa/fr", 150, 0.4))
    assert next_report(handle) == protocol.Started(2)
    assert next_report(handle) == protocol.Finished(2)
    pids = {r["pid"] for r in read_log(log)}
    assert pids == {handle.process.pid}
    assert handle.send(protocol.QuitRequest())
    handle.process.join(timeout=WAIT_S)
    assert handle.process.exitcode == 0


def test_what_the_player_says_about_a_missing_sound_device_fails_the_request(
    start: Callable[[EngineFactory], WorkerProcess], log: Path
) -> None:
    """aplay's complaint without a sound card becomes the request's error, in words."""
    handle = start(functools.partial(RecordingEngine, log))
    assert isinstance(next_report(handle), protocol.Ready)
    handle.send(protocol.SayRequest(1, "NODEVICE here"))
    assert next_report(handle) == protocol.Started(1)
    error = next_report(handle)
    assert isinstance(error, protocol.SpeechError)
    assert error.reason.startswith(NO_DEVICE)


def test_an_engine_that_cannot_start_is_reported_and_the_worker_exits(
    start: Callable[[EngineFactory], WorkerProcess],
) -> None:
    """No engine is one Failed report with its reason, then the process ends by itself."""
    handle = start(f"{fake_engines.__name__}:missing_espeak")
    failed = next_report(handle)
    assert isinstance(failed, protocol.Failed)
    assert "sudo apt install espeak-ng" in failed.reason
    handle.process.join(timeout=WAIT_S)
    assert handle.process.exitcode == 0


def test_killing_the_worker_also_stops_the_player_process(
    start: Callable[[EngineFactory], WorkerProcess], log: Path
) -> None:
    """Cutting off speech kills the audio player the engine waits on (aplay), not just the worker."""
    handle = start(functools.partial(RecordingEngine, log))
    assert isinstance(next_report(handle), protocol.Ready)
    handle.send(protocol.SayRequest(1, "PLAY a long prompt"))
    assert next_report(handle) == protocol.Started(1)
    wait_until(lambda: any(r["event"] == "player" for r in read_log(log)))
    [player] = [r["player"] for r in read_log(log) if r["event"] == "player"]
    assert isinstance(player, int)
    assert alive(player)
    handle.kill()
    handle.process.join(timeout=WAIT_S)
    assert handle.reaped()
    wait_until(lambda: not alive(player))
