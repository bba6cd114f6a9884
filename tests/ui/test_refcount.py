"""A guard against PySide6 6.12.0's leak of references to None on Python 3.11.

That release loses a reference to ``None`` on each ``setText``, ``show`` or
``update`` and aborts the interpreter after some thousands of UI updates:
about an hour into a clinic. pyproject pins ``PySide6 < 6.12`` on Python
3.11; this test fails loudly if a release with the leak slips back in.
"""

from __future__ import annotations

import gc
import sys
from typing import TYPE_CHECKING

import pytest
from PySide6.QtWidgets import QApplication

from clinic_timer.core.clock import FakeClock
from clinic_timer.ui.controller import SessionController
from clinic_timer.ui.mini_timer import MiniTimer
from clinic_timer.ui.share_view import ShareView
from tests.core.cast import roster_of
from tests.core.formats_fixture import clinic_format

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

UPDATES = 20_000
WARM_UP = 500
TOLERANCE = 1_000


@pytest.mark.slow
@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_twenty_thousand_ui_updates_keep_none_refcount_steady(qtbot: QtBot) -> None:
    """20,000 view updates and setText calls on the real windows leave None's refcount within 1,000."""
    clock = FakeClock()
    controller = SessionController(clock)
    controller.setup(clinic_format(), roster_of("Ada", ("Ben", "Cy", "Dee")))
    share, mini = ShareView(controller), MiniTimer(controller)
    for window in (share, mini):
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
    controller.toggle_pause()

    def update(step: int) -> None:
        clock.advance(0.5)
        controller.refresh()  # a fresh SessionView to every window
        share.speaker.setText(f"Cy {step % 7}")  # the raw setText, besides the fitted path
        mini.update()
        if step % 200 == 0:
            QApplication.processEvents()  # let the paints happen too
        if step % 3000 == 0:
            controller.next()

    for step in range(WARM_UP):
        update(step)
    gc.collect()
    before = sys.getrefcount(None)
    for step in range(WARM_UP, WARM_UP + UPDATES):
        update(step)
    gc.collect()
    drift = sys.getrefcount(None) - before
    assert abs(drift) < TOLERANCE, f"None's refcount moved by {drift} over {UPDATES} updates"
