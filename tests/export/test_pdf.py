"""The PDF export: Qt prints it offscreen, and pdftotext finds every note in it."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from typing import TYPE_CHECKING

import pytest

from clinic_timer.export import Audience, ExportFormat, export
from tests.store.records import PRIVATE, full_record, long_record

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


HEADER = re.compile(r"#\s+Phase\s+Speaker\s+Planned\s+Took\s+Outcome")
ROW = re.compile(r"^\s*\d+\s+Reflections\s", re.MULTILINE)


def pdf_pages(path: Path) -> list[str]:
    """Each page's text, laid out as on paper."""
    raw = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return unicodedata.normalize("NFKC", raw.stdout).split("\f")


def word_boxes(path: Path, page: int) -> list[tuple[float, float, str]]:
    """(top, bottom, word) of each word on a page, in points from the page's top."""
    command = ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"]
    html = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    pattern = r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>'
    return [(float(top), float(bottom), word) for top, bottom, word in re.findall(pattern, html)]


def dark_rows(path: Path, page: int) -> list[int]:
    """The pixel rows (one per point, 72 dpi) on a page that hold anything darker than near-white."""
    command = ["pdftoppm", "-gray", "-r", "72", "-f", str(page), "-l", str(page), str(path)]
    image = subprocess.run(command, capture_output=True, check=True).stdout
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", image)
    assert header is not None
    width, height = int(header.group(1)), int(header.group(2))
    pixels = image[header.end() :]
    return [y for y in range(height) if min(pixels[y * width : (y + 1) * width]) < 200]


def test_a_timeline_split_across_pages_repeats_its_header(tmp_path: Path, qtbot: QtBot) -> None:
    """Every page the timeline runs onto starts its part of the table with the column names."""
    path = tmp_path / "long.pdf"
    export(long_record(), path, ExportFormat.PDF, Audience.FACILITATOR)
    with_rows = [page for page in pdf_pages(path) if ROW.search(page)]
    assert len(with_rows) >= 2, "the test needs a timeline longer than a page"
    for page in with_rows:
        header = HEADER.search(page)
        assert header is not None, page
        first_row = ROW.search(page)
        assert first_row is not None
        assert header.start() < first_row.start()


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)")
def test_no_row_runs_blank_to_the_bottom_of_a_page(tmp_path: Path, qtbot: QtBot) -> None:
    """Where the timeline breaks, nothing is drawn between its last row's text and the page number."""
    path = tmp_path / "long.pdf"
    export(long_record(), path, ExportFormat.PDF, Audience.FACILITATOR)
    pages = pdf_pages(path)
    breaks = [n for n, page in enumerate(pages[:-1], start=1) if ROW.search(page) and ROW.search(pages[n])]
    assert breaks, "the test needs a timeline longer than a page"
    for page in breaks:
        words = sorted(word_boxes(path, page))
        number_top = words[-1][0]  # the page number, printed last and lowest
        text_bottom = max(bottom for _, bottom, _ in words[:-1])
        drawn = [y for y in dark_rows(path, page) if text_bottom + 3 < y < number_top - 3]
        assert drawn == [], f"page {page}: lines drawn below the last row, at {drawn[:3]}... points"
