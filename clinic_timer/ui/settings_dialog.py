"""Settings a facilitator changes between clinics: the warning, the voice and the chime.

The dialog edits copies and hands back a :class:`Choices`; it never
touches the running voice itself, except through the "Test voice" button,
which says a sample line with the settings as they stand in the dialog.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clinic_timer.core.schedule import WARNING_RULE
from clinic_timer.speech.settings import MAX_RATE, MIN_RATE, Priority, VoiceSettings
from clinic_timer.ui import titles

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from clinic_timer.speech.protocol import VoiceInfo

CUE_LABELS = {
    Priority.PHASE: "A phase begins",
    Priority.TURN: "A coach's turn begins",
    Priority.WARNING: "The warning before time is up",
    Priority.TIME_UP: "Time is up",
    Priority.NUDGE: "Nudges marked to be spoken, and yours",
}


@dataclass(frozen=True)
class Choices:
    """What the dialog hands back."""

    voice: VoiceSettings
    chime_enabled: bool
    chime_volume: float
    warning_minutes: float | None  # None: each format's own


class SettingsDialog(QDialog):
    """Warning, voice and chime settings.

    Args:
        choices: the settings as they are.
        voices: the engine's voices (may be empty while it starts, or without one).
        voice_status: why the voice is off, if it is; shown so the user knows.
        test_voice: says a sample line with the given settings, and reports in
            words what happened to the callable it is given.
        parent: the console.
    """

    def __init__(
        self,
        choices: Choices,
        voices: Sequence[VoiceInfo],
        voice_status: str,
        test_voice: Callable[[VoiceSettings, Callable[[str], None]], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(titles.title(titles.SETTINGS))
        self._test_voice = test_voice
        layout = QVBoxLayout(self)

        timing = QGroupBox("Warning")
        timing_form = QFormLayout(timing)
        self.own_warning = QCheckBox("Use my own warning time for every phase")
        self.warning_minutes = QDoubleSpinBox()
        self.warning_minutes.setRange(0.5, 10.0)
        self.warning_minutes.setSingleStep(0.5)
        self.warning_minutes.setDecimals(1)
        self.warning_minutes.setSuffix(" min before the end")
        self.own_warning.setChecked(choices.warning_minutes is not None)
        self.warning_minutes.setValue(choices.warning_minutes or 2.0)
        self.warning_minutes.setEnabled(self.own_warning.isChecked())
        self.own_warning.toggled.connect(self.warning_minutes.setEnabled)
        timing_form.addRow(self.own_warning)
        timing_form.addRow("Warn", self.warning_minutes)
        self.warning_rule = QLabel(WARNING_RULE, wordWrap=True)
        timing_form.addRow(self.warning_rule)
        layout.addWidget(timing)

        voice = QGroupBox("Voice")
        voice_form = QFormLayout(voice)
        self.speak = QCheckBox("Speak the prompts aloud")
        self.speak.setChecked(choices.voice.enabled)
        voice_form.addRow(self.speak)
        if voice_status:
            note = QLabel(voice_status)
            note.setWordWrap(True)
            voice_form.addRow(note)
        self.voice_choice = QComboBox()
        self.voice_choice.addItem("The system's default", "")
        for info in voices:
            self.voice_choice.addItem(info.name, info.id)
        index = self.voice_choice.findData(choices.voice.voice)
        if index < 0 and choices.voice.voice:
            self.voice_choice.addItem(choices.voice.voice, choices.voice.voice)
            index = self.voice_choice.count() - 1
        self.voice_choice.setCurrentIndex(max(index, 0))
        voice_form.addRow("Voice", self.voice_choice)
        self.rate = QSpinBox()
        self.rate.setRange(MIN_RATE, MAX_RATE)
        self.rate.setSuffix(" words a minute")
        self.rate.setValue(choices.voice.rate)
        voice_form.addRow("Speed", self.rate)
        self.volume = _percent_slider(choices.voice.volume)
        voice_form.addRow("Volume", self.volume)
        self.cue_boxes: dict[Priority, QCheckBox] = {}
        for priority, label in CUE_LABELS.items():
            box = QCheckBox(label)
            box.setChecked(priority.name.lower() in choices.voice.spoken_kinds)
            self.cue_boxes[priority] = box
            voice_form.addRow(box)
        test = QPushButton("Test voice")
        test.clicked.connect(self._on_test_button_clicked)
        self.test_result = QLabel()  # what the test did: spoken, or not heard and why
        self.test_result.setObjectName("testResult")
        self.test_result.setWordWrap(True)
        voice_form.addRow(test, self.test_result)
        layout.addWidget(voice)

        sound = QGroupBox("Chime")
        sound_form = QFormLayout(sound)
        self.chime = QCheckBox("A soft chime when a phase begins and when time is up")
        self.chime.setChecked(choices.chime_enabled)
        sound_form.addRow(self.chime)
        self.chime_volume = _percent_slider(choices.chime_volume)
        sound_form.addRow("Volume", self.chime_volume)
        layout.addWidget(sound)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(buttons)
        layout.addLayout(row)

    def choices(self) -> Choices:
        """The settings as the dialog shows them now."""
        kinds = frozenset(p.name.lower() for p, box in self.cue_boxes.items() if box.isChecked())
        voice = VoiceSettings(
            enabled=self.speak.isChecked(),
            voice=str(self.voice_choice.currentData() or ""),
            rate=self.rate.value(),
            volume=self.volume.value() / 100,
            spoken_kinds=kinds,
        )
        return Choices(
            voice=voice,
            chime_enabled=self.chime.isChecked(),
            chime_volume=self.chime_volume.value() / 100,
            warning_minutes=self.warning_minutes.value() if self.own_warning.isChecked() else None,
        )

    @classmethod
    def ask(
        cls,
        choices: Choices,
        voices: Sequence[VoiceInfo],
        voice_status: str,
        test_voice: Callable[[VoiceSettings, Callable[[str], None]], object],
        parent: QWidget | None = None,
    ) -> Choices | None:
        """Shows the dialog; the new choices, or None if cancelled. Tests replace this."""
        dialog = cls(choices, voices, voice_status, test_voice, parent)
        return dialog.choices() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def show_test_result(self, text: str) -> None:
        """Shows what the voice test did (the voice calls back as it goes)."""
        self.test_result.setText(text)

    def _on_test_button_clicked(self) -> None:
        voice = dataclasses.replace(self.choices().voice, enabled=True)
        self._test_voice(voice, self.show_test_result)


def _percent_slider(value: float) -> QSlider:
    slider = QSlider(Qt.Orientation.Horizontal)
    slider.setRange(0, 100)
    slider.setValue(round(value * 100))
    return slider
