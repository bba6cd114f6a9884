"""What a format file may hold: its size and shape, the keys it may use, and how long each text may be.

A format comes from a file anyone can edit or send, and its words end up on
a shared screen and in a speech engine. So every limit is written here, in
one place, apart from the parser (:mod:`clinic_timer.core.formats`) that
applies them: how big and how deeply nested the file may be before TOML
parsing (see :mod:`clinic_timer.core.untrusted`), which keys each table may
have, how many phases, nudges and texts, and how long each text may be and
which characters it may not hold. A 5 MB title once crashed the app at
every start; a limit here is why it cannot again.

Also here: the small helpers that keep a hostile value harmless in a
message (:func:`quoted`, :func:`first_key`) and in arithmetic
(:func:`as_float`).
"""

from __future__ import annotations

import math
import re

__all__ = [
    "FORMAT_KEYS",
    "MAX_DEPTH",
    "MAX_DOTS_PER_LINE",
    "MAX_FILE_BYTES",
    "MAX_MINUTES",
    "MAX_NUDGES",
    "MAX_PHASES",
    "MAX_STRING",
    "MAX_TEXTS",
    "NUDGE_KEYS",
    "PHASE_KEYS",
    "as_float",
    "first_key",
    "quoted",
    "text_problem",
]

# What a format file may be, checked before TOML parsing (see clinic_timer.core.untrusted).
# The shipped formats are under 8 KB, nested 2 deep, with keys of 2 parts.
MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 8
MAX_DOTS_PER_LINE = 32
MAX_STRING = 10_000  # characters in one quoted string: the longest text allowed is 2,000

# What a format may say: as much as a shared screen can show, many times what the shipped ones use.
MAX_PHASES = 30
MAX_NUDGES = 20  # per phase
MAX_TEXTS = 20  # variants per nudge
# The longest each text may be, in characters, and whether it may run over several lines.
_TEXT_LIMITS: dict[str, tuple[int, bool]] = {
    "title": (80, False),
    "description": (2000, True),
    "language": (35, False),
    "voice": (100, False),
    "name": (60, False),
    "floor": (20, False),
    "instruction": (300, True),
    "kind": (40, False),
    "texts": (200, True),
}
_SPOKEN_LIMIT = (500, True)  # every *_spoken prompt
MAX_MINUTES = 24 * 60
# Characters no screen shows: C0 and C1 controls and the line separators; a multi-line text may
# hold newlines and tabs.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_IN_LINES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")

# The keys each table may have; anything else is refused, so a typo never passes silently.
FORMAT_KEYS = frozenset(
    {
        "title",
        "description",
        "language",
        "voice",
        "min_coaches",
        "max_coaches",
        "warning_spoken",
        "time_up_spoken",
        "overtime_spoken",
    }
)
PHASE_KEYS = frozenset(
    {
        "name",
        "floor",
        "minutes",
        "turn_minutes",
        "instruction",
        "spoken",
        "turn_spoken",
        "next_turn_spoken",
        "warning_minutes",
        "nudge",
    }
)
NUDGE_KEYS = frozenset({"at_minutes", "kind", "texts", "spoken"})


def text_problem(key: str, value: str) -> str:
    """What is wrong with ``value`` as the text of ``key``, in words, or "" if nothing is.

    A text is too long when it would not fit on the screen it is shown on,
    and wrong when it holds a character no screen shows (only multi-line
    texts may hold newlines and tabs). Keys not listed are spoken prompts.

    Args:
        key: the key the text is under (``title``, ``instruction``, ``turn_spoken``...).
        value: the text, already stripped.
    """
    limit, multiline = _TEXT_LIMITS.get(key, _SPOKEN_LIMIT)
    if len(value) > limit:
        return f"{key} is {len(value):,} characters long; at most {limit} fit on a screen"
    bad = (_CONTROL_IN_LINES if multiline else _CONTROL).search(value)
    if bad is not None:
        return f"{key} holds a control character ({bad.group()!a}), which cannot be shown"
    return ""


def as_float(value: object) -> float | None:
    """A TOML number as a float, without overflow: an integer too big for a float is infinite.

    ``math.isfinite`` and ``:g`` both raise ``OverflowError`` on an integer
    past 1e308, which TOML's hexadecimal or long decimal integers can be.
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, int) and abs(value) > 10**15:
        return math.inf if value > 0 else -math.inf
    return float(value)


def first_key(keys: set[str]) -> str:
    """The first of some keys, quoted and cut short: a key in a hostile file can be megabytes long."""
    return quoted(sorted(keys)[0])


def quoted(text: str, limit: int = 40) -> str:
    """``text`` as an ASCII literal cut to ``limit`` characters, safe to put in a one-line message."""
    return ascii(text if len(text) <= limit else text[:limit] + "...")
