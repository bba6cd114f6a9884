"""Whether spoken words can be heard: the player pyttsx3 hands them to, and what it says.

On Linux pyttsx3 synthesises with espeak-ng and then plays the file with
``os.system("aplay ...")``, whose exit status it drops. On a machine with no
sound device every prompt fails there, aplay writes its complaint to the
worker's stderr (nineteen of them in one rehearsal's log), and the voice
believed each prompt was spoken. :func:`player_errors` catches what the
player writes while one utterance plays, so the worker can report the
failure like any other (see :class:`PlaybackError`), and the facilitator
is told once, in words, why the voice cannot be heard.

Pure Python, no Qt: it runs in the speech worker process.
"""

from __future__ import annotations

import contextlib
import os
import platform
import shutil
import tempfile
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

NO_DEVICE = "this computer has no sound device, so the voice cannot be heard"
_NO_DEVICE_SIGNS = ("no soundcards found", "audio open error", "no such device", "cannot find card")


class PlaybackError(RuntimeError):
    """The words were synthesised but the player could not play them; the message says why."""


def playback_problem() -> str:
    """Why speech may be synthesised but not heard on this machine, or an empty string."""
    if platform.system() == "Linux" and shutil.which("aplay") is None:
        return "aplay is not installed, so speech cannot be heard: install alsa-utils"
    return ""


def explain(output: str) -> str:
    """What a player's complaint means for the facilitator, or "" for no complaint.

    Args:
        output: what the player wrote to stderr while it played.
    """
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    said = " ".join(lines).casefold()
    if any(sign in said for sign in _NO_DEVICE_SIGNS):
        return f"{NO_DEVICE} ({lines[-1]})"
    failures = [line for line in lines if line.casefold().startswith("aplay:") or "error" in line.casefold()]
    if failures:
        return f"the sound player failed, so the voice may not be heard ({failures[-1]})"
    return ""  # nothing, or only a warning: the words were played


@contextlib.contextmanager
def player_errors() -> Iterator[list[str]]:
    """Collects what the player writes to stderr while the block runs, and what it means.

    The worker's file descriptor 2 is pointed at a temporary file for the
    block, because aplay inherits it from ``os.system``; afterwards it is
    restored, and the list holds the complaint explained (empty when none).
    Only the worker process does this, and only around one utterance.

    Yields:
        A list that holds, once the block ends, at most one explanation.
    """
    found: list[str] = []
    with tempfile.TemporaryFile() as sink:
        saved = os.dup(2)
        try:
            os.dup2(sink.fileno(), 2)
            yield found
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            sink.seek(0)
            output = sink.read().decode(errors="replace")
            reason = explain(output)
            if reason:
                found.append(reason)
            elif output:  # a warning only: it belongs in the log as before
                os.write(2, output.encode())
