"""Fake speech engines for the real worker process: the only fakes in the speech tests.

They are imported by name in the spawned worker, so they live in a module of
their own with no Qt and no pytest.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

from clinic_timer.speech.engine import Engine, EngineUnavailableError
from clinic_timer.speech.protocol import VoiceInfo

NO_CARD = "ALSA lib confmisc.c:855:(parse_card) cannot find card 0"
NO_DEVICE_PLAYER = "aplay: main:831: audio open error: No such file or directory"
VOICES = [
    VoiceInfo("gmw/en-gb", "English (Great Britain)", ("en-gb",)),
    VoiceInfo("roa/fr", "French", ("fr",)),
]


class RecordingEngine:
    """Speaks nothing; logs each utterance's start and end, taking ``seconds`` per utterance.

    Texts containing ``HANG`` never finish, ``CRASH`` kill the worker, and
    ``FAIL`` raise, ``PLAY`` wait on a ``sleep`` child process as pyttsx3
    waits on ``aplay``, and ``NODEVICE`` run a child that complains as aplay
    does without a sound card, so tests can drive every path of the worker loop.

    Args:
        log: a JSON-lines file each record is appended to.
        seconds: how long each utterance "speaks".
    """

    def __init__(self, log: Path, seconds: float = 0.0) -> None:
        self._log = log
        self._seconds = seconds

    def voices(self) -> list[VoiceInfo]:
        """Two voices, so choosing one by fragment can be checked."""
        return list(VOICES)

    def speak(self, text: str, voice: str | None, rate: int | None, volume: float | None) -> None:
        """Logs the start, behaves as the text says, then logs the end."""
        self._write("start", text, voice=voice, rate=rate, volume=volume)
        if "CRASH" in text:
            os._exit(3)
        if "FAIL" in text:
            raise ValueError("no such phoneme")
        if "NODEVICE" in text:  # as aplay complains on a machine without a sound card, and pyttsx3 shrugs
            os.system(f"echo '{NO_CARD}' >&2; echo '{NO_DEVICE_PLAYER}' >&2")
        if "PLAY" in text:
            player = subprocess.Popen(["sleep", "60"])
            self._write("player", text, player=player.pid)
            player.wait()
        time.sleep(3600 if "HANG" in text else self._seconds)
        self._write("end", text)

    def render(self, text: str, path: str, voice: str | None, rate: int | None) -> None:
        """Writes the text itself where a WAV would go."""
        Path(path).write_text(text)

    def _write(self, event: str, text: str, **fields: object) -> None:
        record = {"event": event, "text": text, "pid": os.getpid(), "t": time.monotonic(), **fields}
        with self._log.open("a") as log:
            log.write(json.dumps(record) + "\n")


def missing_espeak() -> Engine:
    """An engine that cannot start, as on a machine without espeak-ng."""
    raise EngineUnavailableError("espeak-ng is not installed: install it with `sudo apt install espeak-ng`")


INSTALLED_FLAG = "CLINIC_TIMER_TEST_INSTALLED"


def installed_later() -> Engine:
    """Unavailable until the file named by ``$CLINIC_TIMER_TEST_INSTALLED`` exists, as before and after
    ``apt install espeak-ng``; then a :class:`RecordingEngine` logging next to that file."""
    flag = Path(os.environ[INSTALLED_FLAG])
    if not flag.exists():
        raise EngineUnavailableError(
            "espeak-ng is not installed: install it with `sudo apt install espeak-ng`"
        )
    return RecordingEngine(flag.with_suffix(".log"))


def crashing_engine() -> Engine:
    """An engine whose process dies while starting."""
    os._exit(7)


def read_log(log: Path) -> list[dict[str, object]]:
    """The records a :class:`RecordingEngine` wrote, oldest first."""
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text().splitlines()]
