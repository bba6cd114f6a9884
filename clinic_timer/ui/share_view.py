"""The share view: the one window made to be screen-shared into a video call.

It shows only what the group should see, in this order of weight: the
countdown, who speaks (and who is next), the phase and what it asks of
everyone, the nudge of the moment, and how far through the clinic they are.
There is nothing private here and nothing to click: no notes, no buttons,
no menus, not even a context menu, so sharing this window can never leak
the facilitator's notes or show a stray dialog to the crew.

What it says is a :class:`~clinic_timer.core.frame.Frame`, written outside
Qt (the mini timer renders the same one); this module only lays it out.

Every row gets a fixed share of the window's height and every text is fitted
to its row (see :mod:`clinic_timer.ui.fitting`), so the same layout reads at
480x270, the size of a tile in a video-call grid, and at full screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from clinic_timer.ui import titles
from clinic_timer.ui.clock_face import ClockFace, StatusBadge, palette_with
from clinic_timer.ui.fitting import FittedLabel
from clinic_timer.ui.names import caption_alignment, name_floor
from clinic_timer.ui.status_window import StatusWindow
from clinic_timer.ui.theme import current_colours, current_text_scale

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from clinic_timer.core.frame import Frame, Progress
    from clinic_timer.ui.controller import SessionController
    from clinic_timer.ui.status_window import Drawer

DEFAULT_SIZE = (1280, 720)
MINIMUM_SIZE = (480, 270)

# Each row's share of the height. They never change with the content, so
# a nudge coming or going never moves the clock.
ROW_STRETCH = {"header": 7, "phase": 10, "instruction": 8, "clock": 40, "people": 14, "nudge": 12, "bar": 3}

# Each text's preferred pixel size as a fraction of the window height; the
# rows' boxes cap them, and the app's text scale multiplies the small ones.
CEILINGS = {
    "counter": 0.028,
    "badge": 0.034,
    "phase": 0.075,
    "instruction": 0.038,
    "caption": 0.024,
    "speaker": 0.075,
    "next": 0.05,
    "nudge": 0.042,
}
SCALED = {"counter", "instruction", "caption", "nudge"}
# Pixel sizes below which a text would not read in a video-call thumbnail.
FLOORS = {"counter": 9, "badge": 10, "caption": 9, "instruction": 11, "nudge": 11}


class PhaseProgress(QWidget):
    """The clinic as a row of segments, one per phase.

    Done phases are filled, the current one is outlined and filled as far as
    it has gone (split by turn in a coach phase), and later ones are a faint
    track: shape tells them apart as well as colour.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self._count = 0
        self._index = 0
        self._progress = 0.0
        self._turns = 0

    @property
    def progress(self) -> tuple[int, int, float]:
        """``(phase index, phase count, fraction of the current phase done)``."""
        return self._index, self._count, self._progress

    def set_progress(self, progress: Progress) -> None:
        """Shows a frame's progress; repaints only when a pixel would change."""
        segment = self.width() / max(progress.count, 1)
        shown = (self._count, self._index, self._turns, round(self._progress * segment))
        self._progress = progress.done
        if shown == (progress.count, progress.index, progress.turns, round(progress.done * segment)):
            return  # not a pixel would change
        self._count, self._index, self._turns = progress.count, progress.index, progress.turns
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        """Draws the segments: done filled, current tall and filled as far as it has gone, later hollow."""
        if self._count <= 0:
            return
        colours = current_colours()
        accent, line = QColor(colours.accent), QColor(colours.line)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        height = float(self.height())
        gap = max(height * 0.8, 4.0)
        width = (self.width() - gap * (self._count - 1)) / self._count
        thin = height * 0.55
        for index in range(self._count):
            left = index * (width + gap)
            if index != self._index:
                rect = QRectF(left, (height - thin) / 2, width, thin)
                outline = max(thin / 6, 1.0)
                painter.setPen(Qt.PenStyle.NoPen if index < self._index else QPen(line, outline))
                painter.setBrush(accent if index < self._index else Qt.BrushStyle.NoBrush)
                inset = 0.0 if index < self._index else outline / 2
                painter.drawRoundedRect(rect.adjusted(inset, inset, -inset, -inset), thin / 2, thin / 2)
                continue
            rect = QRectF(left, 0, width, height)
            shape = QPainterPath()
            shape.addRoundedRect(rect, height / 2, height / 2)
            painter.save()
            painter.setClipPath(shape)
            painter.fillRect(rect, QColor(colours.surface))
            painter.fillRect(QRectF(left, 0, width * self._progress, height), accent)
            painter.setPen(QPen(QColor(colours.window), max(height / 6, 1.0)))
            for turn in range(1, self._turns):
                x = left + width * turn / self._turns
                painter.drawLine(QPointF(x, 0), QPointF(x, height))
            painter.restore()
            outline = max(height / 6, 1.0)
            painter.setPen(QPen(accent, outline))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            half = outline / 2
            painter.drawRoundedRect(
                rect.adjusted(half, half, -half, -half), height / 2 - half, height / 2 - half
            )
        painter.end()


class NudgeCard(QFrame):
    """The nudge of the moment, on a quiet card with an accent edge."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # its row stays, so nothing else moves
        self.setSizePolicy(policy)
        self.label = FittedLabel(wrap=True, parent=self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        font = self.label.font()
        font.setItalic(True)
        self.label.setFont(font)
        self._layout = QHBoxLayout(self)
        self._layout.addWidget(self.label)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        """Pads the text in proportion to the card's height."""
        height = event.size().height()
        pad = max(int(height * 0.14), 3)
        self._layout.setContentsMargins(pad * 2 + self._edge(), pad, pad * 2, pad)
        super().resizeEvent(event)

    def _edge(self) -> int:
        return max(int(self.height() * 0.06), 3)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        """Draws the card and its accent edge."""
        colours = current_colours()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        radius = min(self.height() * 0.18, 18.0)
        painter.setPen(QPen(QColor(colours.line), 1.0))
        painter.setBrush(QColor(colours.surface))
        painter.drawRoundedRect(rect, radius, radius)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colours.accent))
        edge = QRectF(rect.left(), rect.top(), self._edge(), rect.height())
        painter.setClipRect(edge)
        painter.drawRoundedRect(rect, radius, radius)
        painter.end()


class ShareView(StatusWindow):
    """The window the group sees.

    Args:
        controller: the session controller; the view only listens to it.
        parent: the owning widget, if any (a top-level window when None).
    """

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.setWindowTitle(titles.title(titles.SHARE_VIEW))
        self.setMinimumSize(*MINIMUM_SIZE)
        self.resize(*DEFAULT_SIZE)
        self._build()
        self.follow()

    # -- building ----------------------------------------------------------------

    def _build(self) -> None:
        self.counter = self._label("counter", weight=QFont.Weight.DemiBold)
        self.badge = StatusBadge(self)
        self.phase_name = self._label("phase", weight=QFont.Weight.Bold)
        self.instruction = self._label("instruction", wrap=True)
        self.clock = ClockFace(self)
        self.speaker_caption = self._label("caption", weight=QFont.Weight.DemiBold)
        self.speaker = self._label("speaker", weight=QFont.Weight.Bold)
        self.next_caption = self._label("caption", weight=QFont.Weight.DemiBold)
        self.next_speaker = self._label("next", weight=QFont.Weight.DemiBold)
        # Names may be Arabic or Hebrew: absolute alignment keeps each under its caption,
        # written in its own direction (see names.caption_alignment).
        for label in (self.speaker_caption, self.speaker):
            label.setAlignment(caption_alignment(Qt.AlignmentFlag.AlignLeft))
        for label in (self.next_caption, self.next_speaker):
            label.setAlignment(caption_alignment(Qt.AlignmentFlag.AlignRight))
        self.nudge = NudgeCard(self)
        self.progress = PhaseProgress(self)
        self._muted = [self.counter, self.instruction, self.speaker_caption, self.next_caption]
        self._muted.append(self.next_speaker)

        header = QHBoxLayout()
        header.addWidget(self.counter, 6)
        header.addWidget(self.badge, 4)
        people = QHBoxLayout()
        people.addLayout(self._stack(self.speaker_caption, self.speaker), 3)
        people.addLayout(self._stack(self.next_caption, self.next_speaker), 2)
        self._layout = QVBoxLayout(self)
        rows: dict[str, QWidget | QBoxLayout] = {
            "header": header,
            "phase": self.phase_name,
            "instruction": self.instruction,
            "clock": self.clock,
            "people": people,
            "nudge": self.nudge,
            "bar": self.progress,
        }
        for name, row in rows.items():
            if isinstance(row, QBoxLayout):
                self._layout.addLayout(row, ROW_STRETCH[name])
            else:
                self._layout.addWidget(row, ROW_STRETCH[name])
        self._rows = [header, people]

    def _label(
        self, role: str, weight: QFont.Weight = QFont.Weight.Normal, wrap: bool = False
    ) -> FittedLabel:
        label = FittedLabel(wrap=wrap, parent=self)
        label.setProperty("role", role)
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        font = label.font()
        font.setWeight(weight)
        label.setFont(font)
        return label

    @staticmethod
    def _stack(caption: QWidget, name: QWidget) -> QVBoxLayout:
        stack = QVBoxLayout()
        stack.setSpacing(0)
        stack.addWidget(caption, 2)
        stack.addWidget(name, 5)
        return stack

    # -- rendering ---------------------------------------------------------------

    def _drawers(self) -> Sequence[Drawer]:
        return SHARE_DRAWERS

    def _show_nudge(self, frame: Frame) -> None:
        self.nudge.label.set_text(frame.nudge)
        self.nudge.setVisible(bool(frame.nudge))

    def _apply_colours(self) -> None:
        colours = current_colours()
        self.setPalette(palette_with(self, QColor(colours.text), QColor(colours.window)))
        muted = set(self._muted)
        for label in self.findChildren(FittedLabel):
            if label is not self.clock and label is not self.badge:  # those two colour by status
                label.set_colour(QColor(colours.muted if label in muted else colours.text))
        self._colour_clock()
        self.update()

    def _apply_sizes(self) -> None:
        width = self.width()
        height = min(self.height(), int(width * 0.75))  # a portrait window sizes text as a 4:3 one
        scale = current_text_scale()
        margin_x, margin_y = int(width * 0.05), int(height * 0.05)
        self._layout.setContentsMargins(margin_x, margin_y, margin_x, int(height * 0.04))
        self._layout.setSpacing(max(int(height * 0.014), 2))
        for row in self._rows:
            row.setSpacing(max(int(width * 0.03), 8))
        ceilings = {
            role: max(height * share, FLOORS.get(role, 0)) * (scale if role in SCALED else 1.0)
            for role, share in CEILINGS.items()
        }
        for label in self.findChildren(FittedLabel):
            role = label.property("role")
            if isinstance(role, str):
                label.set_ceiling(max(int(ceilings[role]), 1))
        for name in (self.speaker, self.next_speaker):  # a long name is elided, never unreadable
            role = str(name.property("role"))
            name.set_floor(name_floor(ceilings[role]))
        self.badge.set_ceiling(int(ceilings["badge"]))
        self.nudge.label.set_ceiling(int(ceilings["nudge"]))
        self.clock.set_ceiling(int(height * 0.4))

    def set_case_title(self, title: str) -> None:
        """Shows the speaker's case title beside "SPEAKING" ("" for none); the crew chose to share it."""
        self.case_title = title
        self._refresh_frame()


SHARE_DRAWERS: tuple[tuple[tuple[str, ...], Callable[[ShareView, Frame], None]], ...] = (
    (("counter",), lambda w, f: w.counter.set_text(f.counter)),
    (("symbol", "word", "status"), lambda w, f: w.badge.show_badge(f.badge, f.status)),
    (("phase",), lambda w, f: w.phase_name.set_text(f.phase)),
    (("instruction",), lambda w, f: w.instruction.set_text(f.instruction)),
    (("countdown", "planned"), lambda w, f: w.clock.show_reading(f.countdown, f.planned)),
    (("speaker_caption",), lambda w, f: w.speaker_caption.set_text(f.speaker_caption)),
    (("speaker",), lambda w, f: w.speaker.set_text(f.speaker)),
    (("next_caption",), lambda w, f: w.next_caption.set_text(f.next_caption)),
    (("next_speaker",), lambda w, f: w.next_speaker.set_text(f.next_speaker)),
    (("progress",), lambda w, f: w.progress.set_progress(f.progress)),
    (("nudge",), ShareView._show_nudge),
)
"""Which frame fields each part of the share view shows (see :data:`~clinic_timer.ui.status_window.Drawer`)."""
