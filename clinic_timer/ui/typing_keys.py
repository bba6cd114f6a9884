"""Who has the keys: a text field, or the clinic. Esc hands them back; the console says which.

The clinic's keys are bare letters (N, F, Space...), and a text field
rightly takes those as text. A facilitator who clicked the case title and
typed, then pressed N, saw "n" appended to the title and the clinic stay
put: nothing gave the keys back, and nothing said where they were.

:class:`KeysHome` fixes both for one window. It watches Esc in every text
field of that window (the roster entries, the case title, help wanted,
the notes) and takes the focus out of the field, so the next N drives the
clinic. And it keeps a quiet indicator up to date ("Typing: Esc gives the
keys back") whenever a field has them. Fields that already do something
with Esc (the note entry hands focus to the notes list) say so with the
``handlesEscape`` property and are left to it; an item view's cell editor
keeps Esc to cancel the edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QLabel, QWidget

from clinic_timer.ui.shortcuts import HANDLES_ESCAPE, typing_in_text_field

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

TYPING_HINT = "Typing: Esc gives the keys back"
_WATCHED = "clinicEscWatched"


class KeysHome(QObject):
    """Esc out of any text field of ``window``, and an indicator of when typing has the keys.

    Args:
        window: the console; the indicator goes at the right of its status bar.
    """

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.indicator = QLabel(TYPING_HINT)
        self.indicator.setObjectName("typingIndicator")
        self.indicator.setToolTip(
            "While a text field has the keys, N, F, Space and the rest go into the text."
        )
        self.indicator.setVisible(False)
        window.statusBar().addPermanentWidget(self.indicator)
        # Focus lands here on Esc: the window itself takes no typing, so the clinic has the keys.
        window.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self._following = False
        window.installEventFilter(self)  # for its Show and Hide: see _follow_focus
        self._follow_focus(window.isVisible())

    @property
    def typing(self) -> bool:
        """Whether a text field of the window has the keys now."""
        focus = QApplication.focusWidget()
        return focus is not None and focus.window() is self.window and typing_in_text_field()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Takes Esc from a text field of the window: focus leaves it, and the clinic has the keys."""
        if watched is self.window:
            if event.type() in (QEvent.Type.Show, QEvent.Type.Hide):
                self._follow_focus(event.type() == QEvent.Type.Show)
            return False
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.key() != Qt.Key.Key_Escape or event.modifiers() != Qt.KeyboardModifier.NoModifier:
            return False
        focus = QApplication.focusWidget()
        if focus is None or watched is not focus or not self._gives_back(focus):
            return False
        self.window.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._show()
        return True

    def _follow_focus(self, shown: bool) -> None:
        """Follows the app's focus only while the window is shown.

        Only the fields that get focus are watched, not the whole app's
        events (a filter on every event would run Python for each repaint of
        a ticking clock). And only while shown: a window being closed and
        destroyed hands its focus on as its widgets go, and nothing here
        should look at a widget half taken down.
        """
        app = QApplication.instance()
        if shown == self._following or not isinstance(app, QApplication):
            return
        self._following = shown
        if shown:
            app.focusChanged.connect(self._on_app_focus_changed)
        else:
            app.focusChanged.disconnect(self._on_app_focus_changed)

    def _gives_back(self, focus: QWidget) -> bool:
        if focus.window() is not self.window or not typing_in_text_field():
            return False
        if focus.property(HANDLES_ESCAPE):
            return False
        here = focus.parentWidget()
        while here is not None and here is not self.window:
            if isinstance(here, QAbstractItemView | QComboBox):  # a cell editor, a combo's own field
                return False
            here = here.parentWidget()
        return True

    def _show(self) -> None:
        typing = self.typing
        if self.indicator.isVisible() != typing:
            self.indicator.setVisible(typing)

    def _on_app_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and not new.property(_WATCHED) and new.window() is self.window:
            new.setProperty(_WATCHED, True)
            new.installEventFilter(self)
        self._show()
