"""The countdown and the status badge, shared by the share view, the mini timer and the console.

Nothing here counts. The countdown is a :class:`~clinic_timer.core.frame.Frame`'s reading; the
controller decides when a new view (and so a new frame) arrives. The only animation is the
optional flash, a slow pulse that is purely decoration.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QEasingCurve, QObject, QRectF, Qt, QVariantAnimation, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen, QResizeEvent

from clinic_timer.core.frame import NO_CLOCK
from clinic_timer.core.states import Status
from clinic_timer.ui import glyphs
from clinic_timer.ui.fitting import FittedLabel
from clinic_timer.ui.theme import BORDER_STYLES, BORDER_WEIGHT, current_colours

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

PULSE_PERIOD_MS = 2400  # slow enough to be gentle, never a strobe
_ANY_DIGIT = re.compile(r"\d")


def widest_reading(*readings: str) -> str:
    """The widest of ``readings`` with every digit made an 8, to size a clock once per slot."""
    shapes = [_ANY_DIGIT.sub("8", r) for r in readings]
    return max(shapes, key=len)


def mix(base: QColor, tint: QColor, amount: float) -> QColor:
    """``base`` moved ``amount`` (0-1) of the way towards ``tint``."""
    amount = min(max(amount, 0.0), 1.0)
    return QColor.fromRgbF(
        base.redF() + (tint.redF() - base.redF()) * amount,
        base.greenF() + (tint.greenF() - base.greenF()) * amount,
        base.blueF() + (tint.blueF() - base.blueF()) * amount,
    )


class ClockFace(FittedLabel):
    """The countdown, as large as its box allows, in the status colour.

    It is sized on the widest reading the slot can show (its full time and
    an overtime reading), so the digits do not change size every second.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(ceiling=400, parent=parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.font()
        font.setWeight(QFont.Weight.DemiBold)
        font.setFeature(QFont.Tag("tnum"), 1)  # tabular digits: the clock never wobbles
        self.setFont(font)
        self._planned = ""
        self._reading = ""

    def text(self) -> str:
        """The reading shown (kept here, not in QLabel: see :meth:`set_text`)."""
        return self._reading

    def full_text(self) -> str:
        """The reading: a clock is never elided."""
        return self._reading

    def _display(self, shown: str) -> None:
        """Nothing to put in QLabel: :meth:`paintEvent` draws the reading."""

    def set_text(self, text: str) -> None:
        """Shows a new reading with a repaint of the clock alone.

        QLabel.setText would ask the whole window to lay out again every
        second; the clock's size comes from its sample, not its text.
        """
        if text == self._reading:
            return
        self._reading = text
        if not self._sample:
            self.refit()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        """Draws the reading from cached glyphs (plain text for anything else)."""
        painter = QPainter(self)
        colour = self.palette().color(self.foregroundRole())
        box = self.contentsRect()
        if glyphs.can_draw(self._reading):
            glyphs.draw(painter, box, self._reading, self.font(), colour, self.alignment())
        else:
            painter.setFont(self.font())
            painter.setPen(colour)
            painter.drawText(box, int(self.alignment().value), self._reading)
        painter.end()

    def show_reading(self, reading: str, planned: str) -> None:
        """Shows a frame's ``reading``, sized on the slot's ``planned`` time (a :class:`~clinic_timer.core.frame.Frame`'s).

        With no planned time (before a clinic, after its end) the size stays
        as it was, but for the placeholder, which is sized on its own.
        """
        if planned:
            if planned != self._planned or len(reading) > len(self._sample):
                self._planned = planned
                self.set_sample(widest_reading(planned, "+8:88", reading))
        elif reading == NO_CLOCK:
            self._planned = ""
            self.set_sample("88:88")
        self.set_text(reading)

    def clear(self) -> None:
        """Shows the placeholder of a clock with no clinic."""
        self.show_reading(NO_CLOCK, "")


class StatusBadge(FittedLabel):
    """The status as a pill: symbol, word, colour, and an outline of its own style.

    The pill hugs its text and sits at the label's alignment; its outline is
    solid when calm, dashed at the warning, heavy at time up and dotted in
    overtime, so the status reads without colour.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(ceiling=24, parent=parent)
        self._status: Status | None = None
        font = self.font()
        font.setWeight(QFont.Weight.DemiBold)
        self.setFont(font)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    @property
    def status(self) -> Status | None:
        """The status shown; None for a session that is not running (ready, paused, finished)."""
        return self._status

    def show_badge(self, text: str, status: Status | None) -> None:
        """Shows a frame's badge, outlined for ``status`` (None when the clock is not running)."""
        if status != self._status:
            self._status = status
            self.update()  # the outline follows the status
        self.set_text(text)

    def colour(self) -> QColor:
        """The badge's colour in the current theme."""
        colours = current_colours()
        return colours.status(self._status) if self._status else QColor(colours.muted)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        """Pads the text in proportion to the badge's height, then refits it."""
        height = event.size().height()
        self.setContentsMargins(
            int(height * 0.45), int(height * 0.16), int(height * 0.45), int(height * 0.16)
        )
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        """Draws the pill, then the text in the status colour."""
        colour = self.colour()
        status = self._status or Status.CALM
        metrics = QFontMetrics(self.font())
        inner = self.contentsRect()
        text_width = min(metrics.horizontalAdvance(self.text()), inner.width())
        margins = self.contentsMargins()
        width = text_width + margins.left() + margins.right()
        left = self.width() - width if self.alignment() & Qt.AlignmentFlag.AlignRight else 0
        if self.alignment() & Qt.AlignmentFlag.AlignHCenter:
            left = (self.width() - width) // 2
        weight = max(1.0, self.height() / 22) * BORDER_WEIGHT[status]
        pill = QRectF(left, 0, width, self.height()).adjusted(
            weight / 2, weight / 2, -weight / 2, -weight / 2
        )
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill = QColor(colour)
        fill.setAlphaF(0.10)
        pen = QPen(colour, weight, BORDER_STYLES[status] if self._status else Qt.PenStyle.SolidLine)
        painter.setPen(pen)
        painter.setBrush(fill)
        radius = pill.height() / 2
        painter.drawRoundedRect(pill, radius, radius)
        painter.setPen(colour)
        painter.setFont(self.font())
        painter.drawText(pill, int(Qt.AlignmentFlag.AlignCenter), self.text())
        painter.end()


class Pulse(QObject):
    """The optional flash: a slow rise and fall, only while time is up or over.

    Off by default: a flashing screen in a room where someone is speaking
    about something hard is a distraction, so the facilitator opts in.
    """

    level_changed = Signal(float)  # 0 (resting) to 1 (the peak of the pulse)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._enabled = False
        self._wanted = False
        self._animation = QVariantAnimation(self)
        self._animation.setDuration(PULSE_PERIOD_MS)
        self._animation.setStartValue(0.0)
        self._animation.setKeyValueAt(0.5, 1.0)
        self._animation.setEndValue(0.0)
        self._animation.setEasingCurve(QEasingCurve.Type.InOutSine)
        self._animation.setLoopCount(-1)
        self._animation.valueChanged.connect(self._on_animation_value_changed)

    @property
    def running(self) -> bool:
        """Whether the pulse is animating now."""
        return self._animation.state() is QVariantAnimation.State.Running

    def set_enabled(self, enabled: bool) -> None:
        """Lets the pulse run (the facilitator's choice)."""
        self._enabled = enabled
        self._update()

    def set_status(self, status: Status | None) -> None:
        """Runs only while time is up or over (``status`` is None when the clock is not running)."""
        self._wanted = status in (Status.TIME_UP, Status.OVERTIME)
        self._update()

    def _update(self) -> None:
        run = self._enabled and self._wanted
        if run and not self.running:
            self._animation.start()
        elif not run and self.running:
            self._animation.stop()
            self.level_changed.emit(0.0)

    def _on_animation_value_changed(self, value: object) -> None:
        self.level_changed.emit(float(value) if isinstance(value, int | float) else 0.0)


def palette_with(widget: QWidget, text: QColor, window: QColor | None = None) -> QPalette:
    """``widget``'s palette with its text (and optionally background) colour replaced."""
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, text)
    if window is not None:
        palette.setColor(QPalette.ColorRole.Window, window)
    return palette
