"""The Markdown export: parsed by a real Markdown parser, it holds every note, as typed."""

from __future__ import annotations

import json
import subprocess
import sys

from markdown_it import MarkdownIt

from clinic_timer.export import Audience, to_markdown
from clinic_timer.export.markdown import escape
from tests.store.records import PRIVATE, TRICKY, full_record, note_texts


def split_front_matter(text: str) -> tuple[dict[str, object], str]:
    """The YAML front matter (each value is JSON, a subset of YAML) and the body."""
    assert text.startswith("---\n")
    head, body = text[4:].split("\n---\n", 1)
    matter = {}
    for line in head.splitlines():
        key, value = line.split(": ", 1)
        matter[key] = json.loads(value)
    return matter, body


def rendered_text(markdown: str) -> str:
    """All the text a reader sees once the Markdown is parsed, line breaks as newlines."""
    pieces = []
    for token in MarkdownIt().parse(markdown):
        if token.type != "inline" or token.children is None:
            continue
        for child in token.children:
            if child.type in ("text", "code_inline"):
                pieces.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                pieces.append("\n")
        pieces.append("\n")
    return "".join(pieces)


def test_every_note_survives_a_markdown_parser() -> None:
    """Each note's lines come back from markdown-it exactly, markup characters included."""
    record = full_record()
    text = rendered_text(split_front_matter(to_markdown(record))[1])
    for note in record.notebook.notes:
        for line in note.text.splitlines():
            if line.strip():
                assert line.strip() in text, line


def test_markup_in_a_note_is_not_read_as_markup() -> None:
    """A note starting with '#' or '- ' makes no heading or list of its own."""
    tokens = MarkdownIt().parse(escape("# not a heading") + "\n\n" + escape("- not a list") + "\n")
    assert [t.type for t in tokens if t.type.endswith("_open")] == ["paragraph_open", "paragraph_open"]


def test_front_matter_describes_the_session() -> None:
    """The YAML block carries title, date, format, bringer, coaches, audience and id."""
    record = full_record()
    matter, _ = split_front_matter(to_markdown(record, Audience.CREW))
    assert matter["title"] == "City or country"
    assert matter["date"] == "2026-03-03T19:00:00+01:00"
    assert matter["bringer"] == "Ada"
    assert matter["coaches"] == ["Ben", "Cy"]
    assert matter["audience"] == "crew"
    assert matter["session_id"] == record.id


def test_reflections_read_as_who_reflected_what_in_order() -> None:
    """Under Reflections, Ben's part (with his note) comes before Cy's (with hers)."""
    markdown = to_markdown(full_record())
    reflections = markdown.index("## Reflections")
    ben, cy = markdown.index("### Ben", reflections), markdown.index("### Cy", reflections)
    assert reflections < ben < markdown.index("Ben felt the pull") < cy < markdown.index("Cy heard fear")


def test_a_crew_export_has_no_private_note() -> None:
    """The private note's text and any '(private)' mark are absent for the crew, present in full."""
    record = full_record()
    crew, full = to_markdown(record, Audience.CREW), to_markdown(record, Audience.FACILITATOR)
    assert PRIVATE not in crew
    assert "(private)" not in crew
    assert PRIVATE in full
    for text in note_texts(record, private=False):
        assert escape(text.splitlines()[0]) in crew


def test_the_tricky_note_is_escaped_in_the_source() -> None:
    """The raw Markdown escapes the characters that would become markup."""
    first_line = TRICKY.splitlines()[0]
    assert escape(first_line).startswith(r"\# not a heading \*stars\* \_under\_ \[link\]")


def test_markdown_export_needs_no_qt() -> None:
    """Importing the export package and writing Markdown loads no PySide6."""
    code = (
        "import sys\nimport clinic_timer.export\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
