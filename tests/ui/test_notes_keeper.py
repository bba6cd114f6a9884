"""The notes keeper: typed notes on disk within two seconds, urgent saves on cues, never blocking."""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from clinic_timer.core.clock import FakeClock
from clinic_timer.core.record import RecordStatus, SessionRecord
from clinic_timer.store import Store, StoreError
from clinic_timer.store.autosave import AUTOSAVE_DEADLINE_S, SavePolicy
from clinic_timer.ui.notes_database import NotesDatabase
from clinic_timer.ui.notes_keeper import NotesKeeper
from clinic_timer.ui.notes_panel import NotesPanel
from tests.core.formats_fixture import clinic_format

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from clinic_timer.ui.console import Console

MIN = 60.0
DEADLINE_MS = int(AUTOSAVE_DEADLINE_S * 1000)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where this test's notes database goes."""
    return tmp_path / "data" / "notes.sqlite3"


@pytest.fixture
def panel(console: Console) -> NotesPanel:
    """A notes panel in the console."""
    notes = NotesPanel(console.controller)
    console.set_notes_widget(notes)
    return notes


@pytest.fixture
def keeper(console: Console, panel: NotesPanel, db_path: Path) -> Iterator[NotesKeeper]:
    """A keeper with its store open and saving begun, wired to the panel as the app wires it."""
    made = NotesKeeper(console.controller, NotesDatabase(db_path), snapshot_ms=100)
    panel.notes_changed.connect(made.notes_changed)
    made.state_changed.connect(panel.set_save_state)
    made.database.open()
    made.begin()
    yield made
    made.close()
    made.database.close()


def on_disk(path: Path) -> list[SessionRecord]:
    """Every record in the database, read as another process would."""
    if not path.exists():
        return []
    with Store.open_readonly(path) as reader:
        return [reader.load(s.id) for s in reader.list()]


def notes_on_disk(path: Path) -> list[str]:
    """The texts of every note on disk."""
    return [n.text for r in on_disk(path) for n in r.notebook.notes]


def spy_on_submits(keeper: NotesKeeper) -> list[bool]:
    """Records the urgency of every record the keeper hands to its autosaver from now on."""
    saver = keeper.saver
    assert saver is not None
    real_submit = saver.submit
    seen: list[bool] = []

    def submit(record: SessionRecord, *, urgent: bool = False) -> None:
        seen.append(urgent)
        real_submit(record, urgent=urgent)

    saver.submit = submit  # type: ignore[method-assign]
    return seen


def start(console: Console, clock: FakeClock, minutes: float = 0.0) -> None:
    """Starts the clinic and lets ``minutes`` of session time pass."""
    console.controller.toggle_pause()
    clock.advance(minutes * MIN)
    console.controller.refresh()


def test_a_typed_note_is_on_disk_within_two_seconds(
    qtbot: QtBot,
    console: Console,
    panel: NotesPanel,
    keeper: NotesKeeper,
    db_path: Path,
    fake_clock: FakeClock,
) -> None:
    """Enter, then the real autosave thread: the note is readable by another connection within 2 s."""
    start(console, fake_clock, 3)
    qtbot.waitUntil(lambda: len(on_disk(db_path)) == 1, timeout=DEADLINE_MS)
    panel.entry.setPlainText("Long pause before 'home'.")
    typed = time.monotonic()
    QTest.keyClick(panel.entry, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: notes_on_disk(db_path) == ["Long pause before 'home'."], timeout=DEADLINE_MS)
    assert time.monotonic() - typed < AUTOSAVE_DEADLINE_S
    qtbot.waitUntil(lambda: panel.save_state.text().startswith("Notes saved at"))


def test_a_note_typed_but_not_added_is_on_disk_within_two_seconds(
    qtbot: QtBot,
    console: Console,
    panel: NotesPanel,
    keeper: NotesKeeper,
    db_path: Path,
    fake_clock: FakeClock,
) -> None:
    """Text still in the entry (no Enter yet) is saved as the draft, and comes back with the notebook."""
    start(console, fake_clock, 3)
    qtbot.waitUntil(lambda: len(on_disk(db_path)) == 1, timeout=DEADLINE_MS)
    QTest.keyClicks(panel.entry, "She said home twice")
    typed = time.monotonic()
    qtbot.waitUntil(
        lambda: [r.notebook.draft for r in on_disk(db_path)] == ["She said home twice"], timeout=DEADLINE_MS
    )
    assert time.monotonic() - typed < AUTOSAVE_DEADLINE_S
    [record] = on_disk(db_path)
    panel.entry.clear()
    console.controller.end()
    console.controller.resume(record, clinic_format())
    assert panel.entry.toPlainText() == "She said home twice"


def test_a_burst_of_typing_is_one_save_held_for_the_interval_on_a_fake_clock(
    qtbot: QtBot, console: Console, panel: NotesPanel, db_path: Path, fake_clock: FakeClock
) -> None:
    """Typing a title is one non-urgent save, which the real SavePolicy holds until its clock passes the interval."""
    saver_clock = FakeClock()
    policy = SavePolicy()
    keeper = NotesKeeper(console.controller, NotesDatabase(db_path), clock=saver_clock, policy=policy)
    panel.notes_changed.connect(keeper.notes_changed)
    keeper.database.open()
    keeper.begin()
    try:
        start(console, fake_clock, 1)
        qtbot.waitUntil(lambda: [r.notebook.title for r in on_disk(db_path)] == [""])  # the start: at once
        submits = spy_on_submits(keeper)
        for word in ("City", " or", " country"):
            QTest.keyClicks(panel.title, word)
        qtbot.waitUntil(lambda: bool(submits))
        assert submits == [False]  # one record for the burst, and not urgent
        qtbot.waitUntil(lambda: saver_clock.alarms == [saver_clock.now() + policy.interval_s])
        assert [r.notebook.title for r in on_disk(db_path)] == [""]  # held: the saver's clock has not moved
        saver_clock.advance(policy.interval_s)
        qtbot.waitUntil(lambda: [r.notebook.title for r in on_disk(db_path)] == ["City or country"])
    finally:
        keeper.close()
        keeper.database.close()


def test_a_phase_change_is_saved_urgently(
    qtbot: QtBot, console: Console, keeper: NotesKeeper, db_path: Path, fake_clock: FakeClock
) -> None:
    """Next: the keeper submits with urgent=True and the record on disk shows Ben's turn at once."""
    start(console, fake_clock, 20)
    assert keeper.saver is not None
    urgent = spy_on_submits(keeper)
    console.controller.next()
    qtbot.waitUntil(lambda: True in urgent)

    def at_bens_turn() -> bool:
        records = on_disk(db_path)
        return bool(records) and records[0].roster.name_of(records[0].timeline.runs[-1].coach) == "Ben"

    qtbot.waitUntil(at_bens_turn, timeout=DEADLINE_MS)


def test_elapsed_times_are_saved_while_the_clinic_runs(
    qtbot: QtBot, console: Console, keeper: NotesKeeper, db_path: Path, fake_clock: FakeClock
) -> None:
    """With nothing typed, the periodic snapshot still carries the session's elapsed time to disk."""
    start(console, fake_clock, 0)
    fake_clock.advance(7 * MIN)

    def seven_minutes_kept() -> bool:
        records = on_disk(db_path)
        return bool(records) and records[0].elapsed_s == pytest.approx(7 * MIN)

    qtbot.waitUntil(seven_minutes_kept, timeout=DEADLINE_MS + 1000)


def test_saving_never_waits_for_the_disk(
    console: Console, panel: NotesPanel, db_path: Path, fake_clock: FakeClock
) -> None:
    """With a disk that takes half a second a write, handing over a record still costs milliseconds."""
    gate = threading.Event()

    class SlowDisk:
        def save(self, record: SessionRecord) -> None:
            gate.wait(0.5)

        def close(self) -> None:
            pass

    keeper = NotesKeeper(console.controller, NotesDatabase(db_path), sink=SlowDisk)
    keeper.database.open()
    keeper.begin()
    try:
        start(console, fake_clock, 1)
        costs = []
        for _ in range(20):
            panel.add_note("one more note")
            began = time.perf_counter()
            assert keeper.save_now(urgent=True)
            costs.append(time.perf_counter() - began)
        assert max(costs) < 0.05, costs
    finally:
        gate.set()
        keeper.close()
        keeper.database.close()


def test_a_failed_save_reaches_the_status_line(
    qtbot: QtBot, console: Console, panel: NotesPanel, fake_clock: FakeClock, db_path: Path
) -> None:
    """A write that fails is reported as a signal naming the file, and the panel says notes are not saved."""

    class FullDisk:
        def save(self, record: SessionRecord) -> None:
            raise StoreError(db_path, "cannot be written (No space left on device)")

        def close(self) -> None:
            pass

    keeper = NotesKeeper(console.controller, NotesDatabase(db_path), sink=FullDisk)
    keeper.state_changed.connect(panel.set_save_state)
    keeper.database.open()
    keeper.begin()
    try:
        with qtbot.waitSignal(keeper.failed) as failed:
            start(console, fake_clock, 1)
        assert str(db_path) in failed.args[0]
        assert "No space left" in failed.args[0]
        assert panel.save_state.text() == "Notes NOT saved: see the status line."
    finally:
        keeper.close()
        keeper.database.close()


def test_a_saver_that_cannot_start_does_not_promise_a_retry(
    qtbot: QtBot, console: Console, panel: NotesPanel, fake_clock: FakeClock, db_path: Path
) -> None:
    """When the writer cannot open its own connection, the message says saving has stopped, not "Retrying"."""

    def unopenable() -> Store:
        raise StoreError(db_path, "cannot be used (unable to open database file)")

    keeper = NotesKeeper(console.controller, NotesDatabase(db_path), sink=unopenable)
    keeper.database.open()
    try:
        with qtbot.waitSignal(keeper.failed) as failed:
            keeper.begin()
            start(console, fake_clock, 1)
        assert str(db_path) in failed.args[0]
        assert failed.args[0].endswith("Saving has stopped.")
    finally:
        keeper.close()
        keeper.database.close()


def test_saving_that_works_again_takes_the_failure_down(
    qtbot: QtBot, console: Console, panel: NotesPanel, fake_clock: FakeClock, db_path: Path
) -> None:
    """After a failed write, the next good one says so: the status line is not left saying "not saved"."""

    class DiskFullOnce:
        failures = 1

        def save(self, record: SessionRecord) -> None:
            if DiskFullOnce.failures:
                DiskFullOnce.failures -= 1
                raise StoreError(db_path, "cannot be written (No space left on device)")

        def close(self) -> None:
            pass

    policy = SavePolicy(interval_s=0.0, retry_s=0.05)
    keeper = NotesKeeper(console.controller, NotesDatabase(db_path), sink=DiskFullOnce, policy=policy)
    keeper.state_changed.connect(panel.set_save_state)
    keeper.database.open()
    keeper.begin()
    try:
        recoveries: list[None] = []
        keeper.recovered.connect(lambda: recoveries.append(None))
        with qtbot.waitSignal(keeper.failed):
            start(console, fake_clock, 1)
        qtbot.waitUntil(lambda: recoveries == [None], timeout=5_000)
        assert keeper.last_error is None
        qtbot.waitUntil(lambda: panel.save_state.text().startswith("Notes saved at"))
    finally:
        keeper.close()
        keeper.database.close()


def test_the_end_marks_the_record_finished_and_quitting_flushes(
    qtbot: QtBot,
    console: Console,
    panel: NotesPanel,
    keeper: NotesKeeper,
    db_path: Path,
    fake_clock: FakeClock,
) -> None:
    """Ending saves a finished record; a takeaway typed just before quitting is written by close()."""
    start(console, fake_clock, 5)
    console.controller.end()
    qtbot.waitUntil(
        lambda: [r.status for r in on_disk(db_path)] == [RecordStatus.FINISHED], timeout=DEADLINE_MS
    )
    panel.add_note("Choosing is not forever")
    assert keeper.close()
    [record] = on_disk(db_path)
    assert [n.text for n in record.notebook.notes] == ["Choosing is not forever"]
    assert record.status is RecordStatus.FINISHED
    assert record.ended_at is not None


def test_nothing_is_kept_before_the_start_or_without_begin(
    qtbot: QtBot, console: Console, panel: NotesPanel, db_path: Path, fake_clock: FakeClock
) -> None:
    """A clinic being set up is not saved; and before begin() (recovery pending) nothing is written."""
    keeper = NotesKeeper(console.controller, NotesDatabase(db_path))
    try:
        keeper.database.open()
        start(console, fake_clock, 1)
        assert not keeper.save_now(urgent=True)  # running, but begin() has not been called
        keeper.continue_without_saving()
        assert not keeper.save_now(urgent=True)
        assert on_disk(db_path) == []
    finally:
        keeper.close()
        keeper.database.close()
    console.controller.end()
    console.new_clinic_button.click()  # a fresh clinic, being set up
    keeper = NotesKeeper(console.controller, NotesDatabase(db_path))
    try:
        keeper.database.open()
        keeper.begin()
        assert not keeper.save_now(urgent=True)
        assert keeper.saver is not None
        assert keeper.saver.flush()
        assert on_disk(db_path) == []
    finally:
        keeper.close()
        keeper.database.close()
