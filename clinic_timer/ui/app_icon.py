"""The app's own icon, for every window and for the desktop's window list.

Set once on the ``QApplication`` (:func:`set_app_icon`), it is the icon of
every window that has none of its own: the console, the share view and the
mini timer included, so a video-call app's window picker shows it beside
the title. The PNGs are given with their sizes, so Qt reads each file only
when a size is first drawn: nothing is decoded at launch.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication, QIcon

from clinic_timer import paths
from clinic_timer.desktop import ICON_SIZES


def app_icon() -> QIcon:
    """The icon at every shipped size; an empty icon if the files are missing (Qt's default shows)."""
    icon = QIcon()
    try:
        files = [(size, paths.icon_png(size)) for size in ICON_SIZES]
    except (
        FileNotFoundError
    ):  # no assets/ at all: the app says so elsewhere; a missing icon is no reason to stop
        return icon
    for size, path in files:
        if path.is_file():
            icon.addFile(str(path), QSize(size, size))
    return icon


def set_app_icon(app: QGuiApplication) -> None:
    """Gives every window the icon, and tells the desktop which entry the windows belong to."""
    app.setWindowIcon(app_icon())
    QGuiApplication.setDesktopFileName(paths.APP_ID)
