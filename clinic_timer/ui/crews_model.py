"""The crews as a table, and the core's suggestions as a list, for the Crews room.

A crew's health is said in words with a symbol before them ("⚠ Ben away twice
in a row, week 4"), never by colour alone, so it reads the same in every
theme, in high contrast and to a screen reader.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from clinic_timer.core import times
from clinic_timer.core.health import SignKind, attendance, signs
from clinic_timer.core.invitations import describe
from clinic_timer.core.plan import next_meeting
from clinic_timer.ui.table_model import TitledTable

if TYPE_CHECKING:
    from collections.abc import Mapping

    from PySide6.QtCore import QObject

    from clinic_timer.core.suggest import Suggestion, Suggestions
    from clinic_timer.store.crews import KeptCrew
    from clinic_timer.ui.crew_desk import CrewDesk

Index = QModelIndex | QPersistentModelIndex
CREW, INTEREST, MEMBERS, NEXT, HEALTH = range(5)
HEADERS = ("Crew", "Interest", "Members", "Next meeting", "Health")
CREW_ROLE = Qt.ItemDataRole.UserRole  # the KeptCrew
SUGGESTION_ROLE = Qt.ItemDataRole.UserRole  # the Suggestion
WARNING = "⚠"
STEADY = "✓"


def health_text(kept: KeptCrew, names: Mapping[str, str]) -> str:
    """Attendance week by week and the early signs of a slow death, in words."""
    crew, plan = kept.crew, kept.plan
    rows = attendance(crew, plan)
    if not rows:
        return "no meeting held yet"
    weekly = ", ".join(f"week {r.week}: {len(r.present)} of {len(crew.members)}" for r in rows)
    found = signs(crew, plan)
    if not found:
        return f"{STEADY} steady ({weekly})"
    words = []
    for sign in found:
        if sign.kind is SignKind.AWAY_TWICE:
            words.append(f"{names.get(sign.person or '', 'someone')} away twice in a row, week {sign.week}")
        else:
            words.append(f"two or more away in week {sign.week}")
    return f"{WARNING} early signs of a slow death: {'; '.join(words)} ({weekly})"


class CrewsModel(TitledTable):
    """Every kept crew with its interest, members, next meeting and health.

    Args:
        desk: the crews as kept.
        parent: the Qt parent.
    """

    def __init__(self, desk: CrewDesk, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self._rows: list[tuple[KeptCrew, tuple[str, ...]]] = []
        self._fill()
        desk.crews_changed.connect(self._on_desk_crews_changed)

    def kept(self, row: int) -> KeptCrew:
        """The crew on ``row``."""
        return self._rows[row][0]

    headers = HEADERS

    def row_total(self) -> int:
        """One row a crew."""
        return len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The cells, worked out once when the crews are read (a paint reads only text)."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        kept, cells = self._rows[index.row()]
        if role == CREW_ROLE:
            return kept
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return cells[index.column()] if 0 <= index.column() < len(cells) else None
        return None

    def _fill(self) -> None:
        names, today = self.desk.names, self.desk.today()
        rows: list[tuple[KeptCrew, tuple[str, ...]]] = []
        for kept in self.desk.crews:
            crew = kept.crew
            members = ", ".join(
                names.get(m, "someone") + (" (organiser)" if m == crew.organiser else "")
                for m in crew.members
            )
            meeting = next_meeting(kept.plan, today)
            if meeting is None:
                upcoming = "ended" if kept.plan.ending else "none planned"
            else:
                upcoming = (
                    f"{times.weekday_day(meeting.day)} {times.time_of_day(crew.schedule.at)}, week {meeting.number}: "
                    + describe(meeting, names)
                )
            cells = (crew.title, crew.interest, members, upcoming, health_text(kept, names))
            rows.append((kept, cells))
        self._rows = rows

    def _on_desk_crews_changed(self) -> None:
        self.beginResetModel()
        self._fill()
        self.endResetModel()


class SuggestionsModel(QAbstractListModel):
    """The core's suggested crews, each with its reasons, and what is missing where none fits."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._crews: tuple[Suggestion, ...] = ()
        self._missing: tuple[str, ...] = ()

    def show(self, suggestions: Suggestions) -> None:
        """Shows a new set of suggestions."""
        self.beginResetModel()
        self._crews, self._missing = suggestions.crews, suggestions.missing
        self.endResetModel()

    def suggestion(self, row: int) -> Suggestion | None:
        """The suggested crew on ``row``; None for a line saying what is missing."""
        return self._crews[row] if 0 <= row < len(self._crews) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        """Each suggestion, then each thing missing."""
        return 0 if parent.isValid() else len(self._crews) + len(self._missing)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """A suggestion as its interest and reasons; a missing one as why not."""
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        suggestion = self.suggestion(index.row())
        if role == SUGGESTION_ROLE:
            return suggestion
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if suggestion is None:
                return f"Not yet: {self._missing[index.row() - len(self._crews)]}"
            return f"{suggestion.interest}: {suggestion.reason}"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """A suggestion can be picked; a line saying what is missing is only read."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.suggestion(index.row()) is None:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
