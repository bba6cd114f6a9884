"""The core and the store run without Qt: importing them pulls in no PySide6."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import clinic_timer

PACKAGE = Path(clinic_timer.__file__).parent
QT_FREE = ["core", "store", "speech"]
QT_FREE_MODULES = [  # outside those folders, but used without a window: crews from the command line
    "clinic_timer.crew_launch",
    "clinic_timer.crew_demo",
    "clinic_timer.cli_people",
    "clinic_timer.cli_crews",
    "clinic_timer.cli_crew_plan",
    "clinic_timer.export.calendar",
    "clinic_timer.export.crew_summary",
]


def test_no_qt_import_in_the_core_source() -> None:
    """No module of the core, the store or the speech worker names PySide6."""
    offenders = []
    for folder in QT_FREE:
        for path in (PACKAGE / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                offenders += [f"{path}: {n}" for n in names if n.split(".")[0] in {"PySide6", "shiboken6"}]
    assert offenders == []


def test_importing_the_core_loads_no_qt() -> None:
    """A fresh interpreter that imports every core module, and the crews' command line, has no PySide6 loaded."""
    modules = [
        f"clinic_timer.{folder}.{p.stem}"
        for folder in QT_FREE
        for p in sorted((PACKAGE / folder).glob("*.py"))
        if p.stem != "__init__"
    ] + QT_FREE_MODULES
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + ("print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))")
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
