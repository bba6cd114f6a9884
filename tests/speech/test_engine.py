"""The engine: naming it, choosing its voice, and saying why it cannot run here."""

from __future__ import annotations

import pytest

from clinic_timer.speech.engine import (
    DEFAULT_ENGINE,
    EngineUnavailableError,
    Pyttsx3Engine,
    choose_voice,
    load_factory,
    pyttsx3_engine,
)

from . import fake_engines


def test_voice_chosen_by_exact_id_or_name_fragment() -> None:
    """A setting may name a voice by id or by part of its name; an unknown one keeps the default."""
    voices = fake_engines.VOICES
    assert choose_voice(voices, "roa/fr") == "roa/fr"
    assert choose_voice(voices, "BRITAIN") == "gmw/en-gb"
    assert choose_voice(voices, "klingon") is None
    assert choose_voice(voices, "") is None


def test_missing_espeak_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the espeak-ng library the real engine refuses to start, saying how to install it."""
    monkeypatch.setattr("platform.system", lambda: "Linux")
    monkeypatch.setattr("ctypes.util.find_library", lambda name: None)
    with pytest.raises(EngineUnavailableError, match="sudo apt install espeak-ng"):
        Pyttsx3Engine()


def test_the_default_engine_name_resolves_to_the_real_factory() -> None:
    """The name the frozen app lists as a hidden import is the one the worker loads."""
    assert load_factory(DEFAULT_ENGINE) is pyttsx3_engine


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("no colon here", "is not of the form module:factory"),
        ("clinic_timer.speech.engine:", "is not of the form module:factory"),
        ("clinic_timer.no_such_module:engine", "cannot be loaded"),
        ("clinic_timer.speech.engine:no_such_factory", "cannot be loaded"),
    ],
)
def test_a_bad_engine_name_is_an_unavailable_engine(name: str, problem: str) -> None:
    """A malformed or dangling factory name is refused with a reason naming it, not an ImportError."""
    with pytest.raises(EngineUnavailableError, match=problem) as refused:
        load_factory(name)
    assert repr(name) in str(refused.value)
