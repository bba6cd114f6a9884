"""The clocks: the fake one moves only when told, the scaled one runs faster, and each can be waited on."""

from __future__ import annotations

import threading
import time

import pytest

from clinic_timer.core.clock import FakeClock, MonotonicClock, ScaledClock


def sleeper(clock: FakeClock | ScaledClock | MonotonicClock, until: float) -> threading.Thread:
    """A thread that sleeps on ``clock`` until it reads ``until``, reading it again at each wake, as the autosaver does."""
    condition = threading.Condition()

    def sleep() -> None:
        with condition:
            while clock.now() < until:
                clock.wait(condition, until)

    thread = threading.Thread(target=sleep, daemon=True)
    thread.start()
    return thread


def wait_for(condition: object, timeout: float = 2.0) -> None:
    """Polls a no-argument callable until it is true."""
    assert callable(condition)
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "not true in time"
        time.sleep(0.002)


def test_a_fake_clock_moves_only_forward_and_only_when_told() -> None:
    """advance adds; going back is a ValueError, as a monotonic clock never goes back."""
    clock = FakeClock(10.0)
    assert clock.now() == 10.0
    clock.advance(2.5)
    assert clock.now() == 12.5
    with pytest.raises(ValueError, match="cannot go back"):
        clock.advance(-1)
    assert clock.now() == 12.5


def test_a_scaled_clock_runs_speed_times_faster_from_where_it_began() -> None:
    """At 60x, a real second is a clinic minute; the reading starts from the base's."""
    base = FakeClock(100.0)
    scaled = ScaledClock(base, 60.0)
    assert scaled.now() == 100.0
    base.advance(1.5)
    assert scaled.now() == pytest.approx(190.0)
    assert scaled.speed == 60.0
    with pytest.raises(ValueError, match="speed must be positive"):
        ScaledClock(base, 0)


def test_a_thread_sleeping_on_a_fake_clock_wakes_when_it_passes_the_moment() -> None:
    """Moving the clock short of the moment leaves the sleeper asleep; moving past it wakes it."""
    clock = FakeClock(0.0)
    thread = sleeper(clock, 10.0)
    wait_for(lambda: clock.alarms == [10.0])
    clock.advance(9.0)
    wait_for(lambda: clock.alarms == [10.0])
    assert thread.is_alive()
    clock.advance(1.0)
    thread.join(2.0)
    assert not thread.is_alive()
    assert clock.alarms == []


def test_a_moment_already_passed_is_not_waited_for() -> None:
    """A sleeper whose moment the clock has passed returns at once."""
    clock, condition = FakeClock(50.0), threading.Condition()

    def wait_once() -> None:
        with condition:
            clock.wait(condition, 50.0)

    thread = threading.Thread(target=wait_once, daemon=True)
    thread.start()
    thread.join(2.0)
    assert not thread.is_alive()
    assert clock.alarms == []


def test_a_scaled_clock_sleeps_on_its_base_for_the_scaled_moment() -> None:
    """Waiting to read 160 on a 60x clock begun at 100 is waiting for its base to read 101."""
    base = FakeClock(100.0)
    thread = sleeper(ScaledClock(base, 60.0), 160.0)
    wait_for(lambda: base.alarms == [pytest.approx(101.0)])
    base.advance(1.0)
    thread.join(2.0)
    assert not thread.is_alive()


def test_the_real_clock_sleeps_real_time() -> None:
    """MonotonicClock.wait returns once its moment has come, without a notification."""
    clock = MonotonicClock()
    began = time.monotonic()
    sleeper(clock, clock.now() + 0.05).join(2.0)
    assert 0.04 <= time.monotonic() - began < 1.0
