"""Benchmark: how long, and how much memory, each hostile file of issue 13 costs to refuse.

Issue 13 found a format with a 20,000-part dotted key taking 16 s and 2.3 GB,
files nested hundreds deep raising RecursionError, and 5 MB titles crashing
the start. Each reproduction is now refused before parsing; this prints, for
each, the time and the peak memory Python allocated while refusing it (target:
every one under 50 ms and 10 MB), and the cost of the check for the shipped
formats, which is paid at every start-up.

Run: ``uv run python benchmarks/hostile_files.py``
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import TYPE_CHECKING

from clinic_timer import paths
from clinic_timer.core.catalogue import load_catalogue
from clinic_timer.core.formats import FormatError, load_format
from clinic_timer.export import UnreadableExport, read_json, to_json
from clinic_timer.ui.settings import load_settings

if TYPE_CHECKING:
    from collections.abc import Callable

TARGET_S = 0.05
TARGET_BYTES = 10 * 1024 * 1024

FORMAT = (paths.shipped("sessions") / "crew-case-clinic.toml").read_text(encoding="utf-8")


def sample_export() -> dict[str, object]:
    """A real export, made as the test suite makes one."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.store.records import full_record

    return dict(json.loads(to_json(full_record())))


def cases(folder: Path) -> list[tuple[str, Callable[[], object]]]:
    """Each reproduction as a file in ``folder`` and the call that reads it."""
    made: list[tuple[str, Callable[[], object]]] = []

    def format_file(label: str, text: str) -> None:
        path = folder / f"{len(made)}.toml"
        path.write_text(text, encoding="utf-8")
        made.append((f"format: {label}", lambda: load_format(path)))

    format_file("dotted key of 20,000 parts", FORMAT + "\n" + ".".join(["a"] * 20_000) + " = 1\n")
    format_file("arrays 500 deep", FORMAT + "\nx = " + "[" * 500 + "]" * 500 + "\n")
    format_file("integer of 4,301 digits", FORMAT + "\nx = " + "1" * 4301 + "\n")
    format_file("minutes = 1 and 309 zeros", FORMAT.replace("minutes = 20", "minutes = 1" + "0" * 309, 1))
    format_file("title of 200 KB", FORMAT.replace('title = "', 'title = "' + "x" * 200_000, 1))
    format_file("title of 5 MB", FORMAT.replace('title = "', 'title = "' + "x" * 5_000_000, 1))
    fifo = folder / "fifo.toml"
    os.mkfifo(fifo)
    made.append(("format: a FIFO", lambda: load_format(fifo)))
    zero = folder / "zero.toml"
    zero.symlink_to("/dev/zero")
    made.append(("format: a link to /dev/zero", lambda: load_format(zero)))

    def settings_file(label: str, text: str) -> None:
        path = folder / f"{len(made)}" / "settings.json"
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
        made.append((f"settings: {label}", lambda: load_settings(path)))

    settings_file("text_scale of 5,000 digits", '{"text_scale": 1' + "0" * 4999 + "}")
    settings_file("voice 100,000 deep", '{"voice": ' + "[" * 100_000 + "]" * 100_000 + "}")

    document = sample_export()
    text = json.dumps(document)

    def import_file(label: str, altered: str) -> None:
        path = folder / f"{len(made)}.json"
        path.write_text(altered, encoding="utf-8")
        made.append((f"import: {label}", lambda: read_json(path)))

    import_file(
        "snapshot 1,000 deep", text.replace('"snapshot": null', '"snapshot": ' + "[" * 1000 + "]" * 1000)
    )
    import_file("310-digit slot", text.replace('"slot": 1', '"slot": 1' + "0" * 309, 1))
    import_file("lone surrogate", text.replace('"bringer": "Ada"', '"bringer": "A\\ud800"', 1))
    return made


def measure(action: Callable[[], object]) -> tuple[float, int, str]:
    """Seconds, peak bytes allocated, and the one-line answer."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        result = action()
        answer = getattr(result, "problem", None) or "accepted"
    except (FormatError, UnreadableExport) as error:
        answer = str(error).split(": ", 1)[1]
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return elapsed, peak, str(answer)


def main() -> int:
    """Prints one line per reproduction, then the start-up cost; 1 if any misses its target."""
    missed = False
    with tempfile.TemporaryDirectory() as folder:
        for label, action in cases(Path(folder)):
            elapsed, peak, answer = measure(action)
            ok = elapsed < TARGET_S and peak < TARGET_BYTES
            missed |= not ok
            print(
                f"{'ok ' if ok else 'MISS'} {label:34} {elapsed * 1000:7.1f} ms {peak / 1e6:6.1f} MB  {answer[:70]}"
            )
    times = []
    for _ in range(200):
        start = time.perf_counter()
        load_catalogue(paths.shipped("sessions"), None)
        times.append(time.perf_counter() - start)
    print(f"shipped formats, loaded and checked: median {statistics.median(times) * 1000:.2f} ms")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
