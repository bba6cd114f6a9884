"""The list of keys: the clinic windows' sentence and Esc row, or another window's own sentence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel

from clinic_timer.ui.help_dialog import KeysDialog
from clinic_timer.ui.shortcuts import KeyAction

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

ACTIONS = (KeyAction("people-room", "The People room", ("Alt+1",), lambda: None),)


def test_a_window_with_its_own_keys_says_so_and_lists_no_clinic_esc(qtbot: QtBot) -> None:
    """Given its own sentence, the list says it and leaves out the clinic's Esc row."""
    dialog = KeysDialog(ACTIONS, about="These keys work in the Crews window.")
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert "These keys work in the Crews window." in texts
    assert [key for key, _what in dialog.rows] == ["Alt+1"]


def test_the_clinic_windows_list_ends_with_esc(qtbot: QtBot) -> None:
    """Without a sentence of its own, the list is the clinic's, with Esc to leave a text field."""
    dialog = KeysDialog(ACTIONS)
    qtbot.addWidget(dialog)
    assert [key for key, _what in dialog.rows] == ["Alt+1", "Esc"]
