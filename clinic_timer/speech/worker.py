"""The speech worker: a child process that owns the one text-to-speech engine.

pyttsx3 allows one engine per process, is not thread-safe, and blocks in
``runAndWait()`` for as long as it speaks (on Linux it synthesises with
espeak-ng and then waits for ``aplay`` to play the result). So the engine
lives alone in a process started with the ``spawn`` context (no Qt state is
forked into it), and the parent talks to it only through one pipe of small
picklable messages. The parent can kill the process (and its process group,
so an ``aplay`` still playing dies with it) to stop speech mid-sentence, or
after a hang, and start another.

The engine is reached through a factory, named by a ``"module:attribute"``
string or given as a picklable callable, so tests can run the real worker
loop with a fake engine that records, hangs or fails to start.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import importlib
import io
import os
import platform
import signal
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from clinic_timer.speech.playback import PlaybackError, playback_problem, player_errors

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import SpawnContext, SpawnProcess

DEFAULT_ENGINE = "clinic_timer.speech.worker:pyttsx3_engine"


class EngineUnavailableError(RuntimeError):
    """The engine cannot start; the message is a one-line reason a person can act on."""


@dataclass(frozen=True)
class VoiceInfo:
    """One voice the engine offers.

    Attributes:
        id: what the engine takes to select it.
        name: a human name.
        languages: language codes, possibly empty.
    """

    id: str
    name: str
    languages: tuple[str, ...] = ()


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


# Messages, parent to worker.


@dataclass(frozen=True)
class SayRequest:
    """Speak ``text``; ``seq`` ties the worker's reports to this request."""

    seq: int
    text: str
    voice: str | None = None
    rate: int | None = None
    volume: float | None = None


@dataclass(frozen=True)
class RenderRequest:
    """Write ``text`` as speech to ``path`` (a WAV file)."""

    seq: int
    text: str
    path: str
    voice: str | None = None
    rate: int | None = None


@dataclass(frozen=True)
class QuitRequest:
    """Leave the loop and exit."""


Request = SayRequest | RenderRequest | QuitRequest


# Messages, worker to parent.


@dataclass(frozen=True)
class Ready:
    """The engine is up.

    Attributes:
        voices: the voices on offer.
        problem: a one-line warning when speech is synthesised but may not
            be heard (no ``aplay``), else empty.
    """

    voices: tuple[VoiceInfo, ...]
    problem: str = ""


@dataclass(frozen=True)
class Failed:
    """The engine cannot start; ``reason`` says why in one line."""

    reason: str


@dataclass(frozen=True)
class Started:
    """The worker has begun request ``seq``."""

    seq: int


@dataclass(frozen=True)
class Finished:
    """Request ``seq`` is done (and heard, as far as the engine can tell)."""

    seq: int


@dataclass(frozen=True)
class SpeechError:
    """Request ``seq`` raised; the worker carries on with the next one."""

    seq: int
    reason: str


Report = Ready | Failed | Started | Finished | SpeechError


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


def describe(error: BaseException) -> str:
    """One line for a person: the message, or the exception's name when it has none."""
    text = " ".join(str(error).split())
    return text or type(error).__name__


def run(conn: Connection, factory: EngineFactory) -> None:
    """The worker process's entry point: start the engine, then serve requests until told to quit.

    Every exception is caught and reported, because a worker that dies
    silently looks to the parent like a hang or a crash and costs a restart.

    Args:
        conn: this end of the pipe to the parent.
        factory: how to make the engine (see :func:`load_factory`).
    """
    # Own process group, so the parent's kill also reaches the aplay we start.
    if hasattr(os, "setpgid"):
        with contextlib.suppress(OSError):
            os.setpgid(0, 0)
    # The pipe must not leak into aplay: a player outliving us would hold it open.
    os.set_inheritable(conn.fileno(), False)
    try:
        engine = load_factory(factory)()
        voices = tuple(engine.voices())
    except Exception as error:  # any failure to start is reported, not raised
        conn.send(Failed(describe(error)))
        return
    conn.send(Ready(voices, playback_problem()))
    _serve(conn, engine)


def _serve(conn: Connection, engine: Engine) -> None:
    """Answers requests one at a time until a quit or the parent's end closes."""
    while True:
        try:
            request: Request = conn.recv()
        except (EOFError, OSError):
            return
        if isinstance(request, QuitRequest):
            return
        conn.send(Started(request.seq))
        try:
            if isinstance(request, SayRequest):
                # pyttsx3 drops aplay's exit status; what aplay writes says whether it played.
                with player_errors() as problems:
                    engine.speak(request.text, request.voice, request.rate, request.volume)
                if problems:
                    raise PlaybackError(problems[0])
            else:
                engine.render(request.text, request.path, request.voice, request.rate)
        except Exception as error:  # reported per request; the loop goes on
            conn.send(SpeechError(request.seq, describe(error)))
        else:
            conn.send(Finished(request.seq))


class WorkerProcess:
    """The parent's handle on one spawned worker: the process and the parent's end of the pipe.

    Args:
        context: a ``spawn`` multiprocessing context.
        factory: the engine the worker makes.
        name: the process's name, as seen in ``ps``.
    """

    def __init__(
        self, context: SpawnContext, factory: EngineFactory, name: str = "clinic-timer-voice"
    ) -> None:
        conn, child_conn = context.Pipe(duplex=True)
        self.process: SpawnProcess = context.Process(
            target=run, args=(child_conn, factory), name=name, daemon=True
        )
        try:
            self.process.start()
        finally:
            child_conn.close()  # else our copy would keep the pipe open after the child dies
        self.conn: Connection = conn

    def send(self, request: Request) -> bool:
        """Sends without waiting for an answer; False if the worker's end is gone."""
        try:
            self.conn.send(request)
        except (OSError, ValueError):
            return False
        return True

    def reports(self) -> tuple[list[Report], bool]:
        """Everything the worker has said so far, and whether it has gone (without blocking)."""
        found: list[Report] = []
        try:
            while self.conn.poll(0):
                found.append(self.conn.recv())
        except (EOFError, OSError, ValueError):
            return found, True
        return found, not self.process.is_alive()

    def kill(self) -> None:
        """Kills the worker and its process group (an ``aplay`` mid-sentence) at once."""
        pid = self.process.pid
        # Only while it is unreaped: afterwards its id may belong to someone else.
        if pid is not None and self.process.exitcode is None and hasattr(os, "killpg"):
            with contextlib.suppress(OSError):
                os.killpg(pid, signal.SIGKILL)
        with contextlib.suppress(OSError, ValueError):
            self.process.kill()
        self.conn.close()

    def reaped(self) -> bool:
        """True once the killed process is gone and its resources freed (never blocks)."""
        if self.process.is_alive():
            return False
        self.process.close()
        return True


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
