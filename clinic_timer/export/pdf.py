"""The PDF export, printed by Qt itself: the same report as the Markdown, as HTML on paper.

This is the only export module that imports PySide6. Qt's text layout needs
a :class:`QGuiApplication`; from the command line there is none, so one is
made on the offscreen platform (no window, no display needed).

The timeline's header row is a ``<thead>``, which Qt repeats at the top of
every page the table runs onto. Its rows have no cell borders: when a row
moves to the next page, Qt stretches the row before it down to the page's
end (``QTextDocumentLayout::layoutTable``), and boxed cells would show that
as one tall, blank row. Unboxed, the stretch is only the page's own margin.
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QMarginsF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from clinic_timer.export.content import Audience, Part, Report, build_report
from clinic_timer.export.files import ExportError, write_export

if TYPE_CHECKING:
    from clinic_timer.core.record import SessionRecord

_STYLE = """
body { font-family: sans-serif; font-size: 10pt; }
h1 { font-size: 18pt; }
h2 { font-size: 14pt; margin-top: 14px; }
h3 { font-size: 11pt; margin-top: 8px; }
.timing { color: #555555; font-style: italic; }
.stamp { color: #555555; font-weight: bold; }
.private { color: #a33; font-style: italic; }
th { text-align: left; background-color: #eeeeee; }
"""

_app: QGuiApplication | None = None  # kept alive for the process when made here


def render_html(report: Report) -> str:
    """The report as the HTML subset QTextDocument understands."""
    out = [f"<html><head><style>{_STYLE}</style></head><body>", f"<h1>{_text(report.title)}</h1>"]
    if report.help_wanted:
        out.append(f"<p><b>Help wanted:</b> {_text(report.help_wanted)}</p>")
    out.append("<table cellspacing='0' cellpadding='2'>")
    out += [f"<tr><td><b>{_text(k)}</b></td><td>{_text(v)}</td></tr>" for k, v in report.facts]
    out.append("</table>")
    for part in report.parts:
        out += _part(part, 2)
    if report.timeline:
        out.append("<h2>Timeline</h2><table border='0' cellspacing='0' cellpadding='3' width='100%'>")
        out.append(
            "<thead><tr><th>#</th><th>Phase</th><th>Speaker</th><th>Planned</th><th>Took</th>"
            "<th>Outcome</th></tr></thead>"
        )
        out += [
            f"<tr><td>{r.slot}</td><td>{_text(r.phase)}</td><td>{_text(r.speaker)}</td>"
            f"<td>{r.planned}</td><td>{r.actual}</td><td>{_text(r.outcome)}</td></tr>"
            for r in report.timeline
        ]
        out.append("</table>")
    if report.adjustments:
        out.append("<h2>Adjustments</h2><ul>")
        out += [f"<li>{_text(a)}</li>" for a in report.adjustments]
        out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out)


def to_pdf(record: SessionRecord, audience: Audience = Audience.FACILITATOR) -> bytes:
    """The record as PDF bytes for ``audience``.

    Raises:
        ExportError: Qt cannot print here (a QCoreApplication without a GUI is running).
    """
    return report_pdf(build_report(record, audience))


def report_pdf(report: Report) -> bytes:
    """Any report (a clinic's, a crew's summary) printed as PDF bytes.

    Raises:
        ExportError: Qt cannot print here (a QCoreApplication without a GUI is running).
    """
    _gui_application()
    document = QTextDocument()
    document.setHtml(render_html(report))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(report.title)
    writer.setCreator("clinic-timer")
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter)
    document.print_(writer)
    del writer  # the PDF is finished when its painter and writer go
    buffer.close()
    return bytes(data.data())


def write_pdf(record: SessionRecord, path: Path, audience: Audience = Audience.FACILITATOR) -> None:
    """Writes the PDF export atomically.

    Raises:
        ExportError: the file cannot be written; nothing was changed.
    """
    try:
        data = to_pdf(record, audience)
    except ExportError as error:
        raise ExportError(path, error.problem) from None
    write_export(path, data)


def _gui_application() -> QGuiApplication:
    global _app
    existing = QCoreApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    if existing is not None:
        raise ExportError(Path("PDF"), "a PDF needs Qt's GUI module, and a non-GUI Qt application is running")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # printing needs no screen
    _app = QGuiApplication(["clinic-timer"])
    return _app


def _part(part: Part, level: int) -> list[str]:
    out = [f"<h{level}>{_text(part.heading)}</h{level}>"]
    if part.timing:
        out.append(f"<p class='timing'>{_text(part.timing)}</p>")
    if part.entries:
        out.append("<ul>")
        for entry in part.entries:
            private = " <span class='private'>(private)</span>" if entry.private else ""
            out.append(f"<li><span class='stamp'>{entry.stamp}</span>{private} {_text(entry.text)}</li>")
        out.append("</ul>")
    for child in part.parts:
        out += _part(child, min(level + 1, 6))
    return out


def _text(value: str) -> str:
    return html.escape(value.strip()).replace("\n", "<br/>")
