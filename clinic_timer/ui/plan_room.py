"""The Plan room: one crew's weeks, changed as life changes them, and sent to the crew.

Every change is one of the core's plan functions (swap, give, skip), kept at
once through the desk; a change the plan cannot take (a held week) is said
in the status line and nothing moves. Two bringers swap by keyboard (Alt+Up
and Alt+Down move the selected week's bringer to the neighbouring case week)
or by dragging one week's row onto another's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QDropEvent, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clinic_timer.core import plan as plans
from clinic_timer.core.invitations import reminder
from clinic_timer.ui.crew_exports import export_calendar, export_summary
from clinic_timer.ui.message_editor import MessageEditor
from clinic_timer.ui.plan_model import PlanModel

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from clinic_timer.core.crews import Crew
    from clinic_timer.core.formats import Format
    from clinic_timer.ui.crew_desk import CrewDesk

SWAP_UP, SWAP_DOWN, SKIP, GIVE = "Alt+Up", "Alt+Down", "Ctrl+Shift+S", "Ctrl+G"


class WeeksTable(QTableView):
    """The weeks, where dropping one row on another swaps their bringers."""

    def __init__(self, dropped: Callable[[int, int], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._dropped = dropped
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDropIndicatorShown(True)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        """Swaps the dragged week's bringer with the bringer of the week it was dropped on."""
        target = self.indexAt(event.position().toPoint())
        source = self.currentIndex()
        event.ignore()  # the model itself never moves rows; the plan decides
        if target.isValid() and source.isValid() and target.row() != source.row():
            self._dropped(source.row(), target.row())


class PlanRoom(QWidget):
    """One crew's weeks.

    Args:
        desk: the crews as kept.
        formats: the catalogue's formats by name (titles, and lengths for the calendar).
        shared_titles: the crews whose case titles the share view may show in their landing
            (the settings' list, changed in place by the check box here).
        parent: the Crews window.
    """

    def __init__(
        self,
        desk: CrewDesk,
        formats: Mapping[str, Format],
        shared_titles: list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.shared_titles = shared_titles
        self.formats = dict(formats)
        self.model = PlanModel(desk, {name: f.title for name, f in self.formats.items()}, self)
        self.crew_choice = QComboBox()
        crew_label = QLabel("Cre&w:")
        crew_label.setBuddy(self.crew_choice)
        self.table = WeeksTable(self.swap_rows)
        self.table.setObjectName("planTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)

        self.up_button = QPushButton(f"Swap with the week before ({SWAP_UP})")
        self.down_button = QPushButton(f"Swap with the week after ({SWAP_DOWN})")
        self.skip_button = QPushButton(f"S&kip this week ({SKIP})")
        self.volunteer = QComboBox()
        volunteer_label = QLabel("&Volunteer:")
        volunteer_label.setBuddy(self.volunteer)
        self.give_button = QPushButton(f"&Give them this week ({GIVE})")
        self.ics_button = QPushButton("Export the &calendar (.ics)…")
        self.summary_button = QPushButton("Export the crew s&ummary…")
        self.reminder_button = QPushButton("Copy the week's re&minder")
        self.share_titles = QCheckBox(
            "S&how each person's case title in the share view in their landing turn"
        )
        self.share_titles_note = QLabel(
            "Off unless the crew agrees: a case's title is the bringer's to share. Never their notes."
        )
        self.share_titles_note.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(crew_label)
        top.addWidget(self.crew_choice, 1)
        changes = QHBoxLayout()  # two short rows, so large text never widens the window past the screen
        for button in (self.up_button, self.down_button, self.skip_button):
            changes.addWidget(button)
        changes.addStretch(1)
        giving = QHBoxLayout()
        for widget in (volunteer_label, self.volunteer, self.give_button):
            giving.addWidget(widget)
        giving.addStretch(1)
        sending = QHBoxLayout()
        for button in (self.ics_button, self.summary_button, self.reminder_button):
            sending.addWidget(button)
        sending.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(changes)
        layout.addLayout(giving)
        layout.addLayout(sending)
        layout.addWidget(self.share_titles)
        layout.addWidget(self.share_titles_note)

        for key, run in (
            (SWAP_UP, self.swap_up),
            (SWAP_DOWN, self.swap_down),
            (SKIP, self.skip),
            (GIVE, self.give),
        ):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(run)
        self.up_button.clicked.connect(self.swap_up)
        self.down_button.clicked.connect(self.swap_down)
        self.skip_button.clicked.connect(self.skip)
        self.give_button.clicked.connect(self.give)
        self.reminder_button.clicked.connect(self.copy_reminder)
        self.ics_button.clicked.connect(self.export_calendar)
        self.summary_button.clicked.connect(self.export_summary)
        self.share_titles.toggled.connect(self._on_share_titles_toggled)
        self.crew_choice.currentIndexChanged.connect(self._on_crew_choice_changed)
        desk.crews_changed.connect(self._fill_crews)
        self._fill_crews()

    # -- what is shown -------------------------------------------------------------

    def show_crew(self, crew_id: str) -> None:
        """Shows this crew's plan."""
        index = self.crew_choice.findData(crew_id)
        if index >= 0:
            self.crew_choice.setCurrentIndex(index)
            self._on_crew_choice_changed(index)

    def select_week(self, number: int) -> None:
        """Selects week ``number``."""
        row = self.model.row_of(number)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))

    def selected_week(self) -> int | None:
        """The selected week's number."""
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return int(self.model.meeting(index.row()).number)

    # -- changes -------------------------------------------------------------------

    def swap_rows(self, first: int, second: int) -> bool:
        """Swaps the bringers of the weeks on two rows."""
        a, b = self.model.meeting(first).number, self.model.meeting(second).number
        return self._change(lambda _c, p: plans.swap(p, a, b), keep=a)

    def swap_up(self) -> bool:
        """Swaps the selected week's bringer with the previous case week's."""
        return self._swap_near(-1)

    def swap_down(self) -> bool:
        """Swaps the selected week's bringer with the next case week's."""
        return self._swap_near(1)

    def skip(self) -> bool:
        """A holiday: the selected week and every planned one after it move on a week."""
        number = self.selected_week()
        return number is not None and self._change(lambda _c, p: plans.skip(p, number), keep=number)

    def give(self) -> bool:
        """Gives the selected week's case to the chosen volunteer."""
        number, person = self.selected_week(), self.volunteer.currentData()
        if number is None or not person:
            self.desk.failed.emit("Choose a week and a volunteer first.")
            return False
        return self._change(lambda c, p: plans.volunteer(c, p, number, person), keep=number)

    def copy_reminder(self) -> str:
        """Puts the selected (or next) week's reminder on the clipboard, as the organiser edits it.

        Returns:
            The text copied, or "" if there is no meeting or the organiser cancelled.
        """
        kept = self.model.kept
        if kept is None:
            return ""
        number = self.selected_week()
        meeting = kept.plan.meeting(number) if number else plans.next_meeting(kept.plan, self.desk.today())
        if meeting is None:
            self.desk.failed.emit("There is no meeting ahead to remind the crew of.")
            return ""
        edited = MessageEditor.ask(
            f"The reminder for week {meeting.number}", reminder(kept.crew, meeting, self.desk.names), self
        )
        if edited is None:
            return ""
        text = edited
        QGuiApplication.clipboard().setText(text)
        self.desk.told.emit(f"Copied the reminder for week {meeting.number}.")
        return text

    def export_calendar(self) -> bool:
        """Writes the crew's calendar where the organiser chooses."""
        kept = self.model.kept
        return kept is not None and export_calendar(self, self.desk, kept, self.formats)

    def export_summary(self) -> bool:
        """Writes the crew's summary (Markdown or PDF) where the organiser chooses."""
        kept = self.model.kept
        return kept is not None and export_summary(self, self.desk, kept)

    def _swap_near(self, step: int) -> bool:
        number = self.selected_week()
        kept = self.model.kept
        if number is None or kept is None:
            return False
        weeks = [m.number for m in kept.plan.meetings if m.bringer is not None]
        if number not in weeks:
            self.desk.failed.emit(f"Nobody brings a case to week {number}; choose a case clinic.")
            return False
        place = weeks.index(number) + step
        if not 0 <= place < len(weeks):
            self.desk.failed.emit("There is no case week on that side to swap with.")
            return False
        other = weeks[place]
        return self._change(lambda _c, p: plans.swap(p, number, other), keep=other)

    def _change(self, change: Callable[[Crew, plans.Plan], plans.Plan], keep: int) -> bool:
        crew_id = self.model.crew_id
        if crew_id is None:
            return False
        done = self.desk.change_plan(crew_id, change)
        self.select_week(keep)
        return done

    def _fill_crews(self) -> None:
        chosen = self.crew_choice.currentData()
        self.crew_choice.blockSignals(True)
        self.crew_choice.clear()
        for kept in self.desk.crews:
            self.crew_choice.addItem(kept.crew.title, kept.crew.id)
        self.crew_choice.setCurrentIndex(max(self.crew_choice.findData(chosen), 0))
        self.crew_choice.blockSignals(False)
        self._on_crew_choice_changed(self.crew_choice.currentIndex())

    def _on_crew_choice_changed(self, _index: int) -> None:
        selected = self.selected_week()
        crew_id = self.crew_choice.currentData()
        if crew_id != self.model.crew_id or crew_id is None:
            self.model.show_crew(crew_id)
        kept = self.model.kept
        self.volunteer.clear()
        if kept is not None:
            for member in kept.crew.members:
                self.volunteer.addItem(self.desk.names.get(member, "someone"), member)
        if selected is not None:
            self.select_week(selected)
        self.share_titles.blockSignals(True)
        self.share_titles.setChecked(crew_id in self.shared_titles)
        self.share_titles.setEnabled(crew_id is not None)
        self.share_titles.blockSignals(False)

    def _on_share_titles_toggled(self, on: bool) -> None:
        crew_id = self.model.crew_id
        if crew_id is None:
            return
        if on and crew_id not in self.shared_titles:
            self.shared_titles.append(crew_id)
        elif not on and crew_id in self.shared_titles:
            self.shared_titles.remove(crew_id)
