"""Clinic formats: the phases of a clinic as data, loaded from TOML and checked.

A format file looks like this (every key is listed in ``FORMAT_KEYS`` and
friends in :mod:`clinic_timer.core.format_limits`, with every limit; anything
else is refused, so a typo never passes silently)::

    [format]
    title = "Crew case clinic"
    description = "..."
    language = "en"             # optional; a voice is chosen to match
    voice = ""                  # optional; part of a voice name or id
    min_coaches = 1             # optional, default 1
    max_coaches = 8             # optional, default 8 (0 allows no coaches)
    warning_spoken = "{minutes_left} minutes left."   # optional
    time_up_spoken = "Time is up, {speaker}."         # optional

    [[phase]]
    name = "Reflections"
    floor = "coaches"           # "bringer", "host", "coaches" (each in turn) or "everyone"
    turn_minutes = 3            # per coach; or `minutes` to split a total
    instruction = "Reflect what you heard and how it made you feel."
    spoken = "Now each coach reflects."          # at the phase's start
    turn_spoken = "{coach}, would you reflect?"  # at each turn's start
    next_turn_spoken = "Thank you, {previous}. {coach}, would you reflect?"
    warning_minutes = 1         # optional; default 2; at most half the slot; 0: no warning

    [[phase.nudge]]
    at_minutes = 0.5            # after the phase (or, for "coaches", each turn) starts
    kind = "emotion"            # "curiosity", "emotion", "advice", "stillness", ...
    texts = ["Start from feeling: I felt ...", "What moved you?"]  # rotated weekly

A format with no case to bring (an intro or landing session) gives its
lead's phases to the ``"host"`` instead of the ``"bringer"``; one format
cannot have both.

Spoken words may use the placeholders {bringer}, {host}, {coach}, {previous},
{speaker}, {phase}, {minutes_left} and {minutes}; any other is refused.
{bringer} and {host} are both the lead's name.

The file's stem is the format's name (``crew-case-clinic.toml`` is
``crew-case-clinic``).
"""

from __future__ import annotations

import math
import tomllib
from typing import TYPE_CHECKING, Any

from clinic_timer.core import times
from clinic_timer.core.format_limits import (
    FORMAT_KEYS,
    MAX_DEPTH,
    MAX_DOTS_PER_LINE,
    MAX_FILE_BYTES,
    MAX_MINUTES,
    MAX_NUDGES,
    MAX_PHASES,
    MAX_STRING,
    MAX_TEXTS,
    NUDGE_KEYS,
    PHASE_KEYS,
    as_float,
    first_key,
    quoted,
    text_problem,
)
from clinic_timer.core.format_model import (
    DEFAULT_OVERTIME_SPOKEN,
    DEFAULT_TIME_UP_SPOKEN,
    DEFAULT_WARNING_SPOKEN,
    MAX_COACHES,
    Floor,
    Format,
    FormatError,
    NudgeSpec,
    Phase,
)
from clinic_timer.core.untrusted import Refused, check_toml_shape, read_bounded

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "DEFAULT_OVERTIME_SPOKEN",
    "DEFAULT_TIME_UP_SPOKEN",
    "DEFAULT_WARNING_SPOKEN",
    "MAX_COACHES",
    "MAX_FILE_BYTES",
    "Floor",
    "Format",
    "FormatError",
    "NudgeSpec",
    "Phase",
    "load_format",
    "parse_format",
]


def load_format(path: Path) -> Format:
    """Reads and checks one format file.

    Only a regular file of at most :data:`MAX_FILE_BYTES` is read (a FIFO or a
    link to a device in the formats folder is refused, never waited on).

    Raises:
        FormatError: the file cannot be read, is not TOML, or breaks a rule.
    """
    source = str(path)
    try:
        raw = read_bounded(path, MAX_FILE_BYTES)
    except Refused as refused:
        raise FormatError(source, refused.problem) from None
    except OSError as error:
        raise FormatError(source, f"cannot be read ({error.strerror or error})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise FormatError(source, "is not UTF-8 text") from None
    return parse_format(text, name=path.stem, source=source)


def parse_format(text: str, *, name: str, source: str) -> Format:
    """Parses and checks a format from TOML text.

    Args:
        text: the TOML.
        name: the format's name (a file's stem).
        source: the file, for messages.

    Raises:
        FormatError: anything is wrong; never any other exception.
    """
    if len(text) > MAX_FILE_BYTES:
        raise FormatError(source, f"is over {MAX_FILE_BYTES:,} characters; formats that big are not read")
    try:
        check_toml_shape(text, max_depth=MAX_DEPTH, max_dots=MAX_DOTS_PER_LINE, max_string=MAX_STRING)
        data = tomllib.loads(text)
    except Refused as refused:
        raise FormatError(source, f"is not read: {refused.problem}") from None
    except tomllib.TOMLDecodeError as error:
        raise FormatError(source, f"is not valid TOML ({error})") from None
    except (ValueError, RecursionError) as error:  # past the shape check only by a tomllib quirk
        raise FormatError(source, f"is not valid TOML ({type(error).__name__})") from None
    return _Parser(source).format(data, name)


class _Parser:
    """Turns parsed TOML into a :class:`Format`, refusing anything it does not understand.

    Every text is bounded (:func:`~clinic_timer.core.format_limits.text_problem`) before it is used, even in a
    message: a 5 MB title once crashed the app at every start.
    """

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, problem: str, phase: str | None = None) -> FormatError:
        return FormatError(self.source, problem, phase)

    def format(self, data: dict[str, Any], name: str) -> Format:
        unknown = set(data) - {"format", "phase"}
        if unknown:
            raise self.fail(f"unknown top-level key {first_key(unknown)} (expected [format], [[phase]])")
        meta = data.get("format")
        if not isinstance(meta, dict):
            raise self.fail("has no [format] table")
        self.check_keys(meta, FORMAT_KEYS, "[format]")
        title = self.text(meta, "title", None, required=True)
        min_coaches = self.count(meta, "min_coaches", 1)
        max_coaches = self.count(meta, "max_coaches", MAX_COACHES)
        if max_coaches > MAX_COACHES:
            raise self.fail(f"max_coaches is {max_coaches}; at most {MAX_COACHES} coaches are supported")
        if min_coaches > max_coaches:
            raise self.fail(f"min_coaches ({min_coaches}) is more than max_coaches ({max_coaches})")
        spoken = {
            key: self.prompt(meta, key, None)
            for key in ("warning_spoken", "time_up_spoken", "overtime_spoken")
        }
        raw_phases = data.get("phase")
        if not isinstance(raw_phases, list) or not raw_phases:
            raise self.fail("has no phases (add at least one [[phase]] table)")
        if len(raw_phases) > MAX_PHASES:
            raise self.fail(f"has {len(raw_phases)} phases; at most {MAX_PHASES} are allowed")
        phases = tuple(self.phase(raw, index, max_coaches) for index, raw in enumerate(raw_phases))
        seen: set[str] = set()
        for phase in phases:
            if phase.name in seen:
                raise self.fail("the phase name is used twice", phase.name)
            seen.add(phase.name)
        floors = {phase.floor for phase in phases}
        if {Floor.BRINGER, Floor.HOST} <= floors:
            raise self.fail(
                "has phases for the bringer and for the host; a clinic has a case bringer or a host, not both"
            )
        return Format(
            name=name,
            title=title,
            phases=phases,
            description=self.text(meta, "description", None),
            language=self.text(meta, "language", None) or "en",
            voice=self.text(meta, "voice", None),
            min_coaches=min_coaches,
            max_coaches=max_coaches,
            warning_spoken=spoken["warning_spoken"] or DEFAULT_WARNING_SPOKEN,
            time_up_spoken=spoken["time_up_spoken"] or DEFAULT_TIME_UP_SPOKEN,
            overtime_spoken=spoken["overtime_spoken"],
            source=self.source,
        )

    def phase(self, raw: object, index: int, max_coaches: int) -> Phase:
        if not isinstance(raw, dict):
            raise self.fail(f"phase {index + 1} is not a table")
        name = raw.get("name")
        if not isinstance(name, str) or not name.strip():
            raise self.fail(f"phase {index + 1} has no name")
        try:
            name = self.text(raw, "name", None, required=True)
        except FormatError as error:  # no name to call the phase by yet: its number, then
            raise self.fail(f"phase {index + 1}: {error.problem}") from None
        self.check_keys(raw, PHASE_KEYS, "the phase", phase=name)
        floor_text = self.text(raw, "floor", name, required=True)
        try:
            floor = Floor(floor_text)
        except ValueError:
            choices = ", ".join(f.value for f in Floor)
            raise self.fail(f"floor is {floor_text!r}; expected one of {choices}", name) from None
        minutes = self.minutes(raw, "minutes", name)
        turn_minutes = self.minutes(raw, "turn_minutes", name)
        if floor is Floor.COACHES:
            if max_coaches == 0:
                raise self.fail("gives each coach a turn, but this format allows no coaches", name)
            if (minutes is None) == (turn_minutes is None):
                raise self.fail("needs exactly one of minutes (split) or turn_minutes (each)", name)
            shortest = turn_minutes * 60 if turn_minutes is not None else minutes * 60 / max_coaches  # type: ignore[operator]
        else:
            if turn_minutes is not None:
                raise self.fail("has turn_minutes but the floor is not 'coaches'", name)
            if minutes is None:
                raise self.fail("has no duration (minutes is missing)", name)
            shortest = minutes * 60
        warning = self.minutes(raw, "warning_minutes", name, allow_zero=True)
        if warning is not None and warning * 60 >= shortest:
            raise self.fail(f"warning_minutes ({warning:g}) is not shorter than the phase or turn", name)
        nudges_raw = raw.get("nudge", [])
        if not isinstance(nudges_raw, list):
            raise self.fail("nudge must be a list of [[phase.nudge]] tables", name)
        if len(nudges_raw) > MAX_NUDGES:
            raise self.fail(f"has {len(nudges_raw)} nudges; at most {MAX_NUDGES} are allowed", name)
        nudges = tuple(self.nudge(n, name, shortest) for n in nudges_raw)
        return Phase(
            name=name,
            floor=floor,
            instruction=self.text(raw, "instruction", name, required=True),
            spoken=self.prompt(raw, "spoken", name),
            minutes=minutes,
            turn_minutes=turn_minutes,
            turn_spoken=self.prompt(raw, "turn_spoken", name),
            next_turn_spoken=self.prompt(raw, "next_turn_spoken", name),
            warning_minutes=warning,
            nudges=tuple(sorted(nudges, key=lambda n: n.at_s)),
        )

    def nudge(self, raw: object, phase: str, slot_seconds: float) -> NudgeSpec:
        if not isinstance(raw, dict):
            raise self.fail("a nudge is not a table", phase)
        self.check_keys(raw, NUDGE_KEYS, "a nudge", phase=phase)
        at = as_float(raw.get("at_minutes"))
        if at is None or math.isnan(at) or at < 0:
            raise self.fail("a nudge needs at_minutes, a number of minutes from 0", phase)
        if at * 60 >= slot_seconds:
            shown = times.planned_minutes(at * 60) if math.isfinite(at) else "a huge number of minutes"
            raise self.fail(
                f"a nudge at {shown} comes after the phase or turn ends ({times.planned_minutes(slot_seconds)})",
                phase,
            )
        kind = self.text(raw, "kind", phase, required=True)
        texts = raw.get("texts")
        if not isinstance(texts, list) or not texts:
            raise self.fail(f"the {kind!r} nudge needs texts, a list of one or more lines", phase)
        if len(texts) > MAX_TEXTS:
            raise self.fail(
                f"the {kind!r} nudge has {len(texts)} texts; at most {MAX_TEXTS} are allowed", phase
            )
        lines = tuple(self.text({"texts": t}, "texts", phase, required=True) for t in texts)
        spoken = raw.get("spoken", False)
        if not isinstance(spoken, bool):
            raise self.fail(f"the {kind!r} nudge's spoken must be true or false", phase)
        return NudgeSpec(at_s=at * 60, kind=kind, texts=lines, spoken=spoken)

    def prompt(self, table: dict[str, Any], key: str, phase: str | None) -> str:
        """Words to be spoken: bounded text whose placeholders are all known."""
        from clinic_timer.core.prompts import PLACEHOLDERS, placeholders_in

        template = self.text(table, key, phase)
        try:
            used = placeholders_in(template)
        except ValueError:
            raise self.fail(f"{key} has unbalanced braces {{ }}", phase) from None
        unknown = used - PLACEHOLDERS
        if unknown:
            known = ", ".join("{" + p + "}" for p in sorted(PLACEHOLDERS))
            raise self.fail(
                f"{key} uses an unknown placeholder {{{quoted(sorted(unknown)[0])[1:-1]}}} (known: {known})",
                phase,
            )
        return template

    def check_keys(
        self, table: dict[str, Any], allowed: frozenset[str], where: str, phase: str | None = None
    ) -> None:
        unknown = set(table) - allowed
        if unknown:
            raise self.fail(f"unknown key {first_key(unknown)} in {where}", phase)

    def text(self, table: dict[str, Any], key: str, phase: str | None, *, required: bool = False) -> str:
        value = table.get(key)
        if value is None:
            if required:
                raise self.fail(f"{key} is missing", phase)
            return ""
        if not isinstance(value, str):
            raise self.fail(f"{key} must be text", phase)
        value = value.strip()
        if problem := text_problem(key, value):
            raise self.fail(problem, phase)
        if required and not value:
            raise self.fail(f"{key} is empty", phase)
        return value

    def count(self, table: dict[str, Any], key: str, default: int) -> int:
        value = table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 1000:
            raise self.fail(f"{key} must be a whole number from 0")
        return value

    def minutes(
        self, table: dict[str, Any], key: str, phase: str, *, allow_zero: bool = False
    ) -> float | None:
        if key not in table:
            return None
        value = as_float(table[key])
        if value is None or math.isnan(value):
            raise self.fail(f"{key} must be a number of minutes", phase)
        if value < 0 or (value == 0 and not allow_zero):
            shown = f"{value:g}" if math.isfinite(value) else "below any number"
            raise self.fail(f"{key} must be more than zero (it is {shown})", phase)
        if value > MAX_MINUTES:
            shown = f"{value:g}" if math.isfinite(value) else "huge"
            raise self.fail(f"{key} is {shown}, more than a day", phase)
        return value
