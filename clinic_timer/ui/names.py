"""People's names on screen: in their own writing direction, and never wider than their place.

Names come from whoever types them: Arabic or Hebrew as well as Latin,
and sometimes forty characters long. Two things go wrong with a plain
label. A right-to-left name set inside a left-to-right sentence
("Reflections · محمد") pulls its neighbours into its own direction and the
line reads reversed; and a long name asks its window for the room to
show it whole, so the console grows past the screen. :func:`isolate`
(Qt-free, in :mod:`clinic_timer.core.frame`, which writes the shared
windows' words) answers the first with Unicode's bidi isolates; :class:`ElidedLabel` the
second.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from clinic_timer.core.frame import isolate

__all__ = ["ElidedLabel", "caption_alignment", "isolate", "name_floor"]

NAME_FLOOR_SHARE = 0.75  # a name shrinks to this share of its preferred size at most, then is elided
NAME_FLOOR_PX = 11  # ... and never below this many pixels, the least that reads in a 480x270 tile


def name_floor(ceiling: float) -> int:
    """The least pixel size for a name whose preferred size is ``ceiling``.

    Relative to the ceiling, so the speaker's name (larger ceiling) stays
    larger than the next one's even when both are long.
    """
    return max(int(ceiling * NAME_FLOOR_SHARE), NAME_FLOOR_PX)


def caption_alignment(horizontal: Qt.AlignmentFlag) -> Qt.AlignmentFlag:
    """An alignment that holds for text in either direction, so a name sits under its caption.

    Qt reads a plain ``AlignLeft`` as "the start of the text", which for an
    Arabic name is the right: the name would drift away from the caption
    above it. ``AlignAbsolute`` keeps left left; the text itself is still
    laid out in its own direction.
    """
    return horizontal | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter


class ElidedLabel(QLabel):
    """A one-line label that asks for no width and elides what does not fit ("Maximiliana Jos…").

    Its full text stays in :meth:`text` (and the tooltip), so nothing is
    lost; only the painting is shortened.

    Args:
        parent: the owning widget.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(1)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        """Shows ``text``; the tooltip carries it whole."""
        super().setText(text)
        self.setToolTip(text)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """As tall as one line, and no width of its own."""
        return QSize(1, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """As tall as one line, as wide as the text but never more than the layout offers."""
        hint = super().sizeHint()
        return QSize(min(hint.width(), 240), hint.height())

    def shown_text(self) -> str:
        """The text as painted: whole if it fits, elided on the right if not."""
        metrics = QFontMetrics(self.font())
        return metrics.elidedText(self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        """Paints :meth:`shown_text` in the label's colour and alignment."""
        painter = QPainter(self)
        painter.setFont(self.font())
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(self.contentsRect(), int(self.alignment().value), self.shown_text())
        painter.end()
