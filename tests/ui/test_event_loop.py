"""The event loop's plumbing: the cycle collector runs on the UI thread's timer; Ctrl+C waits for the loop."""

from __future__ import annotations

import gc
import signal
import weakref
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from clinic_timer.ui.event_loop import collect_garbage_here, quit_on_interrupt

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication
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


def test_ctrl_c_is_answered_on_the_loops_next_turn_not_inside_the_code_it_interrupts(
    qtbot: QtBot, qapp: QApplication
) -> None:
    """The SIGINT handler only schedules the quit: whatever Python code it interrupted finishes first."""
    calls: list[str] = []
    old = signal.getsignal(signal.SIGINT)
    old_fd = signal.set_wakeup_fd(-1)
    try:
        quit_on_interrupt(qapp, lambda: calls.append("interrupted"))
        handler = signal.getsignal(signal.SIGINT)
        assert callable(handler)
        handler(signal.SIGINT, None)  # as Python runs it, between two bytecodes of whatever was running
        assert calls == []
        qtbot.waitUntil(lambda: calls == ["interrupted"], timeout=2_000)
    finally:
        signal.signal(signal.SIGINT, old)
        signal.set_wakeup_fd(old_fd)
