"""The app in the desktop's launcher: the freedesktop entry and icons, for a user's own install.

Someone who installs with ``uv tool install`` or ``pipx install`` gets a
``clinic-timer`` command and nothing in their launcher.
``clinic-timer --install-desktop-entry`` copies the shipped entry into
``$XDG_DATA_HOME/applications`` (``~/.local/share`` when unset) with its
``Exec=`` pointing at this very command (the launcher's PATH often lacks
``~/.local/bin``), and the icons into ``$XDG_DATA_HOME/icons/hicolor``.
``--remove-desktop-entry`` takes out exactly those files again. The Debian
package installs the same files system-wide instead (``tools/build_bundle.py``).

No Qt here: this runs from the command line, before any window.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from clinic_timer import paths

#: The PNG sizes shipped in ``assets/icons`` and installed into the hicolor theme.
ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)


class DesktopEntryError(OSError):
    """The entry or its icons cannot be written or removed; the message names the file."""


@dataclass(frozen=True)
class Placement:
    """Where each file goes under one data folder (``/usr/share``, or the user's)."""

    root: Path

    @property
    def entry(self) -> Path:
        """The launcher entry."""
        return self.root / "applications" / f"{paths.APP_ID}.desktop"

    @property
    def metainfo(self) -> Path:
        """The AppStream description, for software centres (system-wide installs only)."""
        return self.root / "metainfo" / f"{paths.APP_ID}.metainfo.xml"

    def icon(self, size: int | None) -> Path:
        """One hicolor icon: a PNG of ``size`` pixels, or the SVG for ``None``."""
        if size is None:
            return self.root / "icons" / "hicolor" / "scalable" / "apps" / f"{paths.APP_ID}.svg"
        return self.root / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{paths.APP_ID}.png"

    def icons(self) -> list[tuple[Path, Path]]:
        """Every icon as (shipped file, where it goes)."""
        pairs = [(paths.icon_png(size), self.icon(size)) for size in ICON_SIZES]
        return [*pairs, (paths.icon_svg(), self.icon(None))]


def user_data_home() -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share`` when it is unset or not absolute (as the spec says)."""
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if os.path.isabs(value) else Path.home() / ".local" / "share"


def this_command() -> str:
    """The absolute path of the ``clinic-timer`` being run, for the entry's ``Exec=``."""
    if getattr(sys, "frozen", False):  # the bundle's own executable
        return sys.executable
    argv0 = Path(sys.argv[0]) if sys.argv and sys.argv[0] else Path()
    if argv0.name == "clinic-timer" and argv0.is_file():  # the script uv or pipx made
        return str(argv0.absolute())
    found = shutil.which("clinic-timer")
    return str(Path(found).absolute()) if found else "clinic-timer"


def entry_text(command: str) -> str:
    """The shipped entry with ``Exec=`` running ``command`` (quoted as the spec asks when needed)."""
    text = paths.desktop_file(".desktop").read_text(encoding="utf-8")
    quoted = f'"{command}"' if any(c in command for c in " \t\"'\\><~|&;$*?#()`") else command
    lines = [f"Exec={quoted}" if line.startswith("Exec=") else line for line in text.splitlines()]
    return "\n".join(lines) + "\n"


def install(placement: Placement | None = None, command: str | None = None) -> list[Path]:
    """Writes the entry and the icons into the user's data folder; returns what was written.

    Raises:
        DesktopEntryError: a file cannot be read or written (the message names it).
    """
    placement = placement or Placement(user_data_home())
    written = []
    try:
        for source, target in placement.icons():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            written.append(target)
        text = entry_text(command or this_command())
        placement.entry.parent.mkdir(parents=True, exist_ok=True)
        temporary = placement.entry.with_suffix(".desktop.part")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(placement.entry)  # a launcher watching the folder never sees half an entry
        written.append(placement.entry)
    except OSError as error:
        raise DesktopEntryError(f"cannot install the desktop entry: {_describe(error)}") from None
    _touch(placement.root / "icons" / "hicolor")
    return written


def remove(placement: Placement | None = None) -> list[Path]:
    """Deletes the entry and icons :func:`install` wrote; returns what was there.

    Raises:
        DesktopEntryError: a file exists but cannot be deleted.
    """
    placement = placement or Placement(user_data_home())
    removed = []
    for target in [placement.entry, *(target for _, target in placement.icons())]:
        try:
            target.unlink()
        except FileNotFoundError:
            continue
        except OSError as error:
            raise DesktopEntryError(f"cannot remove the desktop entry: {_describe(error)}") from None
        removed.append(target)
    _touch(placement.root / "icons" / "hicolor")
    return removed


def _touch(folder: Path) -> None:
    """Bumps the theme folder's time so icon caches notice the change; harmless if it fails."""
    with contextlib.suppress(OSError):
        if folder.is_dir():
            os.utime(folder)


def _describe(error: OSError) -> str:
    where = f"{error.filename}: " if error.filename else ""
    return f"{where}{error.strerror or error}"
