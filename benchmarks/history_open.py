"""Benchmark: opening the history with 1,000 sessions kept (target: under 300 ms).

Measures, on a database of ``--sessions`` realistic sessions (20 notes each):
opening the store (lock, integrity check, migrations), the history's list
query, and then the real thing: constructing the app's
:class:`~clinic_timer.ui.history_window.HistoryWindow` (its query, its
:class:`~clinic_timer.ui.history_window.HistoryModel`, the sorted proxy and
the table) and showing it until the first frame is painted. A search over
the notes through the window is timed too.

Run: ``uv run python benchmarks/history_open.py [--sessions 1000]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from clinic_timer.core.notes import Note, Notebook, Section
from clinic_timer.core.record import PlannedPhase, RecordStatus, SessionRecord, iso, new_record_id
from clinic_timer.core.roster import Roster
from clinic_timer.core.timeline import Outcome, SlotRun, Timeline
from clinic_timer.store import Store

TARGET_MS = 300.0


def make_record(index: int) -> SessionRecord:
    """One finished clinic with a timeline and 20 notes."""
    started = datetime(2020, 1, 1, 19, tzinfo=UTC) + timedelta(days=index * 2)
    book = Notebook(title=f"Case {index}: torn between two jobs", help_wanted="Which one, and how to choose?")
    for note in range(20):
        book.add(
            Note(f"Note {note} of clinic {index}: " + "reflection words " * 12, Section.PHASE, note * 60.0)
        )
    runs = [
        SlotRun(
            slot=i,
            phase="Reflections",
            speaker=f"Coach {i}",
            coach=f"Coach {i}",
            planned_s=300,
            started_s=i * 300,
            ended_s=i * 300 + 290,
            outcome=Outcome.COMPLETED,
        )
        for i in range(1, 5)
    ]
    return SessionRecord(
        id=new_record_id(),
        format_name="crew-case-clinic",
        format_title="Crew case clinic",
        roster=Roster.made(f"Bringer {index % 12}", ("Coach 1", "Coach 2", "Coach 3", "Coach 4")),
        started_at=iso(started),
        ended_at=iso(started + timedelta(minutes=92)),
        status=RecordStatus.FINISHED,
        phases=[PlannedPhase("Reflections", "coaches", 1200, 300)],
        timeline=Timeline(runs=runs),
        notebook=book,
    )


def open_history(store: Store) -> tuple[float, float, int]:
    """Opens the real history window and paints it once; (construct ms, first paint ms, rows)."""
    from PySide6.QtWidgets import QApplication

    from clinic_timer.ui.history_window import HistoryWindow

    t0 = time.perf_counter()
    window = HistoryWindow(store)
    t1 = time.perf_counter()
    window.show()
    window.grab()  # lays out and paints the visible rows, as the first frame on screen would
    QApplication.processEvents()
    t2 = time.perf_counter()
    rows = window.model.rowCount()
    window.close()
    window.deleteLater()
    return (t1 - t0) * 1000, (t2 - t1) * 1000, rows


def search_history(store: Store) -> tuple[float, int]:
    """Runs a notes search through the window's own reload; (ms, rows found)."""
    from clinic_timer.ui.history_window import HistoryWindow

    window = HistoryWindow(store)
    window.search.setText("clinic 999 reflection")
    t0 = time.perf_counter()
    window.reload()
    elapsed = (time.perf_counter() - t0) * 1000
    found = window.model.rowCount()
    window.deleteLater()
    return elapsed, found


def main() -> None:
    """Fills a database, then times opening the history several times."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication([])  # noqa: F841 - the window needs an application
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "notes.sqlite3"
        with Store.open(path) as store:
            filled = time.perf_counter()
            for index in range(args.sessions):
                store.save(make_record(index))
            fill_s = time.perf_counter() - filled
        size_mb = path.stat().st_size / 1e6
        opening, listing, building, painting, searching, totals = [], [], [], [], [], []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            store = Store.open(path)
            t1 = time.perf_counter()
            summaries = store.list()
            t2 = time.perf_counter()
            built, painted, rows = open_history(store)
            searched, found = search_history(store)
            store.close()
            opening.append((t1 - t0) * 1000)
            listing.append((t2 - t1) * 1000)
            building.append(built)
            painting.append(painted)
            totals.append(built + painted)
            searching.append(searched)
        print(
            f"{len(summaries)} sessions ({rows} rows shown), database {size_mb:.1f} MB "
            f"(filled in {fill_s:.1f} s); search found {found}"
        )
        print(f"open store (lock, check, migrate):  median {statistics.median(opening):.1f} ms")
        print(f"list query alone:                   median {statistics.median(listing):.1f} ms")
        print(f"HistoryWindow(store) (query+model): median {statistics.median(building):.1f} ms")
        print(f"show + first paint:                 median {statistics.median(painting):.1f} ms")
        print(
            f"history open (window + first paint): median {statistics.median(totals):.1f} ms, "
            f"max {max(totals):.1f} ms (target {TARGET_MS:.0f} ms)"
        )
        print(f"search in notes (window reload):    median {statistics.median(searching):.1f} ms")


if __name__ == "__main__":
    main()
