"""What the share view and the mini timer have in common: windows others look at.

Both follow the controller and render the same
:class:`~clinic_timer.core.frame.Frame`, built outside Qt from each view
and the nudge on screen; both colour their clock by status, pulse gently
when the flash is on, and paint their background and an outline in the
status's own line style (so it reads without colour). A new frame is
compared with the last, field by field, and only what differs is drawn
again: a new second repaints the clock (and the progress bar, where a
pixel moves) alone, and the whole surface only when the status changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QWidget

from clinic_timer.core.frame import Frame, frame_of
from clinic_timer.core.session import SessionView, State, Status
from clinic_timer.ui.clock_face import ClockFace, Pulse, mix
from clinic_timer.ui.theme import BORDER_STYLES, BORDER_WEIGHT, clock_colour, current_colours

if TYPE_CHECKING:
    from collections.abc import Sequence

    from clinic_timer.core.nudges import ShownNudge
    from clinic_timer.ui.controller import SessionController

Drawer = tuple[tuple[str, ...], Callable[[Any, Frame], None]]
"""The frame fields a part of a window shows, and how to draw them on the window: drawn again only when one changes.

A drawer takes the window as its first argument rather than closing over
it, so a window's table of drawers holds no reference back to the window:
a reference cycle through a widget is freed by the cycle collector in
whatever thread happens to allocate, and Qt objects must die on theirs.
"""


class StatusWindow(QWidget):
    """A window that shows the clinic's clock and status to others.

    Subclasses build their widgets (including ``self.clock``), then call
    :meth:`follow`; they implement :meth:`_drawers` (which fields each of
    their parts shows), :meth:`_apply_sizes` and :meth:`_apply_colours`.

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
    case_title = ""  # the speaker's case title in a crew's landing, only where the crew switched it on

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
        self._nudge = ""
        self._frame: Frame | None = None
        self._drawn: Sequence[Drawer] = ()
        self._flash_level = 0.0
        self._framed: Status | None = None  # the status the surface was last painted for
        self._pulse = Pulse(self)
        self._pulse.level_changed.connect(self._on_pulse_level_changed)

    def follow(self) -> None:
        """Connects to the controller and shows where the clinic stands now."""
        self._drawn = self._drawers()
        self.controller.view_changed.connect(self._on_controller_view_changed)  # a new session brings one too
        self.controller.nudge_changed.connect(self._on_controller_nudge_changed)
        shown = self.controller.shown_nudge()
        self._nudge = shown.text if shown is not None else ""
        self._view = self.controller.view()
        self._apply_colours()
        self._refresh_frame()

    # -- public ------------------------------------------------------------------

    def set_flash(self, enabled: bool) -> None:
        """Lets the background pulse gently while time is up or over (off by default)."""
        self._pulse.set_enabled(enabled)

    @property
    def flashing(self) -> bool:
        """Whether the pulse is running now."""
        return self._pulse.running

    @property
    def frame(self) -> Frame | None:
        """The frame on screen (None until :meth:`follow`)."""
        return self._frame

    # -- for subclasses ----------------------------------------------------------

    def _drawers(self) -> Sequence[Drawer]:
        raise NotImplementedError

    def _apply_sizes(self) -> None:
        raise NotImplementedError

    def _apply_colours(self) -> None:
        raise NotImplementedError

    def _refresh_frame(self) -> None:
        """Shows the frame of the last view, with the nudge and the case title as they are now."""
        self._show(frame_of(self._view, self._nudge, self.case_title))

    def _show(self, frame: Frame) -> None:
        """Draws what differs from the frame on screen, then the status's colour, pulse and outline."""
        previous = self._frame
        if frame == previous:
            return
        self._frame = frame
        for fields, draw in self._drawn:
            if previous is None or any(getattr(frame, f) != getattr(previous, f) for f in fields):
                draw(self, frame)
        if previous is None or (frame.state, frame.status) != (previous.state, previous.status):
            self._pulse.set_status(frame.status)
            self._colour_clock()
        if frame.status != self._framed:
            self._framed = frame.status
            self.update()

    def _status(self) -> Status | None:
        return self._frame.status if self._frame is not None else None

    def _colour_clock(self) -> None:
        frame = self._frame
        state = frame.state if frame is not None and frame.state is not None else State.READY
        self.clock.set_colour(clock_colour(state, frame.status if frame is not None else None))

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
        self._view = view
        self._refresh_frame()

    def _on_controller_nudge_changed(self, nudge: ShownNudge | None) -> None:
        self._nudge = nudge.text if nudge is not None else ""
        self._refresh_frame()

    def _on_pulse_level_changed(self, level: float) -> None:
        self._flash_level = level
        self.update()
