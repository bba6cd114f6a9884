"""Launch to the console on screen: the installed bundle against the source install, in one run.

The method is ``launch_time.py``'s: the parent notes ``time.monotonic()``
just before starting each process, the child stamps the moment its console
is first painted on the same system-wide clock, runs alternate between the
two so drift in the machine's load hits both alike, and medians are
compared. The bundle runs no code of ours but the app, so the child's stamp
cannot come from an injected prelude: it comes from Qt itself. With
``QT_LOGGING_RULES=qt.widgets.painting=true`` Qt logs each paint, and
``QT_MESSAGE_PATTERN=%{time boot}`` stamps each line with the monotonic
clock (``std::chrono::steady_clock``, the clock ``time.monotonic()`` reads
on Linux) to the millisecond. The first "Syncing ... of Console" line is
the console's first paint beginning, with its layout done. Both launches
carry the same logging, so it weighs on them alike. Each child is then sent
SIGINT and quits as Ctrl+C does.

Target: the bundle's median at most 1.2 times the source install's.

Usage: ``uv run python benchmarks/bundle_launch.py [--runs 5] [--bundle PATH]``
(the bundle defaults to the installed ``/opt/clinic-timer/clinic-timer``, else
``dist/clinic-timer/clinic-timer`` from ``tools/build_bundle.py``; headless:
``QT_QPA_PLATFORM=offscreen`` unless already set).
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST_PAINT = re.compile(r"^\s*(\d+\.\d+) qt\.widgets\.painting: Syncing .* of Console\(")


def default_bundle() -> Path:
    """The installed bundle if there is one, else the one in ``dist/``."""
    installed = Path("/opt/clinic-timer/clinic-timer")
    return installed if installed.exists() else ROOT / "dist" / "clinic-timer" / "clinic-timer"


def source_command() -> Path:
    """The source install's ``clinic-timer`` (the venv's script, as ``uv run`` runs it, without uv)."""
    return Path(sys.executable).parent / "clinic-timer"


def launch_seconds(command: Path, env: dict[str, str]) -> float:
    """One launch: seconds from starting ``command`` to its console's first paint."""
    started = time.monotonic()
    child = subprocess.Popen(
        [str(command)], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env
    )
    assert child.stderr is not None
    stamp = None
    for line in child.stderr:
        if match := FIRST_PAINT.match(line):
            stamp = float(match.group(1))
            break
    child.send_signal(signal.SIGINT)
    try:
        child.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
    if stamp is None:
        raise SystemExit(f"{command} never painted its console")
    return stamp - started


def main() -> None:
    """Runs both launches alternately and prints medians and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--bundle", type=Path, default=default_bundle())
    args = parser.parse_args()
    commands = {"bundle": args.bundle, "source": source_command()}
    for name, command in commands.items():
        if not command.exists():
            raise SystemExit(f"no {name} install at {command}")
    with tempfile.TemporaryDirectory() as scratch:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            "QT_LOGGING_RULES": "qt.widgets.painting=true",
            "QT_MESSAGE_PATTERN": "%{time boot} %{category}: %{message}",
            "CLINIC_TIMER_CONFIG_DIR": os.path.join(scratch, "config"),
            "CLINIC_TIMER_DATA_DIR": os.path.join(scratch, "data"),
        }
        env.pop(
            "PYTHONDONTWRITEBYTECODE", None
        )  # as on a user's machine: bytecode cached after the first launch
        for command in commands.values():  # warm the disk cache and the bytecode cache
            launch_seconds(command, env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(launch_seconds(command, env))
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"platform: {env['QT_QPA_PLATFORM']}, runs: {args.runs} each")
    for name, command in commands.items():
        runs = ", ".join(f"{t * 1000:.0f}" for t in times[name])
        print(f"{name} ({command}): median {medians[name] * 1000:.0f} ms  ({runs})")
    ratio = medians["bundle"] / medians["source"]
    print(f"ratio bundle/source: {ratio:.2f} (target <= 1.2: {'met' if ratio <= 1.2 else 'NOT met'})")


if __name__ == "__main__":
    main()
