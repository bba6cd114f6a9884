"""The console's way into the crews: Ctrl+K and Windows > Crews, over the store the app hands in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from clinic_timer.store.crews import CrewBook
from clinic_timer.ui.crews_menu import CREWS_KEY, NO_STORE, CrewsMenu
from clinic_timer.ui.help_dialog import KeysDialog
from tests.ui.crew_fixtures import add_crew

if TYPE_CHECKING:
    from collections.abc import Sequence

    import pytest
    from pytestqt.qtbot import QtBot

    from clinic_timer.store import Store
    from clinic_timer.ui.console import Console
    from clinic_timer.ui.shortcuts import KeyAction


def test_ctrl_k_opens_the_crews_window_over_the_store_handed_in(
    qtbot: QtBot, console: Console, crew_store: Store
) -> None:
    """Ctrl+K in the console shows the Crews window with the crews of the store it was given."""
    add_crew(CrewBook(crew_store))
    menu = CrewsMenu(console, lambda: CrewBook(crew_store), {})
    assert menu.action in console.windows_menu.actions()
    QTest.keyClick(console, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert menu.window is not None
    qtbot.addWidget(menu.window)
    qtbot.waitExposed(menu.window)
    assert menu.window.crews.model.kept(0).crew.name == "Civics"


def test_without_a_store_the_console_says_so(console: Console) -> None:
    """While no database is open there is no Crews window, and the status line says why."""
    menu = CrewsMenu(console, lambda: None, {})
    assert menu.open_window() is None
    assert console.statusBar().currentMessage() == NO_STORE


def test_f1_in_the_console_lists_ctrl_k(
    qtbot: QtBot, console: Console, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The console's F1 list names the Crews window's key, with the menus' other Ctrl keys."""
    CrewsMenu(console, lambda: None, {})
    listed: list[str] = []

    def record(
        cls: type,
        actions: Sequence[KeyAction],
        parent: object = None,
        commands: Sequence[tuple[str, str]] = (),
    ) -> None:
        listed.extend(key for key, _label in commands)

    monkeypatch.setattr(KeysDialog, "show_keys", classmethod(record))
    QTest.keyClick(console, Qt.Key.Key_F1)
    assert CREWS_KEY in listed
