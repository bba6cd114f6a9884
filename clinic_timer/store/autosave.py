"""Autosave: what the facilitator typed is on disk within two seconds, and the UI never waits.

The UI thread hands the latest :class:`~clinic_timer.core.record.SessionRecord`
to :meth:`Autosaver.submit`, which only swaps a reference and wakes the
worker. The worker thread owns its own SQLite connection and writes the
newest record it has, no more than once per :attr:`SavePolicy.interval_s`,
so a burst of typing costs one write a second rather than one per key,
while any change is written at most ``interval_s`` (plus the write itself)
after it was made. A phase change submits with ``urgent=True`` and is written
at once; quitting calls :meth:`Autosaver.close`, which writes what is left.

A failed write is never silent: it is kept in :attr:`Autosaver.last_error`,
passed to ``on_error`` (on the worker thread: a Qt adapter re-emits it as a
signal), and retried.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Protocol

from clinic_timer.core.clock import Clock, MonotonicClock

if TYPE_CHECKING:
    from collections.abc import Callable

    from clinic_timer.core.record import SessionRecord

AUTOSAVE_DEADLINE_S = 2.0  # the promise: typed text is on disk this soon
DEFAULT_INTERVAL_S = 1.0  # leaves the write itself a second to keep the promise
DEFAULT_RETRY_S = 5.0


class SavePolicy:
    """When the pending change must be written: the decision alone, on any clock.

    Kept apart from the thread so tests can drive it on a fake clock: a change
    is due at once if nothing was written in the last ``interval_s``, else as
    soon as that interval has passed; an urgent change is due at once; after a
    failure the next attempt waits ``retry_s``.

    Args:
        interval_s: the least time between two writes.
        retry_s: the wait after a failed write.
    """

    def __init__(self, interval_s: float = DEFAULT_INTERVAL_S, retry_s: float = DEFAULT_RETRY_S) -> None:
        self.interval_s = interval_s
        self.retry_s = retry_s
        self.pending_since: float | None = None
        self._urgent = False
        self._not_before = float("-inf")

    def changed(self, now: float, *, urgent: bool = False) -> None:
        """Something new awaits writing."""
        if self.pending_since is None:
            self.pending_since = now
        self._urgent = self._urgent or urgent

    def wait(self, now: float) -> float | None:
        """Seconds until the pending change is due (0: now); None when nothing is pending."""
        if self.pending_since is None:
            return None
        if self._urgent:
            return 0.0
        return max(0.0, self._not_before - now)

    def due(self, now: float) -> bool:
        """Whether the pending change should be written now."""
        return self.wait(now) == 0.0

    def taken(self, now: float) -> None:
        """The pending change is being written now."""
        self.pending_since = None
        self._urgent = False
        self._not_before = now + self.interval_s

    def failed(self, now: float, since: float) -> None:
        """Writing the change pending since ``since`` failed; try again later."""
        self.pending_since = since if self.pending_since is None else min(since, self.pending_since)
        self._not_before = now + self.retry_s


class RecordSink(Protocol):
    """Where the worker writes: a :class:`~clinic_timer.store.database.Store` of its own."""

    def save(self, record: SessionRecord) -> None:
        """Writes one record durably."""
        ...

    def close(self) -> None:
        """Lets go of the connection."""
        ...


class Autosaver:
    """A background writer of the latest session record.

    Args:
        connect: opens the worker's own connection, called on the worker thread
            (``store.sibling``: SQLite connections belong to one thread).
        clock: a monotonic clock for the policy and the worker's waits (a fake one
            in tests moves the worker by moving).
        policy: when to write; by default one write a second at most.
        on_saved: called on the worker thread after each successful write.
        on_error: called on the worker thread with each failure.
    """

    def __init__(
        self,
        connect: Callable[[], RecordSink],
        *,
        clock: Clock | None = None,
        policy: SavePolicy | None = None,
        on_saved: Callable[[SessionRecord], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        self._connect = connect
        self._clock = clock or MonotonicClock()
        self.policy = policy or SavePolicy()
        self._on_saved = on_saved
        self._on_error = on_error
        self._cond = threading.Condition()
        self._pending: tuple[SessionRecord, int] | None = None
        self._submitted = 0  # sequence number of the latest submit
        self._attempted = 0  # of the latest record the worker tried to write
        self._written = 0  # of the latest record written
        self._attempts = 0  # write attempts finished, successful or not
        self._closing = False
        self._dead = False
        self.last_error: Exception | None = None
        self.saves = 0
        self._thread = threading.Thread(target=self._run, name="clinic-timer autosave", daemon=True)
        self._thread.start()

    def submit(self, record: SessionRecord, *, urgent: bool = False) -> None:
        """Hands over the newest record; an older one still waiting is dropped. Never blocks on disk.

        Args:
            record: a copy the caller will not change (``record_of`` makes one).
            urgent: write it at once (a phase change), not at the next interval.
        """
        with self._cond:
            if self._closing:
                raise RuntimeError("the autosaver is closed")
            self._submitted += 1
            self._pending = (record, self._submitted)
            self.policy.changed(self._clock.now(), urgent=urgent)
            self._cond.notify_all()

    def flush(self, timeout: float = 5.0) -> bool:
        """Writes what is pending now and waits for it (for quitting, or before an export).

        Returns:
            True if everything submitted so far is on disk; False on a failure or timeout.
        """
        with self._cond:
            target, start = self._submitted, self._attempts
            if self._pending is not None:
                self.policy.changed(self._clock.now(), urgent=True)
                self._cond.notify_all()
            self._cond.wait_for(
                lambda: (
                    self._written >= target
                    or self._dead
                    or (self._attempts > start and self._attempted >= target)
                ),
                timeout,
            )
            return self._written >= target

    def close(self, timeout: float = 5.0) -> bool:
        """Writes what is left, stops the worker and closes its connection.

        Returns:
            True if everything submitted was written.
        """
        with self._cond:
            self._closing = True
            self._cond.notify_all()
        self._thread.join(timeout)
        with self._cond:
            return self._written >= self._submitted and not self._thread.is_alive()

    @property
    def stopped(self) -> bool:
        """Whether the worker gave up for good (it could not open its connection): no retry will come."""
        with self._cond:
            return self._dead

    @property
    def pending(self) -> bool:
        """Whether a submitted record is still waiting to be written."""
        with self._cond:
            return self._written < self._submitted

    # -- the worker thread ----------------------------------------------------------

    def _run(self) -> None:
        try:
            sink = self._connect()
        except Exception as error:
            with self._cond:
                self._dead = True
                self._cond.notify_all()
            self._report(error)
            return
        try:
            while (job := self._next_job()) is not None:
                self._write(sink, *job)
        finally:
            sink.close()

    def _next_job(self) -> tuple[SessionRecord, int, float] | None:
        """Waits until a record is due (or the saver closes) and takes it."""
        with self._cond:
            while True:
                now = self._clock.now()
                wait = self.policy.wait(now)
                if self._pending is not None and (wait == 0.0 or self._closing):
                    record, seq = self._pending
                    since = self.policy.pending_since or now
                    self._pending = None
                    self.policy.taken(now)
                    return record, seq, since
                if self._closing:
                    return None
                self._clock.wait(self._cond, None if wait is None else now + wait)

    def _write(self, sink: RecordSink, record: SessionRecord, seq: int, since: float) -> None:
        try:
            sink.save(record)
        except Exception as error:
            with self._cond:
                self._attempts += 1
                self._attempted = max(self._attempted, seq)
                self.last_error = error
                if self._pending is None and not self._closing:
                    self._pending = (record, seq)  # nothing newer came: try this one again
                    self.policy.failed(self._clock.now(), since)
                self._cond.notify_all()
            self._report(error)
            return
        with self._cond:
            self._attempts += 1
            self._attempted = max(self._attempted, seq)
            self._written = max(self._written, seq)
            self.last_error = None
            self.saves += 1
            self._cond.notify_all()
        if self._on_saved is not None:
            try:
                self._on_saved(record)
            except Exception as callback_error:
                self._report(callback_error)

    def _report(self, error: Exception) -> None:
        if self._on_error is not None:
            try:
                self._on_error(error)
            except Exception:  # a broken callback must not stop the saving
                return
