"""The console's two dialogs: the list of keys (F1) and "end the clinic now?".

Each is opened through a classmethod (``show_keys``, ``ask``) and nothing
else, as pytest-qt's docs on dialogs advise: a test replaces that one
method with ``monkeypatch`` instead of fighting a modal event loop.
"""

from __future__ import annotations

import html
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

from clinic_timer.ui import titles

if TYPE_CHECKING:
    from collections.abc import Sequence

    from clinic_timer.ui.shortcuts import KeyAction


class KeysDialog(QDialog):
    """Every key and what it does, so nobody has to remember them on a call.

    Args:
        actions: the actions to list, in order.
        parent: the window it belongs to.
    """

    def __init__(
        self,
        actions: Sequence[KeyAction],
        parent: QWidget | None = None,
        commands: Sequence[tuple[str, str]] = (),
        about: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(titles.title(titles.KEYS))
        intro = QLabel(
            about
            or "These keys work in every clinic-timer window: the console, the share view and the "
            "mini timer. While you type in a text field (the notes, the case title, a name), letters "
            "and Space go into the text instead, and the console's status bar says “Typing”. "
            "Press Esc to leave the field and give the keys back to the clinic."
        )
        intro.setWordWrap(True)
        rows = [(" or ".join(_readable(k) for k in a.keys), a.label) for a in actions]
        if about is None:  # the clinic's windows; another window (the Crews window) says its own
            rows.append(("Esc", "Leave a text field, so the keys above run the clinic again"))
        rows.extend(commands)
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setHorizontalHeaderLabels(["Key", "What it does"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, (key, label) in enumerate(rows):
            keys = QTableWidgetItem(key)
            keys.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.table.setItem(row, 0, keys)
            self.table.setItem(row, 1, QTableWidgetItem(label))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(560, 680)  # every key without scrolling, the Ctrl keys included

    @property
    def rows(self) -> list[tuple[str, str]]:
        """Each row as ``(keys, what they do)``, as shown."""
        cells = [(self.table.item(r, 0), self.table.item(r, 1)) for r in range(self.table.rowCount())]
        return [(key.text() if key else "", what.text() if what else "") for key, what in cells]

    @classmethod
    def show_keys(
        cls,
        actions: Sequence[KeyAction],
        parent: QWidget | None = None,
        commands: Sequence[tuple[str, str]] = (),
        about: str | None = None,
    ) -> None:
        """Shows the list until closed; the one entry point, so tests can replace it.

        Args:
            actions: the clinic's keys.
            parent: the window it belongs to.
            commands: the menus' keys as ``(keys, label)`` (Ctrl+1, Ctrl+Q...).
            about: the sentence above the list, for a window whose keys are its own.
        """
        dialog = cls(actions, parent, commands, about)
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


SHARING_GUIDE = """\
<p><b>Share only the share view</b>, never the whole screen: the console holds your private
notes. Open it with <b>Windows › Window to share on the call</b> (Ctrl+1); its title is
<b>“clinic-timer — Share view”</b>.</p>
<ul>
<li><b>Zoom</b>: Share Screen, then pick the window “clinic-timer — Share view” (not
“Screen”), then Share.</li>
<li><b>Google Meet</b>: Present now › A window, then “clinic-timer — Share view”. In
Chrome the tab choice cannot show it: choose the window.</li>
<li><b>Jitsi Meet</b>: Share screen › Window, then “clinic-timer — Share view”.</li>
</ul>
<p><b>How the group sees it.</b> In a gallery the shared window is often a small tile, as
little as 480x270: the countdown, who speaks and the phase stay large enough to read there,
and every status has a symbol and a word as well as a colour. Keep the window wide rather
than tall, and do not cover it with another window: some apps share what is on top.</p>
<p>The keys (Space, N, the nudges, Ctrl+1) work while the share view is in front, so you can
keep it there during the call. The mini timer (Ctrl+2) is for your own eyes: it stays on top
and is not meant for sharing.</p>
"""


class SharingGuide:
    """Help › Sharing the share view on a call: which window to pick in Zoom, Meet and Jitsi."""

    @classmethod
    def show_guide(cls, parent: QWidget | None = None) -> None:
        """Shows the guide until closed; the one entry point, so tests can replace it."""
        box = QMessageBox(parent)
        box.setWindowTitle(titles.title(titles.SHARING))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(SHARING_GUIDE)
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        box.exec()
        box.deleteLater()


def about_text() -> str:
    """What Help › About says: the version, what it is for, and where the notes stay."""
    from clinic_timer import __version__, paths

    where = html.escape(str(paths.data_dir()))
    return (
        f"<p><b>clinic-timer {__version__}</b></p>"
        "<p>Keeps a peer-coaching case clinic on time, so the people can forget the clock: "
        "phases on a clock, each coach's turn, spoken prompts and gentle nudges, and a clean "
        "window to share into the call.</p>"
        "<p>Your notes never leave this computer: no network, no account. They are kept, "
        f"readable by you alone, in <code>{where}</code>.</p>"
        "<p>Open source (MIT licence).</p>"
    )


class AboutBox:
    """Help › About clinic-timer."""

    @classmethod
    def show_about(cls, parent: QWidget | None = None) -> None:
        """Shows the box until closed; the one entry point, so tests can replace it."""
        box = QMessageBox(parent)
        box.setWindowTitle(titles.title(titles.ABOUT))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(about_text())
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        box.exec()
        box.deleteLater()


class ProblemsBox:
    """The start-up problems, listed whole; behind one replaceable method."""

    @classmethod
    def show_all(cls, text: str, parent: QWidget) -> None:
        """Shows them without blocking the clinic (the box is window-modal, not app-modal)."""
        box = QMessageBox(QMessageBox.Icon.Warning, titles.title("Problems at start-up"), text, parent=parent)
        box.setInformativeText("The app runs without what is listed here; fix the files and start it again.")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
