"""Quitting with notes that could not be saved: said, with an export elsewhere offered; Ctrl+C always quits."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from typing import TYPE_CHECKING

import pytest

from clinic_timer.export import read_json
from clinic_timer.store import StoreError
from clinic_timer.ui.notes_database import NotesDatabase
from clinic_timer.ui.notes_keeper import NotesKeeper
from clinic_timer.ui.notes_panel import NotesPanel
from clinic_timer.ui.quitting import QuitGuard, UnsavedChoice, UnsavedExportFolder, UnsavedNotesDialog
from tests.store.records import full_record

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from clinic_timer.core.clock import FakeClock
    from clinic_timer.core.record import SessionRecord
    from clinic_timer.ui.console import Console


@pytest.fixture
def panel(console: Console) -> NotesPanel:
    """A notes panel in the console."""
    notes = NotesPanel(console.controller)
    console.set_notes_widget(notes)
    return notes


@pytest.fixture
def full_disk(
    console: Console, panel: NotesPanel, tmp_path: Path, fake_clock: FakeClock, qtbot: QtBot
) -> Iterator[NotesKeeper]:
    """A keeper whose every write fails as a full disk's would, with a clinic running and a note typed."""
    db = tmp_path / "data" / "notes.sqlite3"

    class FullDisk:
        def save(self, record: SessionRecord) -> None:
            raise StoreError(db, "cannot be read or written (database or disk is full)")

        def close(self) -> None:
            pass

    keeper = NotesKeeper(console.controller, NotesDatabase(db), sink=FullDisk)
    panel.notes_changed.connect(keeper.notes_changed)
    keeper.database.open()
    keeper.begin()
    with qtbot.waitSignal(keeper.failed):
        console.controller.toggle_pause()
        fake_clock.advance(60)
    panel.add_note("Ada's partner loves the city")
    yield keeper
    keeper.close()
    keeper.database.close()


def answering(monkeypatch: pytest.MonkeyPatch, *choices: UnsavedChoice) -> list[str]:
    """Replaces the unsaved-notes question with ``choices`` in turn; returns the texts it was asked with."""
    asked: list[str] = []
    queue = list(choices)

    def ask(cls: type, text: str, parent: object = None) -> UnsavedChoice:
        asked.append(text)
        return queue.pop(0)

    monkeypatch.setattr(UnsavedNotesDialog, "ask", classmethod(ask))
    return asked


def guard_for(console: Console, keeper: NotesKeeper) -> QuitGuard:
    """The guard the app puts on its way out."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return QuitGuard(app, lambda: keeper, console)


def test_unsaved_notes_are_said_and_exported_elsewhere_before_quitting(
    console: Console, full_disk: NotesKeeper, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk is full: quitting says why the notes are not saved and writes them, whole, to the folder chosen."""
    asked = answering(monkeypatch, UnsavedChoice.EXPORT)
    elsewhere = tmp_path / "usb stick"
    elsewhere.mkdir()
    monkeypatch.setattr(UnsavedExportFolder, "ask", classmethod(lambda cls, parent=None: elsewhere))
    guard = guard_for(console, full_disk)
    assert guard.allowed()
    [text] = asked
    assert "The 1 note of this clinic could not be saved" in text
    assert "database or disk is full" in text
    [exported] = elsewhere.glob("*.json")
    assert [n.text for n in read_json(exported).notebook.notes] == ["Ada's partner loves the city"]
    assert len(list(elsewhere.glob("*.md"))) == 1
    assert guard.exported
    assert not guard.lost


def test_keep_open_cancels_closing_the_console(
    console: Console, full_disk: NotesKeeper, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Closing the window with unsaved notes asks; "keep open" leaves the console (and the notes) there."""
    asked = answering(monkeypatch, UnsavedChoice.KEEP_OPEN)
    guard = guard_for(console, full_disk)
    assert not console.close()
    assert console.isVisible()
    assert len(asked) == 1
    guard.settled = True  # the test's end closes the console: no one to ask then


def test_an_export_that_fails_is_said_and_asked_again(
    console: Console, full_disk: NotesKeeper, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder that cannot be written: the question comes back saying so; quitting anyway is then the person's word."""
    asked = answering(monkeypatch, UnsavedChoice.EXPORT, UnsavedChoice.QUIT)
    missing = tmp_path / "unplugged"
    monkeypatch.setattr(UnsavedExportFolder, "ask", classmethod(lambda cls, parent=None: missing))
    guard = guard_for(console, full_disk)
    assert guard.allowed()
    assert len(asked) == 2
    assert asked[1].startswith("They could not all be exported:")
    assert str(missing) in asked[1]
    assert guard.lost


def test_nothing_unsaved_quits_without_a_question(
    console: Console, panel: NotesPanel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every note on disk: no question at all."""
    asked = answering(monkeypatch)
    keeper = NotesKeeper(console.controller, NotesDatabase(tmp_path / "notes.sqlite3"))
    keeper.database.open()
    keeper.begin()
    try:
        console.controller.toggle_pause()
        panel.add_note("kept")
        assert guard_for(console, keeper).allowed()
        assert asked == []
    finally:
        keeper.close()
        keeper.database.close()


@pytest.mark.parametrize(("rehearsal", "questions"), [(False, 1), (True, 0)])
def test_notes_typed_without_a_database_are_asked_about_unless_rehearsed(
    console: Console,
    panel: NotesPanel,
    monkeypatch: pytest.MonkeyPatch,
    rehearsal: bool,
    questions: int,
) -> None:
    """ "Continue without saving", then notes: quitting asks; a --demo rehearsal's notes were never meant to be kept."""
    asked = answering(monkeypatch, UnsavedChoice.QUIT)
    keeper = NotesKeeper(console.controller, NotesDatabase())
    keeper.continue_without_saving(rehearsal=rehearsal)
    console.controller.toggle_pause()
    panel.add_note("only in memory")
    assert guard_for(console, keeper).allowed()
    assert len(asked) == questions


HARNESS = textwrap.dedent(
    """
    # The real app (python -m clinic_timer's entry point). It prints "ready" when the test
    # should press Ctrl+C: once a modal dialog is up, or once a note was typed that the
    # full disk refused. The unsaved-notes question answers "export" to EXPORT_TO.
    import os, sys
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from clinic_timer.cli import main
    from clinic_timer.store import Store, StoreError
    from clinic_timer.ui.console import Console
    from clinic_timer.ui.quitting import UnsavedChoice, UnsavedExportFolder, UnsavedNotesDialog

    app = QApplication(sys.argv[:1])
    wait_for = os.environ["WAIT_FOR"]
    if wait_for == "unsaved":
        def full(self, record):
            raise StoreError(self.path, "cannot be read or written (database or disk is full)")
        Store.save = full
        def ask(cls, text, parent=None):
            print("asked:", text.splitlines()[0], flush=True)
            return UnsavedChoice.EXPORT
        UnsavedNotesDialog.ask = classmethod(ask)
        UnsavedExportFolder.ask = classmethod(lambda cls, parent=None: Path(os.environ["EXPORT_TO"]))

    def watch():
        console = next((w for w in app.topLevelWidgets() if isinstance(w, Console)), None)
        if wait_for == "dialog" and QApplication.activeModalWidget() is not None:
            print("ready", flush=True)
            return
        panel = getattr(console, "notes_area", None) if console else None
        state = getattr(panel, "save_state", None)
        if wait_for == "unsaved" and state is not None and state.text().startswith("Notes NOT saved"):
            panel.add_note("typed after the disk filled")
            print("ready", flush=True)
            return
        QTimer.singleShot(20, watch)

    QTimer.singleShot(0, watch)
    sys.exit(main(sys.argv[1:]))
    """
)
LAUNCH = ["--format", "crew-case-clinic", "--bringer", "Ada", "--coach", "Ben", "--start"]


def run_until_ready_then_interrupt(tmp_path: Path, wait_for: str) -> tuple[int, str, str]:
    """Starts the app, presses Ctrl+C when it says it is ready; its exit code, stdout and stderr."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "CLINIC_TIMER_CONFIG_DIR": str(tmp_path / "config"),
        "WAIT_FOR": wait_for,
        "EXPORT_TO": str(tmp_path),
    }
    command = [sys.executable, "-c", HARNESS, "--data-dir", str(tmp_path / "data"), *LAUNCH]
    with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as app:
        assert app.stdout is not None
        lines = []
        try:
            for line in app.stdout:  # a blocking read of a child process's pipe, not a sleep
                lines.append(line)
                if line.strip() == "ready":
                    app.send_signal(signal.SIGINT)
                    break
            out, err = app.communicate(timeout=20)
        finally:
            if app.poll() is None:
                app.kill()
    return app.returncode, "".join(lines) + out, err


def damaged_database(tmp_path: Path) -> Path:
    """A database with one wrong byte in its schema, in the app's data folder."""
    from clinic_timer.store import Store

    db = tmp_path / "data" / "notes.sqlite3"
    with Store.open(db) as store:
        store.save(full_record())
    data = bytearray(db.read_bytes())
    data[data.index(b"sqlite_autoindex_session_1")] = 0x8C
    db.write_bytes(bytes(data))
    return db


@pytest.mark.slow
def test_ctrl_c_quits_with_the_refused_database_dialog_open(tmp_path: Path) -> None:
    """The refusal question is up: Ctrl+C ends the app, without a traceback, and the database is untouched."""
    db = damaged_database(tmp_path)
    before = db.read_bytes()
    code, _out, err = run_until_ready_then_interrupt(tmp_path, "dialog")
    assert code == 0, err
    assert "Traceback" not in err, err
    assert db.read_bytes() == before


@pytest.mark.slow
def test_ctrl_c_with_notes_the_full_disk_refused_asks_and_exports(tmp_path: Path) -> None:
    """Writes fail, a note is typed, Ctrl+C: the question comes, the note is exported, then the app ends."""
    code, out, err = run_until_ready_then_interrupt(tmp_path, "unsaved")
    assert "asked: The 1 note of this clinic could not be saved" in out, err
    assert code == 0, err
    [exported] = tmp_path.glob("*.json")
    assert [n.text for n in read_json(exported).notebook.notes] == ["typed after the disk filled"]
    assert "the unsaved notes were exported to" in err


def test_ctrl_c_during_the_question_quits_at_once(
    console: Console, full_disk: NotesKeeper, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second Ctrl+C while the unsaved-notes question is open ends the app, as lost, without asking again."""
    guard = guard_for(console, full_disk)
    exits: list[int] = []
    monkeypatch.setattr(guard.app, "exit", exits.append)
    seen: list[Callable[[], None]] = []

    def ask(cls: type, text: str, parent: object = None) -> UnsavedChoice:
        seen.append(guard.interrupt)
        guard.interrupt()  # the second Ctrl+C, arriving while the box is open
        return UnsavedChoice.KEEP_OPEN  # what the box gives when the event loop ends under it

    monkeypatch.setattr(UnsavedNotesDialog, "ask", classmethod(ask))
    guard.interrupt()
    assert len(seen) == 1
    assert exits == [1]
    assert guard.lost


class SessionManager:
    """Stands for Qt's QSessionManager (the desktop's side of a logout), which tests cannot make."""

    def __init__(self, *, interaction: bool) -> None:
        self.interaction = interaction
        self.cancelled = False
        self.released = False

    def allowsInteraction(self) -> bool:  # noqa: N802 - Qt's name
        """Whether the app may ask the person now."""
        return self.interaction

    def release(self) -> None:
        """The app is done asking."""
        self.released = True

    def cancel(self) -> None:
        """The app asks the desktop not to end the session."""
        self.cancelled = True


def test_the_desktop_session_ending_asks_and_keep_open_cancels_the_logout(
    console: Console, full_disk: NotesKeeper, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Logging out with unsaved notes: the question is asked, and "keep open" cancels the logout."""
    asked = answering(monkeypatch, UnsavedChoice.KEEP_OPEN)
    guard = guard_for(console, full_disk)
    manager = SessionManager(interaction=True)
    guard.session_ending(manager)  # type: ignore[arg-type]
    assert len(asked) == 1
    assert manager.released
    assert manager.cancelled
    silent = SessionManager(interaction=False)
    guard.session_ending(silent)  # type: ignore[arg-type]
    assert guard.lost  # no one may be asked: the loss is recorded, and said on the terminal
    assert not silent.cancelled
    guard.settled = True  # the test's end closes the console: no one to ask then
