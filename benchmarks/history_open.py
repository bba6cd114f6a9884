"""Benchmark: opening the history with 1,000 sessions kept (target: under 300 ms).

Measures, on a database of ``--sessions`` realistic sessions (20 notes each):
opening the store (lock, integrity check, migrations), the history's list
query, building a Qt item model of the rows (a stand-in for the history
widget's model: six columns per session), and a search over the notes.

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

from clinic_timer.core.archive import PlannedPhase, RecordStatus, SessionRecord, iso, new_record_id
from clinic_timer.core.notes import Note, Notebook, Section
from clinic_timer.core.record import Outcome, SlotRun, Timeline
from clinic_timer.core.roster import Roster
from clinic_timer.store import SessionSummary, Store

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
        roster=Roster(f"Bringer {index % 12}", ("Coach 1", "Coach 2", "Coach 3", "Coach 4")),
        started_at=iso(started),
        ended_at=iso(started + timedelta(minutes=92)),
        status=RecordStatus.FINISHED,
        phases=[PlannedPhase("Reflections", "coaches", 1200, 300)],
        timeline=Timeline(runs=runs),
        notebook=book,
    )


def build_model(summaries: list[SessionSummary]) -> object:
    """A QStandardItemModel of the rows, as a history view would show them."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel

    model = QStandardItemModel(len(summaries), 6)
    model.setHorizontalHeaderLabels(["Date", "Bringer", "Format", "Title", "Notes", "Status"])
    for row, s in enumerate(summaries):
        cells = (
            s.started_at[:16].replace("T", " "),
            s.bringer,
            s.format_title,
            s.title,
            str(s.note_count),
            s.status.value,
        )
        for column, text in enumerate(cells):
            model.setItem(row, column, QStandardItem(text))
    return model


def main() -> None:
    """Fills a database, then times opening the history several times."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication([])  # noqa: F841 - the model needs an application
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "notes.sqlite3"
        with Store.open(path) as store:
            filled = time.perf_counter()
            for index in range(args.sessions):
                store.save(make_record(index))
            fill_s = time.perf_counter() - filled
        size_mb = path.stat().st_size / 1e6
        opening, listing, modelling, searching, totals = [], [], [], [], []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            store = Store.open(path)
            t1 = time.perf_counter()
            summaries = store.list()
            t2 = time.perf_counter()
            build_model(summaries)
            t3 = time.perf_counter()
            found = store.list("clinic 999 reflection")
            t4 = time.perf_counter()
            store.close()
            opening.append((t1 - t0) * 1000)
            listing.append((t2 - t1) * 1000)
            modelling.append((t3 - t2) * 1000)
            searching.append((t4 - t3) * 1000)
            totals.append((t3 - t1) * 1000)
        print(
            f"{len(summaries)} sessions, database {size_mb:.1f} MB (filled in {fill_s:.1f} s); "
            f"search found {len(found)}"
        )
        print(f"open store (lock, check, migrate): median {statistics.median(opening):.1f} ms")
        print(f"list query:                        median {statistics.median(listing):.1f} ms")
        print(f"build the model:                   median {statistics.median(modelling):.1f} ms")
        print(
            f"history open (list + model):       median {statistics.median(totals):.1f} ms, "
            f"max {max(totals):.1f} ms (target {TARGET_MS:.0f} ms)"
        )
        print(f"search in notes:                   median {statistics.median(searching):.1f} ms")


if __name__ == "__main__":
    main()
