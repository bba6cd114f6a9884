"""At the end of a landing: how did the crew end?

The post names two good endings: the time-bounded one (the crew disbands
with a good feeling, the chat stays open) and the "perpetual hum" (it carries
on, with the facilitator's role rotating). Carrying on adds weeks to the
plan; the organiser says how many.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clinic_timer.core.plan import MAX_EXTENSION, Ending
from clinic_timer.ui import titles

DEFAULT_EXTENSION = 6


class EndingQuestion(QDialog):
    """Asks how the crew ended.

    Args:
        crew_title: "Civics crew".
        parent: the console.
    """

    def __init__(self, crew_title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(titles.title(titles.CREW_ENDING))
        intro = QLabel(f"The landing is over. How did the {crew_title} end?")
        intro.setWordWrap(True)
        self.bounded = QRadioButton(
            "A &time-bounded ending: we part with a good feeling; the chat stays open"
        )
        self.carrying_on = QRadioButton("&Carrying on, with leadership rotating, for")
        self.bounded.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.bounded)
        group.addButton(self.carrying_on)
        self.weeks = QSpinBox()
        self.weeks.setRange(1, MAX_EXTENSION)
        self.weeks.setValue(DEFAULT_EXTENSION)
        self.weeks.setSuffix(" more weeks")
        self.weeks.setEnabled(False)
        self.carrying_on.toggled.connect(self.weeks.setEnabled)
        row = QHBoxLayout()
        row.addWidget(self.carrying_on)
        row.addWidget(self.weeks)
        row.addStretch(1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.bounded)
        layout.addLayout(row)
        layout.addWidget(buttons)

    def answer(self) -> tuple[Ending, int]:
        """The ending chosen and the weeks it adds."""
        if self.carrying_on.isChecked():
            return Ending.CARRYING_ON, self.weeks.value()
        return Ending.TIME_BOUNDED, 0

    @classmethod
    def ask(cls, crew_title: str, parent: QWidget | None = None) -> tuple[Ending, int] | None:
        """The ending, or None if the organiser would rather say later; the one entry point tests replace."""
        dialog = cls(crew_title, parent)
        chosen = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        return dialog.answer() if chosen else None
