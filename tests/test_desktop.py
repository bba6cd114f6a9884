"""The icon, the desktop entry and the metainfo are valid, and --install-desktop-entry puts them in place."""

from __future__ import annotations

import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

import pytest

from clinic_timer import cli, desktop, paths
from clinic_timer.desktop import ICON_SIZES, Placement

if TYPE_CHECKING:
    from pathlib import Path

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk, checking the signature and the chunk's CRC."""
    import zlib

    data = path.read_bytes()
    assert data[:8] == PNG_SIGNATURE, f"{path} is not a PNG"
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR"
    assert length == 13
    body = data[16 : 16 + length]
    (crc,) = struct.unpack(">I", data[16 + length : 20 + length])
    assert zlib.crc32(kind + body) == crc, f"{path}: damaged header"
    width, height = struct.unpack(">II", body[:8])
    return width, height


@pytest.mark.parametrize("size", ICON_SIZES)
def test_the_icon_is_shipped_at_every_size(size: int) -> None:
    """Each PNG exists, is a PNG, and is exactly its size square."""
    assert png_size(paths.icon_png(size)) == (size, size)


def test_the_svg_icon_parses_as_a_square_svg() -> None:
    """The drawing is well-formed SVG on a square canvas."""
    root = ET.parse(paths.icon_svg()).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    _, _, width, height = (float(v) for v in root.attrib["viewBox"].split())
    assert width == height
    assert len(root) > 1  # something is drawn


def run_validator(*command: str) -> subprocess.CompletedProcess[str]:
    """Runs a freedesktop validator, or skips the test when it is not installed (.ci/run installs it)."""
    if shutil.which(command[0]) is None:
        pytest.skip(f"{command[0]} is not installed")
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)


def test_the_desktop_entry_validates() -> None:
    """desktop-file-validate finds nothing wrong with the shipped entry (hints included)."""
    result = run_validator("desktop-file-validate", str(paths.desktop_file(".desktop")))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""


def test_the_metainfo_validates() -> None:
    """appstreamcli accepts the metainfo, which names the entry and has a description and screenshots."""
    metainfo = paths.desktop_file(".metainfo.xml")
    result = run_validator("appstreamcli", "validate", "--no-net", str(metainfo))
    assert result.returncode == 0, result.stdout + result.stderr
    root = ET.parse(metainfo).getroot()
    assert root.findtext("id") == paths.APP_ID
    assert root.findtext("launchable") == f"{paths.APP_ID}.desktop"
    assert root.find("description/p") is not None
    assert len(root.findall("screenshots/screenshot/image")) >= 1


def test_install_writes_the_entry_and_icons_into_xdg_data_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--install-desktop-entry writes a valid entry running this command, and every icon, under XDG_DATA_HOME."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    assert cli.main(["--install-desktop-entry"]) == cli.EXIT_OK
    placement = Placement(tmp_path / "share")
    exec_lines = [line for line in placement.entry.read_text().splitlines() if line.startswith("Exec=")]
    assert exec_lines == [f"Exec={desktop.this_command()}"]
    for source, target in placement.icons():
        assert target.read_bytes() == source.read_bytes()
    assert placement.icon(16) == tmp_path / "share/icons/hicolor/16x16/apps" / f"{paths.APP_ID}.png"
    assert str(placement.entry) in capsys.readouterr().out
    if shutil.which("desktop-file-validate"):
        written = subprocess.run(
            ["desktop-file-validate", str(placement.entry)], capture_output=True, check=False
        )
        assert written.returncode == 0


def test_remove_takes_out_what_install_wrote(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--remove-desktop-entry deletes the entry and the icons, and leaves other files alone."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    assert cli.main(["--install-desktop-entry"]) == cli.EXIT_OK
    other = tmp_path / "share" / "applications" / "someone-else.desktop"
    other.write_text("[Desktop Entry]\n")
    assert cli.main(["--remove-desktop-entry"]) == cli.EXIT_OK
    placement = Placement(tmp_path / "share")
    assert not placement.entry.exists()
    assert not any(target.exists() for _, target in placement.icons())
    assert other.exists()
    assert cli.main(["--remove-desktop-entry"]) == cli.EXIT_OK  # nothing left: still fine


def test_an_unwritable_data_folder_is_one_line_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """When the folder cannot be written the command says where, in one line, and exits 2."""
    blocker = tmp_path / "share"
    blocker.write_text("a file where the folder should be")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    assert cli.main(["--install-desktop-entry"]) == cli.EXIT_INVALID
    said = capsys.readouterr().err.strip().splitlines()
    assert len(said) == 1
    assert str(blocker) in said[0]


def test_a_relative_xdg_data_home_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The spec says a relative XDG_DATA_HOME is invalid: ~/.local/share is used instead."""
    monkeypatch.setenv("XDG_DATA_HOME", "relative/share")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert desktop.user_data_home() == tmp_path / ".local" / "share"


def test_the_entry_quotes_a_command_with_a_space() -> None:
    """An Exec= path with a space is quoted, as the desktop entry spec requires."""
    text = desktop.entry_text("/home/a b/.local/bin/clinic-timer")
    assert 'Exec="/home/a b/.local/bin/clinic-timer"\n' in text


def test_the_bundle_points_the_entry_at_its_own_executable(monkeypatch: pytest.MonkeyPatch) -> None:
    """From the frozen app, Exec= is the bundle's executable, wherever it was started from."""
    import sys

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/clinic-timer/clinic-timer")
    assert desktop.this_command() == "/opt/clinic-timer/clinic-timer"
