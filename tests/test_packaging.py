"""Shipped formats and assets are found both from the source tree and from a built wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from clinic_timer import paths

ROOT = Path(__file__).resolve().parent.parent


def test_the_source_tree_finds_sessions_and_assets() -> None:
    """An editable install resolves the top-level folders."""
    assert (paths.shipped("sessions") / "crew-case-clinic.toml").is_file()
    assert paths.shipped("assets").is_dir()


@pytest.mark.slow
def test_the_wheel_carries_and_finds_its_data(tmp_path: Path) -> None:
    """The built wheel holds sessions/ and assets/ under the package, and paths finds them there."""
    subprocess.run(
        ["uv", "build", "--wheel", "--out-dir", str(tmp_path / "dist"), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next((tmp_path / "dist").glob("clinic_timer-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "site")
    assert "clinic_timer/_data/sessions/crew-case-clinic.toml" in names
    assert "clinic_timer/_data/assets/README.md" in names
    code = "from clinic_timer import paths; print(paths.shipped('sessions'))"
    found = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path / "site"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(found.stdout.strip()) == tmp_path / "site" / "clinic_timer" / "_data" / "sessions"
