"""The history's table model: kept clinics as rows, sorted in Python with one key per row.

Kept apart from the window so that it can be checked on its own (pytest-qt's
``qtmodeltester``) and timed (``benchmarks/history_open.py``).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from clinic_timer.core import times
from clinic_timer.core.record import RecordStatus

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from clinic_timer.store import SessionSummary

ID_ROLE = Qt.ItemDataRole.UserRole  # the record id of a row
COLUMNS = ("Date", "Bringer", "Format", "Title", "Length", "Notes")
STATUS_WORDS = {RecordStatus.RUNNING: "running", RecordStatus.CLOSED_INTERRUPTED: "interrupted"}

Index = QModelIndex | QPersistentModelIndex


def when_text(started_at: str) -> str:
    """``2026-03-03 19:00`` from an ISO time, as the facilitator's computer shows it."""
    return times.local_minute(started_at)


def _moment(started_at: str) -> float:
    """A start time as a number, so clinics recorded in other time zones sort right."""
    try:
        return datetime.fromisoformat(started_at).timestamp()
    except ValueError:
        return 0.0


def length_text(summary: SessionSummary) -> str:
    """``92 min``, with a word for a clinic that did not finish."""
    minutes = times.minutes(summary.elapsed_s)
    status = STATUS_WORDS.get(summary.status)
    return f"{minutes} ({status})" if status else minutes


class HistoryModel(QAbstractTableModel):
    """Kept clinics as table rows: date, bringer, format, title, length, number of notes.

    The model sorts itself (:meth:`sort`, which the table calls when a header
    is clicked) with one Python key per row. A ``QSortFilterProxyModel`` would
    call :meth:`data` twice per comparison, about 12,000 calls into Python for
    1,000 clinics: that alone took half the 300 ms budget for opening.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[SessionSummary] = []
        self._order: tuple[int, Qt.SortOrder] = (0, Qt.SortOrder.DescendingOrder)

    def set_rows(self, rows: list[SessionSummary]) -> None:
        """Shows these clinics instead, in the current sort order."""
        self.beginResetModel()
        self.rows = self._sorted(list(rows), *self._order)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorts the rows by a column, keeping the selection on the same clinics."""
        if not 0 <= column < len(COLUMNS):
            return
        self._order = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self.rows[i.row()].id for i in before]
        self.rows = self._sorted(self.rows, column, order)
        where = {summary.id: row for row, summary in enumerate(self.rows)}
        after = [self.index(where[i], old.column()) for i, old in zip(ids, before, strict=True)]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _sorted(self, rows: list[SessionSummary], column: int, order: Qt.SortOrder) -> list[SessionSummary]:
        descending = order == Qt.SortOrder.DescendingOrder
        return sorted(rows, key=lambda summary: self._sort_key(summary, column), reverse=descending)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's names
        """One row per clinic (a table has no children)."""
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's names
        """The fixed columns."""
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Text to show, the id, and a sort key per cell."""
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        summary = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(summary, column)
        if role == ID_ROLE:
            return summary.id
        if role == Qt.ItemDataRole.ToolTipRole:
            coaches = ", ".join(summary.coaches)
            return f"{summary.format_title}\nBringer: {summary.bringer}\nCoaches: {coaches}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (4, 5):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(  # noqa: N802 - Qt's name
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """The column names."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None

    @staticmethod
    def _text(summary: SessionSummary, column: int) -> str:
        if column == 0:
            return when_text(summary.started_at)
        if column == 1:
            return summary.bringer
        if column == 2:
            return summary.format_title
        if column == 3:
            return summary.title
        if column == 4:
            return length_text(summary)
        return str(summary.note_count)

    @staticmethod
    def _sort_key(summary: SessionSummary, column: int) -> Any:
        if column == 0:
            return _moment(summary.started_at)
        if column == 4:
            return summary.elapsed_s
        if column == 5:
            return summary.note_count
        return HistoryModel._text(summary, column).casefold()
