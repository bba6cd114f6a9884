"""What the voice says for each cue, from the format's own words with names filled in.

The words belong to the format (so a crew can write a format in its own
language); this module only picks the right template and fills it.
"""

from __future__ import annotations

import string
from typing import TYPE_CHECKING

from clinic_timer.core.cues import Cue, CueKind

if TYPE_CHECKING:
    from clinic_timer.core.formats import Format

PLACEHOLDERS = frozenset(
    {"bringer", "host", "coach", "previous", "speaker", "minutes_left", "minutes", "phase"}
)

_EN_NUMBERS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def placeholders_in(template: str) -> set[str]:
    """The ``{names}`` a template uses.

    Raises:
        ValueError: the braces do not parse.
    """
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def minutes_phrase(minutes: int, language: str) -> str:
    """'two minutes' in English, '2 min' elsewhere (a format can say the rest in its language)."""
    if language.startswith("en"):
        word = _EN_NUMBERS[minutes] if 0 <= minutes < len(_EN_NUMBERS) else str(minutes)
        return f"{word} minute" if minutes == 1 else f"{word} minutes"
    return f"{minutes} min"


def fill(template: str, values: dict[str, str]) -> str:
    """Fills a template; an unknown or malformed placeholder is left as it is, never raised."""
    try:
        return template.format_map(_Defaulting(values))
    except (ValueError, IndexError, AttributeError, KeyError):
        return template


class _Defaulting(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def prompt_for(cue: Cue, fmt: Format, lead: str) -> str | None:
    """The words to speak for ``cue``, or None when the cue is silent.

    The first turn of a per-coach phase speaks the phase's opening and the
    turn's invitation as one utterance, so neither replaces the other.
    """
    phase = fmt.phase(cue.phase) if cue.phase else None
    values = {
        "bringer": lead,
        "host": lead,
        "coach": cue.speaker,
        "previous": cue.previous,
        "speaker": cue.speaker,
        "phase": cue.phase,
        "minutes_left": minutes_phrase(cue.minutes, fmt.language),
        "minutes": minutes_phrase(cue.minutes, fmt.language),
    }
    text = ""
    if cue.kind is CueKind.PHASE_STARTED and phase is not None and not phase.per_coach:
        text = phase.spoken
    elif cue.kind is CueKind.TURN_STARTED and phase is not None:
        if cue.previous and phase.next_turn_spoken:
            text = phase.next_turn_spoken
        elif cue.previous:
            text = phase.turn_spoken
        else:
            text = " ".join(t for t in (phase.spoken, phase.turn_spoken) if t)
    elif cue.kind is CueKind.WARNING:
        text = fmt.warning_spoken
    elif cue.kind is CueKind.TIME_UP:
        text = fmt.time_up_spoken
    elif cue.kind is CueKind.OVERTIME and cue.minutes == 1:
        text = fmt.overtime_spoken
    elif cue.kind is CueKind.NUDGE and cue.spoken:
        text = cue.text
    spoken = fill(text, values).strip()
    return spoken or None
