"""``--demo``'s sample crew: sample names only, in a temporary store that is not the user's.

A newcomer rehearsing should see the Crews window and a week's clinic
without entering anyone real, and without the rehearsal adding strangers to
their own list. So the sample lives in a fresh database in a private
temporary folder (owner-only, as every store is), made when the rehearsal
starts and removed when it ends. Qt-free.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date, time, timedelta
from pathlib import Path

from clinic_timer.core.crews import Crew, Schedule, Weekday
from clinic_timer.core.people import Ease, Person, Standing
from clinic_timer.core.plan import hold, plan_for
from clinic_timer.store import Store, StoreError
from clinic_timer.store.crews import CrewBook

FOLDER_PREFIX = "clinic-timer-rehearsal-"
DATABASE = "rehearsal.sqlite3"
SAMPLE_ORGANISER = "Robin"
SAMPLE_MEMBERS = ("Sam", "Alex", "Kim")
SAMPLE_FREE_ELECTRONS = (  # interested, waiting for a crew: the suggestions have someone to suggest
    ("Jo", "wellbeing", Ease.YES),
    ("Lee", "wellbeing", Ease.NOT_YET_KNOWN),
    ("Ari", "wellbeing", Ease.YES),
    ("Noor", "wellbeing", Ease.NOT_YET_KNOWN),
)


@dataclass
class SampleCrew:
    """The rehearsal's store and what was put in it."""

    store: Store
    folder: Path
    crew: Crew

    def close(self) -> None:
        """Closes the store and removes the temporary folder with everything in it."""
        self.store.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def sample_crew(today: date) -> SampleCrew:
    """A temporary store holding the sample crew, its intro held last week and week 2 today.

    Raises:
        StoreError: the temporary folder cannot hold a database.
    """
    clear_stale()
    folder = Path(tempfile.mkdtemp(prefix=FOLDER_PREFIX))
    folder.chmod(0o700)
    store = Store.open(folder / DATABASE)
    book = CrewBook(store)
    organiser = Person.new(
        SAMPLE_ORGANISER, interests=("civics",), at_ease=Ease.YES, standing=Standing.IN_A_CREW
    )
    members = [Person.new(n, interests=("civics",), standing=Standing.IN_A_CREW) for n in SAMPLE_MEMBERS]
    members[0] = members[0].with_changes(at_ease=Ease.YES, met="a sample: the intros channel")
    for person in (organiser, *members):
        book.save_person(person)
    for name, interest, ease in SAMPLE_FREE_ELECTRONS:
        book.save_person(Person.new(name, interests=(interest,), at_ease=ease, standing=Standing.INTERESTED))
    first = today - timedelta(weeks=1)
    crew = Crew(
        id="5a3b1e00",
        name="Civics",
        interest="civics",
        organiser=organiser.id,
        members=(*(m.id for m in members), organiser.id),
        schedule=Schedule(Weekday(first.weekday()), time(19, 0), "UTC", first),
        call_link="https://example.org/sample-call",
    )
    plan = hold(crew, plan_for(crew), 1, record_id=None, absent=())
    book.save_crew(crew, plan)
    return SampleCrew(store, folder, crew)


def clear_stale(root: Path | None = None) -> list[Path]:
    """Removes the sample crews of rehearsals that were killed before they could tidy up.

    Only folders of ours, owned by this user, whose database no running
    rehearsal holds (its instance lock is free) are removed. Returns them.
    """
    removed = []
    for folder in Path(root or tempfile.gettempdir()).glob(f"{FOLDER_PREFIX}*"):
        try:
            if not folder.is_dir() or folder.stat().st_uid != os.getuid():
                continue
            with Store.open(folder / DATABASE):
                pass  # the lock was free: nobody rehearses with it
        except (StoreError, OSError):
            continue  # a running rehearsal's, or not ours to judge
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed
