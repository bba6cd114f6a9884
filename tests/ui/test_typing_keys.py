"""Esc out of every text field of the console, and the quiet sign that typing has the keys."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QWidget

from clinic_timer.ui.notes_panel import NotesPanel
from clinic_timer.ui.typing_keys import TYPING_HINT

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from clinic_timer.ui.console import Console


def key(window: QWidget, pressed: Qt.Key) -> None:
    """One key, sent where the keyboard sends it: the focused widget, else the window."""
    QTest.keyClick(QApplication.focusWidget() or window, pressed)


def typed_in(field: QWidget) -> str:
    """The text of a line or a text box."""
    return field.text() if isinstance(field, QLineEdit) else field.toPlainText()  # type: ignore[attr-defined]


@pytest.fixture
def notes(console: Console) -> NotesPanel:
    """The console with its real notes panel in place."""
    panel = NotesPanel(console.controller)
    console.set_notes_widget(panel)
    return panel


@pytest.mark.parametrize("name", ["title", "help_wanted", "entry"])
def test_esc_from_each_notes_field_gives_n_back_to_the_clinic(
    qtbot: QtBot, console: Console, notes: NotesPanel, name: str
) -> None:
    """Type into the case title, help wanted or a note, press Esc: N moves the clinic, the text stays as typed."""
    console.setup_panel.start_button.click()
    field = getattr(notes, name)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    QTest.keyClicks(field, "City")
    assert console.keys_home.indicator.isVisibleTo(console)
    assert console.keys_home.indicator.text() == TYPING_HINT
    key(console, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not field.hasFocus())
    assert not console.keys_home.indicator.isVisibleTo(console)
    key(console, Qt.Key.Key_N)
    view = console.controller.view()
    assert view is not None
    assert view.phase_index == 1
    assert typed_in(field) == "City"


@pytest.mark.parametrize("name", ["bringer", "new_coach"])
def test_esc_from_a_roster_field_gives_space_back(qtbot: QtBot, console: Console, name: str) -> None:
    """In set-up, Esc from the bringer or the coach entry lets Space start the clinic instead of typing a space."""
    field: QLineEdit = getattr(console.setup_panel, name)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    before = field.text()
    key(console, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not field.hasFocus())
    key(console, Qt.Key.Key_Space)
    view = console.controller.view()
    assert view is not None
    assert view.state.value == "running"
    assert field.text() == before


def test_the_indicator_is_off_while_the_clinic_has_the_keys(
    qtbot: QtBot, console: Console, notes: NotesPanel
) -> None:
    """Nothing says "typing" while focus is on a list or a button; it shows in a text box."""
    notes.tree.setFocus()
    qtbot.waitUntil(notes.tree.hasFocus)
    assert not console.keys_home.typing
    assert not console.keys_home.indicator.isVisibleTo(console)
    box: QPlainTextEdit = notes.help_wanted
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    assert console.keys_home.typing
    assert console.keys_home.indicator.isVisibleTo(console)
