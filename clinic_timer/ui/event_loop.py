"""The app's plumbing around Qt's event loop: the first paint, Ctrl+C, and Python's cycle collector.

Kept apart from the composition root (:mod:`clinic_timer.app`), which says
what the app is made of; this says how the process lives with Qt.
"""

from __future__ import annotations

import gc
import os
import signal
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSocketNotifier, Qt, QTimer

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QApplication, QWidget

GARBAGE_EVERY_MS = 30_000  # Python's cycle collector, on the UI thread only (see collect_garbage_here)


def after_first_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    """Calls ``callback`` from the event loop once ``widget`` has painted for the first time."""

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint:
                widget.removeEventFilter(self)
                QTimer.singleShot(0, callback)
                self.deleteLater()
            return False

    widget.installEventFilter(FirstPaint(widget))


def quit_on_interrupt(app: QApplication, interrupted: Callable[[], None]) -> None:
    """Ctrl+C in the terminal quits the app cleanly (notes flushed, unsaved ones asked about), not a traceback.

    Python runs signal handlers only when it gets control back, and Qt's loop
    may sleep for a second. The signal module writes a byte to a wake-up pipe
    that Qt watches, so the handler runs at once, with no polling timer.

    The handler itself only asks for ``interrupted`` on the loop's next turn:
    Python runs it between any two bytecodes, so calling ``interrupted`` there
    would shut the voice down in the middle of the voice reading its worker's
    pipe (seen: "process object is closed" from a poll that resumed after the
    shutdown it was interrupted by).
    """
    read_end, write_end = os.pipe()
    os.set_blocking(write_end, False)
    signal.set_wakeup_fd(write_end)
    notifier = QSocketNotifier(read_end, QSocketNotifier.Type.Read, app)
    notifier.activated.connect(lambda: os.read(read_end, 64))
    signal.signal(signal.SIGINT, lambda *_: QTimer.singleShot(0, interrupted))


def collect_garbage_here(parent: QObject, every_ms: int = GARBAGE_EVERY_MS) -> QTimer:
    """Runs Python's cycle collector only on this (the UI) thread, every ``every_ms``; returns its timer.

    Left automatic, the collector runs in whichever thread happens to be
    allocating when a threshold is crossed: the autosave thread, say. A Qt
    object freed there (a QTimer in a reference cycle) is deleted from the
    wrong thread, stays registered, and later fires on freed memory: the
    intermittent segfault the test suite met (``tests/conftest.py``). Proving
    that no Qt object ever sits in a cycle is not practical (a lambda connected
    to a signal is enough), so the app does what the tests do: automatic
    collection off, a collection on a UI-thread timer. Reference counting
    still frees everything not in a cycle at once. Everything made at start-up
    is frozen out of the collector's view (``gc.freeze``), so each collection
    walks only what was made since, and costs well under a millisecond.
    """
    gc.disable()
    gc.freeze()
    timer = QTimer(parent)
    timer.setTimerType(Qt.TimerType.VeryCoarseTimer)
    timer.timeout.connect(gc.collect)
    timer.start(every_ms)
    return timer
