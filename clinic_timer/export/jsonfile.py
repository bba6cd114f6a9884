"""The JSON export: the whole record, for backup, and the import that reads it back.

An import must give back exactly what was exported, so the file holds the
record's own :meth:`~clinic_timer.core.archive.SessionRecord.to_dict` inside
a small envelope that says what the file is and which app wrote it. A crew
export has the private notes and the recovery snapshot taken out before it
is written.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from clinic_timer import __version__
from clinic_timer.core.archive import ArchiveError, SessionRecord
from clinic_timer.export.content import Audience
from clinic_timer.export.files import write_export

if TYPE_CHECKING:
    from pathlib import Path

EXPORT_KIND = "clinic-timer session"
EXPORT_VERSION = 1


class UnreadableExport(ValueError):
    """A file that cannot be imported, with the file and the reason."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


def to_json(record: SessionRecord, audience: Audience = Audience.FACILITATOR) -> str:
    """The record as a JSON document for ``audience``."""
    kept = record if audience is Audience.FACILITATOR else record.for_crew()
    document: dict[str, Any] = {
        "kind": EXPORT_KIND,
        "export_version": EXPORT_VERSION,
        "app_version": __version__,
        "audience": audience.value,
        "session": kept.to_dict(),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def write_json(record: SessionRecord, path: Path, audience: Audience = Audience.FACILITATOR) -> None:
    """Writes the JSON export atomically.

    Raises:
        ExportError: the file cannot be written; nothing was changed.
    """
    write_export(path, to_json(record, audience).encode("utf-8"))


def parse_json(text: str, source: str) -> SessionRecord:
    """The record in a JSON export.

    Args:
        text: the file's text.
        source: the file's name, for messages.

    Raises:
        UnreadableExport: not a clinic-timer export, from a newer version, or damaged.
    """
    try:
        document = json.loads(text)
    except ValueError as error:
        raise UnreadableExport(source, f"is not JSON ({error})") from None
    if not isinstance(document, dict) or document.get("kind") != EXPORT_KIND:
        raise UnreadableExport(source, "is not a clinic-timer session export")
    version = document.get("export_version")
    if not isinstance(version, int) or version > EXPORT_VERSION:
        raise UnreadableExport(
            source, f"was exported by a newer clinic-timer (export version {version}); update to import it"
        )
    try:
        return SessionRecord.from_dict(document["session"])
    except KeyError:
        raise UnreadableExport(source, "holds no session") from None
    except ArchiveError as error:
        raise UnreadableExport(source, str(error)) from None


def read_json(path: Path) -> SessionRecord:
    """Reads a JSON export.

    Raises:
        UnreadableExport: the file cannot be read or is not a usable export.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        problem = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise UnreadableExport(str(path), f"cannot be read ({problem})") from None
    return parse_json(text, str(path))
