"""How far the countdown on screen strays from the true remaining time.

Runs the default clinic on the real monotonic clock through the real
:class:`SessionController` for 60 s (``--seconds`` to change), and samples
it with a separate Qt timer at the UI's refresh rate (4 Hz). At each sample it
compares:

- the *shown* countdown: the whole seconds a window displays from the last
  view the controller published (``12:34`` means 754 s; the true value is
  right if it lies in (753, 754]);
- the *true* remaining time: 20 minutes minus the time since start, read
  from ``time.monotonic()`` independently of the app.

It reports the worst gap in seconds (0 when the shown second is the right
one) and, for interest, how stale the view's own float was at each sample.
Target: worst shown gap under 50 ms at every sample.

Usage: ``QT_QPA_PLATFORM=offscreen uv run python benchmarks/clock_accuracy.py [--seconds 60]``
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer

from clinic_timer import paths
from clinic_timer.core.catalogue import DEFAULT_FORMAT, load_catalogue
from clinic_timer.core.clock import MonotonicClock
from clinic_timer.core.roster import Roster
from clinic_timer.ui.controller import SessionController

if TYPE_CHECKING:
    from clinic_timer.core.session import SessionView

SAMPLE_MS = 250


def shown_gap(shown_seconds: int, true_remaining: float) -> float:
    """Distance from the true remaining time to the interval the shown second stands for."""
    low, high = shown_seconds - 1, shown_seconds
    if low < true_remaining <= high:
        return 0.0
    return min(abs(true_remaining - low), abs(true_remaining - high))


def main() -> None:
    """Runs the benchmark and prints its figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60.0)
    seconds = parser.parse_args().seconds

    app = QCoreApplication([])
    fmt = load_catalogue(paths.shipped("sessions"), None).get(DEFAULT_FORMAT)
    controller = SessionController(MonotonicClock())
    controller.setup(fmt, Roster.made("Ada", ("Ben", "Cy", "Dee")))
    planned = fmt.phases[0].planned_seconds(3)

    last: list[SessionView] = []
    controller.view_changed.connect(lambda view: last.append(view) if not last else last.__setitem__(0, view))
    shown_gaps: list[float] = []
    stale: list[float] = []
    start = time.monotonic()
    controller.toggle_pause()  # starts the clinic

    def sample() -> None:
        true_remaining = planned - (time.monotonic() - start)
        view = last[0]
        shown = math.ceil(view.remaining_s)
        shown_gaps.append(shown_gap(shown, true_remaining))
        stale.append(abs(view.remaining_s - true_remaining))
        if time.monotonic() - start >= seconds:
            app.quit()

    sampler = QTimer()
    sampler.setTimerType(Qt.TimerType.PreciseTimer)
    sampler.timeout.connect(sample)
    sampler.start(SAMPLE_MS)
    app.exec()

    worst = max(shown_gaps)
    print(f"samples: {len(shown_gaps)} over {seconds:g} s at {1000 // SAMPLE_MS} Hz")
    print(f"worst gap, shown countdown vs true remaining: {worst * 1000:.1f} ms (target < 50 ms)")
    print(f"samples with any gap: {sum(1 for g in shown_gaps if g > 0)}")
    print(
        f"age of the view's float at a sample: median {statistics.median(stale) * 1000:.1f} ms, "
        f"worst {max(stale) * 1000:.1f} ms (the shown second is what counts)"
    )
    print("PASS" if worst < 0.050 else "FAIL")


if __name__ == "__main__":
    main()
