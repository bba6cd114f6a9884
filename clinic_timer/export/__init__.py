"""Exports of a session record: Markdown, PDF and JSON, for the facilitator or for the crew.

Every export is built from the same :mod:`~clinic_timer.export.content`
report, so they agree about what an audience sees, and written with
:func:`~clinic_timer.export.files.write_export`, so a failure never leaves a
half-written file. This package imports Qt only when a PDF is asked for.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from clinic_timer.export.content import Audience, Report, build_report
from clinic_timer.export.files import ExportError, file_stem, write_export
from clinic_timer.export.jsonfile import UnreadableExport, parse_json, read_json, to_json, write_json
from clinic_timer.export.markdown import to_markdown, write_markdown

if TYPE_CHECKING:
    from pathlib import Path

    from clinic_timer.core.record import SessionRecord


class ExportFormat(enum.Enum):
    """The kinds of file a session can be exported to; the value is the file extension."""

    MARKDOWN = "md"
    PDF = "pdf"
    JSON = "json"


def file_name(record: SessionRecord, kind: ExportFormat, audience: Audience) -> str:
    """The name suggested for an export, by the app and the command line alike: see :func:`file_stem`."""
    return f"{file_stem(record, audience)}.{kind.value}"


def export(record: SessionRecord, path: Path, kind: ExportFormat, audience: Audience) -> None:
    """Writes ``record`` to ``path`` as ``kind`` for ``audience``.

    Raises:
        ExportError: the file cannot be written; nothing was changed.
    """
    if kind is ExportFormat.MARKDOWN:
        write_markdown(record, path, audience)
    elif kind is ExportFormat.JSON:
        write_json(record, path, audience)
    else:
        from clinic_timer.export.pdf import write_pdf  # the one place Qt is needed

        write_pdf(record, path, audience)


__all__ = [
    "Audience",
    "ExportError",
    "ExportFormat",
    "Report",
    "UnreadableExport",
    "build_report",
    "export",
    "file_name",
    "file_stem",
    "parse_json",
    "read_json",
    "to_json",
    "to_markdown",
    "write_export",
    "write_json",
    "write_markdown",
]
