"""Benchmark: how long typed text takes to reach the disk, and what typing costs the UI thread.

Simulates a facilitator typing (8 keystrokes a second) into a clinic that
already holds many notes. Every keystroke builds a record with ``record_of``
and hands it to the :class:`Autosaver`, as the console will; the script
measures the UI-thread cost of both, and for each keystroke the time until a
write that includes it has been committed (``synchronous = FULL``).

``--keeper`` runs the same typing through the app's own path instead: the
controller's clinic, the :class:`~clinic_timer.ui.notes_keeper.NotesKeeper`
(which builds each record on the next turn of the event loop) and its
autosaver, under a Qt event loop, so the figure includes everything between
a keystroke and the disk.

Run: ``uv run python benchmarks/autosave_latency.py [--seconds 10] [--notes 200] [--keeper]``
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
from pathlib import Path

from clinic_timer.core.clock import FakeClock
from clinic_timer.core.formats import parse_format
from clinic_timer.core.notes import Note, Notebook, Section
from clinic_timer.core.record import SessionRecord, record_of
from clinic_timer.core.roster import Roster
from clinic_timer.core.session import Session
from clinic_timer.store import Store
from clinic_timer.store.autosave import AUTOSAVE_DEADLINE_S, Autosaver

FORMAT = """
[format]
title = "Benchmark clinic"
[[phase]]
name = "Case monologue"
floor = "bringer"
minutes = 20
instruction = "Tell us."
[[phase]]
name = "Reflections"
floor = "coaches"
turn_minutes = 5
instruction = "Reflect."
"""


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of ``values`` lie."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    """Runs the typing simulation and prints the numbers."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--notes", type=int, default=200, help="notes already in the notebook")
    parser.add_argument("--rate", type=float, default=8.0, help="keystrokes per second")
    parser.add_argument("--keeper", action="store_true", help="type through the app's notes keeper")
    args = parser.parse_args()
    if args.keeper:
        through_the_keeper(args)
        return

    clock = FakeClock()
    session = Session(
        parse_format(FORMAT, name="bench", source="bench"), Roster.made("Ada", ("Ben", "Cy", "Dee")), clock
    )
    session.start()
    book = Notebook()
    for index in range(args.notes):
        book.add(
            Note(f"Earlier note {index}: " + "words " * 30, Section.PHASE, index, phase="Case monologue")
        )
    typing = book.add(Note("", Section.CASE, 1.0))

    submitted_at: dict[int, float] = {}  # id(record) -> keystroke number
    keystroke_time: list[float] = []
    done_at: dict[int, float] = {}
    lock = threading.Lock()
    last_done = [0]

    def on_saved(record: SessionRecord) -> None:
        now = time.perf_counter()
        with lock:
            upto = int(submitted_at[id(record)])
            for key in range(last_done[0] + 1, upto + 1):
                done_at[key] = now
            last_done[0] = max(last_done[0], upto)

    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "notes.sqlite3")
        saver = Autosaver(store.sibling, on_saved=on_saved)
        build_ms, submit_ms = [], []
        base = record_of(session, book)
        records: list[SessionRecord] = []  # kept alive so id() stays unique
        keys = int(args.seconds * args.rate)
        start = time.perf_counter()
        for key in range(1, keys + 1):
            target = start + key / args.rate
            while (pause := target - time.perf_counter()) > 0:
                time.sleep(pause)
            book.edit(typing.id, text=typing.text + "x")
            now = time.perf_counter()
            keystroke_time.append(now)
            record = record_of(session, book, base=base)
            built = time.perf_counter()
            with lock:
                submitted_at[id(record)] = key
            records.append(record)
            saver.submit(record)
            build_ms.append((built - now) * 1000)
            submit_ms.append((time.perf_counter() - built) * 1000)
        saver.flush(timeout=10)
        saver.close()
        store.close()

    latencies = [done_at[k] - keystroke_time[k - 1] for k in range(1, keys + 1)]
    print(f"keystrokes: {keys} at {args.rate:g}/s into a notebook of {args.notes} notes")
    print(f"writes: {saver.saves} (coalesced from {keys} submits)")
    print(
        f"UI thread, record_of: median {statistics.median(build_ms):.2f} ms, "
        f"p99 {percentile(build_ms, 0.99):.2f} ms"
    )
    print(f"UI thread, submit:    median {statistics.median(submit_ms):.3f} ms, max {max(submit_ms):.3f} ms")
    print(
        f"keystroke to disk:    median {statistics.median(latencies) * 1000:.0f} ms, "
        f"p95 {percentile(latencies, 0.95) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms "
        f"(promise: {AUTOSAVE_DEADLINE_S * 1000:.0f} ms)"
    )


def through_the_keeper(args: argparse.Namespace) -> None:
    """Types into the controller's clinic at ``args.rate`` keys a second; the keeper saves it as the app does."""
    from PySide6.QtCore import QCoreApplication, Qt, QTimer

    from clinic_timer.core.clock import MonotonicClock
    from clinic_timer.ui.controller import SessionController
    from clinic_timer.ui.notes_database import NotesDatabase
    from clinic_timer.ui.notes_keeper import NotesKeeper

    app = QCoreApplication([])
    controller = SessionController(MonotonicClock())
    controller.setup(
        parse_format(FORMAT, name="bench", source="bench"), Roster.made("Ada", ("Ben", "Cy", "Dee"))
    )
    controller.toggle_pause()
    book = controller.notebook
    for index in range(args.notes):
        book.add(
            Note(f"Earlier note {index}: " + "words " * 30, Section.PHASE, index, phase="Case monologue")
        )
    typing = book.add(Note("", Section.CASE, 1.0))
    keys = int(args.seconds * args.rate)
    typed_at: list[float] = []
    save_ms: list[float] = []
    done_at: dict[int, float] = {}
    lock = threading.Lock()
    with tempfile.TemporaryDirectory() as folder:
        database = NotesDatabase(Path(folder) / "notes.sqlite3")
        keeper = NotesKeeper(controller, database)
        database.open()
        keeper.begin()
        saver = keeper.saver
        assert saver is not None
        real_submit = saver.submit
        submitted: dict[int, int] = {}  # id(record) -> keystrokes typed when it was built
        records: list[SessionRecord] = []

        def submit(record: SessionRecord, *, urgent: bool = False) -> None:
            with lock:
                submitted[id(record)] = len(typed_at)
            records.append(record)
            real_submit(record, urgent=urgent)

        saver.submit = submit  # type: ignore[method-assign]
        real_save_now = keeper.save_now

        def save_now(*, urgent: bool = False) -> bool:
            began = time.perf_counter()
            try:
                return real_save_now(urgent=urgent)
            finally:
                save_ms.append((time.perf_counter() - began) * 1000)

        keeper.save_now = save_now  # type: ignore[method-assign]

        def on_saved(record: SessionRecord) -> None:
            now = time.perf_counter()
            with lock:
                for key in range(1, submitted.get(id(record), 0) + 1):
                    done_at.setdefault(key, now)

        keeper._bridge.saved.connect(on_saved, Qt.ConnectionType.DirectConnection)

        def keystroke() -> None:
            book.edit(typing.id, text=typing.text + "x")
            typed_at.append(time.perf_counter())
            keeper.notes_changed()
            if len(typed_at) == keys:
                timer.stop()
                QTimer.singleShot(int(AUTOSAVE_DEADLINE_S * 1000) + 500, app.quit)

        timer = QTimer()
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.timeout.connect(keystroke)
        timer.start(int(1000 / args.rate))
        app.exec()
        keeper.close()
        database.close()
    latencies = [done_at[k] - typed_at[k - 1] for k in range(1, keys + 1) if k in done_at]
    print(
        f"through the notes keeper: {keys} keystrokes at {args.rate:g}/s into a notebook of {args.notes} notes"
    )
    print(
        f"writes: {saver.saves}; records built: {len(records)}; keystrokes on disk: {len(latencies)}/{keys}"
    )
    print(
        f"UI thread, save_now:  median {statistics.median(save_ms):.2f} ms, "
        f"p99 {percentile(save_ms, 0.99):.2f} ms"
    )
    print(
        f"keystroke to disk:    median {statistics.median(latencies) * 1000:.0f} ms, "
        f"p95 {percentile(latencies, 0.95) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms "
        f"(promise: {AUTOSAVE_DEADLINE_S * 1000:.0f} ms)"
    )


if __name__ == "__main__":
    main()
