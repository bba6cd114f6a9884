"""The mini timer: a small, frameless, always-on-top countdown for a laptop in the room.

It is for a glance across a table: the countdown, the status (symbol and
word, not colour alone), and who is speaking in which phase. It has no
frame, so it is dragged by its body, and it says where it was dropped
(:attr:`MiniTimer.position_changed`) so the app can put it back there next
time; :meth:`MiniTimer.set_position` accepts that place again and keeps the
window on a screen that still exists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QVBoxLayout, QWidget

from clinic_timer.core.session import SessionView, State, Status
from clinic_timer.ui.clock_face import ClockFace, Pulse, StatusBadge, mix, palette_with
from clinic_timer.ui.fitting import FittedLabel
from clinic_timer.ui.theme import BORDER_STYLES, BORDER_WEIGHT, current_colours, current_text_scale

if TYPE_CHECKING:
    from clinic_timer.ui.controller import SessionController

DEFAULT_SIZE = (280, 140)
MINIMUM_SIZE = (160, 80)
SCREEN_MARGIN = 24  # how far inside a screen's edge a rescued window lands


class MiniTimer(QWidget):
    """The small countdown window.

    Args:
        controller: the session controller; the timer only listens to it.
        parent: the owning widget, if any; the window stays top-level either way.
    """

    position_changed = Signal(QPoint)  # where the user dropped the window, for the settings

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.controller = controller
        self.setWindowFlags(
            Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
        )
        self.setWindowTitle("Clinic timer")
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setMinimumSize(*MINIMUM_SIZE)
        self.resize(*DEFAULT_SIZE)
        self._view: SessionView | None = None
        self._drag_offset: QPoint | None = None
        self._drag_start = QPoint()
        self._flash_level = 0.0
        self._pulse = Pulse(self)
        self._pulse.level_changed.connect(self._on_pulse_level_changed)

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

        controller.view_changed.connect(self._on_controller_view_changed)
        controller.session_changed.connect(self._on_controller_session_changed)
        self._apply_colours()
        self._render(controller.view())

    # -- public ------------------------------------------------------------------

    def set_flash(self, enabled: bool) -> None:
        """Lets the background pulse gently while time is up or over (off by default)."""
        self._pulse.set_enabled(enabled)

    @property
    def flashing(self) -> bool:
        """Whether the pulse is running now."""
        return self._pulse.running

    def set_position(self, position: QPoint) -> None:
        """Moves the window to a remembered place, or onto the primary screen if that place is gone.

        A laptop that was docked to a second monitor last week would
        otherwise open the timer somewhere nobody can see it.
        """
        target = QRect(position, self.size())
        screens = QGuiApplication.screens()
        if not any(s.availableGeometry().intersects(target) for s in screens):
            area = QGuiApplication.primaryScreen().availableGeometry()
            position = area.topLeft() + QPoint(SCREEN_MARGIN, SCREEN_MARGIN)
        self.move(position)

    # -- rendering ---------------------------------------------------------------

    def _render(self, view: SessionView | None) -> None:
        self._view = view
        if view is None:
            self.badge.set_text("○  Waiting")
            self.clock.clear()
            self.who.set_text("Case clinic")
        else:
            self.badge.set_view(view)
            self.clock.set_view(view)
            self.who.set_text(f"{view.speaker}  ·  {view.phase.name}" if view.speaker else view.phase.name)
            self._pulse.set_view(view)
        self._colour_clock()
        self.update()

    def _status(self) -> Status | None:
        view = self._view
        return view.status if view is not None and view.state is State.RUNNING else None

    def _colour_clock(self) -> None:
        colours = current_colours()
        status = self._status()
        if self._view is not None and self._view.state is State.PAUSED:
            colour = QColor(colours.muted)
        elif status is None or status is Status.CALM:
            colour = QColor(colours.text)
        else:
            colour = colours.status(status)
        if self.clock.palette().color(self.clock.foregroundRole()) != colour:
            self.clock.setPalette(palette_with(self.clock, colour))

    def _apply_colours(self) -> None:
        colours = current_colours()
        self.setPalette(palette_with(self, QColor(colours.text), QColor(colours.window)))
        self.who.setPalette(palette_with(self.who, QColor(colours.muted)))
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
        self.clock.set_ceiling(int(height * 0.6))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        """Paints the background (tinted by the flash) and an outline in the status's style."""
        colours = current_colours()
        status = self._status()
        painter = QPainter(self)
        background = QColor(colours.window)
        if status is not None and self._flash_level > 0:
            background = mix(background, colours.status(status), 0.2 * self._flash_level)
        painter.fillRect(self.rect(), background)
        calm = status is None or status is Status.CALM
        colour = QColor(colours.line) if calm else colours.status(status or Status.CALM)
        weight = max(self.height() * 0.014, 1.0) * BORDER_WEIGHT[status or Status.CALM]
        style = BORDER_STYLES[status or Status.CALM]
        painter.setPen(QPen(colour, weight, style, Qt.PenCapStyle.RoundCap))
        painter.drawRect(QRectF(self.rect()).adjusted(weight / 2, weight / 2, -weight / 2, -weight / 2))
        painter.end()

    # -- events ------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        """Starts a drag with the left button."""
        if event.button() is Qt.MouseButton.LeftButton:
            self._drag_start = self.pos()
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
        """Ends a drag and reports where the window now is, if it moved."""
        if self._drag_offset is not None and event.button() is Qt.MouseButton.LeftButton:
            self._drag_offset = None
            self.setCursor(Qt.CursorShape.OpenHandCursor)
            if self.pos() != self._drag_start:
                self.position_changed.emit(self.pos())
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        """Recomputes padding and text sizes from the new size."""
        self._apply_sizes()
        super().resizeEvent(event)

    def event(self, event: QEvent) -> bool:
        """Follows a theme or text-scale change made with ``apply_theme`` (sent to every window)."""
        handled = super().event(event)
        if event.type() == QEvent.Type.ApplicationPaletteChange:
            self._apply_colours()
        elif event.type() == QEvent.Type.ApplicationFontChange:
            self._apply_sizes()
        return handled

    # -- slots -------------------------------------------------------------------

    def _on_controller_view_changed(self, view: SessionView) -> None:
        self._render(view)

    def _on_controller_session_changed(self) -> None:
        self._render(self.controller.view())

    def _on_pulse_level_changed(self, level: float) -> None:
        self._flash_level = level
        self.update()
