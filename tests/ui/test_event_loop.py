"""The event loop's plumbing: Python's cycle collector runs on the UI thread's timer, never in a worker."""

from __future__ import annotations

import gc
import weakref
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from clinic_timer.ui.event_loop import collect_garbage_here

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot


def test_garbage_in_a_cycle_is_collected_by_the_ui_threads_timer(qtbot: QtBot) -> None:
    """Automatic collection off; a QTimer in a reference cycle is freed when the UI thread's timer collects."""
    was = gc.isenabled()
    parent = QObject()
    timer = collect_garbage_here(parent, every_ms=20)
    try:
        assert not gc.isenabled()

        class Holder:
            def __init__(self) -> None:
                self.me = self
                self.timer = QTimer()

        held = Holder()
        gone = weakref.ref(held)
        del held
        assert gone() is not None  # a cycle: reference counting alone cannot free it
        qtbot.waitUntil(lambda: gone() is None, timeout=2000)
    finally:
        timer.stop()
        gc.unfreeze()
        if was:
            gc.enable()
