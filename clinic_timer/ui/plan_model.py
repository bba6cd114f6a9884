"""One crew's plan as a table: a row a week, in date order, for the Plan room.

Dates and times are the crew's own (its weekday and local time in its IANA
zone), so the organiser reads what the crew's calendar says. Rows carry the
meeting's number, so the room's commands (swap, skip, give) name weeks as the
core's plan functions do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from clinic_timer.core import times
from clinic_timer.core.invitations import kind_of
from clinic_timer.ui.table_model import TitledTable

if TYPE_CHECKING:
    from collections.abc import Mapping

    from PySide6.QtCore import QObject

    from clinic_timer.core.plan import Meeting
    from clinic_timer.store.crews import KeptCrew
    from clinic_timer.ui.crew_desk import CrewDesk

Index = QModelIndex | QPersistentModelIndex
WEEK, WHEN, FORMAT, BRINGER, HELD, AWAY = range(6)
HEADERS = ("Week", "When", "Format", "Brings a case", "Held", "Away")
MEETING_ROLE = Qt.ItemDataRole.UserRole  # the Meeting


class PlanModel(TitledTable):
    """The weeks of the crew the Plan room is showing.

    Args:
        desk: the crews as kept.
        titles: format name to its title, for the Format column.
        parent: the Qt parent.
    """

    def __init__(self, desk: CrewDesk, titles: Mapping[str, str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.titles = dict(titles)
        self.crew_id: str | None = None
        self._meetings: tuple[Meeting, ...] = ()
        desk.crews_changed.connect(self._on_desk_crews_changed)

    @property
    def kept(self) -> KeptCrew | None:
        """The crew shown, as kept now."""
        return self.desk.crew(self.crew_id) if self.crew_id else None

    def show_crew(self, crew_id: str | None) -> None:
        """Shows this crew's weeks (None: none)."""
        self.crew_id = crew_id
        self._on_desk_crews_changed()

    def meeting(self, row: int) -> Meeting:
        """The meeting on ``row``."""
        return self._meetings[row]

    def row_of(self, number: int) -> int:
        """The row of week ``number``, or -1."""
        return next((i for i, m in enumerate(self._meetings) if m.number == number), -1)

    headers = HEADERS

    def row_total(self) -> int:
        """One row a week."""
        return len(self._meetings)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """A week's cells."""
        kept = self.kept
        if kept is None or not index.isValid() or not 0 <= index.row() < len(self._meetings):
            return None
        meeting = self._meetings[index.row()]
        if role == MEETING_ROLE:
            return meeting
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        names, column = self.desk.names, index.column()
        if column == WEEK:
            return str(meeting.number)
        if column == WHEN:
            schedule = kept.crew.schedule
            return f"{times.weekday_date(meeting.day)} {times.time_of_day(schedule.at)} ({schedule.zone})"
        if column == FORMAT:
            return kind_of(meeting.format_name, self.titles.get(meeting.format_name))
        if column == BRINGER:
            text = names.get(meeting.bringer, "someone") if meeting.bringer else "nobody (no case)"
            if meeting.facilitator:
                text += f"; {names.get(meeting.facilitator, 'someone')} facilitates"
            return text
        if column == HELD:
            return "held" if meeting.held else "planned"
        if column == AWAY:
            return ", ".join(names.get(a, "someone") for a in meeting.absent) if meeting.held else ""
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Every week can be selected; a case week not yet held can be dragged onto another to swap."""
        if not index.isValid() or not 0 <= index.row() < len(self._meetings):
            return Qt.ItemFlag.ItemIsDropEnabled if not index.isValid() else Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        meeting = self._meetings[index.row()]
        if meeting.bringer is not None and not meeting.held:
            return base | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
        return base

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802 - Qt's name
        """A drop swaps bringers; it never moves or copies rows."""
        return Qt.DropAction.MoveAction

    def _on_desk_crews_changed(self) -> None:
        self.beginResetModel()
        kept = self.kept
        self._meetings = kept.plan.meetings if kept else ()
        if kept is None:
            self.crew_id = None
        self.endResetModel()
