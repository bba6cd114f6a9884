"""What actually happened in a session: real times, turns and adjustments.

Notes report the clinic as it was, not as it was planned, so the session
writes down every phase and turn it ran and every change the facilitator
made. All times are seconds since the session started.
"""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass, field
from typing import Any

from clinic_timer.core import checked


class Outcome(enum.Enum):
    """How a phase or turn ended."""

    RUNNING = "running"
    COMPLETED = "completed"
    PASSED = "passed"  # the coach passed for now and may come back
    ABSENT = "absent"
    REVISITED = "revisited"  # left with "previous" by an app that gave a fresh slot each time; read only
    INTERRUPTED = "interrupted"  # left with "previous" before its end; Next returns to it
    ENDED_EARLY = "ended early"


class Change(enum.Enum):
    """A facilitator's adjustment."""

    PAUSE = "pause"
    RESUME = "resume"
    NEXT = "next"
    PREVIOUS = "previous"
    ADD_TIME = "add time"
    REMOVE_TIME = "remove time"
    PASS = "pass"
    ABSENT = "absent"
    PRESENT = "present"
    BRING_BACK = "bring back"
    REORDER = "reorder"
    SHUFFLE = "shuffle"
    END_EARLY = "end early"
    NUDGE = "nudge"  # one of the facilitator's nudges (A, F, M, Q); its line is the detail


@dataclass
class SlotRun:
    """One run of a phase, or of one coach's turn within a per-coach phase.

    Attributes:
        speaker: who held the floor, as they were called then ("Everyone" for all);
            :meth:`~clinic_timer.core.record.SessionRecord.speaker_of` gives the name now.
        coach: in a per-coach phase, the coach's person id.
        slot: unique within the session; cues carry it.
        planned_s: the length planned when it started.
        adjusted_s: the sum of +/- minutes made during it.
        paused_s: time spent paused, not counted in :attr:`duration_s`.
        away_s: time it was left for other slots (Back, then Next) before it
            was returned to; not counted either.
        interruptions: how many times it was left and returned to: one slot,
            interrupted, rather than a second run with a fresh plan.
    """

    slot: int
    phase: str
    speaker: str
    coach: str | None
    planned_s: float
    started_s: float
    ended_s: float | None = None
    paused_s: float = 0.0
    adjusted_s: float = 0.0
    outcome: Outcome = Outcome.RUNNING
    away_s: float = 0.0
    interruptions: int = 0

    @property
    def duration_s(self) -> float | None:
        """The time it actually ran, pauses excluded; None while it runs."""
        if self.ended_s is None:
            return None
        return self.ended_s - self.started_s - self.paused_s - self.away_s

    @property
    def overtime_s(self) -> float:
        """How far it ran past its (adjusted) plan; 0 if it did not."""
        duration = self.duration_s
        if duration is None:
            return 0.0
        return max(0.0, duration - self.planned_s - self.adjusted_s)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly form."""
        data = asdict(self)
        data["outcome"] = self.outcome.value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SlotRun:
        """The inverse of :meth:`to_dict`.

        Raises:
            ValueError: a field is missing or of the wrong type.
        """
        return cls(
            slot=checked.whole(data, "slot"),
            phase=checked.text(data, "phase"),
            speaker=checked.text(data, "speaker"),
            coach=checked.optional_text(data, "coach"),
            planned_s=checked.number(data, "planned_s"),
            started_s=checked.number(data, "started_s"),
            ended_s=checked.optional_number(data, "ended_s"),
            paused_s=checked.number(data, "paused_s", 0.0),
            adjusted_s=checked.number(data, "adjusted_s", 0.0),
            outcome=Outcome(checked.text(data, "outcome")),
            away_s=checked.number(data, "away_s", 0.0),
            interruptions=checked.whole(data, "interruptions", 0),
        )


@dataclass(frozen=True)
class Adjustment:
    """One change the facilitator made, when, and to what (``coach``: the speaking coach's person id)."""

    at_s: float
    change: Change
    phase: str
    coach: str | None = None
    delta_s: float = 0.0
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly form."""
        data = asdict(self)
        data["change"] = self.change.value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Adjustment:
        """The inverse of :meth:`to_dict`.

        Raises:
            ValueError: a field is missing or of the wrong type.
        """
        return cls(
            at_s=checked.number(data, "at_s"),
            change=Change(checked.text(data, "change")),
            phase=checked.text(data, "phase"),
            coach=checked.optional_text(data, "coach"),
            delta_s=checked.number(data, "delta_s", 0.0),
            detail=checked.text(data, "detail", ""),
        )


@dataclass
class Timeline:
    """Every slot run and adjustment, in order."""

    runs: list[SlotRun] = field(default_factory=list)
    adjustments: list[Adjustment] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly form."""
        return {
            "runs": [r.to_dict() for r in self.runs],
            "adjustments": [a.to_dict() for a in self.adjustments],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Timeline:
        """The inverse of :meth:`to_dict`."""
        return cls(
            runs=[SlotRun.from_dict(r) for r in data.get("runs", [])],
            adjustments=[Adjustment.from_dict(a) for a in data.get("adjustments", [])],
        )
