"""CPU used while a clinic runs, against a bare PySide6 label updated once a second.

Each measurement is a fresh headless process (``QT_QPA_PLATFORM=offscreen``)
that settles for ten seconds after start-up (the window is up, the notes database open, the voice worker started and the opening prompt spoken), then reads its own CPU time
(``time.process_time``: user plus system, all threads) at the start and the
end of a ``--seconds`` window, and adds what its child processes (the
speech worker) used in the same window, from ``/proc`` at the kernel's
10 ms resolution:

- *bare*: a ``QLabel`` whose text a 1 s ``QTimer`` sets to the time of day,
  the least a clock display can do;
- *clinic*: ``clinic-timer`` launched from the command line with the
  default format and a roster, started at once (``--start``), the console
  redrawing as the controller publishes views (with ``--shared-windows``,
  the share view and the mini timer open as well, each building a frame
  per view and redrawing what changed).

Targets: the clinic's CPU time at most twice the bare label's, and under
1% of one core.

Usage: ``uv run python benchmarks/cpu_use.py [--seconds 60] [--shared-windows]``
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile

MEASURE = """
import os, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

SETTLE_S = 10.0
SECONDS = float(sys.argv[1])
TICKS = os.sysconf("SC_CLK_TCK")
app = QApplication(sys.argv[:1])
marks = []

def children_cpu():
    # CPU seconds of the live child processes (the speech worker), from /proc.
    total = 0.0
    for task in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{task}/children") as listing:
                pids = listing.read().split()
        except OSError:
            continue
        for pid in pids:
            try:
                with open(f"/proc/{pid}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += (int(fields[11]) + int(fields[12])) / TICKS
    return total

def begin():
    marks.append((time.process_time(), children_cpu()))
    QTimer.singleShot(int(SECONDS * 1000), finish)

def finish():
    own, children = marks[0]
    print(f"{time.process_time() - own:.6f} {children_cpu() - children:.6f}", flush=True)
    app.quit()

QTimer.singleShot(int(SETTLE_S * 1000), begin)
"""

BARE = (
    MEASURE
    + """
from PySide6.QtWidgets import QLabel
label = QLabel("00:00:00")
label.resize(300, 100)
label.show()
tick = QTimer()
tick.timeout.connect(lambda: label.setText(time.strftime("%H:%M:%S")))
tick.start(1000)
app.exec()
"""
)

CLINIC = (
    MEASURE
    + """
import os
if os.environ.get("BENCH_MAX_REFRESH_MS"):  # a what-if: the controller's upper bound on sleeping
    import clinic_timer.ui.controller
    clinic_timer.ui.controller.MAX_REFRESH_MS = int(os.environ["BENCH_MAX_REFRESH_MS"])
if os.environ.get("BENCH_SHARED_WINDOWS"):  # the share view and the mini timer open too
    from PySide6.QtWidgets import QApplication

    def open_shared():
        for window in QApplication.topLevelWidgets():
            if hasattr(window, "share_action"):
                window.share_action.trigger()
                window.mini_action.trigger()

    QTimer.singleShot(int(SETTLE_S * 500), open_shared)
from clinic_timer.cli import main
sys.exit(main(["--format", "crew-case-clinic", "--bringer", "Ada",
               "--coach", "Ben", "--coach", "Cy", "--coach", "Dee", "--start"]))
"""
)


def main() -> None:
    """Measures both, side by side in time, and prints the ratio and the share of a core."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument(
        "--max-refresh-ms",
        type=int,
        help="what-if: run the clinic with the controller's MAX_REFRESH_MS set to this",
    )
    parser.add_argument(
        "--shared-windows",
        action="store_true",
        help="open the share view and the mini timer as well, as a facilitator sharing the call does",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "CLINIC_TIMER_CONFIG_DIR": os.path.join(scratch, "config"),
            "CLINIC_TIMER_DATA_DIR": os.path.join(scratch, "data"),
            "PYTHONPYCACHEPREFIX": os.path.join(scratch, "bytecode"),
        }
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        if args.shared_windows:
            env["BENCH_SHARED_WINDOWS"] = "1"
        if args.max_refresh_ms:
            env["BENCH_MAX_REFRESH_MS"] = str(args.max_refresh_ms)
        # Run both at once so they see the same machine load.
        children = [
            subprocess.Popen(
                [sys.executable, "-c", code, str(args.seconds)],
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
                env=env,
            )
            for code in (BARE, CLINIC)
        ]
        outputs = [child.communicate(timeout=args.seconds + 120)[0] for child in children]
    (bare, _), (own, worker) = (map(float, out.strip().splitlines()[-1].split()) for out in outputs)
    clinic = own + worker
    print(f"over {args.seconds:g} s, headless:")
    print(
        f"bare label updated each second: {bare * 1000:.1f} ms CPU ({100 * bare / args.seconds:.3f}% of a core)"
    )
    print(
        f"clinic running in the console:  {clinic * 1000:.1f} ms CPU ({100 * clinic / args.seconds:.3f}% of a core;"
        f" app {own * 1000:.1f} ms + speech worker {worker * 1000:.0f} ms)"
    )
    ratio = clinic / bare if bare > 0 else float("inf")
    print(
        f"ratio: {ratio:.2f} (target <= 2: {'met' if ratio <= 2 else 'NOT met'}); "
        f"under 1% of a core: {'yes' if clinic / args.seconds < 0.01 else 'NO'}"
    )


if __name__ == "__main__":
    main()
