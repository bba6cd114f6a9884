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

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from clinic_timer.core.cues import CueKind

if TYPE_CHECKING:
    from clinic_timer.core.formats import Phase

MINUTE = 60.0
DEFAULT_WARNING_S = 2 * MINUTE  # the warning's lead when neither the facilitator nor the format sets one
WARNING_SHARE = 0.5  # the warning never comes before this share of a slot has run
WARNING_RULE = (
    f"Each phase or turn is warned {DEFAULT_WARNING_S / MINUTE:g} minutes before its end, or when its "
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


@dataclass
class CueSchedule:
    """The cues already fired, per slot.

    Attributes:
        fired: for each slot number, the keys of its cues that have fired
            ("nudge0", "warning", "time_up", "over1", ...).
    """

    fired: dict[int, set[str]] = field(default_factory=dict)

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
            key = f"nudge{index}"
            if key not in fired and elapsed_s >= nudge.at_s:
                fired.add(key)
                text = nudge.text_for(variant)
                fields = {"text": text, "nudge_kind": nudge.kind, "spoken": nudge.spoken}
                cues.append(DueCue(CueKind.NUDGE, fields))
        remaining = slot_s - elapsed_s
        if "warning" not in fired and warning_s > 0 and remaining <= warning_s:
            fired.add("warning")
            minutes = max(1, math.ceil(min(warning_s, max(remaining, 0)) / MINUTE - 1e-9))
            cues.append(DueCue(CueKind.WARNING, {"minutes": minutes}))
        if "time_up" not in fired and remaining <= 0:
            fired.add("time_up")
            cues.append(DueCue(CueKind.TIME_UP, {}))
        over_minutes = math.floor(-remaining / MINUTE) if remaining < 0 else 0
        for minute in range(1, over_minutes + 1):
            key = f"over{minute}"
            if key not in fired:
                fired.add(key)
                cues.append(DueCue(CueKind.OVERTIME, {"minutes": minute}))
        return cues

    def rearm(self, slot: int, *, remaining_s: float, warning_s: float) -> None:
        """After +/- time, the thresholds of ``slot`` now in the future may fire again."""
        fired = self.fired.setdefault(slot, set())
        if remaining_s > warning_s:
            fired.discard("warning")
        if remaining_s > 0:
            fired.discard("time_up")
        over = math.floor(-remaining_s / MINUTE) if remaining_s < 0 else 0
        self.fired[slot] = {k for k in fired if not k.startswith("over") or int(k[4:]) <= over}

    def fired_in(self, slot: int) -> list[str]:
        """The keys fired in ``slot``, sorted (for a snapshot)."""
        return sorted(self.fired.get(slot, set()))

    def to_dict(self) -> dict[str, list[str]]:
        """A JSON-friendly form: slot numbers as strings."""
        return {str(slot): sorted(keys) for slot, keys in self.fired.items() if keys}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CueSchedule:
        """The inverse of :meth:`to_dict`.

        Raises:
            ValueError: a slot is not a number.
            TypeError: the keys are not a list.
        """
        return cls({int(slot): {str(k) for k in keys} for slot, keys in data.items()})
