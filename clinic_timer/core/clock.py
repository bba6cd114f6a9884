"""Clocks: where time comes from, injected so tests can move it by hand.

Remaining time is always ``deadline - now``. Nothing in clinic-timer counts
timer ticks: a QTimer may fire early, late or not at all (a suspended laptop),
and only a monotonic clock survives all three.
"""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    """A monotonic source of seconds. Only differences between readings mean anything."""

    def now(self) -> float:
        """Seconds on this clock's monotonic scale."""
        ...

    @property
    def speed(self) -> float:
        """Clock seconds per real second: 1, except in a sped-up rehearsal."""
        ...


class MonotonicClock:
    """The real clock: ``time.monotonic``, which never goes back when the wall clock does."""

    speed = 1.0

    def now(self) -> float:
        """Seconds since an arbitrary, fixed point."""
        return time.monotonic()


class FakeClock:
    """A clock that moves only when told to, for tests.

    Args:
        start: the first reading.
    """

    speed = 1.0

    def __init__(self, start: float = 1000.0) -> None:
        self._now = start

    def now(self) -> float:
        """The current reading."""
        return self._now

    def advance(self, seconds: float) -> None:
        """Moves time forward.

        Raises:
            ValueError: ``seconds`` is negative; a monotonic clock never goes back.
        """
        if seconds < 0:
            raise ValueError(f"a monotonic clock cannot go back ({seconds} s)")
        self._now += seconds


class ScaledClock:
    """Runs another clock ``speed`` times faster, for a quick rehearsal (``--demo --speed N``).

    Args:
        base: the clock to speed up.
        speed: how many clinic seconds pass per real second.
    """

    def __init__(self, base: Clock, speed: float) -> None:
        if speed <= 0:
            raise ValueError(f"speed must be positive, not {speed}")
        self._base = base
        self._speed = speed
        self._origin = base.now()

    @property
    def speed(self) -> float:
        """Clinic seconds per real second; the UI uses it to wake at the right moments."""
        return self._speed

    def now(self) -> float:
        """Scaled seconds since the origin (plus the origin, to stay in the same range)."""
        return self._origin + (self._base.now() - self._origin) * self._speed
