"""Rendering speech to a WAV file, in a fresh worker process each time.

pyttsx3 has a trap: once an engine has run ``save_to_file()``, its later
``say()`` calls also go to that file. So rendering never borrows the speaking
worker's engine; it spawns its own worker, renders once and lets it exit.

This waits for the result, so call it from a thread or a tool, never from
the GUI thread.
"""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

from clinic_timer.speech import protocol
from clinic_timer.speech.engine import DEFAULT_ENGINE, EngineFactory, choose_voice
from clinic_timer.speech.worker import WorkerProcess


class RenderError(RuntimeError):
    """The speech could not be rendered; the message says why in one line."""


def render_to_wav(
    text: str,
    path: Path | str,
    voice: str | None = None,
    rate: int | None = None,
    *,
    engine_factory: EngineFactory = DEFAULT_ENGINE,
    timeout_s: float = 30.0,
) -> Path:
    """Writes ``text`` spoken by the engine to a WAV file at ``path``.

    Args:
        text: the words.
        path: where the WAV goes (its folder must exist).
        voice: an engine voice id or name fragment; None for the default.
        rate: words per minute; None for the engine's default.
        engine_factory: the engine, as for :class:`~clinic_timer.speech.voice.Voice`.
        timeout_s: how long the whole render may take.

    Returns:
        The path written, absolute.

    Raises:
        RenderError: the engine cannot start, failed, or took too long.
    """
    target = Path(path).resolve()
    handle = WorkerProcess(multiprocessing.get_context("spawn"), engine_factory, name="clinic-timer-render")
    deadline = time.monotonic() + timeout_s
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not handle.conn.poll(remaining):
                raise RenderError(f"rendering speech took longer than {timeout_s:g} s")
            try:
                report: protocol.Report = handle.conn.recv()
            except EOFError as error:
                raise RenderError("the speech process ended before rendering") from error
            if isinstance(report, protocol.Ready):
                chosen = choose_voice(report.voices, voice or "")
                handle.send(protocol.RenderRequest(1, text, str(target), chosen, rate))
            elif isinstance(report, protocol.Failed):
                raise RenderError(report.reason)
            elif isinstance(report, protocol.SpeechError):
                raise RenderError(f"rendering failed: {report.reason}")
            elif isinstance(report, protocol.Finished):
                handle.send(protocol.QuitRequest())
                handle.process.join(timeout=2.0)
                break
    finally:
        handle.kill()  # a no-op for one that quit; stops one that hung
        handle.process.join()
        handle.process.close()
    if not target.is_file():
        raise RenderError(f"the speech engine wrote nothing to {target}")
    return target
