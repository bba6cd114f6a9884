"""The run panel's two lists: the phases of the clinic, and the coaches with whose turn it is.

Split from :mod:`clinic_timer.ui.run_panel` along its seam: these render
what the controller reads out (``phase_plan``, ``coaches``) and pass on the
two intents that need a name (mark absent, bring back). They keep no state
of the clinic's.

The coach list tells two things apart that a stock list would blur: who is
speaking (bold, on a tinted row, with a ▶) and whom the facilitator has
picked for Mark absent / Bring back (the selection). Nobody is picked until
the facilitator clicks a name, and the pick is dropped when the floor moves
on, so the list never seems to point at Ben while Ada speaks, nor at a
coach who has just passed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QFocusEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinic_timer.core.console_text import coach_line, phase_line
from clinic_timer.core.session import State
from clinic_timer.core.turns import Turn
from clinic_timer.ui.theme import current_colours

if TYPE_CHECKING:
    from clinic_timer.ui.controller import SessionController

SPEAKER_TINT = 0.22  # how strongly the speaking coach's row is tinted with the accent


def narrow_list(widget: QListWidget) -> None:
    """A list that never asks for more width than it is given, nor scrolls sideways.

    A long name (40 characters) is elided in the middle instead: a list that
    sized itself to its longest line widened the whole console.
    """
    widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    widget.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    widget.setWordWrap(False)
    widget.setMinimumWidth(1)
    policy = widget.sizePolicy()
    policy.setHorizontalPolicy(policy.Policy.Ignored)
    widget.setSizePolicy(policy)


class PhaseList(QListWidget):
    """Each phase with its minutes: done ticked, the current one marked and bold."""

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("phaseList")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        narrow_list(self)

    def show_phases(self, where: tuple[int, State, float]) -> None:
        """Redraws the list for ``(current phase index, state, planned total)``."""
        current, state, _total = where
        self.clear()
        for index, plan in enumerate(self.controller.phase_plan()):
            item = QListWidgetItem(phase_line(plan.name, plan.minutes, index, current, state))
            if index == current and state is not State.FINISHED:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.addItem(item)


class CoachList(QListWidget):
    """The coaches' list, which never picks a coach by itself.

    A stock list given the focus makes its first row current, and draws
    that row's focus frame: at the start of a clinic, with the bringer
    speaking, it looked as if the list pointed at the first coach. Here a
    row becomes current only when the facilitator clicks or keys to it.
    """

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        """Takes the focus without making a row current."""
        picked = bool(self.selectedItems())
        super().focusInEvent(event)
        if not picked:
            self.setCurrentRow(-1)


class CoachRoster(QGroupBox):
    """The coaches in speaking order, the speaker marked, with Mark absent and Bring back."""

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__("Coaches", parent)
        self.controller = controller
        self.coach_list = CoachList()
        self.coach_list.setObjectName("coachList")
        self.coach_list.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Tab and a page change pass it by
        self.coach_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        narrow_list(self.coach_list)
        self.absent_button = QPushButton("Mark absent")
        self.bring_back_button = QPushButton("Bring back")
        layout = QVBoxLayout(self)
        layout.addWidget(self.coach_list)
        buttons = QHBoxLayout()
        buttons.addWidget(self.absent_button)
        buttons.addWidget(self.bring_back_button)
        layout.addLayout(buttons)
        self._floor: object = None  # whose floor it was at the last redraw
        self.absent_button.clicked.connect(self._on_absent_button_clicked)
        self.bring_back_button.clicked.connect(self._on_bring_back_button_clicked)

    def show_coaches(self, floor: object = None) -> None:
        """Redraws the list; a new ``floor`` (the slot, say) drops the facilitator's pick."""
        chosen = self.chosen() if floor == self._floor else ""
        self._floor = floor
        self.coach_list.clear()
        for coach in self.controller.coaches():
            item = QListWidgetItem(coach_line(coach.name, coach.absent, coach.turn))
            item.setData(Qt.ItemDataRole.UserRole, coach.id)
            item.setToolTip(coach.name)
            if coach.turn is Turn.SPEAKING:
                self._mark_speaking(item)
            self.coach_list.addItem(item)
            if coach.id == chosen:
                item.setSelected(True)

    def chosen(self) -> str:
        """The person id of the coach the facilitator picked (selected), or "" when nobody is."""
        picked = self.coach_list.selectedItems()
        return str(picked[0].data(Qt.ItemDataRole.UserRole)) if picked else ""

    def speaking(self) -> str:
        """The person id of the coach whose row is marked as speaking, or "" (the bringer or everyone has the floor)."""
        for row in range(self.coach_list.count()):
            item = self.coach_list.item(row)
            if item.font().bold():
                return str(item.data(Qt.ItemDataRole.UserRole))
        return ""

    def set_running(self, state: State) -> None:
        """Enables the buttons for what they can do in ``state``."""
        self.absent_button.setEnabled(state is not State.FINISHED)
        self.bring_back_button.setEnabled(state in (State.RUNNING, State.PAUSED))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Redraws the list in a new theme, so the speaker's tint is the theme's own accent."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.coach_list.count():
            self.show_coaches(self._floor)

    @staticmethod
    def _mark_speaking(item: QListWidgetItem) -> None:
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        tint = QColor(current_colours().accent)
        tint.setAlphaF(SPEAKER_TINT)
        item.setBackground(tint)

    def _on_absent_button_clicked(self) -> None:
        name = self.chosen()
        if name:
            self.controller.set_absent(name, True)
            self.show_coaches(self._floor)

    def _on_bring_back_button_clicked(self) -> None:
        who = self.chosen()
        if not who:
            return
        if any(c.id == who and c.absent for c in self.controller.coaches()):
            self.controller.set_absent(who, False)
        view = self.controller.view()
        if view is not None and view.turn_count and view.speaker_id != who:
            self.controller.bring_back(who)
        self.show_coaches(self._floor)
