"""Benchmark: opening the Crews window with 50 crews and 500 people (target: under 300 ms to first paint).

The database is the one ``crew_store_read.py`` fills (500 people with notes
and interests; 50 crews of four to six, six to twelve weeks, half held with
absences). Timed from an open store, as the app has it when Ctrl+K is
pressed: the :class:`~clinic_timer.ui.crew_desk.CrewDesk` reading the people
and crews, the window with its three rooms and item models, and showing it
until its first frame is painted (``grab()`` lays out and paints what is
visible). Each room is then shown and painted once, and the writes the desk
makes on the UI thread (one person, one whole crew with its plan) are timed
too: they are why the desk may write without a worker thread. So is the
landing's recall, which reads the crew's kept clinics (12 case weeks, 20
notes each) when the landing starts.

Run: ``uv run python benchmarks/crews_window_open.py [--crews 50] [--people 500]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from crew_store_read import fill
from history_open import make_record

from clinic_timer.core.case_recall import recalls
from clinic_timer.core.plan import MeetingStatus
from clinic_timer.store import Store
from clinic_timer.store.crews import CrewBook

TARGET_MS = 300.0


def main() -> None:
    """Fills a database, then times opening the window ``--runs`` times."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--crews", type=int, default=50)
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from clinic_timer.ui.crew_desk import CrewDesk
    from clinic_timer.ui.crews_window import CrewsWindow

    app = QApplication([])
    firsts, rooms, person_saves, crew_saves, recalling = [], [], [], [], []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "notes.sqlite3"
        fill(path, args.crews, args.people)
        with Store.open(path) as store:
            for _ in range(args.runs):
                began = time.perf_counter()
                desk = CrewDesk(CrewBook(store))
                window = CrewsWindow(desk, {})
                window.show()
                window.grab()
                app.processEvents()
                firsts.append((time.perf_counter() - began) * 1000)
                began = time.perf_counter()
                for room in range(1, 3):
                    window.show_room(room)
                    window.grab()
                rooms.append((time.perf_counter() - began) * 1000)
                person = desk.people[0]
                began = time.perf_counter()
                desk.save_person(person.with_changes(met=f"{person.met}."))
                person_saves.append((time.perf_counter() - began) * 1000)
                kept = desk.crews[0]
                began = time.perf_counter()
                desk.save_crew(kept.crew, kept.plan)
                crew_saves.append((time.perf_counter() - began) * 1000)
                longest = max(desk.crews, key=lambda k: len(k.plan.meetings))
                held = []
                for index, meeting in enumerate(longest.plan.meetings):
                    if meeting.bringer is not None:
                        record = make_record(index)
                        store.save(record)
                        held.append(meeting.changed(status=MeetingStatus.HELD, record_id=record.id))
                plan = longest.plan.replaced(*held)
                began = time.perf_counter()
                found = recalls(longest.crew, plan, store.load)
                recalling.append((time.perf_counter() - began) * 1000)
                window.close()
                window.deleteLater()
                app.processEvents()
            shown = (len(desk.crews), len(desk.people))
    median = statistics.median(firsts)
    print(f"{shown[0]} crews, {shown[1]} people")
    print(
        f"open to first paint: median {median:.1f} ms, max {max(firsts):.1f} ms over {args.runs} runs "
        f"(target < {TARGET_MS:g} ms)"
    )
    print(f"the Crews and Plan rooms shown and painted: median {statistics.median(rooms):.1f} ms")
    print(
        f"save one person (UI thread, with the rooms refreshed): median {statistics.median(person_saves):.1f} ms"
    )
    print(f"save one crew and its plan (likewise): median {statistics.median(crew_saves):.1f} ms")
    cases = sum(len(c) for c in found.values())
    print(
        f"recall a landing's {cases} cases from their clinics: median {statistics.median(recalling):.1f} ms"
    )
    print("PASS" if median < TARGET_MS else "FAIL")


if __name__ == "__main__":
    main()
