"""A small clinic format written in the tests, so core tests do not depend on shipped wording."""

from __future__ import annotations

from clinic_timer.core.formats import Format, parse_format

CLINIC_TOML = """
[format]
title = "Test clinic"
min_coaches = 1
max_coaches = 8

[[phase]]
name = "Case monologue"
floor = "bringer"
minutes = 20
warning_minutes = 2
instruction = "Tell us your case. We listen, and ask only out of curiosity."
spoken = "{bringer}, the floor is yours."

[[phase.nudge]]
at_minutes = 5
kind = "curiosity"
texts = ["Ask a clarifying question.", "What would you like to know more about?"]

[[phase.nudge]]
at_minutes = 17
kind = "emotion"
texts = ["Notice how this makes you feel."]
spoken = true

[[phase]]
name = "Reflections"
floor = "coaches"
turn_minutes = 5
warning_minutes = 1
instruction = "Reflect what you heard and how it made you feel. No advice yet."
turn_spoken = "{coach}, would you reflect?"
next_turn_spoken = "Thank you, {previous}. {coach}, would you reflect?"

[[phase.nudge]]
at_minutes = 0
kind = "emotion"
texts = ["Start from feeling: I felt ..."]

[[phase]]
name = "Bringer's response"
floor = "bringer"
minutes = 10
instruction = "What was it like to share, and to hear the reflections?"

[[phase]]
name = "Generative dialogue"
floor = "everyone"
minutes = 45
instruction = "Advice is welcome now."
"""


def clinic_format() -> Format:
    """The 90-minute test clinic (with three coaches)."""
    return parse_format(CLINIC_TOML, name="test-clinic", source="test-clinic.toml")
