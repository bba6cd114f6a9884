"""``--demo``'s sample crew: sample names only, in a temporary store that is not the user's.

A newcomer rehearsing should see the Crews window and a week's clinic
without entering anyone real, and without the rehearsal adding strangers to
their own list. So the sample lives in a fresh database in a private
temporary folder (owner-only, as every store is), made when the rehearsal
starts and removed when it ends. Qt-free.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from datetime import date, time, timedelta
from pathlib import Path

from clinic_timer.core.crews import Crew, Schedule, Weekday
from clinic_timer.core.people import Ease, Person, Standing
from clinic_timer.core.plan import hold, plan_for
from clinic_timer.store import Store
from clinic_timer.store.crews import CrewBook

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
    folder = Path(tempfile.mkdtemp(prefix="clinic-timer-rehearsal-"))
    folder.chmod(0o700)
    store = Store.open(folder / "rehearsal.sqlite3")
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
