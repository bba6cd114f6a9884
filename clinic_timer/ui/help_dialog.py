"""The console's two dialogs: the list of keys (F1) and "end the clinic now?".

Each is opened through a classmethod (``show_keys``, ``ask``) and nothing
else, as pytest-qt's docs on dialogs advise: a test replaces that one
method with ``monkeypatch`` instead of fighting a modal event loop.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from clinic_timer.ui.shortcuts import KeyAction


class KeysDialog(QDialog):
    """Every key and what it does, so nobody has to remember them on a call.

    Args:
        actions: the actions to list, in order.
        parent: the window it belongs to.
    """

    def __init__(self, actions: Sequence[KeyAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        intro = QLabel(
            "These keys work in every clinic-timer window. While you type in a text field "
            "(the notes, a name), letters and Space go into the text instead."
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(actions), 2, self)
        self.table.setHorizontalHeaderLabels(["Key", "What it does"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, action in enumerate(actions):
            keys = QTableWidgetItem(" or ".join(_readable(k) for k in action.keys))
            keys.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.table.setItem(row, 0, keys)
            self.table.setItem(row, 1, QTableWidgetItem(action.label))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(520, 480)

    @classmethod
    def show_keys(cls, actions: Sequence[KeyAction], parent: QWidget | None = None) -> None:
        """Shows the list until closed; the one entry point, so tests can replace it."""
        dialog = cls(actions, parent)
        dialog.exec()
        dialog.deleteLater()


class EndConfirmation:
    """Asks before ending a clinic, since E is one key and ending cannot be undone."""

    @classmethod
    def ask(cls, parent: QWidget | None = None) -> bool:
        """True if the facilitator confirms ending the clinic now."""
        answer = QMessageBox.question(
            parent,
            "End the clinic?",
            "End the clinic now? The phases still to come will not run.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes


class CloseConfirmation:
    """Asks before closing the console while a clinic runs: the clinic would stop with it."""

    @classmethod
    def ask(cls, parent: QWidget | None = None) -> bool:
        """True if the facilitator confirms closing the app mid-clinic."""
        answer = QMessageBox.question(
            parent,
            "Close clinic-timer?",
            "A clinic is still running. Close anyway? Its notes and times are saved, "
            "and the next start offers to carry on where it stopped.",
            QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Close


def _readable(key: str) -> str:
    """'Right' -> '→', so the list reads like the keyboard."""
    return {"Right": "→", "Left": "←", "=": "= (+)"}.get(key, key)
