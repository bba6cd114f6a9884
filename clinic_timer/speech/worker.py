"""The speech worker: a child process that owns the one text-to-speech engine.

pyttsx3 allows one engine per process, is not thread-safe, and blocks in
``runAndWait()`` for as long as it speaks (on Linux it synthesises with
espeak-ng and then waits for ``aplay`` to play the result). So the engine
lives alone in a process started with the ``spawn`` context (no Qt state is
forked into it), and the parent talks to it only through one pipe of the
small picklable messages in :mod:`clinic_timer.speech.protocol`. The parent
can kill the process (and its process group, so an ``aplay`` still playing
dies with it) to stop speech mid-sentence, or after a hang, and start another.

This module holds both ends of that process: :func:`run`, the child's loop,
and :class:`WorkerProcess`, the parent's handle on it. Which engine runs and
whether it can run here is :mod:`clinic_timer.speech.engine`'s business;
when to start, restart or give up on a worker is
:mod:`clinic_timer.speech.supervisor`'s.
"""

from __future__ import annotations

import contextlib
import os
import signal
from typing import TYPE_CHECKING

from clinic_timer.speech.engine import EngineFactory, load_factory
from clinic_timer.speech.playback import PlaybackError, playback_problem, player_errors
from clinic_timer.speech.protocol import (
    Failed,
    Finished,
    QuitRequest,
    Ready,
    Report,
    Request,
    SayRequest,
    SpeechError,
    Started,
    describe,
)

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import SpawnContext, SpawnProcess

    from clinic_timer.speech.engine import Engine

__all__ = ["WorkerProcess", "run"]


def run(conn: Connection, factory: EngineFactory) -> None:
    """The worker process's entry point: start the engine, then serve requests until told to quit.

    Every exception is caught and reported, because a worker that dies
    silently looks to the parent like a hang or a crash and costs a restart.

    Args:
        conn: this end of the pipe to the parent.
        factory: how to make the engine (see :func:`~clinic_timer.speech.engine.load_factory`).
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
