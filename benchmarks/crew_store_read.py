"""Benchmark: reading every crew and person from a store with 50 crews and 500 people (target: under 100 ms).

The database is made in a temporary folder: 500 people with notes and
interests, 50 crews of four to six members with six to twelve meetings each,
half of them held with absences. Timed, from a cold open: opening the store
read-only (as the command line and the app's --crew do), then
:meth:`CrewBook.people` and :meth:`CrewBook.crews` (every plan rebuilt and
checked). The median of ``--runs`` runs is reported.

Run: ``uv run python benchmarks/crew_store_read.py [--crews 50] [--people 500]``
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from datetime import time as day_time
from pathlib import Path

from clinic_timer.core.crews import Crew, Schedule, Weekday
from clinic_timer.core.people import Ease, Person, Standing
from clinic_timer.core.plan import hold, plan_for
from clinic_timer.store import Store
from clinic_timer.store.crews import CrewBook

TARGET_MS = 100.0


def fill(path: Path, crews: int, people: int, seed: int = 1) -> None:
    """Writes the people and the crews into a fresh database at ``path``."""
    pick = random.Random(seed)
    everyone = [
        Person(
            id=f"{i:08x}",
            name=f"Person {i}",
            met="intros channel of an event",
            interests=tuple(pick.sample([f"tag {t}" for t in range(20)], 3)),
            at_ease=pick.choice(list(Ease)),
            standing=pick.choice(list(Standing)),
            notes="A private note about them. " * 5,
        )
        for i in range(1, people + 1)
    ]
    with Store.open(path) as store:
        book = CrewBook(store)
        for person in everyone:
            book.save_person(person)
        for index in range(crews):
            members = tuple(p.id for p in pick.sample(everyone, pick.randint(4, 6)))
            first = date(2026, 1, 6) + timedelta(weeks=index)  # Tuesdays
            crew = Crew(
                id=f"{index:08x}",
                name=f"Crew {index}",
                interest=f"tag {index % 20}",
                organiser=members[0],
                members=members,
                schedule=Schedule(Weekday.TUE, day_time(19), "Europe/London", first),
                weeks=pick.randint(6, 12),
                call_link="https://meet.example/x",
            )
            plan = plan_for(crew)
            for meeting in plan.meetings[: len(plan.meetings) // 2]:
                plan = hold(crew, plan, meeting.number, record_id=None, absent=members[1:2])
            book.save_crew(crew, plan)


def main() -> None:
    """Times reading everything back and prints the median against the target."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--crews", type=int, default=50)
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "notes.sqlite3"
        fill(path, args.crews, args.people)
        times = []
        for _ in range(args.runs):
            began = time.perf_counter()
            with Store.open_readonly(path) as store:
                book = CrewBook(store)
                people, crews = book.people(), book.crews()
            times.append((time.perf_counter() - began) * 1000)
    median = statistics.median(times)
    meetings = sum(len(k.plan.meetings) for k in crews)
    print(f"{len(crews)} crews ({meetings} meetings), {len(people)} people")
    print(
        f"open + read all: median {median:.1f} ms, max {max(times):.1f} ms over {args.runs} runs (target < {TARGET_MS:g} ms)"
    )
    print("PASS" if median < TARGET_MS else "FAIL")


if __name__ == "__main__":
    main()
