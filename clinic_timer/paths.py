"""Where clinic-timer keeps and finds its files: one module, computed lazily.

Nothing here touches the disk at import time, so tests (and ``--data-dir``)
can point the whole app somewhere else before the first path is asked for.

Shipped data (``sessions/`` and ``assets/``) live at the top of the source
tree and are force-included into the wheel as ``clinic_timer/_data``. An
editable install sees only the source tree, where ``importlib.resources``
cannot find them, and a PyInstaller bundle unpacks them under its own
``sys._MEIPASS``, so :func:`shipped` looks in all three places.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "clinic-timer"
#: The reverse-DNS id desktops know the app by: the desktop entry's and the
#: metainfo's file name, the icon's name, and Qt's desktop file name.
APP_ID = "io.github.clinic_timer.ClinicTimer"
#: Where a PyInstaller bundle keeps ``sessions/`` and ``assets/``, under ``sys._MEIPASS``
#: (the same place as in the wheel, so ``tools/build_bundle.py`` copies the wheel's layout).
BUNDLE_DATA = "clinic_timer/_data"
DATA_DIR_ENV = "CLINIC_TIMER_DATA_DIR"
CONFIG_DIR_ENV = "CLINIC_TIMER_CONFIG_DIR"

_overrides: dict[str, Path] = {}


def set_data_dir(path: Path) -> None:
    """Moves the notes database and everything else the app writes (``--data-dir``)."""
    _overrides["data"] = path


def set_config_dir(path: Path) -> None:
    """Moves settings and user formats."""
    _overrides["config"] = path


def reset() -> None:
    """Forgets command-line overrides (for tests)."""
    _overrides.clear()


def data_dir() -> Path:
    """The private directory that holds session notes; not created here."""
    if "data" in _overrides:
        return _overrides["data"]
    if env := os.environ.get(DATA_DIR_ENV):
        return Path(env).expanduser()  # as --data-dir is
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """The directory for settings and the user's own clinic formats."""
    if "config" in _overrides:
        return _overrides["config"]
    if env := os.environ.get(CONFIG_DIR_ENV):
        return Path(env).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def user_formats_dir() -> Path:
    """Where a user's own ``*.toml`` formats live; they shadow built-ins of the same name."""
    return config_dir() / "sessions"


def ensure_private_dir(path: Path) -> Path:
    """Creates ``path`` (and any missing parents) owner-only (0700), leaving an existing folder as it is.

    A folder the app makes is the app's, so it is private. A folder that
    already exists is the user's (``--data-dir ~`` points at their home), and
    its permissions are theirs to choose: the notes in it stay private because
    the database files themselves are 0600.
    """
    missing = [p for p in (path, *path.parents) if not p.exists()]
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):  # made meanwhile by someone else: theirs, left alone
            folder.mkdir(mode=0o700)
            folder.chmod(0o700)  # mkdir's mode is filtered by the umask
    return path


def shipped(kind: str) -> Path:
    """The directory of shipped data: ``"sessions"`` or ``"assets"``.

    Args:
        kind: the top-level folder name in the source tree.

    Raises:
        FileNotFoundError: neither the wheel copy nor the source-tree copy exists.
    """
    package_dir = Path(__file__).resolve().parent
    candidates = [package_dir / "_data" / kind, package_dir.parent / kind]
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:  # the bundle's copy first: nothing else is there
        candidates.insert(0, Path(bundle) / BUNDLE_DATA / kind)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"clinic-timer's {kind}/ folder is missing from {candidates[0].parent}")


def asset(name: str) -> Path:
    """A file in ``assets/`` by name."""
    return shipped("assets") / name


def icon_svg() -> Path:
    """The app's icon as drawn (``assets/icons/clinic-timer.svg``)."""
    return asset("icons") / "clinic-timer.svg"


def icon_png(size: int) -> Path:
    """The app's icon rendered at ``size`` pixels square (see ``tools/make_icons.py``)."""
    return asset("icons") / f"clinic-timer-{size}.png"


def desktop_file(suffix: str) -> Path:
    """A shipped freedesktop file: ``".desktop"`` (the launcher entry) or ``".metainfo.xml"``."""
    return asset("desktop") / f"{APP_ID}{suffix}"
