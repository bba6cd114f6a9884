"""The clinic in progress, without Qt: one session, one notebook, one record id, a place in a crew."""

from __future__ import annotations

import subprocess
import sys

import pytest

from clinic_timer.core.clinic import Clinic, ClinicError
from clinic_timer.core.clock import FakeClock
from clinic_timer.core.notes import Note, Section
from clinic_timer.core.record import RecordStatus
from clinic_timer.core.session import Session, SessionError, State
from tests.core.cast import roster_of
from tests.core.formats_fixture import clinic_format

MIN = 60.0


def a_clinic(clock: FakeClock, coaches: tuple[str, ...] = ("Ben", "Cy")) -> Clinic:
    """A clinic of the test format, set up and not started."""
    return Clinic(Session(clinic_format(), roster_of("Ada", coaches), clock), crew_id="civics", week=2)


def test_the_clinic_module_imports_without_qt() -> None:
    """core/clinic.py loads in a fresh interpreter without PySide6 being imported."""
    code = "import sys, clinic_timer.core.clinic; assert 'PySide6' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_every_record_of_a_clinic_carries_its_id_and_first_start_time() -> None:
    """The id is fixed when the clinic is made; every record of it, before or after a save, names it."""
    clock = FakeClock()
    clinic = a_clinic(clock)
    clinic.session.start()
    first = clinic.record()
    clock.advance(3 * MIN)
    clinic.notebook.add(Note("Long pause", Section.PHASE, 3 * MIN, phase="Case monologue"))
    second = clinic.record()
    assert first.id == second.id == clinic.id
    assert second.started_at == first.started_at
    assert [n.text for n in second.notebook.notes] == ["Long pause"]
    assert (clinic.crew_id, clinic.week) == ("civics", 2)


def test_a_record_is_a_copy_the_notes_do_not_change_under() -> None:
    """A note added after a record was made is not in it (another thread may be writing it)."""
    clock = FakeClock()
    clinic = a_clinic(clock)
    clinic.session.start()
    record = clinic.record()
    clinic.notebook.add(Note("Later", Section.PHASE, 1.0, phase="Case monologue"))
    assert record.notebook.notes == []


def test_before_the_start_a_new_set_up_keeps_the_clinic_and_its_notes() -> None:
    """A changed roster before the start is the same clinic: same notebook, same id, the new session."""
    clock = FakeClock()
    clinic = a_clinic(clock)
    clinic.notebook.set_case("City or country", "")
    before = clinic.id
    session = Session(clinic_format(), roster_of("Ada", ("Ben", "Cy", "Dee")), clock)
    clinic.set_up_again(session)
    assert clinic.session is session
    assert clinic.id == before
    assert clinic.notebook.title == "City or country"


def test_once_started_a_clinic_cannot_be_set_up_again() -> None:
    """After the start, a new set-up is a new clinic: the old one refuses it."""
    clock = FakeClock()
    clinic = a_clinic(clock)
    clinic.session.start()
    assert clinic.started
    with pytest.raises(ClinicError):
        clinic.set_up_again(Session(clinic_format(), roster_of("Ada", ("Ben",)), clock))


def test_a_resumed_clinic_goes_on_in_its_own_record_with_its_notes() -> None:
    """Resumed from a record: paused where it was, the same id and start time, the notes back."""
    clock = FakeClock()
    clinic = a_clinic(clock)
    clinic.session.start()
    clock.advance(7 * MIN)
    clinic.notebook.add(Note("Ben felt torn", Section.PHASE, 7 * MIN, phase="Case monologue"))
    record = clinic.record()
    later = FakeClock(start=1000.0)
    resumed = Clinic.resumed(record, clinic_format(), later)
    assert resumed.session.state is State.PAUSED
    assert resumed.session.elapsed(later.now()) == pytest.approx(7 * MIN)
    assert resumed.id == record.id
    assert [n.text for n in resumed.notebook.notes] == ["Ben felt torn"]
    again = resumed.record()
    assert (again.id, again.started_at, again.status) == (record.id, record.started_at, RecordStatus.RUNNING)


def test_a_record_without_state_cannot_be_resumed() -> None:
    """A finished record kept no snapshot: resuming it is refused in words."""
    clock = FakeClock()
    clinic = a_clinic(clock)
    clinic.session.start()
    clinic.session.end()
    with pytest.raises(SessionError, match="no state"):
        Clinic.resumed(clinic.record(), clinic_format(), clock)
