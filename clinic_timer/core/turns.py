"""Whose turn it is in a per-coach phase, with passing, absence and coming back.

A coach who passes goes to the back of the phase and is called again before
the phase ends; a coach marked absent is not called at all. The queue knows
nothing about time.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from clinic_timer.core import checked


class Turn(enum.Enum):
    """Where one coach's turn stands in a per-coach phase."""

    SPEAKING = "speaking"
    SPOKE = "spoke"
    PASSED = "passed"  # they come back before the phase ends
    TO_COME = "to come"


@dataclass
class TurnQueue:
    """The turns of one per-coach phase.

    Attributes:
        upcoming: coaches still to speak, in order.
        passed: coaches who passed, to be called once ``upcoming`` is empty.
        done: coaches who have had their turn, in the order they spoke.
        current: the coach speaking now, if any.
    """

    upcoming: list[str]
    passed: list[str] = field(default_factory=list)
    done: list[str] = field(default_factory=list)
    current: str | None = None

    def call_next(self) -> str | None:
        """Makes the next coach current: the next in order, else the first who passed."""
        if self.upcoming:
            self.current = self.upcoming.pop(0)
        elif self.passed:
            self.current = self.passed.pop(0)
        else:
            self.current = None
        return self.current

    def peek(self) -> str | None:
        """Who :meth:`call_next` would call."""
        if self.upcoming:
            return self.upcoming[0]
        return self.passed[0] if self.passed else None

    def turn_of(self, coach: str) -> Turn:
        """Where ``coach``'s turn stands (one not in the queue, marked absent say, is still to come)."""
        if coach == self.current:
            return Turn.SPEAKING
        if coach in self.passed:
            return Turn.PASSED
        return Turn.SPOKE if coach in self.done else Turn.TO_COME

    def finish_current(self) -> None:
        """The current coach has had their turn."""
        if self.current is not None:
            self.done.append(self.current)
            self.current = None

    def pass_current(self) -> None:
        """The current coach passes for now; they will be called again."""
        if self.current is not None:
            self.passed.append(self.current)
            self.current = None

    def drop(self, coach: str) -> None:
        """Removes a coach from the turns still to come (marked absent)."""
        self.upcoming = [c for c in self.upcoming if c != coach]
        self.passed = [c for c in self.passed if c != coach]
        if self.current == coach:
            self.current = None

    def bring_back(self, coach: str) -> None:
        """Makes ``coach`` the next to speak, from the passed, done or upcoming list."""
        for pool in (self.passed, self.upcoming, self.done):
            if coach in pool:
                pool.remove(coach)
        self.upcoming.insert(0, coach)

    def reopen_last(self) -> str | None:
        """Puts the current coach back first and makes the last to speak current again."""
        if not self.done:
            return None
        if self.current is not None:
            self.upcoming.insert(0, self.current)
        self.current = self.done.pop()
        return self.current

    def reconcile(self, present: list[str]) -> None:
        """Fits turns saved earlier to the coaches present now, in their order now.

        Back restores the turns as they stood; a coach marked absent since
        is taken out, and one marked present again is called with the rest.
        """
        for pool in (self.upcoming, self.passed, self.done):
            pool[:] = [c for c in pool if c in present]
        if self.current is not None and self.current not in present:
            self.current = None
        known = {*self.upcoming, *self.passed, *self.done, self.current}
        self.upcoming += [c for c in present if c not in known]
        self.reorder(present)

    def reorder(self, order: list[str]) -> None:
        """Sorts the coaches still to come by their place in ``order``."""
        rank = {name: i for i, name in enumerate(order)}
        self.upcoming.sort(key=lambda c: rank.get(c, len(rank)))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly form."""
        return {
            "upcoming": list(self.upcoming),
            "passed": list(self.passed),
            "done": list(self.done),
            "current": self.current,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TurnQueue:
        """The inverse of :meth:`to_dict`."""
        return cls(
            upcoming=list(data["upcoming"]),
            passed=list(data["passed"]),
            done=list(data["done"]),
            current=data["current"],
        )


@dataclass(frozen=True)
class Visit:
    """A slot that was current, and the turns as they stood then, so Back can return to it.

    Attributes:
        slot: the slot's number (its run in the timeline).
        phase_index: its phase.
        queue: the phase's turns, as :meth:`TurnQueue.to_dict`, or None outside a per-coach phase.
    """

    slot: int
    phase_index: int
    queue: dict[str, Any] | None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly form."""
        return {"slot": self.slot, "phase_index": self.phase_index, "queue": self.queue}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Visit:
        """The inverse of :meth:`to_dict`.

        Raises:
            ValueError: a field is missing or of the wrong type.
        """
        queue = data.get("queue")
        if queue is not None:
            TurnQueue.from_dict(queue)  # raises on a damaged one, here rather than at Back
        return cls(
            slot=checked.whole(data, "slot"), phase_index=checked.whole(data, "phase_index"), queue=queue
        )
