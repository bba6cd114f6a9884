"""What the share view and the mini timer have in common: windows others look at.

Both follow the controller, colour their clock by status, pulse gently
when the flash is on, and paint their background and an outline in the
status's own line style (so it reads without colour). Both repaint their
whole surface only when the status changes; a new second repaints the
clock alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QWidget

from clinic_timer.core.session import SessionView, State, Status
from clinic_timer.ui.clock_face import ClockFace, Pulse, mix
from clinic_timer.ui.theme import BORDER_STYLES, BORDER_WEIGHT, clock_colour, current_colours

if TYPE_CHECKING:
    from clinic_timer.ui.controller import SessionController


class StatusWindow(QWidget):
    """A window that shows the clinic's clock and status to others.

    Subclasses build their widgets (including ``self.clock``), then call
    :meth:`follow`; they implement :meth:`_render`, :meth:`_apply_sizes`
    and :meth:`_apply_colours`, and end ``_render`` with :meth:`_show_status`.

    Attributes:
        FLASH_TINT: how far the flash tints the background towards the status colour.
        FRAME_WEIGHT: the outline's width as a fraction of the window's height.
        FRAME_MIN: the outline's least width in pixels.
        FRAME_WHEN_CALM: whether a calm clinic gets a (quiet) outline too.
    """

    FLASH_TINT = 0.16
    FRAME_WEIGHT = 0.004
    FRAME_MIN = 2.0
    FRAME_WHEN_CALM = False

    clock: ClockFace

    def __init__(
        self, controller: SessionController, parent: QWidget | None = None, flags: Qt.WindowType | None = None
    ) -> None:
        if flags is None:
            super().__init__(parent)
        else:
            super().__init__(parent, flags)
        self.controller = controller
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self._view: SessionView | None = None
        self._flash_level = 0.0
        self._framed: Status | None = None  # the status the surface was last painted for
        self._pulse = Pulse(self)
        self._pulse.level_changed.connect(self._on_pulse_level_changed)

    def follow(self) -> None:
        """Connects to the controller and shows where the clinic stands now."""
        self.controller.view_changed.connect(self._on_controller_view_changed)  # a new session brings one too
        self._apply_colours()
        self._render(self.controller.view())

    # -- public ------------------------------------------------------------------

    def set_flash(self, enabled: bool) -> None:
        """Lets the background pulse gently while time is up or over (off by default)."""
        self._pulse.set_enabled(enabled)

    @property
    def flashing(self) -> bool:
        """Whether the pulse is running now."""
        return self._pulse.running

    # -- for subclasses ----------------------------------------------------------

    def _render(self, view: SessionView | None) -> None:
        raise NotImplementedError

    def _apply_sizes(self) -> None:
        raise NotImplementedError

    def _apply_colours(self) -> None:
        raise NotImplementedError

    def _show_status(self) -> None:
        """Colours the clock, drives the pulse, and repaints the surface if the status changed."""
        if self._view is not None:
            self._pulse.set_view(self._view)
        self._colour_clock()
        status = self._status()
        if status != self._framed:
            self._framed = status
            self.update()

    def _status(self) -> Status | None:
        view = self._view
        return view.status if view is not None and view.state is State.RUNNING else None

    def _colour_clock(self) -> None:
        view = self._view
        colour = (
            clock_colour(view.state, view.status) if view is not None else clock_colour(State.READY, None)
        )
        self.clock.set_colour(colour)

    # -- events ------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        """Paints the background (tinted by the flash) and the status's outline."""
        colours = current_colours()
        status = self._status()
        painter = QPainter(self)
        background = QColor(colours.window)
        if status is not None and self._flash_level > 0:
            background = mix(background, colours.status(status), self.FLASH_TINT * self._flash_level)
        painter.fillRect(self.rect(), background)
        calm = status is None or status is Status.CALM
        if not calm or self.FRAME_WHEN_CALM:
            key = status or Status.CALM
            colour = QColor(colours.line) if calm else colours.status(key)
            weight = max(self.height() * self.FRAME_WEIGHT, self.FRAME_MIN) * BORDER_WEIGHT[key]
            painter.setPen(QPen(colour, weight, BORDER_STYLES[key], Qt.PenCapStyle.RoundCap))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(self.rect()).adjusted(weight / 2, weight / 2, -weight / 2, -weight / 2))
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        """Recomputes margins and text sizes from the new size."""
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

    def _on_pulse_level_changed(self, level: float) -> None:
        self._flash_level = level
        self.update()
