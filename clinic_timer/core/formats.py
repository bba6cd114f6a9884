"""Clinic formats: the phases of a clinic as data, loaded from TOML and checked.

A format file looks like this (every key is listed in ``_FORMAT_KEYS`` and
friends below; anything else is refused, so a typo never passes silently)::

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
    floor = "coaches"           # "bringer", "coaches" (each in turn) or "everyone"
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

Spoken words may use the placeholders {bringer}, {coach}, {previous},
{speaker}, {phase}, {minutes_left} and {minutes}; any other is refused.

The file's stem is the format's name (``crew-case-clinic.toml`` is
``crew-case-clinic``).
"""

from __future__ import annotations

import enum
import math
import tomllib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

MAX_COACHES = 8

_FORMAT_KEYS = {
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
_PHASE_KEYS = {
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
_NUDGE_KEYS = {"at_minutes", "kind", "texts", "spoken"}

DEFAULT_WARNING_SPOKEN = "{minutes_left} left."
DEFAULT_TIME_UP_SPOKEN = "Time is up."
DEFAULT_OVERTIME_SPOKEN = ""


class FormatError(ValueError):
    """A format file that cannot be used, with the file, the phase and the problem.

    Args:
        source: the file (or a name, for formats not read from disk).
        problem: what is wrong, in a facilitator's words.
        phase: the phase where it is wrong, if any.
    """

    def __init__(self, source: str, problem: str, phase: str | None = None) -> None:
        self.source = source
        self.problem = problem
        self.phase = phase
        where = f"{source}: phase {phase!r}: " if phase else f"{source}: "
        super().__init__(where + problem)


class Floor(enum.Enum):
    """Who holds the floor during a phase."""

    BRINGER = "bringer"
    COACHES = "coaches"  # each coach in turn
    EVERYONE = "everyone"


@dataclass(frozen=True)
class NudgeSpec:
    """A nudge a format schedules: shown (and maybe spoken) ``at_s`` into its phase or turn.

    Attributes:
        at_s: seconds after the phase starts; for a per-coach phase, after each turn starts.
        kind: what it nudges towards ("curiosity", "emotion", "advice", ...).
        texts: variants, rotated so a weekly crew does not read the same line each time.
        spoken: whether the voice reads it out.
    """

    at_s: float
    kind: str
    texts: tuple[str, ...]
    spoken: bool = False

    def text_for(self, rotation: int) -> str:
        """The variant for a given rotation number (a session counter, say)."""
        return self.texts[rotation % len(self.texts)]


@dataclass(frozen=True)
class Phase:
    """One phase of a clinic.

    Attributes:
        name: unique within its format.
        floor: who speaks.
        minutes: the phase's total; for a per-coach phase, split between the coaches.
        turn_minutes: for a per-coach phase, each coach's turn (instead of ``minutes``).
    """

    name: str
    floor: Floor
    instruction: str
    spoken: str = ""
    minutes: float | None = None
    turn_minutes: float | None = None
    turn_spoken: str = ""
    next_turn_spoken: str = ""
    warning_minutes: float | None = None
    nudges: tuple[NudgeSpec, ...] = ()

    @property
    def per_coach(self) -> bool:
        """Whether each coach gets a turn of their own."""
        return self.floor is Floor.COACHES

    def turn_seconds(self, coaches: int) -> float:
        """Each turn's planned length for ``coaches`` coaches (per-coach phases only)."""
        if self.turn_minutes is not None:
            return self.turn_minutes * 60
        assert self.minutes is not None
        return self.minutes * 60 / max(coaches, 1)

    def planned_seconds(self, coaches: int) -> float:
        """The phase's planned length with ``coaches`` coaches present."""
        if self.per_coach:
            return self.turn_seconds(coaches) * coaches
        assert self.minutes is not None
        return self.minutes * 60


@dataclass(frozen=True)
class Format:
    """A whole clinic format: metadata and ordered phases.

    Attributes:
        name: the file's stem; how users and the command line refer to it.
        source: where it was read from (a path, or "built-in"/"user" labels in listings).
    """

    name: str
    title: str
    phases: tuple[Phase, ...]
    description: str = ""
    language: str = "en"
    voice: str = ""
    min_coaches: int = 1
    max_coaches: int = MAX_COACHES
    warning_spoken: str = DEFAULT_WARNING_SPOKEN
    time_up_spoken: str = DEFAULT_TIME_UP_SPOKEN
    overtime_spoken: str = DEFAULT_OVERTIME_SPOKEN
    source: str = ""
    origin: str = field(default="built-in", compare=False)

    def planned_seconds(self, coaches: int) -> float:
        """The whole clinic's planned length with ``coaches`` coaches."""
        return sum(p.planned_seconds(coaches) for p in self.phases)

    def typical_coaches(self) -> int:
        """A coach count to quote totals with: three, within the format's limits."""
        return min(max(3, self.min_coaches), self.max_coaches)

    def phase(self, name: str) -> Phase:
        """The phase called ``name``."""
        for phase in self.phases:
            if phase.name == name:
                return phase
        raise KeyError(name)


def load_format(path: Path) -> Format:
    """Reads and checks one format file.

    Raises:
        FormatError: the file cannot be read, is not TOML, or breaks a rule.
    """
    source = str(path)
    try:
        raw = path.read_bytes()
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
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise FormatError(source, f"is not valid TOML ({error})") from None
    return _Parser(source).format(data, name)


class _Parser:
    """Turns parsed TOML into a :class:`Format`, refusing anything it does not understand."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, problem: str, phase: str | None = None) -> FormatError:
        return FormatError(self.source, problem, phase)

    def format(self, data: dict[str, Any], name: str) -> Format:
        unknown = set(data) - {"format", "phase"}
        if unknown:
            raise self.fail(f"unknown top-level key {_first(unknown)!r} (expected [format], [[phase]])")
        meta = data.get("format")
        if not isinstance(meta, dict):
            raise self.fail("has no [format] table")
        self.check_keys(meta, _FORMAT_KEYS, "[format]")
        title = self.text(meta, "title", None, required=True)
        min_coaches = self.count(meta, "min_coaches", 1)
        max_coaches = self.count(meta, "max_coaches", MAX_COACHES)
        if max_coaches > MAX_COACHES:
            raise self.fail(f"max_coaches is {max_coaches}; at most {MAX_COACHES} coaches are supported")
        if min_coaches > max_coaches:
            raise self.fail(f"min_coaches ({min_coaches}) is more than max_coaches ({max_coaches})")
        raw_phases = data.get("phase")
        if not isinstance(raw_phases, list) or not raw_phases:
            raise self.fail("has no phases (add at least one [[phase]] table)")
        phases = tuple(self.phase(raw, index, max_coaches) for index, raw in enumerate(raw_phases))
        for key in ("warning_spoken", "time_up_spoken", "overtime_spoken"):
            self.check_template(str(meta.get(key, "")), key, None)
        seen: set[str] = set()
        for phase in phases:
            if phase.name in seen:
                raise self.fail("the phase name is used twice", phase.name)
            seen.add(phase.name)
        return Format(
            name=name,
            title=title,
            phases=phases,
            description=self.text(meta, "description", None),
            language=self.text(meta, "language", None) or "en",
            voice=self.text(meta, "voice", None),
            min_coaches=min_coaches,
            max_coaches=max_coaches,
            warning_spoken=self.text(meta, "warning_spoken", None) or DEFAULT_WARNING_SPOKEN,
            time_up_spoken=self.text(meta, "time_up_spoken", None) or DEFAULT_TIME_UP_SPOKEN,
            overtime_spoken=self.text(meta, "overtime_spoken", None),
            source=self.source,
        )

    def phase(self, raw: object, index: int, max_coaches: int) -> Phase:
        if not isinstance(raw, dict):
            raise self.fail(f"phase {index + 1} is not a table")
        name = raw.get("name")
        if not isinstance(name, str) or not name.strip():
            raise self.fail(f"phase {index + 1} has no name")
        self.check_keys(raw, _PHASE_KEYS, "the phase", phase=name)
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
        nudges = tuple(self.nudge(n, name, shortest) for n in nudges_raw)
        for key in ("spoken", "turn_spoken", "next_turn_spoken"):
            self.check_template(str(raw.get(key, "")), key, name)
        return Phase(
            name=name.strip(),
            floor=floor,
            instruction=self.text(raw, "instruction", name, required=True),
            spoken=self.text(raw, "spoken", name),
            minutes=minutes,
            turn_minutes=turn_minutes,
            turn_spoken=self.text(raw, "turn_spoken", name),
            next_turn_spoken=self.text(raw, "next_turn_spoken", name),
            warning_minutes=warning,
            nudges=tuple(sorted(nudges, key=lambda n: n.at_s)),
        )

    def nudge(self, raw: object, phase: str, slot_seconds: float) -> NudgeSpec:
        if not isinstance(raw, dict):
            raise self.fail("a nudge is not a table", phase)
        self.check_keys(raw, _NUDGE_KEYS, "a nudge", phase=phase)
        at = raw.get("at_minutes")
        if isinstance(at, bool) or not isinstance(at, int | float) or not math.isfinite(at) or at < 0:
            raise self.fail("a nudge needs at_minutes, a number of minutes from 0", phase)
        if at * 60 >= slot_seconds:
            raise self.fail(
                f"a nudge at {at:g} min comes after the phase or turn ends ({slot_seconds / 60:g} min)",
                phase,
            )
        kind = self.text(raw, "kind", phase, required=True)
        texts = raw.get("texts")
        if (
            not isinstance(texts, list)
            or not texts
            or not all(isinstance(t, str) and t.strip() for t in texts)
        ):
            raise self.fail(f"the {kind!r} nudge needs texts, a list of one or more lines", phase)
        spoken = raw.get("spoken", False)
        if not isinstance(spoken, bool):
            raise self.fail(f"the {kind!r} nudge's spoken must be true or false", phase)
        return NudgeSpec(at_s=float(at) * 60, kind=kind, texts=tuple(t.strip() for t in texts), spoken=spoken)

    def check_template(self, template: str, key: str, phase: str | None) -> None:
        from clinic_timer.core.prompts import PLACEHOLDERS, placeholders_in

        try:
            used = placeholders_in(template)
        except ValueError:
            raise self.fail(f"{key} has unbalanced braces {{ }}", phase) from None
        unknown = used - PLACEHOLDERS
        if unknown:
            known = ", ".join("{" + p + "}" for p in sorted(PLACEHOLDERS))
            raise self.fail(
                f"{key} uses an unknown placeholder {{{_first(unknown)}}} (known: {known})", phase
            )

    def check_keys(
        self, table: dict[str, Any], allowed: set[str], where: str, phase: str | None = None
    ) -> None:
        unknown = set(table) - allowed
        if unknown:
            raise self.fail(f"unknown key {_first(unknown)!r} in {where}", phase)

    def text(self, table: dict[str, Any], key: str, phase: str | None, *, required: bool = False) -> str:
        value = table.get(key)
        if value is None:
            if required:
                raise self.fail(f"{key} is missing", phase)
            return ""
        if not isinstance(value, str):
            raise self.fail(f"{key} must be text", phase)
        if required and not value.strip():
            raise self.fail(f"{key} is empty", phase)
        return value.strip()

    def count(self, table: dict[str, Any], key: str, default: int) -> int:
        value = table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(f"{key} must be a whole number from 0")
        return value

    def minutes(
        self, table: dict[str, Any], key: str, phase: str, *, allow_zero: bool = False
    ) -> float | None:
        if key not in table:
            return None
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise self.fail(f"{key} must be a number of minutes", phase)
        if value < 0 or (value == 0 and not allow_zero):
            raise self.fail(f"{key} must be more than zero (it is {value:g})", phase)
        if value > 24 * 60:
            raise self.fail(f"{key} is {value:g}, more than a day", phase)
        return float(value)


def _first(keys: set[str]) -> str:
    return sorted(keys)[0]
