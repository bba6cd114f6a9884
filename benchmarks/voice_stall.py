"""Whether speaking stalls the UI, and how soon speech starts after it is asked for.

Runs a Qt event loop (offscreen) with the real :class:`Voice`, its worker
process and pyttsx3 with espeak-ng, and speaks 20 prompts back to back,
feeding the next as soon as the previous finishes. Meanwhile a 1 ms
PreciseTimer records the longest gap between its firings, less the interval:
that is the longest the event loop was kept from running. Target: under 20 ms.

Two passes:

1. *bridge*: the app's own wiring, :class:`SpeechBridge` woken by the
   worker's pipe (and polling while speech runs). The delay from ``say()``
   until the app hears ``started`` is what a caption would show.
2. *tight*: the voice polled from the 1 ms timer itself, so the delay is the
   worker's own: the pipe, the engine's set-up and the start of synthesis.

The first pass also includes starting the worker process (timed on its own).
On a machine without an audio device aplay fails at once, so prompts "finish"
as soon as they are synthesised; with a device they would last their spoken
length and the loop would have even less to do.

Usage: ``uv run python benchmarks/voice_stall.py [--prompts 20]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QGuiApplication

from clinic_timer.core.clock import MonotonicClock
from clinic_timer.speech import Priority, SpeechStarted, Utterance, Voice, VoiceState
from clinic_timer.ui.speech_bridge import SpeechBridge

PROMPTS = [
    "Questions phase. Ask one open question each.",
    "Ben's turn.",
    "Two minutes left.",
    "One minute left.",
    "Time is up. Thank you, Ben.",
    "Cy's turn.",
    "Try a question that begins with what.",
    "Time is up.",
    "Ideas phase. Offer one idea each, starting with if it were me.",
    "Dee's turn.",
]
TARGET_STALL_MS = 20.0


class StallMeter:
    """A 1 ms PreciseTimer that records the longest it was kept waiting."""

    def __init__(self, interval_ms: int = 1) -> None:
        self.interval_s = interval_ms / 1000
        self.worst_s = 0.0
        self._last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._on_timer_timeout)
        self.timer.start(interval_ms)

    def reset(self) -> None:
        """Forgets the worst so far (after start-up, to measure speech alone)."""
        self.worst_s = 0.0
        self._last = time.perf_counter()

    def _on_timer_timeout(self) -> None:
        now = time.perf_counter()
        self.worst_s = max(self.worst_s, now - self._last - self.interval_s)
        self._last = now


def run_bridge_pass(app: QCoreApplication, count: int) -> dict[str, float]:
    """The app's wiring: SpeechBridge at its own poll rate."""
    meter = StallMeter()
    clock = MonotonicClock()
    bridge = SpeechBridge(Voice(), clock)
    result: dict[str, float] = {}
    delays: list[float] = []
    asked_at = 0.0
    spawn_started = time.perf_counter()
    said = 0

    def say_next() -> None:
        nonlocal asked_at, said
        if said == count:
            app.quit()
            return
        asked_at = time.perf_counter()
        bridge.say(PROMPTS[said % len(PROMPTS)], Priority.TURN)
        said += 1

    def on_started(_text: str) -> None:
        delays.append(time.perf_counter() - asked_at)

    def on_speaking(speaking: bool) -> None:
        if not speaking:
            QTimer.singleShot(0, say_next)

    def wait_for_ready() -> None:
        if bridge.voice.state is VoiceState.READY:
            result["spawn_to_ready_s"] = time.perf_counter() - spawn_started
            result["stall_during_startup_ms"] = meter.worst_s * 1000
            meter.reset()
            say_next()
        elif bridge.voice.state is VoiceState.UNAVAILABLE:
            print(f"speech unavailable: {bridge.voice.status}")
            app.exit(1)
        else:
            QTimer.singleShot(10, wait_for_ready)

    bridge.utterance_started.connect(on_started)
    bridge.speaking_changed.connect(on_speaking)
    wait_for_ready()
    QTimer.singleShot(120_000, app.quit)
    app.exec()
    result["stall_during_speech_ms"] = meter.worst_s * 1000
    shutdown_started = time.perf_counter()
    bridge.shutdown()
    result["shutdown_ms"] = (time.perf_counter() - shutdown_started) * 1000
    result["spoken"] = len(delays)
    result.update(_spread("say_to_started", delays))
    meter.timer.stop()
    return result


def run_tight_pass(app: QCoreApplication, count: int) -> dict[str, float]:
    """The voice polled every millisecond, for the worker's own start-up delay."""
    meter = StallMeter()
    voice = Voice()
    delays: list[float] = []
    state = {"asked_at": 0.0, "said": 0.0}

    def on_tick() -> None:
        now = time.monotonic()
        for event in voice.poll(now):
            if isinstance(event, SpeechStarted):
                delays.append(now - state["asked_at"])
        if voice.state is VoiceState.READY and not voice.busy:
            if state["said"] == count:
                app.quit()
                return
            if state["said"] == 0:
                meter.reset()
            state["asked_at"] = time.monotonic()
            text = PROMPTS[int(state["said"]) % len(PROMPTS)]
            voice.say(Utterance(text, Priority.TURN, requested_at=state["asked_at"]))
            state["said"] += 1
            voice.poll(time.monotonic())
        elif voice.state is VoiceState.UNAVAILABLE:
            app.exit(1)

    meter.timer.timeout.connect(on_tick)
    QTimer.singleShot(120_000, app.quit)
    app.exec()
    voice.shutdown()
    meter.timer.stop()
    result: dict[str, float] = {"stall_during_speech_ms": meter.worst_s * 1000}
    result["spoken"] = len(delays)
    result.update(_spread("say_to_started", delays))
    return result


def _spread(name: str, seconds: list[float]) -> dict[str, float]:
    if not seconds:
        return {}
    return {
        f"{name}_median_ms": statistics.median(seconds) * 1000,
        f"{name}_max_ms": max(seconds) * 1000,
    }


def main() -> int:
    """Runs both passes and prints their numbers; exits 1 if a stall passes the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prompts", type=int, default=20)
    args = parser.parse_args()
    app = QGuiApplication(sys.argv[:1])
    worst = 0.0
    for name, run in (("bridge", run_bridge_pass), ("tight", run_tight_pass)):
        numbers = run(app, args.prompts)
        print(f"{name}:")
        for key, value in numbers.items():
            print(f"  {key:32} {value:10.1f}")
        worst = max(worst, numbers.get("stall_during_speech_ms", 0.0))
        if numbers.get("spoken", 0) < args.prompts:
            print(f"  only {numbers.get('spoken', 0):.0f} of {args.prompts} prompts were spoken")
            return 1
    verdict = "within" if worst < TARGET_STALL_MS else "OVER"
    print(f"worst stall while speaking: {worst:.1f} ms ({verdict} the {TARGET_STALL_MS:.0f} ms target)")
    return 0 if worst < TARGET_STALL_MS else 1


if __name__ == "__main__":
    sys.exit(main())
