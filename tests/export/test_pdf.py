"""The PDF export: Qt prints it offscreen, and pdftotext finds every note in it."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from typing import TYPE_CHECKING

import pytest

from clinic_timer.export import Audience, ExportFormat, export
from tests.store.records import PRIVATE, full_record

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")


def pdf_text(path: Path) -> str:
    """The PDF's text, ligatures unfolded and whitespace collapsed."""
    raw = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", raw))


def flat(text: str) -> str:
    """A note's text as it reads in the PDF."""
    return re.sub(r"\s+", " ", text).strip()


def test_the_pdf_holds_every_note(tmp_path: Path, qtbot: QtBot) -> None:
    """Every note, the case title and the coaches' names are in the PDF's text."""
    record = full_record()
    path = tmp_path / "clinic.pdf"
    export(record, path, ExportFormat.PDF, Audience.FACILITATOR)
    assert path.read_bytes().startswith(b"%PDF")
    text = pdf_text(path)
    for note in record.notebook.notes:
        assert flat(note.text) in text
    for name in ("City or country", "Ben", "Cy", "Reflections"):
        assert name in text


def test_the_crew_pdf_has_no_private_note(tmp_path: Path, qtbot: QtBot) -> None:
    """The crew PDF leaves out the private note and still holds the shared ones."""
    record = full_record()
    path = tmp_path / "crew.pdf"
    export(record, path, ExportFormat.PDF, Audience.CREW)
    text = pdf_text(path)
    assert flat(PRIVATE) not in text
    assert "(private)" not in text
    assert "Cy heard fear of regret." in text
