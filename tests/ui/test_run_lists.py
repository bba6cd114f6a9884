"""The run panel's lists: the coach list never picks a coach by itself."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from clinic_timer.ui.run_lists import CoachList

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot


def test_focusing_the_coach_list_makes_no_coach_current(qtbot: QtBot) -> None:
    """Given the focus (by Tab, say), the list frames no row: the first coach is not "pointed at"."""
    coaches = CoachList()
    qtbot.addWidget(coaches)
    coaches.addItems(["Ben", "Cy"])
    coaches.show()
    coaches.activateWindow()
    qtbot.waitUntil(coaches.isActiveWindow)
    coaches.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(coaches.hasFocus)
    assert coaches.currentRow() == -1


def test_a_coach_the_facilitator_picked_stays_picked_on_focus(qtbot: QtBot) -> None:
    """A row chosen before the list had the focus is still chosen after."""
    coaches = CoachList()
    qtbot.addWidget(coaches)
    coaches.addItems(["Ben", "Cy"])
    coaches.setCurrentRow(1)
    coaches.show()
    coaches.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(coaches.hasFocus)
    assert coaches.currentRow() == 1
