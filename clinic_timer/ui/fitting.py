"""Text that fits its box: the largest font size at which a text shows whole.

The share view is seen anywhere from a 480x270 thumbnail in a video-call
grid to a full screen, and the wording comes from format files nobody here
controls. So labels never trust a fixed size: each is given a box by the
layout and the largest size (up to a ceiling set from the window's size)
at which its text, wrapped if it may wrap, fits inside. Nothing is clipped;
the text shrinks instead, down to the label's floor. A name given a floor
(the speaker's, say) stops there and is elided ("Maximiliana Jos…"): a
forty-letter name shrunk to 8 px is unreadable, and a readable part of it,
said aloud by the voice anyway, serves the group better.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPalette, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

MIN_PIXEL_SIZE = 6
WRAP_SLACK = 1
_UNBOUNDED = 1_000_000


def text_size(font: QFont, text: str, width: int, wrap: bool) -> QSize:
    """The size ``text`` takes in ``font``: on one line, or wrapped at ``width``.

    It measures the way QLabel lays text out (``QFontMetrics.size`` and
    ``boundingRect`` with flags), which is a pixel taller per line than
    ``QFontMetrics.height()``: enough to clip a descender.
    """
    metrics = QFontMetrics(font)
    if not wrap:
        return metrics.size(0, text)
    flags = int(Qt.TextFlag.TextWordWrap)
    return metrics.boundingRect(QRect(0, 0, max(width, 1), _UNBOUNDED), flags, text).size()


def fits(font: QFont, text: str, box: QSize, wrap: bool) -> bool:
    """Whether ``text`` shows whole in ``box``."""
    size = text_size(font, text, box.width(), wrap)
    slack = WRAP_SLACK if wrap else 0  # centring several lines can round a pixel over
    return size.width() <= box.width() and size.height() <= box.height() - slack


def fit_pixel_size(font: QFont, text: str, box: QSize, ceiling: int, wrap: bool = False) -> int:
    """The largest pixel size, up to ``ceiling``, at which ``text`` fits in ``box``.

    A binary search: each probe is one QFontMetrics measurement, so a label
    refits in well under a millisecond.

    Args:
        font: the family, weight and style to measure with; its size is ignored.
        text: what must fit.
        box: the space available.
        ceiling: the size it should have when there is room.
        wrap: whether the text may break between words.

    Returns:
        A pixel size; :data:`MIN_PIXEL_SIZE` when even that does not fit.
    """
    probe = QFont(font)
    low, high = MIN_PIXEL_SIZE, max(ceiling, MIN_PIXEL_SIZE)
    probe.setPixelSize(high)
    if fits(probe, text, box, wrap):
        return high
    while low < high - 1:
        middle = (low + high) // 2
        probe.setPixelSize(middle)
        if fits(probe, text, box, wrap):
            low = middle
        else:
            high = middle
    return low


class FittedLabel(QLabel):
    """A label whose font shrinks from a ceiling until its text fits its geometry.

    Its size policy is ``Ignored``: the layout gives it a box by stretch
    factor, never by what the text would like, so a long nudge cannot push
    the countdown off the window. The label then fits the text to the box.

    Args:
        ceiling: the preferred pixel size, set again as the window resizes.
        wrap: whether the text may break over lines.
        sample: if given, the fit is measured on this text instead (the
            clock measures "+88:88" so its size does not jump each second).
        parent: the owning widget.
        floor: the least pixel size; a one-line text that does not fit even
            at the floor is shown elided at it (:meth:`full_text` keeps it whole).
    """

    def __init__(
        self,
        ceiling: int = 16,
        wrap: bool = False,
        sample: str = "",
        parent: QWidget | None = None,
        floor: int = MIN_PIXEL_SIZE,
    ) -> None:
        super().__init__(parent)
        self._ceiling = ceiling
        self._sample = sample
        self._floor = floor
        self._full = ""
        self._colour: QColor | None = None  # the text colour this label holds, if it has its own
        self._fitted_for: tuple[object, ...] | None = None
        self._fitted_pixels = 0
        self.setWordWrap(wrap)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setMinimumSize(1, 1)

    def set_ceiling(self, pixels: int) -> None:
        """Sets the preferred pixel size (the window's size decides it) and refits."""
        if pixels != self._ceiling:
            self._ceiling = pixels
            self.refit()

    def set_floor(self, pixels: int) -> None:
        """Sets the least pixel size (below it the text is elided instead) and refits."""
        if pixels != self._floor:
            self._floor = pixels
            self.refit()

    def set_colour(self, colour: QColor) -> None:
        """Gives the text its own colour, and keeps it when Qt replaces the palette.

        Like the fitted size (see :meth:`changeEvent`), a colour set on a
        label does not survive a restyle: re-polishing with the new style
        sheet put back the palette the label had when first shown, so after
        a dark theme and a text-size step the share view's muted texts came
        back in the light theme's grey.
        """
        self._colour = QColor(colour)
        self._hold_colour()

    def colour(self) -> QColor:
        """The text colour painted now."""
        return self.palette().color(self.foregroundRole())

    def _hold_colour(self) -> None:
        if self._colour is not None and self.palette().color(QPalette.ColorRole.WindowText) != self._colour:
            palette = self.palette()
            palette.setColor(QPalette.ColorRole.WindowText, self._colour)
            self.setPalette(palette)

    def full_text(self) -> str:
        """The whole text, even when an elided form of it is shown."""
        return self._full

    def set_sample(self, sample: str) -> None:
        """Measures the fit on ``sample`` instead of the text (e.g. the widest time in use)."""
        if sample != self._sample:
            self._sample = sample
            self.refit()

    def set_text(self, text: str) -> None:
        """Shows ``text`` (only if it changed) and refits it."""
        if text != self._full:
            self._full = text
            self._display(text)
            self._fitted_for = None
            self.refit()

    def refit(self) -> None:
        """Sets the largest font size at which the text fits the current box (elided below the floor)."""
        box = self.contentsRect().size()
        text = self._sample or self.full_text()
        font = self.font()
        key: tuple[object, ...] = (text, self._ceiling, self._floor, box.width(), box.height())
        key += (font.family(), font.weight(), font.italic())
        unchanged = key == self._fitted_for and font.pixelSize() == self._fitted_pixels
        if unchanged or not text or box.isEmpty():
            return
        self._fitted_for = key
        pixels = fit_pixel_size(font, text, box, self._ceiling, self.wordWrap())
        shown = self.full_text()
        if pixels < self._floor and not self._sample and not self.wordWrap():
            pixels = fit_pixel_size(font, "Ág…", box, self._floor)  # the floor, if one line is that tall
            probe = QFont(font)
            probe.setPixelSize(pixels)
            shown = QFontMetrics(probe).elidedText(shown, Qt.TextElideMode.ElideRight, box.width())
        self._fitted_pixels = pixels
        self._display(shown)
        if font.pixelSize() != pixels:
            font.setPixelSize(pixels)
            self.setFont(font)

    def _display(self, shown: str) -> None:
        """Puts ``shown`` (the text, or its elided form) in the label."""
        if shown != self.text():
            self.setText(shown)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Fits again when Qt replaces the font, and recolours when it replaces the palette.

        A theme switch or a text-size step sets the application's font and
        style sheet; Qt then hands every widget a font resolved from them,
        which drops the size fitted here (the share view's clock fell from
        217 to 25 px). The size fitted last is remembered, so a font that no
        longer has it is fitted again, whatever replaced it.
        """
        super().changeEvent(event)
        kind = event.type()
        if kind == QEvent.Type.FontChange and self._fitted_pixels not in (0, self.font().pixelSize()):
            self.refit()
        elif kind in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._hold_colour()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        """Refits to the new box."""
        super().resizeEvent(event)
        self.refit()
