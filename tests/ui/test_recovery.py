"""Start-up: resuming or closing an interrupted clinic, and every way out of a refused database."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
from typing import TYPE_CHECKING

import pytest

from clinic_timer import paths
from clinic_timer.app import build_app
from clinic_timer.cli import build_parser
from clinic_timer.core.record import RecordStatus, SessionRecord
from clinic_timer.core.session import State
from clinic_timer.store import CorruptStore, LockedStore, NewerStore, Store, StoreError
from clinic_timer.ui.notes_database import NotesDatabase
from clinic_timer.ui.notes_keeper import NOT_SAVING
from clinic_timer.ui.notes_menu import attach_notes
from clinic_timer.ui.recovery import (
    ExportFolder,
    RecoveryChoice,
    RecoveryDialog,
    RefusedChoice,
    RefusedStoreDialog,
    choices_for,
    describe_interrupted,
    refusal_text,
)
from tests.store.records import full_record

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from clinic_timer.app import Composition
    from clinic_timer.core.catalogue import Catalogue
    from clinic_timer.ui.console import Console
    from clinic_timer.ui.notes_menu import Notes

FACILITATOR = textwrap.dedent(
    """
    # The real app (the same entry point as python -m clinic_timer), with a facilitator
    # who types notes once saving has begun and moves on to Ben's reflection.
    import sys
    from PySide6.QtCore import QTimer, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from clinic_timer.cli import main
    from clinic_timer.ui.console import Console

    app = QApplication(sys.argv[:1])

    def type_note(panel, text):
        panel.entry.setPlainText(text)
        QTest.keyClick(panel.entry, Qt.Key.Key_Return)

    def facilitate():
        console = next((w for w in app.topLevelWidgets() if isinstance(w, Console)), None)
        save_state = getattr(console.notes_area, "save_state", None) if console else None  # notes attach after the first paint
        if save_state is None or not save_state.text().startswith("Notes saved"):
            QTimer.singleShot(20, facilitate)
            return
        panel = console.notes_area
        QTest.keyClicks(panel.title, "City or country")
        type_note(panel, "Long pause before 'home'.")
        console.controller.next()
        # Ninety seconds into Ben's turn without waiting them out: the session's clock (the
        # controller's, shared with the session) is moved, as a fake clock would be.
        clock = console.controller.clock
        real_now = clock.now
        clock.now = lambda: real_now() + 90.0
        type_note(panel, "Ben felt the pull of both places.")

    QTimer.singleShot(0, facilitate)
    sys.exit(main(sys.argv[1:]))
    """
)
LAUNCH = ["--format", "crew-case-clinic", "--bringer", "Ada", "--coach", "Ben", "--coach", "Cy", "--start"]


@pytest.fixture
def db_path() -> Path:
    """The notes database in the test's private data directory."""
    return paths.data_dir() / "notes.sqlite3"


@pytest.fixture
def launch(console: Console, catalogue: Catalogue, db_path: Path) -> Iterator[Callable[[], Notes]]:
    """Attaches the notes to the console as the app does, when the test says (after seeding the file).

    Start-up then runs as soon as the event loop turns.
    """
    made: list[Notes] = []

    def attach() -> Notes:
        made.append(attach_notes(console, catalogue, NotesDatabase(db_path)))
        return made[-1]

    yield attach
    for notes in made:
        notes.keeper.close()
        notes.keeper.database.close()


def seed(db_path: Path, *records: SessionRecord) -> None:
    """Saves records into the database, then lets go of it."""
    with Store.open(db_path) as store:
        for record in records:
            store.save(record)


def answer(monkeypatch: pytest.MonkeyPatch, dialog: type, *choices: object) -> list[object]:
    """Replaces ``dialog.ask`` with one that gives ``choices`` in turn; returns what it was asked about."""
    asked: list[object] = []
    queue = list(choices)

    def ask(cls: type, subject: object, parent: object = None) -> object:
        asked.append(subject)
        return queue.pop(0)

    monkeypatch.setattr(dialog, "ask", classmethod(ask))
    return asked


def saved_record(path: Path) -> SessionRecord | None:
    """The newest record in the database, read as another process would; None if there is none yet."""
    try:
        with Store.open_readonly(path) as reader:
            return reader.last()
    except StoreError:
        return None


@pytest.mark.slow
def test_a_clinic_killed_with_sigkill_is_resumed_where_it_was(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real app process, kill -9 at Ben's turn; the next start resumes phase, turn, times and notes."""
    data = tmp_path / "clinic-data"
    db = data / "notes.sqlite3"
    command = [sys.executable, "-c", FACILITATOR, "--data-dir", str(data), *LAUNCH]
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as clinic:
        try:

            def at_bens_turn_with_notes() -> bool:
                assert clinic.poll() is None, clinic.stderr.read() if clinic.stderr else ""
                record = saved_record(db)
                return (
                    record is not None
                    and len(record.notebook.notes) == 2
                    and record.notebook.title == "City or country"
                    and record.roster.name_of(record.timeline.runs[-1].coach) == "Ben"
                    and record.snapshot is not None
                    and record.snapshot["slot_elapsed"] >= 90  # saved after the clock moved, not by the cue
                )

            qtbot.waitUntil(at_bens_turn_with_notes, timeout=30_000)
        finally:
            clinic.send_signal(signal.SIGKILL)
            clinic.wait()
    before = saved_record(db)
    assert before is not None
    assert before.status is RecordStatus.RUNNING

    asked = answer(monkeypatch, RecoveryDialog, RecoveryChoice.RESUME)
    paths.set_data_dir(data)
    parts = build_app(build_parser().parse_args(LAUNCH))
    try:
        assert parts.notes is not None
        keeper, panel = parts.notes.keeper, parts.notes.panel
        qtbot.waitUntil(lambda: keeper.saving)
        assert [r.id for r in asked] == [before.id]  # type: ignore[attr-defined]
        view = parts.controller.view()
        assert view is not None
        assert (view.state, view.phase.name, view.speaker) == (State.PAUSED, "Reflections", "Ben")
        assert before.snapshot is not None
        assert view.slot_s - view.remaining_s == pytest.approx(before.snapshot["slot_elapsed"], abs=0.001)
        assert before.snapshot["slot_elapsed"] >= 90
        assert before.elapsed_s <= view.elapsed_s < before.elapsed_s + 1  # paused since: pauses count
        assert [n.text for n in panel.notebook.notes] == [
            "Long pause before 'home'.",
            "Ben felt the pull of both places.",
        ]
        assert [(n.section.value, before.roster.name_of(n.coach) or None) for n in panel.notebook.notes] == [
            ("phase", None),
            ("reflection", "Ben"),
        ]
        assert panel.title.text() == "City or country"
        parts.controller.toggle_pause()  # Space: carry on, into the same record
        assert keeper.saver is not None
        assert keeper.saver.flush()  # what carrying on wrote is on disk now
        assert keeper.current_id == before.id
        assert keeper.database.store is not None
        assert len(keeper.database.store.interrupted()) == 1
        assert (
            keeper.database.store.count() == 1
        )  # into the same record; the --start clinic was never written beside it
    finally:
        _quit(parts)


def _quit(parts: Composition) -> None:
    """Flushes and closes what build_app made, as quitting the app would."""
    if parts.notes is not None:
        parts.notes.keeper.close()
        parts.notes.keeper.database.close()
    parts.console.close()
    parts.console.deleteLater()


def test_resume_restores_the_clinic_paused_with_its_notes(
    qtbot: QtBot,
    console: Console,
    launch: Callable[[], Notes],
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Resume: the controller has the clinic paused at Cy's turn, the panel its notes, saving into it."""
    interrupted = full_record(finished=False)
    seed(db_path, interrupted)
    answer(monkeypatch, RecoveryDialog, RecoveryChoice.RESUME)
    notes = launch()
    qtbot.waitUntil(lambda: notes.keeper.saving)
    view = notes.keeper.controller.view()
    assert view is not None
    assert (view.state, view.phase.name) == (State.PAUSED, "Bringer's response")
    assert len(notes.panel.notebook.notes) == len(interrupted.notebook.notes)
    assert notes.keeper.current_id == interrupted.id
    assert "press Space to carry on" in console.statusBar().currentMessage()


def test_close_as_it_stands_ends_the_record_and_starts_fresh(
    qtbot: QtBot, launch: Callable[[], Notes], db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Close: the record is closed-interrupted with an end time, and nothing is resumed."""
    interrupted = full_record(finished=False)
    seed(db_path, interrupted)
    asked = answer(monkeypatch, RecoveryDialog, RecoveryChoice.CLOSE)
    notes = launch()
    qtbot.waitUntil(lambda: notes.keeper.saving)
    assert len(asked) == 1
    assert notes.keeper.database.store is not None
    closed = notes.keeper.database.store.load(interrupted.id)
    assert closed.status is RecordStatus.CLOSED_INTERRUPTED
    assert closed.ended_at is not None
    assert notes.panel.notebook.notes == []


def test_decide_later_leaves_it_to_be_offered_again(
    qtbot: QtBot, launch: Callable[[], Notes], db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Closing the question changes nothing: the clinic is still interrupted at the next start."""
    interrupted = full_record(finished=False)
    seed(db_path, interrupted)
    answer(monkeypatch, RecoveryDialog, RecoveryChoice.LATER)
    notes = launch()
    qtbot.waitUntil(lambda: notes.keeper.saving)
    assert notes.keeper.database.store is not None
    assert [r.id for r in notes.keeper.database.store.interrupted()] == [interrupted.id]


def test_the_question_says_which_clinic_and_where_it_stopped() -> None:
    """The dialog's text names the format, bringer, title, where it stopped and the notes kept."""
    text = describe_interrupted(full_record(finished=False))
    assert "Test clinic with Ada (City or country)" in text
    assert "It stopped in Bringer's response" in text
    assert "8 notes kept" in text


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (3.9, "3 s into the clinic"),
        (59, "59 s into the clinic"),
        (26 * 60 + 40, "26 min into the clinic"),
        (3600, "1 h into the clinic"),
        (3600 + 5 * 60, "1 h 5 min into the clinic"),
    ],
)
def test_where_it_stopped_says_how_far_in_not_a_clock_time(seconds: float, words: str) -> None:
    """ "It stopped … 3 s into the clinic", never "at 0:03", which reads like a time of day."""
    record = full_record(finished=False)
    assert record.snapshot is not None
    record.snapshot["session_elapsed"] = seconds
    assert describe_interrupted(record).endswith(f", {words}, with 8 notes kept.")


def test_a_newer_database_is_kept_exported_and_set_aside(
    qtbot: QtBot, launch: Callable[[], Notes], db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Refused as newer: export what can be read, then a new file; the old one is moved aside intact."""
    seed(db_path, full_record(), full_record(bringer="Bo"))
    with sqlite3.connect(db_path) as db:
        db.execute("PRAGMA user_version = 999")
    db.close()
    original = db_path.read_bytes()
    out = tmp_path / "exported"
    out.mkdir()
    asked = answer(monkeypatch, RefusedStoreDialog, RefusedChoice.EXPORT, RefusedChoice.NEW_FILE)
    monkeypatch.setattr(ExportFolder, "ask", classmethod(lambda cls, parent=None: out))
    notes = launch()
    qtbot.waitUntil(lambda: notes.keeper.saving)
    refused = asked[0]
    assert isinstance(refused, NewerStore)
    assert refused.path == db_path
    assert refused.copy is not None
    assert refused.copy.read_bytes() == original
    assert len(list(out.glob("*.md"))) == 2
    assert len(list(out.glob("*.json"))) == 2
    [aside] = db_path.parent.glob("notes.sqlite3.set-aside-*[0-9]")
    assert aside.read_bytes() == original
    assert notes.keeper.database.store is not None
    assert notes.keeper.database.store.count() == 0


def test_continue_without_saving_says_so(
    qtbot: QtBot,
    console: Console,
    launch: Callable[[], Notes],
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A damaged file and "continue": nothing is written, the panel and the status line say so."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db_path.write_bytes(b"not a database at all" * 50)
    answer(monkeypatch, RefusedStoreDialog, RefusedChoice.CONTINUE)
    notes = launch()
    qtbot.waitUntil(lambda: notes.panel.save_state.text() == NOT_SAVING)
    assert not notes.keeper.saving
    assert str(db_path) in console.statusBar().currentMessage()
    assert db_path.read_bytes() == b"not a database at all" * 50


def test_a_locked_database_can_be_tried_again(
    qtbot: QtBot, launch: Callable[[], Notes], db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Held by another instance: never moved aside; once the other lets go, Try again opens it."""
    other = Store.open(db_path)
    asked: list[StoreError] = []

    def ask(cls: type, error: StoreError, parent: object = None) -> RefusedChoice:
        asked.append(error)
        other.close()  # the other instance quits while the question is open
        return RefusedChoice.RETRY

    monkeypatch.setattr(RefusedStoreDialog, "ask", classmethod(ask))
    notes = launch()
    qtbot.waitUntil(lambda: notes.keeper.saving)
    assert isinstance(asked[0], LockedStore)
    assert RefusedChoice.NEW_FILE not in choices_for(asked[0])


def test_a_database_with_one_wrong_byte_in_its_schema_gets_the_refusal_dialog(
    qtbot: QtBot,
    console: Console,
    launch: Callable[[], Notes],
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The flipped schema byte of issue 13: the dialog and its choices, then the panel says notes are not saved."""
    seed(db_path, full_record())
    data = bytearray(db_path.read_bytes())
    data[data.index(b"sqlite_autoindex_session_1")] = 0x8C
    db_path.write_bytes(bytes(data))
    asked = answer(monkeypatch, RefusedStoreDialog, RefusedChoice.CONTINUE)
    notes = launch()
    qtbot.waitUntil(lambda: notes.panel.save_state.text() == NOT_SAVING)
    [refused] = asked
    assert isinstance(refused, CorruptStore)
    assert choices_for(refused) == [RefusedChoice.EXPORT, RefusedChoice.NEW_FILE, RefusedChoice.CONTINUE]
    assert not notes.keeper.saving
    assert str(db_path) in console.statusBar().currentMessage()
    assert db_path.read_bytes() == bytes(data)


def test_any_failure_to_open_is_a_refusal_not_a_silent_clinic(
    qtbot: QtBot, launch: Callable[[], Notes], db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even an exception the store never meant to raise reaches the dialog, naming the file; nothing runs unsaved unsaid."""

    def surprise(cls: type, path: Path | None = None) -> Store:
        raise RuntimeError("something nobody foresaw")

    monkeypatch.setattr(Store, "open", classmethod(surprise))
    asked = answer(monkeypatch, RefusedStoreDialog, RefusedChoice.CONTINUE)
    notes = launch()
    qtbot.waitUntil(lambda: notes.panel.save_state.text() == NOT_SAVING)
    [refused] = asked
    assert isinstance(refused, StoreError)
    assert refused.path == db_path
    assert "RuntimeError: something nobody foresaw" in refusal_text(refused)


def test_a_full_disk_is_said_once(db_path: Path) -> None:
    """SQLite's "database or disk is full" in the refusal: one sentence naming the file, not "cannot be used ... cannot be used"."""
    with Store.open(db_path) as store:
        pages = store._db.execute("PRAGMA page_count").fetchone()[0]
        store._db.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(StoreError) as caught:
            store.save(full_record())
    text = refusal_text(caught.value)
    first = text.splitlines()[0]
    assert first == f"The notes database {db_path} cannot be read or written (database or disk is full)."
    assert text.count("cannot be") == 1
