"""The formats a user can choose from: the built-in ones and their own.

A user's format with the same name as a built-in one shadows it, so a crew
can reword the default clinic without forking the app.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

from clinic_timer.core.formats import Format, FormatError, load_format

if TYPE_CHECKING:
    from pathlib import Path

DEFAULT_FORMAT = "crew-case-clinic"


@dataclass(frozen=True)
class Catalogue:
    """Every usable format by name, and the files that could not be used.

    Attributes:
        formats: by name, user formats winning over built-in ones.
        problems: one error per broken file; they are listed, never fatal.
    """

    formats: dict[str, Format]
    problems: tuple[FormatError, ...]

    def get(self, name: str) -> Format:
        """The format called ``name``.

        Raises:
            KeyError: there is none; the message lists what there is.
        """
        try:
            return self.formats[name]
        except KeyError:
            known = ", ".join(sorted(self.formats)) or "none"
            raise KeyError(f"no clinic format called {name!r} (known: {known})") from None

    def names(self) -> list[str]:
        """Format names, the default first, then alphabetical."""
        return sorted(self.formats, key=lambda n: (n != DEFAULT_FORMAT, n))


def load_catalogue(builtin_dir: Path, user_dir: Path | None) -> Catalogue:
    """Loads every ``*.toml`` in the built-in and the user directory.

    Args:
        builtin_dir: the shipped ``sessions/`` folder.
        user_dir: the user's formats folder; it may not exist.
    """
    formats: dict[str, Format] = {}
    problems: list[FormatError] = []
    for origin, directory in (("built-in", builtin_dir), ("user", user_dir)):
        if directory is None or not directory.is_dir():
            continue
        for path in sorted(directory.glob("*.toml")):
            try:
                loaded = load_format(path)
            except FormatError as error:
                problems.append(error)
                continue
            formats[loaded.name] = _with_origin(loaded, origin)
    return Catalogue(formats=formats, problems=tuple(problems))


def _with_origin(fmt: Format, origin: str) -> Format:
    return dataclasses.replace(fmt, origin=origin)
