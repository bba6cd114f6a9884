"""Every window shows the app's own icon, and the desktop knows which entry they belong to."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication, QIcon

from clinic_timer import paths
from clinic_timer.app import build_app
from clinic_timer.desktop import ICON_SIZES
from clinic_timer.ui.titles import SharedWindow

if TYPE_CHECKING:
    from collections.abc import Iterator

    from PySide6.QtWidgets import QApplication
    from pytestqt.qtbot import QtBot


@pytest.fixture
def no_icon_yet(qapp: QApplication) -> Iterator[None]:
    """Starts without an application icon or desktop file name, as a fresh app does."""
    qapp.setWindowIcon(QIcon())
    QGuiApplication.setDesktopFileName("")
    yield
    qapp.setWindowIcon(QIcon())


@pytest.mark.usefixtures("no_icon_yet")
def test_the_console_share_view_and_mini_timer_carry_the_icon(qtbot: QtBot) -> None:
    """The app sets its icon at every size once, and each window, shared ones included, shows it."""
    args = argparse.Namespace(
        format_name="crew-case-clinic", bringer="Ada", coach=["Ben"], start=False, demo=False, speed=1.0
    )
    parts = build_app(args)
    qtbot.addWidget(parts.console)
    try:
        windows = [
            parts.console,
            parts.windows.open(SharedWindow.SHARE),
            parts.windows.open(SharedWindow.MINI),
        ]
        for window in windows[1:]:
            assert window is not None
            qtbot.addWidget(window)
        for window in windows:
            assert window is not None
            sizes = window.windowIcon().availableSizes()
            assert [QSize(s, s) in sizes for s in ICON_SIZES] == [True] * len(ICON_SIZES), window
        assert QGuiApplication.desktopFileName() == paths.APP_ID
    finally:
        if parts.voice is not None:
            parts.voice.shutdown()
