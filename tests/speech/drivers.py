"""Driving a voice as the UI does, with real worker processes: shared by the speech tests.

A module of its own (not conftest) so tests can name its classes in their
annotations; the fixtures that build them are in ``conftest.py``.
"""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING

from clinic_timer.speech.settings import Priority
from clinic_timer.speech.voice import SpeechFinished, StatusChanged, Utterance

from .fake_engines import read_log

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from clinic_timer.speech.voice import Voice, VoiceEvent, VoiceState


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


def wait_until(done: Callable[[], bool], timeout: float = 15.0) -> None:
    """Checks ``done()`` every 10 ms; fails the test after ``timeout`` real seconds."""
    deadline = time.monotonic() + timeout
    while not done():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def spoken(log: Path, event: str = "end") -> list[object]:
    """The texts the fake engine started or finished, in order."""
    return [r["text"] for r in read_log(log) if r["event"] == event]


def alive(pid: int) -> bool:
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
