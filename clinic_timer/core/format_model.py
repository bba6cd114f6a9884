"""Clinic formats as data: a format's phases, their floors, durations, words and nudges.

This is the model only; :mod:`clinic_timer.core.formats` reads it from TOML
files and checks every rule (and re-exports these names, so code that only
needs a :class:`Format` can import either).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

MAX_COACHES = 8

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
    HOST = "host"  # the host of a format with no case (intro, landing), usually the organiser
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

    @property
    def hosted(self) -> bool:
        """Whether the clinic has a host rather than a case bringer (a phase's floor is the host's)."""
        return any(p.floor is Floor.HOST for p in self.phases)

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
