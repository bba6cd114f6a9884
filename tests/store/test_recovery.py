"""Crash recovery: after kill -9 the next start finds the session, resumable where it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from typing import TYPE_CHECKING

import pytest

from clinic_timer.core.clock import FakeClock
from clinic_timer.core.record import RecordStatus
from clinic_timer.core.session import Session, State
from clinic_timer.store import Store
from tests.core.formats_fixture import clinic_format
from tests.store.records import wait_until

if TYPE_CHECKING:
    from pathlib import Path

CLINIC = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from clinic_timer.core.record import record_of
    from clinic_timer.core.clock import FakeClock
    from clinic_timer.core.notes import Note, Notebook, Section
    from clinic_timer.core.session import Session
    from clinic_timer.store import Store
    from clinic_timer.store.autosave import Autosaver
    from tests.core.cast import pid, roster_of
    from tests.core.formats_fixture import clinic_format

    store = Store.open(Path(sys.argv[1]))
    saver = Autosaver(store.sibling)
    clock = FakeClock()
    session = Session(clinic_format(), roster_of("Ada", ("Ben", "Cy", "Dee")), clock)
    book = Notebook()
    session.start()
    record = record_of(session, book)
    saver.submit(record, urgent=True)
    clock.advance(20 * 60)
    session.next()  # Ben reflects
    saver.submit(record_of(session, book, base=record), urgent=True)
    clock.advance(100)
    book.add(Note("Ben: the city is where your friends are", Section.REFLECTION, 1300,
                  phase="Reflections", coach=pid("Ben")))
    saver.submit(record_of(session, book, base=record))  # typed: no flush, no urgency
    print("typed", flush=True)
    time.sleep(600)
    """
)


def test_a_killed_clinic_is_offered_for_resume_with_its_last_notes(db_path: Path) -> None:
    """kill -9 after typing: the record is running, holds the note, and resumes at Ben's turn, 100 s in."""
    with subprocess.Popen(
        [sys.executable, "-c", CLINIC, str(db_path)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=os.getcwd(),
    ) as clinic:
        try:
            assert clinic.stdout is not None
            assert clinic.stdout.readline().strip() == "typed"

            def note_on_disk() -> bool:
                if not db_path.exists():
                    return False
                with Store.open_readonly(db_path) as reader:
                    return bool(reader.list("friends"))

            wait_until(note_on_disk, timeout=2.0)
        finally:
            clinic.send_signal(signal.SIGKILL)
            clinic.wait()
    with Store.open(db_path) as store:
        [record] = store.interrupted()
        assert record.status is RecordStatus.RUNNING
        assert [n.text for n in record.notebook.notes] == ["Ben: the city is where your friends are"]
        assert record.snapshot is not None
        session = Session.restore(clinic_format(), record.roster, FakeClock(0.0), record.snapshot)
        now = session.clock.now()
        assert session.state is State.PAUSED
        assert session.phase.name == "Reflections"
        assert session.view(now).speaker == "Ben"
        assert session.slot_elapsed(now) == pytest.approx(100)
        assert session.elapsed(now) == pytest.approx(20 * 60 + 100)
        store.mark_closed(record.id)
        assert store.interrupted() == []
