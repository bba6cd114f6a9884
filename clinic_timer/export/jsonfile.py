"""The JSON export: the whole record, for backup, and the import that reads it back.

An import must give back exactly what was exported, so the file holds the
record's own :meth:`~clinic_timer.core.record.SessionRecord.to_dict` inside
a small envelope that says what the file is and which app wrote it. A crew
export has the private notes and the recovery snapshot taken out before it
is written.

An import is a file from anywhere, so it is read as untrusted
(:mod:`clinic_timer.core.untrusted`): a regular file of bounded size and
nesting, with sane numbers and valid Unicode, before the record's own
checks; every refusal is one :class:`UnreadableExport` line.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from clinic_timer import __version__
from clinic_timer.core.checked import shown
from clinic_timer.core.record import ArchiveError, SessionRecord, is_record_id
from clinic_timer.core.untrusted import Refused, loads_json, read_bounded
from clinic_timer.export.content import Audience
from clinic_timer.export.files import write_export

if TYPE_CHECKING:
    from pathlib import Path

    from clinic_timer.core.record_v1 import People

EXPORT_KIND = "clinic-timer session"
EXPORT_VERSION = 2  # 2: records of schema 2, people by id; version 1 (people by name) still imports
MAX_IMPORT_BYTES = 64 * 1024 * 1024  # thousands of notes; an export of a real clinic is a few KB
MAX_IMPORT_DEPTH = 32  # an export nests 7 deep


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


def parse_json(text: str, source: str, people: People | None = None) -> SessionRecord:
    """The record in a JSON export.

    Args:
        text: the file's text.
        source: the file's name, for messages.
        people: for an export of version 1 (people by name), who its names
            may be (:func:`~clinic_timer.core.record_v1.by_name`).

    Raises:
        UnreadableExport: not a clinic-timer export, from a newer version, or damaged.
    """
    try:
        document = loads_json(text, max_depth=MAX_IMPORT_DEPTH)
    except Refused as refused:
        raise UnreadableExport(source, refused.problem) from None
    if not isinstance(document, dict) or document.get("kind") != EXPORT_KIND:
        raise UnreadableExport(source, "is not a clinic-timer session export")
    version = document.get("export_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise UnreadableExport(
            source,
            f"has no usable export version ({shown(version)}; expected a whole number, "
            f"{EXPORT_VERSION} for this clinic-timer)",
        )
    if version > EXPORT_VERSION:
        raise UnreadableExport(
            source, f"was exported by a newer clinic-timer (export version {version}); update to import it"
        )
    session = document.get("session")
    if isinstance(session, dict) and "id" in session and not is_record_id(session["id"]):
        raise UnreadableExport(
            source,
            f"holds the session id {shown(session['id'])}, which clinic-timer did not make "
            "(its ids are 32 hexadecimal digits)",
        )
    try:
        return SessionRecord.from_dict(document["session"], people)
    except KeyError:
        raise UnreadableExport(source, "holds no session") from None
    except ArchiveError as error:
        raise UnreadableExport(source, str(error)) from None


def read_json(path: Path, people: People | None = None) -> SessionRecord:
    """Reads a JSON export (``people`` as for :func:`parse_json`).

    Raises:
        UnreadableExport: the file cannot be read or is not a usable export.
    """
    try:
        text = read_bounded(path, MAX_IMPORT_BYTES).decode("utf-8")
    except Refused as refused:
        raise UnreadableExport(str(path), refused.problem) from None
    except (OSError, UnicodeDecodeError) as error:
        problem = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise UnreadableExport(str(path), f"cannot be read ({problem})") from None
    return parse_json(text, str(path), people)
