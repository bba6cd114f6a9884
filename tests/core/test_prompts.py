"""The spoken words for each cue, filled from the format's templates."""

from __future__ import annotations

import dataclasses

import pytest

from clinic_timer import paths
from clinic_timer.core.clock import FakeClock
from clinic_timer.core.cues import Cue, CueKind
from clinic_timer.core.formats import FormatError, load_format, parse_format
from clinic_timer.core.prompts import fill, minutes_phrase, prompt_for
from clinic_timer.core.session import Session
from tests.core.cast import roster_of
from tests.core.formats_fixture import CLINIC_TOML, clinic_format


def spoken_during_reflections() -> list[str | None]:
    fmt = clinic_format()
    clock = FakeClock()
    session = Session(fmt, roster_of("Ada", ("Ben", "Cy")), clock)
    cues: list[Cue] = []
    session.subscribe(cues.append)
    session.start()
    session.next()
    session.next()
    return [prompt_for(c, fmt, "Ada") for c in cues if c.kind is CueKind.TURN_STARTED]


def test_each_turn_thanks_the_previous_coach_and_invites_the_next() -> None:
    """Turn prompts name the coach, and after the first one thank who spoke before."""
    assert spoken_during_reflections() == [
        "Ben, would you reflect?",
        "Thank you, Ben. Cy, would you reflect?",
    ]


def test_warning_says_minutes_in_words() -> None:
    """'Two minutes left' reads naturally in English."""
    fmt = clinic_format()
    cue = Cue(CueKind.WARNING, 0.0, 1, "Case monologue", speaker="Ada", minutes=2)
    assert prompt_for(cue, fmt, "Ada") == "two minutes left."
    assert minutes_phrase(1, "en") == "one minute"
    assert minutes_phrase(3, "de") == "3 min"


def test_unspoken_nudges_and_pauses_are_silent() -> None:
    """Only nudges marked spoken are read out; a pause says nothing."""
    fmt = clinic_format()
    quiet = Cue(CueKind.NUDGE, 0.0, 1, "Case monologue", text="Ask.", spoken=False)
    loud = Cue(CueKind.NUDGE, 0.0, 1, "Case monologue", text="Ask.", spoken=True)
    assert prompt_for(quiet, fmt, "Ada") is None
    assert prompt_for(loud, fmt, "Ada") == "Ask."
    assert prompt_for(Cue(CueKind.PAUSED, 0.0, 1, "Case monologue"), fmt, "Ada") is None


def test_fill_never_raises_on_odd_templates() -> None:
    """A stray brace in a user's template is spoken as written rather than crashing."""
    assert fill("Hello {coach", {"coach": "Ben"}) == "Hello {coach"
    assert fill("Hello {nobody}", {}) == "Hello {nobody}"


def test_unknown_placeholder_is_refused_at_load() -> None:
    """A typo in a placeholder is caught when the format is loaded, with the phase named."""
    text = CLINIC_TOML.replace("{coach}, would you reflect?", "{coahc}, would you reflect?", 1)
    with pytest.raises(
        FormatError, match=r"phase 'Reflections': turn_spoken uses an unknown placeholder \{coahc\}"
    ):
        parse_format(text, name="t", source="t.toml")


def test_the_default_clinic_speaks_every_phase() -> None:
    """Each phase of the shipped default format has words to open it."""
    fmt = load_format(paths.shipped("sessions") / "crew-case-clinic.toml")
    session = Session(fmt, roster_of("Ada", ("Ben", "Cy", "Dee")), FakeClock())
    cues: list[Cue] = []
    session.subscribe(cues.append)
    session.start()
    for _ in range(5):
        session.next()
    openings = [
        prompt_for(c, fmt, "Ada") for c in cues if c.kind in (CueKind.PHASE_STARTED, CueKind.TURN_STARTED)
    ]
    spoken = [o for o in openings if o]
    assert len(spoken) == 6  # monologue, three turns, response, dialogue
    assert any("Ada" in s for s in spoken)


def test_host_and_bringer_both_name_the_lead() -> None:
    """{host} in a hosted format's words is the lead's name, as {bringer} is in a case clinic's."""
    fmt = dataclasses.replace(
        clinic_format(), warning_spoken="{host}, {minutes_left} left", time_up_spoken="{bringer}, time"
    )
    warning = Cue(CueKind.WARNING, 0.0, 1, "Case monologue", minutes=2)
    assert prompt_for(warning, fmt, "Olu") == "Olu, two minutes left"
    assert prompt_for(Cue(CueKind.TIME_UP, 0.0, 1, "Case monologue"), fmt, "Olu") == "Olu, time"
