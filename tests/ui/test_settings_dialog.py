"""The settings dialog says, in words, when a phase or turn is warned."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel

from clinic_timer.core.schedule import WARNING_RULE
from clinic_timer.speech.settings import VoiceSettings
from clinic_timer.ui.settings_dialog import Choices, SettingsDialog

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot


def test_the_warning_rule_for_short_slots_is_said_in_the_dialog(qtbot: QtBot) -> None:
    """Under "Warn", the dialog states the default, the format's say and the half-way cap for short turns."""
    dialog = SettingsDialog(Choices(VoiceSettings(), True, 0.6, None), [], "", lambda _voice, _report: None)
    qtbot.addWidget(dialog)
    shown = [label.text() for label in dialog.findChildren(QLabel)]
    assert WARNING_RULE in shown
    assert "2 minutes before its end" in WARNING_RULE
    assert "half-way" in WARNING_RULE
    assert dialog.warning_minutes.text().startswith("2.0 ")
