"""The mini timer: a small, frameless, always-on-top countdown for a laptop in the room.

It is for a glance across a table: the countdown, the status (symbol and
word, not colour alone), and who is speaking in which phase: the same
:class:`~clinic_timer.core.frame.Frame` as the share view's, with less of
it shown. It has no
frame, so it is dragged by its body. The app keeps its geometry with the
other windows' (``saveGeometry``), and Qt's ``restoreGeometry`` brings it
back onto a screen that still exists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QMouseEvent,
)
from PySide6.QtWidgets import QVBoxLayout, QWidget

from clinic_timer.ui import titles
from clinic_timer.ui.clock_face import ClockFace, StatusBadge, palette_with
from clinic_timer.ui.fitting import FittedLabel
from clinic_timer.ui.names import name_floor
from clinic_timer.ui.status_window import StatusWindow
from clinic_timer.ui.theme import current_colours, current_text_scale

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from clinic_timer.core.frame import Frame
    from clinic_timer.ui.controller import SessionController
    from clinic_timer.ui.status_window import Drawer

DEFAULT_SIZE = (280, 140)
MINIMUM_SIZE = (160, 80)


class MiniTimer(StatusWindow):
    """The small countdown window.

    Args:
        controller: the session controller; the timer only listens to it.
        parent: the owning widget, if any; the window stays top-level either way.
    """

    FLASH_TINT = 0.2
    FRAME_WEIGHT = 0.014
    FRAME_MIN = 1.0
    FRAME_WHEN_CALM = True

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent, Qt.WindowType.Window)
        self.setWindowFlags(
            Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
        )
        self.setWindowTitle(titles.title(titles.MINI_TIMER))
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setMinimumSize(*MINIMUM_SIZE)
        self.resize(*DEFAULT_SIZE)
        self._drag_offset: QPoint | None = None

        self.badge = StatusBadge(self)
        self.badge.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter)
        self.clock = ClockFace(self)
        self.who = FittedLabel(parent=self)
        self.who.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.who.font()
        font.setWeight(QFont.Weight.DemiBold)
        self.who.setFont(font)
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.badge, 5)
        self._layout.addWidget(self.clock, 12)
        self._layout.addWidget(self.who, 4)

        self.follow()

    # -- rendering ---------------------------------------------------------------

    def _drawers(self) -> Sequence[Drawer]:
        return MINI_DRAWERS

    def _apply_colours(self) -> None:
        colours = current_colours()
        self.setPalette(palette_with(self, QColor(colours.text), QColor(colours.window)))
        self.who.set_colour(QColor(colours.muted))
        self._colour_clock()
        self.update()

    def _apply_sizes(self) -> None:
        height = self.height()
        pad = max(int(height * 0.08), 4)
        self._layout.setContentsMargins(pad * 2, pad, pad * 2, pad)
        self._layout.setSpacing(max(int(height * 0.02), 1))
        scale = current_text_scale()
        self.badge.set_ceiling(int(height * 0.13 * scale))
        self.who.set_ceiling(int(height * 0.13 * scale))
        self.who.set_floor(name_floor(height * 0.13 * scale))
        self.clock.set_ceiling(int(height * 0.6))

    # -- events ------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        """Starts a drag with the left button."""
        if event.button() is Qt.MouseButton.LeftButton:
            self._drag_offset = event.globalPosition().toPoint() - self.pos()
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        """Follows the pointer while dragging."""
        if self._drag_offset is not None and event.buttons() & Qt.MouseButton.LeftButton:
            self.move(event.globalPosition().toPoint() - self._drag_offset)
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        """Ends a drag."""
        if self._drag_offset is not None and event.button() is Qt.MouseButton.LeftButton:
            self._drag_offset = None
            self.setCursor(Qt.CursorShape.OpenHandCursor)
            event.accept()
            return
        super().mouseReleaseEvent(event)


# The glance is the phase, then the name isolated (an Arabic name keeps its own
# direction without turning the line around), and a long one is elided at the end.
MINI_DRAWERS: tuple[tuple[tuple[str, ...], Callable[[MiniTimer, Frame], None]], ...] = (
    (("symbol", "word", "status"), lambda w, f: w.badge.show_badge(f.badge, f.status)),
    (("countdown", "planned"), lambda w, f: w.clock.show_reading(f.countdown, f.planned)),
    (("glance",), lambda w, f: w.who.set_text(f.glance)),
)
"""Which frame fields each part of the mini timer shows (see :data:`~clinic_timer.ui.status_window.Drawer`)."""
