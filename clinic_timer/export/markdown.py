"""The Markdown export: readable as plain text, at home in Obsidian and Notion.

It is written by hand from the :class:`~clinic_timer.export.content.Report`
(``QTextDocument.toMarkdown`` drops text). Every character of a note that
Markdown could read as markup is escaped, so a note saying ``# not a heading``
or ``*really*`` comes back exactly as typed. A YAML front-matter block leads
for tools that index notes by their metadata.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from clinic_timer.export.content import Audience, Entry, Part, Report, build_report
from clinic_timer.export.files import write_export

if TYPE_CHECKING:
    from pathlib import Path

    from clinic_timer.core.record import SessionRecord

_INLINE_MARKUP = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(#?[A-Za-z0-9]+;)")
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")


def escape(text: str) -> str:
    """One line of user text made safe to put in Markdown, read back as typed."""
    text = text.strip()
    text = _INLINE_MARKUP.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&\1", text)
    match = _LINE_START.match(text)
    if match:
        lead, marker = match.groups()
        text = lead + marker[:-1] + "\\" + marker[-1] + text[match.end() :]
    return text


def yaml_value(value: str | list[str]) -> str:
    """A front-matter value: JSON strings are valid YAML double-quoted scalars and flow lists."""
    return json.dumps(value, ensure_ascii=False)


def render_markdown(report: Report) -> str:
    """The whole document as Markdown text."""
    lines = ["---"]
    lines += [f"{key}: {yaml_value(value)}" for key, value in report.front_matter]
    lines += ["---", "", f"# {escape(report.title)}", ""]
    if report.help_wanted:
        lines += [*_paragraphs("**Help wanted:** ", report.help_wanted), ""]
    lines += [f"- **{label}:** {escape(value)}" for label, value in report.facts] + [""]
    for part in report.parts:
        lines += _part(part, level=2)
    if report.timeline:
        lines += ["## Timeline", "", "| # | Phase | Speaker | Planned | Took | Outcome |"]
        lines += ["|---:|---|---|---:|---:|---|"]
        lines += [
            f"| {r.slot} | {escape(r.phase)} | {escape(r.speaker)} | {r.planned} | {r.actual} | {r.outcome} |"
            for r in report.timeline
        ]
        lines.append("")
    if report.adjustments:
        lines += ["## Adjustments", ""] + [f"- {escape(a)}" for a in report.adjustments] + [""]
    return "\n".join(lines).rstrip("\n") + "\n"


def to_markdown(record: SessionRecord, audience: Audience = Audience.FACILITATOR) -> str:
    """The record as Markdown for ``audience`` (also what "copy as Markdown" puts on the clipboard)."""
    return render_markdown(build_report(record, audience))


def write_markdown(record: SessionRecord, path: Path, audience: Audience = Audience.FACILITATOR) -> None:
    """Writes the Markdown export atomically.

    Raises:
        ExportError: the file cannot be written; nothing was changed.
    """
    write_export(path, to_markdown(record, audience).encode("utf-8"))


def _part(part: Part, level: int) -> list[str]:
    lines = [f"{'#' * level} {escape(part.heading)}", ""]
    if part.timing:
        lines += [f"*{escape(part.timing)}*", ""]
    if part.entries:
        lines += [line for entry in part.entries for line in _entry(entry)] + [""]
    for child in part.parts:
        lines += _part(child, level + 1)
    return lines


def _entry(entry: Entry) -> list[str]:
    private = " *(private)*" if entry.private else ""
    lead = f"- **{entry.stamp}**{private} "
    body = _paragraphs(lead, entry.text)
    return [body[0]] + [f"  {line}" if line else "" for line in body[1:]]


def _paragraphs(lead: str, text: str) -> list[str]:
    """Text with its line breaks kept (as hard breaks) and blank lines as paragraph breaks."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()] or [""]
    lines: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        rows = [escape(row) for row in paragraph.splitlines() if row.strip()]
        joined = "\\\n".join(rows)
        if index:
            lines.append("")
        lines += (lead + joined if index == 0 else joined).split("\n")
    return lines
