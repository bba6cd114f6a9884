"""What the voice and its worker process say to each other, over one pipe.

Every message is a small frozen dataclass, pickled across the pipe, so the
two sides agree on a message by its type alone and nothing else crosses: no
engine object, no callable, no Qt state. Requests go from the parent to the
worker; reports come back. A request carries a ``seq`` and every report about
it repeats that number, so the parent can ignore what a worker says about a
request it has already cut off.

This module is imported by both processes and holds no behaviour beyond the
messages and the one-line wording of a failure (:func:`describe`) they carry.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "Failed",
    "Finished",
    "QuitRequest",
    "Ready",
    "RenderRequest",
    "Report",
    "Request",
    "SayRequest",
    "SpeechError",
    "Started",
    "VoiceInfo",
    "describe",
]


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


def describe(error: BaseException) -> str:
    """One line for a person: the message, or the exception's name when it has none.

    The reasons in :class:`Failed` and :class:`SpeechError` are made by it, and
    the parent words its own failures (a worker that cannot start) the same way.
    """
    text = " ".join(str(error).split())
    return text or type(error).__name__
