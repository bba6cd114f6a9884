"""Autosave: the write policy on a fake clock, and the real worker thread writing to disk."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinic_timer.core.clock import FakeClock
from clinic_timer.store import Store
from clinic_timer.store.autosave import AUTOSAVE_DEADLINE_S, Autosaver, SavePolicy
from tests.store.records import full_record, wait_until

if TYPE_CHECKING:
    from pathlib import Path

    from clinic_timer.core.record import SessionRecord


# -- the policy, on a fake clock --------------------------------------------------------


def test_a_first_change_is_due_at_once() -> None:
    """After a quiet spell a change is written straight away."""
    clock, policy = FakeClock(), SavePolicy(interval_s=1.0)
    assert policy.wait(clock.now()) is None
    policy.changed(clock.now())
    assert policy.due(clock.now())


def test_typing_is_written_once_per_interval() -> None:
    """Changes right after a write wait for the interval, then are due together."""
    clock, policy = FakeClock(), SavePolicy(interval_s=1.0)
    policy.changed(clock.now())
    policy.taken(clock.now())
    for _ in range(4):
        clock.advance(0.2)
        policy.changed(clock.now())
        assert not policy.due(clock.now())
    assert policy.wait(clock.now()) == pytest.approx(0.2)
    clock.advance(0.2)
    assert policy.due(clock.now())
    assert policy.pending_since == pytest.approx(1000.2)


def test_a_phase_change_is_due_at_once_even_mid_interval() -> None:
    """An urgent change does not wait for the interval."""
    clock, policy = FakeClock(), SavePolicy(interval_s=1.0)
    policy.changed(clock.now())
    policy.taken(clock.now())
    clock.advance(0.1)
    policy.changed(clock.now(), urgent=True)
    assert policy.due(clock.now())


def test_a_failed_write_is_retried_after_the_retry_wait() -> None:
    """After a failure the change stays pending and is due again after retry_s."""
    clock, policy = FakeClock(), SavePolicy(interval_s=1.0, retry_s=5.0)
    policy.changed(clock.now())
    since = policy.pending_since
    assert since is not None
    policy.taken(clock.now())
    policy.failed(clock.now(), since)
    clock.advance(4.9)
    assert not policy.due(clock.now())
    clock.advance(0.1)
    assert policy.due(clock.now())
    assert policy.pending_since == since


@given(
    gaps=st.lists(st.floats(min_value=0.0, max_value=3.0), min_size=1, max_size=60),
    write_s=st.floats(min_value=0.0, max_value=0.9),
)
def test_every_change_is_on_disk_within_the_deadline(gaps: list[float], write_s: float) -> None:
    """Whatever the typing rhythm, a worker that writes when due lands each change within 2 s."""
    clock, policy = FakeClock(0.0), SavePolicy(interval_s=1.0)
    changes = []
    for gap in gaps:
        changes.append(clock.now() + gap)
        clock.advance(gap)
    clock = FakeClock(0.0)
    pending: list[float] = []
    written: dict[float, float] = {}
    busy_until = 0.0
    step = 0.01
    queue = list(changes)
    while queue or pending:
        now = clock.now()
        while queue and queue[0] <= now:
            pending.append(queue.pop(0))
            policy.changed(now)
        if pending and now >= busy_until and policy.due(now):
            policy.taken(now)
            busy_until = now + write_s
            for change in pending:
                written[change] = busy_until  # on disk when the write completes
            pending = []
        clock.advance(step)
    assert all(written[c] - c <= AUTOSAVE_DEADLINE_S for c in changes)


# -- the worker thread, for real ------------------------------------------------------


def test_a_submitted_record_reaches_the_disk_within_two_seconds(db_path: Path) -> None:
    """submit returns at once; another connection sees the record well inside the deadline."""
    record = full_record(finished=False)
    with Store.open(db_path) as store:
        saver = Autosaver(store.sibling)
        started = time.monotonic()
        saver.submit(record)
        assert time.monotonic() - started < 0.05
        with Store.open_readonly(db_path) as reader:
            wait_until(lambda: reader.count() == 1, timeout=AUTOSAVE_DEADLINE_S)
            assert reader.load(record.id) == record
        assert saver.close()
        assert saver.last_error is None


def test_a_burst_of_typing_is_coalesced_and_the_last_text_kept(db_path: Path) -> None:
    """Many quick submits make few writes, and what is on disk after flush is the latest."""
    record = full_record(finished=False)
    with Store.open(db_path) as store:
        saver = Autosaver(store.sibling)
        for index in range(50):
            record.notebook.notes[0].text = f"draft {index}"
            saver.submit(record.for_crew())  # a fresh copy each time, as record_of makes
        assert saver.flush(timeout=5.0)
        assert saver.saves < 50
        assert store.load(record.id).notebook.notes[0].text == "draft 49"
        assert saver.close()


def test_close_writes_what_is_still_pending(db_path: Path) -> None:
    """A change submitted just before quitting is written by close."""
    first, second = full_record(), full_record()
    with Store.open(db_path) as store:
        saver = Autosaver(store.sibling, policy=SavePolicy(interval_s=60.0))
        saver.submit(first)
        assert saver.flush()
        saver.submit(second)  # would wait a minute for the interval
        assert saver.pending
        assert saver.close(timeout=5.0)
        assert store.count() == 2


def test_the_worker_waits_on_its_own_clock(db_path: Path) -> None:
    """A change held for the interval is written when the saver's fake clock passes it, not by real time."""
    clock = FakeClock()
    first, second = full_record(), full_record()
    with Store.open(db_path) as store:
        saver = Autosaver(store.sibling, clock=clock, policy=SavePolicy(interval_s=600.0))
        saver.submit(first)  # after a quiet spell: due at once
        wait_until(lambda: saver.saves == 1)
        saver.submit(second)  # ten minutes of interval to wait, on the fake clock
        wait_until(lambda: clock.alarms == [1600.0])  # the worker sleeps until the interval is over
        clock.advance(599.0)
        wait_until(lambda: clock.alarms == [1600.0])  # woken a second early, it sleeps again
        assert saver.pending
        clock.advance(1.0)
        wait_until(lambda: saver.saves == 2, timeout=AUTOSAVE_DEADLINE_S)
        assert store.count() == 2
        assert saver.close()


class FlakySink:
    """A sink that fails while ``failing`` is set, like a full disk that is then cleared."""

    def __init__(self) -> None:
        self.failing = True
        self.saved: list[SessionRecord] = []

    def save(self, record: SessionRecord) -> None:
        if self.failing:
            raise OSError(28, "No space left on device")
        self.saved.append(record)

    def close(self) -> None:
        pass


def test_a_failed_write_is_reported_then_retried() -> None:
    """A failure reaches on_error and last_error; flush says False; the next flush writes."""
    sink = FlakySink()
    errors: list[Exception] = []
    saver = Autosaver(lambda: sink, on_error=errors.append, policy=SavePolicy(interval_s=0.01, retry_s=60))
    record = full_record()
    saver.submit(record)
    assert saver.flush(timeout=5.0) is False
    assert isinstance(saver.last_error, OSError)
    assert "No space left" in str(errors[0])
    sink.failing = False
    assert saver.flush(timeout=5.0) is True
    assert sink.saved == [record]
    assert saver.last_error is None
    assert saver.close()


def test_a_failed_write_is_retried_when_its_clock_passes_the_retry_wait() -> None:
    """Without a flush, the worker tries again once its fake clock has moved past retry_s."""
    sink, clock = FlakySink(), FakeClock()
    errors: list[Exception] = []
    saver = Autosaver(
        lambda: sink, clock=clock, on_error=errors.append, policy=SavePolicy(interval_s=1.0, retry_s=300.0)
    )
    record = full_record()
    saver.submit(record)
    wait_until(lambda: len(errors) == 1)
    wait_until(lambda: clock.alarms == [1300.0])  # the worker sleeps out the retry wait on its clock
    sink.failing = False
    clock.advance(300.0)
    wait_until(lambda: sink.saved == [record], timeout=AUTOSAVE_DEADLINE_S)
    assert saver.last_error is None
    assert saver.close()


def test_a_connection_that_cannot_be_opened_is_reported() -> None:
    """If the worker cannot open its connection, on_error hears it and flush does not hang."""
    errors: list[Exception] = []

    def broken() -> FlakySink:
        raise PermissionError(13, "Permission denied")

    saver = Autosaver(broken, on_error=errors.append)
    saver.submit(full_record())
    assert saver.flush(timeout=5.0) is False
    assert isinstance(errors[0], PermissionError)
    assert saver.stopped
    assert saver.close(timeout=1.0) is False
