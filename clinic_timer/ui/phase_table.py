"""The set-up page's table of phases: who speaks and for how long, for the coaches present.

A count the format cannot run with (nine coaches, say) shows no figure that
hangs on it: a dash, and the total says why, so the page never promises a
plan the session will not run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from clinic_timer.core import times
from clinic_timer.core.formats import Floor

if TYPE_CHECKING:
    from clinic_timer.core.formats import Format, Phase


class PhaseTable(QTableWidget):
    """Phase, who speaks, minutes: read-only, never takes the keys."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setHorizontalHeaderLabels(["Phase", "Who speaks", "Minutes"])
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)

    def show_plan(self, fmt: Format, coaches: int) -> str:
        """Fills the rows for ``coaches`` present (the format's typical number for none).

        Returns:
            The line for the total: minutes and coaches, or why there is none yet.
        """
        shown = coaches or fmt.typical_coaches()
        if not fmt.min_coaches <= shown <= fmt.max_coaches:
            return self._show_unplanned(fmt)
        self._fill(
            [
                (p.name, who_speaks(p, shown), times.minutes_figure(p.planned_seconds(shown)))
                for p in fmt.phases
            ]
        )
        total = times.minutes_figure(fmt.planned_seconds(shown))
        people = "coach" if shown == 1 else "coaches"
        return f"In all: {total} minutes with {shown} {people}"

    def _show_unplanned(self, fmt: Format) -> str:
        rows = []
        for phase in fmt.phases:
            depends = phase.planned_seconds(fmt.min_coaches) != phase.planned_seconds(fmt.max_coaches)
            minutes = "–" if depends else times.minutes_figure(phase.planned_seconds(fmt.min_coaches))
            who = "Each coach" if phase.floor is Floor.COACHES else who_speaks(phase, fmt.min_coaches)
            rows.append((phase.name, who, minutes))
        self._fill(rows)
        return "In all: – until the roster above can run"

    def _fill(self, rows: list[tuple[str, str, str]]) -> None:
        self.setRowCount(len(rows))
        for row, cells in enumerate(rows):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(row, column, item)


def who_speaks(phase: Phase, coaches: int) -> str:
    """Who holds the floor, with the turn length for per-coach phases."""
    if phase.floor is Floor.BRINGER:
        return "Case bringer"
    if phase.floor is Floor.HOST:
        return "Host"
    if phase.floor is Floor.COACHES:
        return f"Each coach, {times.planned_minutes(phase.turn_seconds(coaches))}"
    return "Everyone"
