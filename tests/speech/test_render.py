"""Rendering a prompt to a WAV file through the real pyttsx3 and espeak-ng."""

from __future__ import annotations

import array
import math
import sys
import wave
from typing import TYPE_CHECKING

import pytest

from clinic_timer.speech import RenderError, render_to_wav

from . import fake_engines

if TYPE_CHECKING:
    from pathlib import Path


def rms_and_duration(path: Path) -> tuple[float, float]:
    """The root-mean-square level (of 32768) and the length in seconds of a 16-bit mono WAV."""
    with wave.open(str(path), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth()) == (1, 2)
        frames = wav.readframes(wav.getnframes())
        rate = wav.getframerate()
    samples = array.array("h")
    samples.frombytes(frames)
    if sys.byteorder == "big":
        samples.byteswap()
    if not samples:
        return 0.0, 0.0
    return math.sqrt(sum(s * s for s in samples) / len(samples)), len(samples) / rate


@pytest.mark.slow
def test_prompt_renders_to_audible_speech(tmp_path: Path) -> None:
    """A spoken prompt becomes a WAV of more than half a second that is loud, not silence."""
    path = render_to_wav("Two minutes left for Alice's turn.", tmp_path / "prompt.wav", rate=170)
    rms, duration = rms_and_duration(path)
    assert duration > 0.5
    assert rms > 500  # silence is 0; espeak-ng speech is in the thousands


@pytest.mark.slow
def test_slower_rate_renders_longer_speech(tmp_path: Path) -> None:
    """The rate setting reaches the engine: the same words at half the rate last longer."""
    text = "Questions phase. Ask one open question each."
    _, fast = rms_and_duration(render_to_wav(text, tmp_path / "fast.wav", rate=300))
    _, slow = rms_and_duration(render_to_wav(text, tmp_path / "slow.wav", rate=120))
    assert slow > fast * 1.5


@pytest.mark.slow
def test_engine_that_cannot_start_raises_its_reason(tmp_path: Path) -> None:
    """Rendering without an engine fails with the engine's own one-line reason."""
    with pytest.raises(RenderError, match="espeak-ng is not installed"):
        render_to_wav(
            "hello",
            tmp_path / "x.wav",
            engine_factory=f"{fake_engines.__name__}:missing_espeak",
        )
