"""Renders ``assets/icons/clinic-timer.svg`` to the PNG sizes desktops ask for, with Qt's own SVG renderer.

The PNGs are committed (the app and the bundle load them without QtSvg), so
run this again after changing the drawing:
``uv run python tools/make_icons.py``.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from clinic_timer import paths
from clinic_timer.desktop import ICON_SIZES


def render(renderer: QSvgRenderer, size: int) -> QImage:
    """One square, transparent, antialiased rendering of the drawing."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    """Writes ``clinic-timer-<size>.png`` beside the SVG for every size in :data:`ICON_SIZES`."""
    app = QGuiApplication(sys.argv[:1])
    svg = paths.icon_svg()
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        print(f"cannot read {svg}", file=sys.stderr)
        return 1
    for size in ICON_SIZES:
        target = paths.icon_png(size)
        if not render(renderer, size).save(str(target)):  # PNG, from the suffix
            print(f"cannot write {target}", file=sys.stderr)
            return 1
        print(f"wrote {target}")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
