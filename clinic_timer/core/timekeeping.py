"""The clock readings a session derives every length from, so nothing is ever counted in ticks.

A session keeps when it started, when the current phase or turn started,
how long that slot has been paused, and how long it was left for others
(Back, then Next again, returns to a slot with the time it had left). Every
remaining or elapsed time is computed from these and ``clock.now()``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Timekeeping:
    """Clock readings (monotonic seconds) for one session and its current slot.

    Attributes:
        origin: the reading at the session's start.
        slot_origin: the reading at which the current slot first started.
        paused: seconds the current slot has been paused, a pause under way excluded.
        away: seconds the current slot was left for other slots before it was returned to.
        pause_origin: the reading at which a pause under way began, if one is.
        ended_at: the reading at which the session finished, if it has.
    """

    origin: float = 0.0
    slot_origin: float = 0.0
    paused: float = 0.0
    away: float = 0.0
    pause_origin: float | None = None
    ended_at: float | None = None

    def paused_until(self, now: float) -> float:
        """The current slot's paused seconds up to ``now``, a pause under way included."""
        if self.pause_origin is None:
            return self.paused
        return self.paused + now - self.pause_origin

    def slot_elapsed(self, now: float) -> float:
        """Seconds the current slot has run, pauses and time away excluded."""
        if self.ended_at is not None:
            now = self.ended_at  # a finished session's clock stands still
        return now - self.slot_origin - self.paused_until(now) - self.away

    def session_elapsed(self, now: float) -> float:
        """Seconds since the session started, pauses included."""
        if self.ended_at is not None:
            return self.ended_at - self.origin
        return now - self.origin

    def since_start(self, now: float) -> float:
        """``now`` as seconds since the session started: the time every record and cue is stamped with."""
        return now - self.origin

    def enter_slot(self, now: float, started_s: float, paused_s: float, away_s: float, paused: bool) -> None:
        """Makes a slot current: a new one (all zeros) or one returned to, with its times so far."""
        self.slot_origin = self.origin + started_s
        self.paused = paused_s
        self.away = away_s
        self.pause_origin = now if paused else None
