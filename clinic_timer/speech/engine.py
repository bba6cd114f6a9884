"""The text-to-speech engine the worker owns, how it is named, and whether it can run here.

The engine is reached through a factory, named by a ``"module:attribute"``
string or given as a picklable callable, so tests can run the real worker
loop (:mod:`clinic_timer.speech.worker`) with a fake engine that records,
hangs or fails to start. The real one is pyttsx3, which on Linux needs the
espeak-ng library to synthesise (:func:`espeak_problem`) and ``aplay`` to be
heard (:mod:`clinic_timer.speech.playback` checks the player and the sound
device). Those probes run in the worker, so a missing engine is reported as
a reason a person can act on, never raised at the UI.

Pure Python, no Qt; pyttsx3 itself is imported only inside the worker.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import importlib
import io
import platform
from collections.abc import Callable, Sequence
from typing import Protocol

from clinic_timer.speech.protocol import VoiceInfo, describe

__all__ = [
    "DEFAULT_ENGINE",
    "Engine",
    "EngineFactory",
    "EngineUnavailableError",
    "Pyttsx3Engine",
    "choose_voice",
    "espeak_problem",
    "load_factory",
    "pyttsx3_engine",
]

# Named by string so the parent never imports pyttsx3; the frozen app lists this module as a
# hidden import (packaging/clinic-timer.spec) because no import statement names the factory.
DEFAULT_ENGINE = "clinic_timer.speech.engine:pyttsx3_engine"


class EngineUnavailableError(RuntimeError):
    """The engine cannot start; the message is a one-line reason a person can act on."""


class Engine(Protocol):
    """What the worker needs from a text-to-speech engine; everything here may block."""

    def voices(self) -> list[VoiceInfo]:
        """The voices on offer."""
        ...

    def speak(self, text: str, voice: str | None, rate: int | None, volume: float | None) -> None:
        """Speaks ``text`` aloud and returns when it has been heard."""
        ...

    def render(self, text: str, path: str, voice: str | None, rate: int | None) -> None:
        """Writes ``text`` as speech to the WAV file ``path``."""
        ...


EngineFactory = str | Callable[[], Engine]


def load_factory(factory: EngineFactory) -> Callable[[], Engine]:
    """Resolves a ``"module:attribute"`` factory name to the callable itself.

    Raises:
        EngineUnavailableError: the name is malformed or names nothing.
    """
    if not isinstance(factory, str):
        return factory
    module_name, sep, attribute = factory.partition(":")
    if not sep or not module_name or not attribute:
        raise EngineUnavailableError(f"the speech engine {factory!r} is not of the form module:factory")
    try:
        target: Callable[[], Engine] = getattr(importlib.import_module(module_name), attribute)
    except (ImportError, AttributeError) as error:
        raise EngineUnavailableError(f"the speech engine {factory!r} cannot be loaded: {error}") from error
    return target


def choose_voice(voices: Sequence[VoiceInfo], wanted: str) -> str | None:
    """The id of the voice ``wanted`` names, or None for the engine's default.

    A setting written on one machine may name a voice another lacks, so an
    exact id wins, then a case-insensitive fragment of a name or id, and
    otherwise the engine keeps its default rather than failing.

    Args:
        voices: what the engine offers.
        wanted: an id or a fragment of a name; empty for the default.
    """
    wanted = wanted.strip()
    if not wanted:
        return None
    for info in voices:
        if info.id == wanted:
            return info.id
    fragment = wanted.casefold()
    for info in voices:
        if fragment in info.name.casefold() or fragment in info.id.casefold():
            return info.id
    return None


def espeak_problem() -> str:
    """Why pyttsx3 cannot synthesise on this machine (Linux needs espeak-ng), or an empty string."""
    if platform.system() != "Linux":
        return ""
    if ctypes.util.find_library("espeak-ng") or ctypes.util.find_library("espeak"):
        return ""
    return "espeak-ng is not installed: install it with `sudo apt install espeak-ng`"


class Pyttsx3Engine:
    """The real engine: pyttsx3 with the platform's driver (espeak-ng on Linux).

    Raises:
        EngineUnavailableError: espeak-ng is missing or pyttsx3 cannot start.
    """

    def __init__(self) -> None:
        if problem := espeak_problem():
            raise EngineUnavailableError(problem)
        try:
            import pyttsx3  # heavy, and only ever needed in the worker

            self._engine = pyttsx3.init()
        except Exception as error:
            raise EngineUnavailableError(f"the speech engine cannot start: {describe(error)}") from error

    def voices(self) -> list[VoiceInfo]:
        """The engine's voices, with their language codes as plain strings."""
        found = []
        for voice in self._engine.getProperty("voices") or []:
            languages = tuple(
                lang.decode(errors="replace") if isinstance(lang, bytes) else str(lang)
                for lang in (getattr(voice, "languages", None) or [])
            )
            found.append(VoiceInfo(str(voice.id), str(voice.name or voice.id), languages))
        return found

    def speak(self, text: str, voice: str | None, rate: int | None, volume: float | None) -> None:
        """Speaks and waits; pyttsx3 speaks only the last of several ``say()``, so one at a time."""
        self._configure(voice, rate, volume)
        self._engine.say(text)
        self._quietly_run()

    def render(self, text: str, path: str, voice: str | None, rate: int | None) -> None:
        """Writes a WAV. After this, pyttsx3 sends later ``say()`` calls to the file too,
        so an engine that has rendered must not be used to speak again."""
        self._configure(voice, rate, None)
        self._engine.save_to_file(text, path)
        self._quietly_run()

    def _configure(self, voice: str | None, rate: int | None, volume: float | None) -> None:
        if voice:
            self._engine.setProperty("voice", voice)
        if rate is not None:
            self._engine.setProperty("rate", rate)
        if volume is not None:
            self._engine.setProperty("volume", volume)

    def _quietly_run(self) -> None:
        """runAndWait, with pyttsx3's own ``print`` calls kept off our stdout."""
        with contextlib.redirect_stdout(io.StringIO()):
            self._engine.runAndWait()


def pyttsx3_engine() -> Engine:
    """The default engine factory, named by :data:`DEFAULT_ENGINE`."""
    return Pyttsx3Engine()
