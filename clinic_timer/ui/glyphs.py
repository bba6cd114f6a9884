"""Large clock digits drawn from a cache of pre-rendered glyphs.

Qt draws text above a modest pixel size as filled outlines, afresh every
time: a 300-pixel countdown on the share view costs milliseconds a second
that way. A clock only ever shows a dozen characters, so each is rendered
once per font and colour into a pixmap and the reading is composed from
them. The cache is small and bounded; a theme or size change just adds
new entries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QLabel, QWidget

if TYPE_CHECKING:
    from collections.abc import Hashable

CLOCK_CHARACTERS = frozenset("0123456789:+-–")
_MAX_ENTRIES = 512


class GlyphCache:
    """Pixmaps of single characters, by font, colour and device pixel ratio."""

    def __init__(self) -> None:
        self._pixmaps: dict[Hashable, QPixmap] = {}

    def glyphs(self, text: str, font: QFont, colour: QColor, ratio: float) -> list[QPixmap]:
        """The pixmap of each character of ``text``, in order (its full advance wide, the font's height high)."""
        style = (font.key(), colour.rgba(), ratio)  # the font's key is costly: once per reading
        found = []
        for char in text:
            key = (char, style)
            pixmap = self._pixmaps.get(key)
            if pixmap is None:
                if len(self._pixmaps) >= _MAX_ENTRIES:
                    self._pixmaps.clear()
                pixmap = _render(char, font, colour, ratio)
                self._pixmaps[key] = pixmap
            found.append(pixmap)
        return found

    def __len__(self) -> int:
        return len(self._pixmaps)


def _render(char: str, font: QFont, colour: QColor, ratio: float) -> QPixmap:
    metrics = QFontMetricsF(font)
    width = max(metrics.horizontalAdvance(char), 1.0)
    pixmap = QPixmap(max(round(width * ratio), 1), max(round(metrics.height() * ratio), 1))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setFont(font)
    painter.setPen(colour)
    painter.drawText(QPointF(0, metrics.ascent()), char)
    painter.end()
    return pixmap


SHARED = GlyphCache()


def can_draw(text: str) -> bool:
    """Whether every character of ``text`` is one the cache is meant for."""
    return bool(text) and set(text) <= CLOCK_CHARACTERS


def draw(
    painter: QPainter, box: QRect, text: str, font: QFont, colour: QColor, alignment: Qt.AlignmentFlag
) -> None:
    """Draws ``text`` in ``box`` from cached glyphs, aligned as a label would."""
    ratio = painter.device().devicePixelRatioF()
    glyphs = SHARED.glyphs(text, font, colour, ratio)
    widths = [g.width() / ratio for g in glyphs]
    height = QFontMetricsF(font).height()
    total = sum(widths)
    if alignment & Qt.AlignmentFlag.AlignHCenter:
        x = box.left() + (box.width() - total) / 2
    elif alignment & Qt.AlignmentFlag.AlignRight:
        x = box.right() - total
    else:
        x = float(box.left())
    if alignment & Qt.AlignmentFlag.AlignVCenter:
        y = box.top() + (box.height() - height) / 2
    elif alignment & Qt.AlignmentFlag.AlignBottom:
        y = box.bottom() - height
    else:
        y = float(box.top())
    for glyph, width in zip(glyphs, widths, strict=True):
        painter.drawPixmap(QPointF(x, y), glyph)
        x += width


class GlyphLabel(QLabel):
    """A QLabel that draws clock readings from the glyph cache (anything else as usual).

    Its colour is set with :meth:`set_colour` rather than through its palette:
    restyling the app (a theme, a style sheet, a re-polish) resets every
    widget's palette, and a clock in overtime must not turn calm for that.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._colour: QColor | None = None

    def set_colour(self, colour: QColor | None) -> None:
        """Draws the text in ``colour``; None for the palette's text colour."""
        if colour != self._colour:
            self._colour = colour
            self.update()

    def colour(self) -> QColor:
        """The colour the text is drawn in."""
        return self._colour or self.palette().color(self.foregroundRole())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        """Composes the reading from cached glyphs when it can."""
        text = self.text()
        if self._colour is None and not can_draw(text):
            super().paintEvent(event)
            return
        colour = self.colour()
        painter = QPainter(self)
        if can_draw(text):
            draw(painter, self.contentsRect(), text, self.font(), colour, self.alignment())
        else:
            painter.setFont(self.font())
            painter.setPen(colour)
            painter.drawText(self.contentsRect(), int(self.alignment().value), text)
        painter.end()
