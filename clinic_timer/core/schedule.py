"""The cue schedule: which of a slot's cues are due, each exactly once, and when the warning comes.

A slot (a phase, or one coach's turn) has nudges at set minutes, a warning
some time before its end, "time up" at its end and one overtime cue per
whole minute over. The schedule remembers, per slot, which of these have
fired, so a slot returned to with Back does not fire them again, and +/- a
minute re-arms only the thresholds that moved back into the future.

The warning rule, in words (the settings dialog says the same): warn
:data:`DEFAULT_WARNING_S` before the end, or at the facilitator's own time,
or the format's, but never earlier than half-way through the slot, so a
short turn is warned in time to wrap up and a one-minute slot is not warned
from its start.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from clinic_timer.core import times
from clinic_timer.core.cues import CueKind

if TYPE_CHECKING:
    from clinic_timer.core.formats import Phase

MINUTE = 60.0
DEFAULT_WARNING_S = 2 * MINUTE  # the warning's lead when neither the facilitator nor the format sets one
WARNING_SHARE = 0.5  # the warning never comes before this share of a slot has run
WARNING_RULE = (
    f"Each phase or turn is warned {times.minutes_figure(DEFAULT_WARNING_S)} minutes before its end, or when its "
    "format says; tick the box to use your own time everywhere. A short one is warned half-way "
    "through at the latest: a 3-minute turn at 1:30 left, a 1-minute one at 0:30."
)  # the rule in words, for the settings dialog


def warning_lead_s(phase: Phase, slot_s: float, own_s: float | None = None) -> float:
    """How long before the end of a slot of ``slot_s`` seconds its warning comes; 0 for none.

    Args:
        phase: the slot's phase; its ``warning_minutes`` of 0 means no warning, ever.
        slot_s: the slot's length, adjustments included.
        own_s: the facilitator's own lead time, which overrides the format's.
    """
    if phase.warning_minutes == 0:
        return 0.0
    if own_s is not None:
        lead = own_s
    elif phase.warning_minutes is not None:
        lead = phase.warning_minutes * MINUTE
    else:
        lead = DEFAULT_WARNING_S
    return max(0.0, min(lead, slot_s * WARNING_SHARE))


@dataclass(frozen=True)
class DueCue:
    """A cue the schedule found due, before the session stamps it with time and slot."""

    kind: CueKind
    fields: dict[str, Any]


class Threshold(enum.Enum):
    """The kinds of moment in a slot at which a cue fires."""

    NUDGE = "nudge"  # the format's nudge number ``Mark.n``
    WARNING = "warning"
    TIME_UP = "time_up"
    OVERTIME = "over"  # ``Mark.n`` whole minutes over


@dataclass(frozen=True, order=True)
class Mark:
    """One threshold of a slot that has fired: a kind, and the nudge or the minute it counts.

    Its text form (``"nudge0"``, ``"warning"``, ``"time_up"``, ``"over3"``) is
    what a snapshot keeps, so snapshots written before marks were typed still
    read.
    """

    kind: Threshold
    n: int = 0

    @property
    def key(self) -> str:
        """The text form a snapshot keeps."""
        if self.kind in (Threshold.NUDGE, Threshold.OVERTIME):
            return f"{self.kind.value}{self.n}"
        return str(self.kind.value)

    @classmethod
    def parse(cls, key: str) -> Mark:
        """The inverse of :attr:`key`.

        Raises:
            ValueError: ``key`` names no threshold.
        """
        for kind in (Threshold.WARNING, Threshold.TIME_UP):
            if key == kind.value:
                return cls(kind)
        for kind in (Threshold.NUDGE, Threshold.OVERTIME):
            digits = key.removeprefix(kind.value)
            if digits != key and digits.isascii() and digits.isdigit() and len(digits) <= 6:
                return cls(kind, int(digits))
        raise ValueError(f"not a cue threshold: {key[:40]!r}")


WARNED = Mark(Threshold.WARNING)
TIMED_UP = Mark(Threshold.TIME_UP)


@dataclass
class CueSchedule:
    """The cues already fired, per slot.

    Attributes:
        fired: for each slot number, the thresholds of its cues that have fired.
    """

    fired: dict[int, set[Mark]] = field(default_factory=dict)

    def due(
        self, slot: int, phase: Phase, *, slot_s: float, elapsed_s: float, warning_s: float, variant: int
    ) -> list[DueCue]:
        """The cues of ``slot`` that came due by ``elapsed_s`` and had not fired; marks them fired.

        Args:
            slot: the slot's number.
            phase: its phase (the nudges come from it).
            slot_s: its length, adjustments included.
            elapsed_s: how long it has run, pauses excluded.
            warning_s: the warning's lead, from :func:`warning_lead_s`.
            variant: picks each nudge's wording.
        """
        fired = self.fired.setdefault(slot, set())
        cues: list[DueCue] = []
        for index, nudge in enumerate(phase.nudges):
            mark = Mark(Threshold.NUDGE, index)
            if mark not in fired and elapsed_s >= nudge.at_s:
                fired.add(mark)
                text = nudge.text_for(variant)
                fields = {"text": text, "nudge_kind": nudge.kind, "spoken": nudge.spoken}
                cues.append(DueCue(CueKind.NUDGE, fields))
        remaining = slot_s - elapsed_s
        if WARNED not in fired and warning_s > 0 and remaining <= warning_s:
            fired.add(WARNED)
            minutes = max(1, math.ceil(min(warning_s, max(remaining, 0)) / MINUTE - 1e-9))
            cues.append(DueCue(CueKind.WARNING, {"minutes": minutes}))
        if TIMED_UP not in fired and remaining <= 0:
            fired.add(TIMED_UP)
            cues.append(DueCue(CueKind.TIME_UP, {}))
        over_minutes = math.floor(-remaining / MINUTE) if remaining < 0 else 0
        for minute in range(1, over_minutes + 1):
            mark = Mark(Threshold.OVERTIME, minute)
            if mark not in fired:
                fired.add(mark)
                cues.append(DueCue(CueKind.OVERTIME, {"minutes": minute}))
        return cues

    def rearm(self, slot: int, *, remaining_s: float, warning_s: float) -> None:
        """After +/- time, the thresholds of ``slot`` now in the future may fire again."""
        fired = self.fired.setdefault(slot, set())
        if remaining_s > warning_s:
            fired.discard(WARNED)
        if remaining_s > 0:
            fired.discard(TIMED_UP)
        over = math.floor(-remaining_s / MINUTE) if remaining_s < 0 else 0
        self.fired[slot] = {m for m in fired if m.kind is not Threshold.OVERTIME or m.n <= over}

    def fired_in(self, slot: int) -> list[str]:
        """The text forms of the thresholds fired in ``slot``, sorted (for a snapshot)."""
        return sorted(mark.key for mark in self.fired.get(slot, set()))

    def restore_slot(self, slot: int, keys: list[Any]) -> None:
        """Sets what ``slot`` has fired from a snapshot's text forms.

        Raises:
            ValueError: a key names no threshold.
        """
        self.fired[slot] = {Mark.parse(str(key)) for key in keys}

    def to_dict(self) -> dict[str, list[str]]:
        """A JSON-friendly form: slot numbers as strings, thresholds as their text forms."""
        return {str(slot): self.fired_in(slot) for slot, marks in self.fired.items() if marks}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CueSchedule:
        """The inverse of :meth:`to_dict`.

        Raises:
            ValueError: a slot is not a number, or a key names no threshold.
            TypeError: the keys are not a list.
        """
        return cls({int(slot): {Mark.parse(str(k)) for k in keys} for slot, keys in data.items()})
