"""The export dialog and the Notes menu: files for each audience, clear failures, the crew's clipboard."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from clinic_timer.export import Audience, ExportFormat
from clinic_timer.ui.export_dialog import ExportDialog, SavePath, default_folder
from clinic_timer.ui.notes_database import NotesDatabase
from clinic_timer.ui.notes_menu import NO_CLINIC, attach_notes
from tests.store.records import PRIVATE, full_record

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pytestqt.qtbot import QtBot

    from clinic_timer.core.catalogue import Catalogue
    from clinic_timer.core.clock import FakeClock
    from clinic_timer.core.record import SessionRecord
    from clinic_timer.ui.console import Console
    from clinic_timer.ui.notes_menu import Notes


@pytest.fixture
def record() -> SessionRecord:
    """A finished clinic with private and shared notes."""
    return full_record()


@pytest.fixture
def dialog(qtbot: QtBot, record: SessionRecord, tmp_path: Path) -> ExportDialog:
    """The export dialog for that clinic, suggesting files in a temporary folder."""
    shown = ExportDialog(record, folder=tmp_path)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def choose(dialog: ExportDialog, kind: ExportFormat, audience: Audience) -> None:
    """Picks a format and an audience."""
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
    dialog.audience.setCurrentIndex(dialog.audience.findData(audience))


def test_the_suggested_file_follows_the_choices(dialog: ExportDialog, tmp_path: Path) -> None:
    """The file name says the date, bringer, title and audience; the extension follows the format."""
    choose(dialog, ExportFormat.PDF, Audience.CREW)
    assert dialog.path.text() == str(tmp_path / "2026-03-03 Ada - City or country (crew).pdf")


def test_export_writes_the_chosen_file(dialog: ExportDialog, tmp_path: Path) -> None:
    """Markdown for the crew: written, the dialog closes, and no private note is in the file."""
    choose(dialog, ExportFormat.MARKDOWN, Audience.CREW)
    dialog.export_button.click()
    written = tmp_path / "2026-03-03 Ada - City or country (crew).md"
    assert dialog.written == written
    assert "Ben felt the pull of both places." in written.read_text(encoding="utf-8")
    assert PRIVATE not in written.read_text(encoding="utf-8")
    assert not dialog.isVisible()


def test_choose_uses_the_file_dialog_hook(
    dialog: ExportDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Choose… asks through SavePath.ask and puts the answer in the field."""
    target = tmp_path / "mine.json"
    monkeypatch.setattr(SavePath, "ask", classmethod(lambda cls, suggested, kind, parent=None: target))
    dialog.choose_button.click()
    assert dialog.path.text() == str(target)


def test_an_unwritable_place_fails_clearly_and_leaves_the_notes_alone(
    dialog: ExportDialog, record: SessionRecord, tmp_path: Path
) -> None:
    """A folder that is a file: the dialog says why and where, stays open, and the record is unchanged."""
    before = record.to_dict()
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    dialog.path.setText(str(blocker / "notes.md"))
    dialog.export_button.click()
    assert dialog.isVisible()
    assert dialog.problem.isVisible()
    message = dialog.problem.text()
    assert "not written" in message
    assert "Not a directory" in message
    assert str(blocker / "notes.md") in message
    assert "Your notes are safe" in message
    assert record.to_dict() == before
    assert dialog.written is None


def test_a_full_disk_fails_clearly_and_leaves_no_file(
    dialog: ExportDialog, record: SessionRecord, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No space left while writing: the message says so and no half-written file is left behind."""

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("clinic_timer.export.files.os.fsync", full)
    before = record.to_dict()
    choose(dialog, ExportFormat.JSON, Audience.FACILITATOR)
    dialog.export_button.click()
    assert "No space left on device" in dialog.problem.text()
    assert list(tmp_path.iterdir()) == []
    assert record.to_dict() == before


def test_copy_as_markdown_puts_the_crew_version_on_the_clipboard(dialog: ExportDialog) -> None:
    """Copy as Markdown, for the crew: the clipboard has the notes but not the private one."""
    choose(dialog, ExportFormat.MARKDOWN, Audience.CREW)
    dialog.copy_button.click()
    text = QGuiApplication.clipboard().text()
    assert "Ben felt the pull of both places." in text
    assert PRIVATE not in text


def test_the_suggested_folder_is_the_last_used_else_documents_never_home(
    qtbot: QtBot, record: SessionRecord, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No Documents folder yet: still Documents, not home; after an export elsewhere, that folder while it exists."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv(
        "XDG_CONFIG_HOME", str(home / ".config")
    )  # no user-dirs.dirs: Documents is ~/Documents
    monkeypatch.setattr(ExportDialog, "last_folder", None)
    assert default_folder() == home / "Documents"
    elsewhere = tmp_path / "usb"
    elsewhere.mkdir()
    first = ExportDialog(record)
    qtbot.addWidget(first)
    assert Path(first.path.text()).parent == home / "Documents"
    first.path.setText(str(elsewhere / "clinic.md"))
    assert first.write()
    second = ExportDialog(record)
    qtbot.addWidget(second)
    assert Path(second.path.text()).parent == elsewhere
    elsewhere.joinpath("clinic.md").unlink()
    elsewhere.rmdir()
    assert default_folder() == home / "Documents"


def test_exporting_to_documents_makes_the_folder_when_there_is_none(
    qtbot: QtBot, record: SessionRecord, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+E on a fresh account: Export writes into a new ~/Documents rather than failing or using home."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setattr(ExportDialog, "last_folder", None)
    shown = ExportDialog(record)
    qtbot.addWidget(shown)
    shown.export_button.click()
    assert shown.written is not None
    assert shown.written.parent == home / "Documents"
    assert shown.written.is_file()
    assert [p.name for p in home.iterdir()] == ["Documents"]


def test_a_path_typed_into_the_field_is_where_the_export_goes(
    qtbot: QtBot, dialog: ExportDialog, tmp_path: Path
) -> None:
    """The field has the keys when the dialog opens, the name selected: typing replaces it, Enter exports."""
    assert dialog.path.hasFocus() or dialog.focusWidget() is dialog.path
    assert dialog.path.selectedText() == "2026-03-03 Ada - City or country"
    QTest.keyClicks(dialog.path, "typed name")
    assert dialog.path.text() == str(tmp_path / "typed name.md")
    dialog.path.selectAll()
    QTest.keyClicks(dialog.path, str(tmp_path / "sub" / "x.md"))
    (tmp_path / "sub").mkdir()
    dialog.export_button.click()
    assert dialog.written == tmp_path / "sub" / "x.md"
    assert dialog.written.is_file()


def test_a_bare_name_goes_in_the_suggested_folder(dialog: ExportDialog, tmp_path: Path) -> None:
    """A file name without a folder is saved where the dialog suggested, not wherever the app was started."""
    dialog.path.setText("just a name.md")
    assert dialog.write()
    assert dialog.written == tmp_path / "just a name.md"


def test_a_folder_that_does_not_exist_is_named_in_the_message(dialog: ExportDialog, tmp_path: Path) -> None:
    """A typed path into a missing folder: the dialog says which folder is missing and stays open."""
    missing = tmp_path / "no such folder"
    dialog.path.setText(str(missing / "notes.md"))
    dialog.export_button.click()
    assert dialog.isVisible()
    assert f"there is no folder {missing}" in dialog.problem.text()
    assert "Your notes are safe" in dialog.problem.text()
    assert not missing.exists()


@pytest.fixture
def notes(console: Console, catalogue: Catalogue, tmp_path: Path) -> Iterator[Notes]:
    """The notes in the console, as the app attaches them, with the database open and saving."""
    attached = attach_notes(console, catalogue, NotesDatabase(tmp_path / "notes.sqlite3"))
    yield attached
    attached.keeper.close()
    attached.keeper.database.close()


def test_the_menu_copies_the_running_clinic_for_the_crew(
    qtbot: QtBot, console: Console, notes: Notes, fake_clock: FakeClock
) -> None:
    """Ctrl+Shift+C's action: the running clinic as crew Markdown, without the private note."""
    notes.menu.copy_action.trigger()
    assert console.statusBar().currentMessage() == NO_CLINIC
    console.controller.toggle_pause()
    fake_clock.advance(60)
    notes.panel.add_note("Shared with everyone")
    notes.panel.private.setChecked(True)
    notes.panel.add_note("Only for me")
    notes.menu.copy_action.trigger()
    text = QGuiApplication.clipboard().text()
    assert "Shared with everyone" in text
    assert "Only for me" not in text
    assert notes.menu.copy_action.shortcut().toString() == "Ctrl+Shift+C"


def test_the_menu_exports_and_opens_the_history(
    qtbot: QtBot, console: Console, notes: Notes, fake_clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+E exports the running clinic through the dialog; Ctrl+H lists it in the history."""
    console.controller.toggle_pause()
    fake_clock.advance(60)
    exported: list[SessionRecord] = []
    monkeypatch.setattr(ExportDialog, "ask", classmethod(lambda cls, rec, parent=None: exported.append(rec)))
    notes.menu.export_action.trigger()
    assert [r.roster.lead.name for r in exported] == ["Ada"]
    qtbot.waitUntil(lambda: notes.panel.save_state.text().startswith("Notes saved at"))
    history = notes.menu.open_history()
    assert history is not None
    qtbot.addWidget(history)
    assert history.model.rowCount() == 1
    assert notes.menu.history_action.shortcut().toString() == "Ctrl+H"
    assert notes.menu.export_action.shortcut().toString() == "Ctrl+E"
