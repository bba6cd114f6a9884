"""Set-up as a first-time facilitator meets it: where the keys start, and what the totals promise."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from clinic_timer.ui.console import Console
from clinic_timer.ui.settings import Settings

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from clinic_timer.core.catalogue import Catalogue
    from clinic_timer.ui.console import Console as ConsoleType
    from clinic_timer.ui.controller import SessionController
    from clinic_timer.ui.setup_panel import SetupPanel


def focused() -> QWidget:
    """The widget with the keyboard focus; there must be one."""
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def fresh_console(qtbot: QtBot, controller: SessionController, catalogue: Catalogue) -> ConsoleType:
    """The console as a first launch shows it: nothing filled in."""
    window = Console(controller, catalogue, Settings())
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def cell(panel: SetupPanel, row: int, column: int) -> str:
    """A cell of the phase table; it must exist."""
    item = panel.phases.item(row, column)
    assert item is not None
    return item.text()


def test_first_launch_types_into_the_bringer_and_tab_walks_to_start(
    qtbot: QtBot, controller: SessionController, catalogue: Catalogue
) -> None:
    """ "Ada" typed at launch is the bringer; Tab then goes coach entry, Add, Start."""
    console = fresh_console(qtbot, controller, catalogue)
    panel = console.setup_panel
    qtbot.waitUntil(panel.bringer.hasFocus)
    QTest.keyClicks(focused(), "Ada")
    assert panel.bringer.text() == "Ada"
    QTest.keyClick(focused(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.new_coach
    QTest.keyClicks(panel.new_coach, "Ben")
    QTest.keyClick(panel.new_coach, Qt.Key.Key_Return)
    assert panel.coach_names() == ["Ben"]
    QTest.keyClick(focused(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.add_button
    QTest.keyClick(focused(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.start_button


def test_a_prefilled_roster_puts_focus_on_start(console: ConsoleType) -> None:
    """With the roster already there (the command line), the first key can start: focus is on Start."""
    console.setup_panel.focus_first()
    assert console.setup_panel.start_button.hasFocus()


def test_the_coach_limit_message_clears_when_only_eight_take_part(console: ConsoleType) -> None:
    """Nine coaches: the limit is named and no total is promised; untick one and the eight can run."""
    panel = console.setup_panel
    for name in ("Eve", "Fay", "Gus", "Hal", "Ivy", "Jo"):
        panel.new_coach.setText(name)
        panel.add_button.click()
    assert len(panel.coach_names()) == 9
    assert "At most 8 coaches" in panel.problem.text()
    assert not panel.start_button.isEnabled()
    assert "3 coaches" not in panel.total.text()
    assert "–" in panel.total.text()
    assert cell(panel, 1, 2) == "–", "the reflections' minutes hang on the count"
    panel.coaches.item(8).setCheckState(Qt.CheckState.Unchecked)
    assert panel.problem.text() == ""
    assert panel.start_button.isEnabled()
    assert panel.total.text().endswith("with 8 coaches")
    view = console.controller.view()
    assert view is not None
    assert cell(panel, 1, 2) == "40"
