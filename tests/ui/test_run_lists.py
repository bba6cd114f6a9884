"""The run panel's lists: the coach list marks the speaker in the theme's colours and never picks a coach by itself."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from clinic_timer.ui.run_lists import CoachList, CoachRoster
from clinic_timer.ui.theme import COLOURS, Theme, apply_theme
from tests.core.cast import pid

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from clinic_timer.ui.controller import SessionController


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


@pytest.mark.usefixtures("themed_app")
def test_the_speakers_tint_follows_the_theme(qtbot: QtBot, clinic: SessionController) -> None:
    """After a switch to the dark theme the speaking coach's row is tinted with the dark accent."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, Theme.LIGHT, 1.0)
    roster = CoachRoster(clinic)
    qtbot.addWidget(roster)
    roster.show()
    clinic.toggle_pause()
    clinic.next()  # Ben speaks
    roster.show_coaches("ben's turn")
    apply_theme(app, Theme.DARK, 1.0)
    accent = QColor(COLOURS[Theme.DARK].accent)
    qtbot.waitUntil(lambda: roster.coach_list.item(0).background().color().rgb() == accent.rgb())
    assert roster.speaking() == pid("Ben")
