"""The end of a landing: a time-bounded ending by default, or carrying on for the weeks chosen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from clinic_timer.core.plan import Ending
from clinic_timer.ui.ending_dialog import DEFAULT_EXTENSION, EndingQuestion

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot


def test_the_answer_is_time_bounded_unless_carrying_on_is_chosen(qtbot: QtBot) -> None:
    """The weeks only count, and can only be changed, when the crew carries on."""
    question = EndingQuestion("Civics crew")
    qtbot.addWidget(question)
    assert question.answer() == (Ending.TIME_BOUNDED, 0)
    assert not question.weeks.isEnabled()
    question.carrying_on.setChecked(True)
    assert question.weeks.isEnabled()
    assert question.answer() == (Ending.CARRYING_ON, DEFAULT_EXTENSION)
    question.weeks.setValue(3)
    assert question.answer() == (Ending.CARRYING_ON, 3)
