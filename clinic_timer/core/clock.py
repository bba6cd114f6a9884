"""Clocks: where time comes from, injected so tests can move it by hand.

Remaining time is always ``deadline - now``. Nothing in clinic-timer counts
timer ticks: a QTimer may fire early, late or not at all (a suspended laptop),
and only a monotonic clock survives all three.
"""

from __future__ import annotations

import threading
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

    def wait(self, condition: threading.Condition, until: float | None) -> None:
        """Waits on ``condition`` (held by the caller) until notified or until this clock reads ``until``.

        A thread that sleeps until a moment on the clock (the autosaver) asks the
        clock to do the sleeping, so a fake clock wakes it by moving. The moment
        is absolute, so a clock moved between the caller's reading and the wait
        is never missed. Like ``Condition.wait`` it may return early; the caller
        reads the clock again.

        Args:
            condition: a condition the caller holds; it is released while waiting.
            until: a reading of this clock, or None to wait only for a notification.
        """
        ...


class MonotonicClock:
    """The real clock: ``time.monotonic``, which never goes back when the wall clock does."""

    speed = 1.0

    def now(self) -> float:
        """Seconds since an arbitrary, fixed point."""
        return time.monotonic()

    def wait(self, condition: threading.Condition, until: float | None) -> None:
        """Sleeps on ``condition`` for the real seconds left until ``until``."""
        condition.wait(None if until is None else max(0.0, until - time.monotonic()))


class FakeClock:
    """A clock that moves only when told to, for tests.

    Args:
        start: the first reading.
    """

    speed = 1.0

    def __init__(self, start: float = 1000.0) -> None:
        self._now = start
        self._lock = threading.Lock()
        self._waiting: dict[threading.Condition, float | None] = {}

    def now(self) -> float:
        """The current reading."""
        return self._now

    def wait(self, condition: threading.Condition, until: float | None) -> None:
        """Sleeps on ``condition`` until notified, or until :meth:`advance` moves past ``until``.

        Real time passing never wakes it: only a notification or this clock moving.
        """
        with self._lock:
            self._waiting[condition] = until
        try:
            if until is None or self._now < until:
                condition.wait()
        finally:
            with self._lock:
                self._waiting.pop(condition, None)

    @property
    def alarms(self) -> list[float]:
        """The readings that threads sleeping on this clock wait for, so a test moves it once they sleep."""
        with self._lock:
            return sorted(until for until in self._waiting.values() if until is not None)

    def advance(self, seconds: float) -> None:
        """Moves time forward.

        Raises:
            ValueError: ``seconds`` is negative; a monotonic clock never goes back.
        """
        if seconds < 0:
            raise ValueError(f"a monotonic clock cannot go back ({seconds} s)")
        self._now += seconds
        with self._lock:
            waiting = list(self._waiting)
        for condition in waiting:  # each waiter holds its condition up to its wait: none is missed
            with condition:
                condition.notify_all()


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

    def wait(self, condition: threading.Condition, until: float | None) -> None:
        """Sleeps on the base clock until the moment that reads ``until`` here."""
        base_until = None if until is None else self._origin + (until - self._origin) / self._speed
        self._base.wait(condition, base_until)
