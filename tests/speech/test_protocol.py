"""The messages between the voice and its worker cross a real pipe intact."""

from __future__ import annotations

import multiprocessing

import pytest

from clinic_timer.speech import protocol

MESSAGES: list[protocol.Request | protocol.Report] = [
    protocol.SayRequest(1, "Alice's turn", "roa/fr", 150, 0.5),
    protocol.RenderRequest(2, "Hello", "/tmp/x.wav", None, 120),
    protocol.QuitRequest(),
    protocol.Ready((protocol.VoiceInfo("roa/fr", "French", ("fr",)),), "aplay is not installed"),
    protocol.Failed("espeak-ng is not installed"),
    protocol.Started(3),
    protocol.Finished(3),
    protocol.SpeechError(4, "no such phoneme"),
]


@pytest.mark.parametrize("message", MESSAGES, ids=lambda m: type(m).__name__)
def test_every_message_arrives_equal_through_a_spawn_pipe(message: object) -> None:
    """What one process sends, the other receives as an equal value of the same type."""
    ours, theirs = multiprocessing.get_context("spawn").Pipe(duplex=True)
    with ours, theirs:
        ours.send(message)
        received = theirs.recv()
    assert type(received) is type(message)
    assert received == message


@pytest.mark.parametrize(
    ("error", "line"),
    [
        (OSError("cannot\n  allocate   memory"), "cannot allocate memory"),
        (RuntimeError(), "RuntimeError"),
    ],
)
def test_a_failure_is_described_in_one_line(error: BaseException, line: str) -> None:
    """A reason a person reads is one line, and never empty."""
    assert protocol.describe(error) == line
