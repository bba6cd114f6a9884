"""The facilitator's settings, applied and saved from one place.

The settings file holds what the facilitator chose (theme, text size, the
warning, the voice, the chime, window places). :class:`Preferences` is the one
small adapter between those choices and the parts they change: it applies
them to the controller (the warning), the voice and the chime, offers the
"Settings…" action for the menu bar (the composition root places it), and
writes the file. Nothing else writes it.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from clinic_timer.ui.settings import save_settings

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from PySide6.QtWidgets import QWidget

    from clinic_timer.speech.settings import VoiceSettings
    from clinic_timer.ui.clinic_voice import ClinicVoice
    from clinic_timer.ui.controller import SessionController
    from clinic_timer.ui.settings import Settings
    from clinic_timer.ui.settings_dialog import Choices

SETTINGS_LABEL = "Settings: warning, voice, chime…"


class Preferences(QObject):
    """The settings in force, and the one way they change, reach the parts and reach the disk.

    Args:
        settings: the loaded settings, changed in place.
        controller: gets the warning threshold.
        path: the settings file; by default the user's.
        parent: the Qt parent.
    """

    def __init__(
        self,
        settings: Settings,
        controller: SessionController,
        *,
        path: Path | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent or controller)
        self.settings = settings
        self.controller = controller
        self.path = path
        self.voice: ClinicVoice | None = None
        self.before_save: list[Callable[[], None]] = []  # each puts its part in (window places)
        self.edit_action = QAction(SETTINGS_LABEL, self)
        self.edit_action.setShortcut("Ctrl+,")
        self.edit_action.setEnabled(False)  # until the voice is there to be set
        controller.set_warning_minutes(settings.warning_minutes)

    def actions(self) -> list[QAction]:
        """What the settings offer the menu bar (the composition root puts it in View)."""
        return [self.edit_action]

    def give_voice(self, voice: ClinicVoice, parent: QWidget | None) -> None:
        """The voice and chime exist now: settings can be edited, the dialog parented to ``parent``."""
        self.voice = voice
        self.edit_action.triggered.connect(lambda: self.edit(parent))
        self.edit_action.setEnabled(True)

    def voice_settings(self) -> VoiceSettings:
        """The voice's settings as saved."""
        from clinic_timer.speech.settings import VoiceSettings  # with the voice, after the console shows

        return VoiceSettings.from_dict(self.settings.voice)

    def choices(self) -> Choices:
        """The settings the dialog edits, as they stand."""
        from clinic_timer.ui.settings_dialog import Choices

        settings = self.settings
        return Choices(
            self.voice_settings(), settings.chime_enabled, settings.chime_volume, settings.warning_minutes
        )

    def apply(self, choices: Choices) -> None:
        """Keeps ``choices`` and applies them: the warning to the controller, the rest to the voice and chime."""
        self.settings.voice = dict(choices.voice.to_dict())
        self.settings.chime_enabled = choices.chime_enabled
        self.settings.chime_volume = choices.chime_volume
        self.settings.warning_minutes = choices.warning_minutes
        self.controller.set_warning_minutes(choices.warning_minutes)
        if self.voice is not None:
            self.voice.apply(choices.voice, choices.chime_enabled, choices.chime_volume)

    def edit(self, parent: QWidget | None = None) -> None:
        """Opens the settings dialog and applies what it hands back (or, cancelled, restores what was)."""
        from clinic_timer.ui.settings_dialog import SettingsDialog  # only when asked: keeps launch quick

        voice = self.voice
        if voice is None:
            return
        current = self.choices()

        def test(settings: VoiceSettings, report: Callable[[str], None]) -> None:
            voice.test(settings, report=report)

        chosen = SettingsDialog.ask(current, voice.bridge.voice.voices, voice.status, test, parent)
        if chosen is None:  # a test may have tried other settings: back to the kept ones
            voice.apply(current.voice, current.chime_enabled, current.chime_volume)
            return
        self.apply(chosen)

    def save(self) -> bool:
        """Writes the settings file (on quit), after each part has put in its own; False if it failed."""
        for remember in self.before_save:
            remember()
        try:
            save_settings(self.settings, self.path)
        except OSError as error:
            print(f"clinic-timer: settings not saved: {error}", file=sys.stderr)  # noqa: T201
            return False
        return True
