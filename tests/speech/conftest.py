"""Fixtures for the speech tests: a log for the fake engine, and voices with real workers."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from clinic_timer.speech.voice import Voice

from .drivers import Driver, ShiftableClock

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from clinic_timer.speech.engine import EngineFactory


@pytest.fixture
def log(tmp_path: Path) -> Path:
    """Where the fake engine records what it said."""
    return tmp_path / "spoken.jsonl"


@pytest.fixture
def make_driver() -> Iterator[Callable[..., Driver]]:
    """Makes drivers of voices with real worker processes, and shuts them all down after."""
    voices: list[Voice] = []

    def make(factory: EngineFactory, **options: object) -> Driver:
        voice = Voice(engine_factory=factory, **options)  # type: ignore[arg-type]
        voices.append(voice)
        return Driver(voice, ShiftableClock())

    yield make
    for voice in voices:
        voice.shutdown()
