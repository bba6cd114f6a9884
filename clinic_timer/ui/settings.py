"""The facilitator's preferences, remembered between runs as one JSON file.

Settings are a plain dataclass so every window can read them without Qt.
Loading never fails: a missing file gives the defaults, and a file that
cannot be read (half-written, hand-edited wrongly) is reported once, moved
aside to ``settings.json.bad`` so the report does not repeat at every start,
and replaced by the defaults. Saving writes a temporary file next to the
real one and renames it over it (``os.replace``), so a crash mid-write
leaves the old settings intact rather than a truncated file.
"""

from __future__ import annotations

import binascii
import contextlib
import dataclasses
import json
import math
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from clinic_timer import paths
from clinic_timer.core.untrusted import Refused, loads_json, read_bounded

if TYPE_CHECKING:
    from pathlib import Path

SETTINGS_FILE = "settings.json"
BAD_SUFFIX = ".bad"
MIN_TEXT_SCALE = 0.75
MAX_TEXT_SCALE = 2.0
# Bounds on the file, checked before parsing: real settings are a few KB, nested 3 deep.
MAX_SETTINGS_BYTES = 1024 * 1024
MAX_SETTINGS_DEPTH = 16


@dataclass
class Settings:
    """Everything the app remembers about how the facilitator likes it.

    Attributes:
        theme: a ``Theme`` value ("light", "dark", "high contrast"); kept as
            text so this module needs nothing from Qt or the theme module.
        text_scale: multiplies every font; 1.0 is the system size.
        last_format: the format chosen last time, preselected at the next start.
        warning_minutes: overrides every phase's warning lead time when set.
        flash: whether the clock gently flashes at time up and in overtime.
        voice: the speech settings, owned by the voice's own module.
        chime_enabled: whether a chime marks each new phase and each time up.
        chime_volume: 0.0 to 1.0.
        geometries: each window's ``saveGeometry()`` as base64, by window name.
        share_case_titles: the crews (by id) whose case titles the share view may show
            during their landing; off for every crew unless switched on (the title is the
            bringer's to share).
    """

    theme: str = "light"
    text_scale: float = 1.0
    last_format: str = ""
    warning_minutes: float | None = None
    flash: bool = False
    voice: dict[str, Any] = field(default_factory=dict)
    chime_enabled: bool = True
    chime_volume: float = 0.6
    geometries: dict[str, str] = field(default_factory=dict)
    share_case_titles: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly form."""
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class LoadedSettings:
    """Settings as read, with what went wrong reading them (to show once), if anything."""

    settings: Settings
    problem: str | None = None


def settings_path() -> Path:
    """Where the settings live: ``settings.json`` in the config directory."""
    return paths.config_dir() / SETTINGS_FILE


def load_settings(path: Path | None = None) -> LoadedSettings:
    """Reads the settings; never raises.

    Args:
        path: the file; the config directory's ``settings.json`` by default.

    Returns:
        The settings and, if the file was unusable, one sentence saying so.
        A wholly unreadable file is moved aside; single fields of the wrong
        type fall back to their defaults and are named in the problem.
    """
    path = path or settings_path()
    try:
        text = read_bounded(path, MAX_SETTINGS_BYTES).decode("utf-8")
    except FileNotFoundError:
        return LoadedSettings(Settings())
    except Refused as refused:
        return LoadedSettings(Settings(), _set_aside(path, refused.problem))
    except (OSError, UnicodeDecodeError) as error:
        return LoadedSettings(Settings(), _set_aside(path, f"could not be read ({error})"))
    try:
        data = loads_json(text, max_depth=MAX_SETTINGS_DEPTH, lenient_numbers=True)
    except Refused as refused:
        return LoadedSettings(Settings(), _set_aside(path, refused.problem))
    if not isinstance(data, dict):
        return LoadedSettings(Settings(), _set_aside(path, "does not hold a JSON object"))
    settings, wrong = _from_dict(data)
    if wrong:
        names = ", ".join(wrong)
        return LoadedSettings(settings, f"Some settings were not understood and were reset: {names}.")
    return LoadedSettings(settings)


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Writes the settings atomically: a temporary file, then a rename over the old one.

    Raises:
        OSError: the directory cannot be written; callers report it and carry on.
    """
    import tempfile  # only when saving: it is slow to import, and launch time counts

    path = path or settings_path()
    paths.ensure_private_dir(path.parent)  # the config folder is private, like the data folder
    text = json.dumps(settings.to_dict(), indent=2, sort_keys=True)
    handle, temp_name = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as temp:
            temp.write(text + "\n")
            temp.flush()
            os.fsync(temp.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise


def _set_aside(path: Path, why: str) -> str:
    """Moves a broken file out of the way so it is reported once, and says so."""
    bad = path.with_name(path.name + BAD_SUFFIX)
    try:
        os.replace(path, bad)
    except OSError:
        return f"The settings file {path} {why}; using the defaults."
    return f"The settings file {path} {why}; using the defaults (the old file is kept as {bad})."


def _from_dict(data: dict[str, Any]) -> tuple[Settings, list[str]]:
    """Builds settings field by field, so one bad value costs only itself."""
    defaults = Settings()
    values: dict[str, Any] = {}
    wrong: list[str] = []
    for name, check in _CHECKS.items():
        if name not in data:
            continue
        value = check(data[name])
        if value is _WRONG:
            wrong.append(name)
        elif isinstance(value, _Partly):
            values[name] = value.kept
            wrong.append(name)
        else:
            values[name] = value
    return dataclasses.replace(defaults, **values), wrong


_WRONG = object()


@dataclass(frozen=True)
class _Partly:
    """A field some of whose entries were wrong: the good ones are kept, and the field is reported."""

    kept: Any


def _text(value: object) -> object:
    return value if isinstance(value, str) else _WRONG


def _flag(value: object) -> object:
    return value if isinstance(value, bool) else _WRONG


def _number(low: float, high: float) -> Any:
    def check(value: object) -> object:
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            return _WRONG  # JSON as Python reads it lets NaN and Infinity through
        return min(max(float(value), low), high)

    return check


def _optional_minutes(value: object) -> object:
    if value is None:
        return None
    return _number(0.0, 60.0)(value)


def _mapping(value: object) -> object:
    return dict(value) if isinstance(value, dict) else _WRONG


def _geometries(value: object) -> object:
    """Window geometries by name; each must be ASCII base64, as ``saveGeometry`` gives it.

    The windows decode them with ``.encode("ascii")``, so a hand-edited "gé"
    would otherwise stop the app at start-up. A bad entry is dropped (that
    window opens at its default place) and the rest are kept.
    """
    if not isinstance(value, dict):
        return _WRONG
    kept = {k: v for k, v in value.items() if isinstance(k, str) and _is_base64(v)}
    return kept if len(kept) == len(value) else _Partly(kept)


def _is_base64(value: object) -> bool:
    if not isinstance(value, str) or not value.isascii():
        return False
    try:
        binascii.a2b_base64(value.encode("ascii"), strict_mode=True)
    except binascii.Error:
        return False
    return True


def _texts(value: object) -> object:
    """A list of texts (crew ids); anything else in it is dropped and the field reported."""
    if not isinstance(value, list):
        return _WRONG
    kept = [v for v in value if isinstance(v, str)]
    return kept if len(kept) == len(value) else _Partly(kept)


_CHECKS: dict[str, Any] = {
    "theme": _text,
    "text_scale": _number(MIN_TEXT_SCALE, MAX_TEXT_SCALE),
    "last_format": _text,
    "warning_minutes": _optional_minutes,
    "flash": _flag,
    "voice": _mapping,
    "chime_enabled": _flag,
    "chime_volume": _number(0.0, 1.0),
    "geometries": _geometries,
    "share_case_titles": _texts,
}
