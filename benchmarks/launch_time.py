"""Time from launch to the console on screen, against a bare PySide6 window launched the same way.

Each run starts a fresh Python process. The parent notes ``time.monotonic()``
just before starting it (a system-wide clock on Linux and macOS, so the two
processes' readings compare); the child prints its own reading once the
first ``Expose`` of a window has been handled (the window painted), and
quits. Both children create the ``QApplication`` and hook ``QWidget.show``
the same way first, so the only difference is what they show: a bare
``QMainWindow``, or ``clinic-timer`` as launched from the command line
(catalogue, settings, controller, console). Runs alternate between the two
so drift in the machine's load hits both alike.

The watcher sits on the shown window's ``QWindow`` only. An event filter on
the whole ``QApplication`` would be called from C++ into Python for every
event of every widget being built, which adds about 90 ms to a window with
any child widgets and nothing to a bare one: it measured the instrument,
not the app.

Target: the console's median launch at most 1.5 times the bare window's.

Usage: ``uv run python benchmarks/launch_time.py [--runs 5]``
(headless by default: ``QT_QPA_PLATFORM=offscreen`` unless already set).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

PRELUDE = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

class FirstExpose(QObject):
    seen = False

    def eventFilter(self, obj, event):
        if not self.seen and event.type() == QEvent.Type.Expose and obj.isExposed():
            self.seen = True
            QTimer.singleShot(0, self.painted)  # after the expose has been painted
        return False

    def painted(self):
        print(f"{time.monotonic():.6f}", flush=True)
        QApplication.quit()

first = FirstExpose()
plain_show = QWidget.show

def show_and_watch(widget):
    plain_show(widget)
    widget.windowHandle().installEventFilter(first)

QWidget.show = show_and_watch
app = QApplication(sys.argv[:1])
"""

BARE = (
    PRELUDE
    + """
from PySide6.QtWidgets import QMainWindow
window = QMainWindow()
window.resize(1280, 820)
window.show()
app.exec()
"""
)

# The least any real window does: one line of text, placed with a Qt enum. Touching
# ``Qt`` makes PySide build all its ~100 Python enums (about 50 ms here), and
# showing text loads fonts; the bare window does neither. Printed for context.
LABELLED = (
    PRELUDE
    + """
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow
window = QMainWindow()
window.setCentralWidget(QLabel("clinic-timer", alignment=Qt.AlignmentFlag.AlignCenter))
window.resize(1280, 820)
window.show()
app.exec()
"""
)

CONSOLE = (
    PRELUDE
    + """
from clinic_timer.cli import main
sys.exit(main([]))
"""
)


def launch_seconds(code: str, env: dict[str, str]) -> float:
    """One launch: seconds from starting the process to its first exposed window."""
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120, check=True
    )
    stamp = float(result.stdout.strip().splitlines()[-1])
    return stamp - started


def main() -> None:
    """Runs both launches alternately and prints medians and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="compile every module on every launch (as with PYTHONDONTWRITEBYTECODE=1)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            "CLINIC_TIMER_CONFIG_DIR": os.path.join(scratch, "config"),
            "CLINIC_TIMER_DATA_DIR": os.path.join(scratch, "data"),
        }
        if args.no_bytecode_cache:
            env["PYTHONDONTWRITEBYTECODE"] = "1"
        else:
            # As on a user's machine: the first launch writes the bytecode, later ones read it.
            # A private cache folder keeps the tree clean and starts both launches equal.
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = os.path.join(scratch, "bytecode")
        for code in (BARE, LABELLED, CONSOLE):  # warm the disk cache (and the bytecode cache)
            launch_seconds(code, env)
        bare: list[float] = []
        labelled: list[float] = []
        console: list[float] = []
        for _ in range(args.runs):
            bare.append(launch_seconds(BARE, env))
            labelled.append(launch_seconds(LABELLED, env))
            console.append(launch_seconds(CONSOLE, env))
    bare_median = statistics.median(bare)
    labelled_median = statistics.median(labelled)
    console_median = statistics.median(console)
    cache = "none (every module compiled each launch)" if args.no_bytecode_cache else "cached"
    print(f"platform: {env['QT_QPA_PLATFORM']}, runs: {args.runs} each, bytecode: {cache}")
    print(
        f"bare PySide6 window: median {bare_median * 1000:.0f} ms  ({', '.join(f'{b * 1000:.0f}' for b in bare)})"
    )
    print(
        f"window with one label: median {labelled_median * 1000:.0f} ms  "
        f"({', '.join(f'{b * 1000:.0f}' for b in labelled)}): {labelled_median / bare_median:.2f}x the bare one"
    )
    print(
        f"clinic-timer console: median {console_median * 1000:.0f} ms  ({', '.join(f'{c * 1000:.0f}' for c in console)})"
    )
    ratio = console_median / bare_median
    print(f"ratio: {ratio:.2f} (target <= 1.5: {'met' if ratio <= 1.5 else 'NOT met'})")


if __name__ == "__main__":
    main()
