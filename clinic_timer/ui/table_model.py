"""What every table of the app's windows answers the same way: its size and its column titles.

The People, Crews and Plan tables differ in what their cells show; how many
rows and columns they have, and the titles over the columns, they answer
alike, so it is written once here.
"""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


class TitledTable(QAbstractTableModel):
    """A flat table with fixed column titles; a subclass says how many rows it holds."""

    headers: ClassVar[tuple[str, ...]] = ()  # the column titles, left to right

    def row_total(self) -> int:
        """How many rows the table holds now."""
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        """The rows of :meth:`row_total` (a table has no children)."""
        return 0 if parent.isValid() else self.row_total()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        """The columns of :attr:`headers`."""
        return 0 if parent.isValid() else len(self.headers)

    def headerData(  # noqa: N802 - Qt's name
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """The column titles."""
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return None
