"""Screenshots of the real windows, mid-clinic, in every theme, for the README and for review.

Run under a virtual X server so the windows are real top-level windows
grabbed from the screen, not widgets rendered off screen::

    xvfb-run -a -s "-screen 0 1920x1080x24" uv run python tools/screenshots.py

The clinic runs on a fake clock set to a realistic moment: the
reflections, Cy speaking with Dee next, a nudge on screen. By default it shoots that moment and the same turn in
overtime, which shows the status cues that do not rely on colour.

The windows open once, in the light theme, and every other theme is
applied to them while they are open (with a text-size step and back), as
a facilitator switches themes mid-clinic: shots of windows themed before
they opened hid that a switch wrecked them.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QImage, QImageWriter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from clinic_timer import paths
from clinic_timer.core.catalogue import load_catalogue
from clinic_timer.core.clock import FakeClock
from clinic_timer.core.formats import load_format
from clinic_timer.core.roster import Roster
from clinic_timer.ui.console import Console
from clinic_timer.ui.controller import SessionController
from clinic_timer.ui.mini_timer import MiniTimer
from clinic_timer.ui.notes_panel import NotesPanel
from clinic_timer.ui.settings import Settings
from clinic_timer.ui.share_view import ShareView
from clinic_timer.ui.theme import Theme, apply_theme

OUT_DIR = Path(__file__).resolve().parent.parent / "assets" / "screenshots"
SHARE_SIZES = ((1920, 1080), (480, 270))
CONSOLE_SIZE = (1280, 800)
MINUTE = 60.0


def mid_clinic(controller: SessionController, clock: FakeClock, moment: str = "calm") -> None:
    """Runs the crew clinic to Cy's reflection, 70 seconds in, with the format's first nudge up.

    Args:
        controller: a fresh controller.
        clock: its fake clock.
        moment: "calm" (the default), or "warning", "overtime" or "paused" for review shots.
    """
    fmt = load_format(paths.shipped("sessions") / "crew-case-clinic.toml")
    controller.set_rotation(0)
    controller.setup(fmt, Roster.made("Ada", ("Ben", "Cy", "Dee")))
    controller.toggle_pause()
    clock.advance(20 * MINUTE)
    controller.next()  # the reflections: Ben
    clock.advance(5 * MINUTE)
    controller.next()  # Cy, with Dee next
    clock.advance(70)
    if moment == "warning":
        clock.advance(3 * MINUTE + 25)
    elif moment == "overtime":
        clock.advance(5 * MINUTE + 13)
    controller.refresh()
    if moment == "paused":
        controller.toggle_pause()


def grab(window: QWidget) -> QImage:
    """The window as the X server shows it (falls back to rendering it, off screen)."""
    window.show()
    window.raise_()
    QTest.qWaitForWindowExposed(window)
    for _ in range(5):
        QApplication.processEvents()
        QTest.qWait(40)
    pixmap = window.screen().grabWindow(window.winId())
    if pixmap.isNull() or pixmap.size() != window.size():
        pixmap = window.grab()
    return pixmap.toImage()


def save(image: QImage, path: Path) -> int:
    """Saves an opaque PNG at the strongest compression; returns its size in bytes.

    No palette reduction: Qt quantises to a fixed colour cube, which shifts
    the themes' own colours, and the shots are small enough as they are.
    """
    image = image.convertToFormat(QImage.Format.Format_RGB888)  # no alpha channel to store
    writer = QImageWriter(str(path), QByteArray(b"png"))
    writer.setQuality(0)  # for PNG, quality 0 is the strongest (still lossless) compression
    if not writer.write(image):
        raise OSError(f"cannot write {path}: {writer.errorString()}")
    return path.stat().st_size


def make_console(controller: SessionController) -> QWidget:
    """The facilitator's console on ``controller``, with its notes panel."""
    catalogue = load_catalogue(paths.shipped("sessions"), None)  # shipped formats only, never the user's
    console = Console(controller, catalogue, Settings(), themes=[t.value for t in Theme])
    console.set_notes_widget(NotesPanel(controller))  # the panel alone: no database in a screenshot
    console.resize(*CONSOLE_SIZE)
    return console


def sample_notes(console: QWidget) -> None:
    """A case title and a few notes, one of them private, as a facilitator would have by now."""
    panel = getattr(console, "notes_area", None)
    if not isinstance(panel, NotesPanel):
        return
    panel.title.setText("City or country?")
    panel.help_wanted.setPlainText("Deciding where to live next year without losing my friends.")
    panel.add_note("Cy: felt the tug of both places; heard 'home' three times.")
    panel.private.setChecked(True)
    panel.add_note("Ada's voice dropped at 'my parents'. Check in after.")
    panel.private.setChecked(False)
    panel.set_save_state("Notes saved at 19:26.")  # what the keeper says; no database here


def shoot(out: Path, moments: list[str], with_console: bool = True) -> int:
    """Takes every screenshot; returns the total size written."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    for moment in moments:
        suffix = "" if moment == "calm" else f"-{moment}"
        apply_theme(app, Theme.LIGHT, 1.0)  # the app's start: themed once, before any window
        clock = FakeClock()
        controller = SessionController(clock)
        # Every window exists before the clinic starts, as in the app.
        console = make_console(controller) if with_console and moment == "calm" else None
        share, mini = ShareView(controller), MiniTimer(controller)
        mid_clinic(controller, clock, moment)
        if console is not None:
            sample_notes(console)
        for theme in Theme:
            # Restyled with the windows open, a text-size step and back, as a facilitator
            # would: a shot then shows what a theme switch really leaves on screen.
            apply_theme(app, theme, 1.1)
            apply_theme(app, theme, 1.0)
            slug = theme.value.replace(" ", "-")
            share.move(0, 0)
            for width, height in SHARE_SIZES:
                share.resize(width, height)
                total += save(grab(share), out / f"share-{slug}{suffix}-{width}x{height}.png")
            share.hide()
            mini.move(40, 40)
            total += save(grab(mini), out / f"mini-{slug}{suffix}.png")
            mini.hide()
            if console is not None:
                console.move(0, 0)
                total += save(grab(console), out / f"console-{slug}.png")
                console.hide()  # close() would ask whether to stop the running clinic
        share.close()
        mini.close()
    return total


def main() -> int:
    """Parses the command line and takes the screenshots."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="where to write the PNGs")
    parser.add_argument(
        "--moment",
        action="append",
        choices=["calm", "warning", "overtime", "paused"],
        help="which moments to shoot (default: calm and overtime); repeat for several",
    )
    parser.add_argument("--no-console", action="store_true", help="leave the console out")
    parser.add_argument("--no-crews", action="store_true", help="leave the Crews window and set-up page out")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="clinic-timer-shots-"))
    paths.set_data_dir(scratch / "data")  # nothing the windows write may reach the real notes
    paths.set_config_dir(scratch / "config")
    total = shoot(args.out, args.moment or ["calm", "overtime"], with_console=not args.no_console)
    if not args.no_crews:
        from crew_screenshots import shoot_crews  # tools/ is on the path when this runs as a script

        total += shoot_crews(args.out, grab, save)
    print(f"wrote {total / 1024:.0f} kB of screenshots to {args.out}")
    if not args.no_console and make_console(SessionController(FakeClock())) is None:
        print("no console window yet (clinic_timer/ui/console.py): it was not shot")
    return 0


if __name__ == "__main__":
    sys.exit(main())
