"""``python -m clinic_timer`` and the ``clinic-timer`` command."""

from __future__ import annotations

import multiprocessing
import sys


def main() -> None:
    """Entry point: exits with the command line's code.

    ``freeze_support()`` comes first, before the command line is read. In the
    PyInstaller bundle the speech worker is started (``spawn``) by running
    this same executable again with multiprocessing's own arguments;
    PyInstaller's version of ``freeze_support`` recognises them, runs the
    worker (or the resource tracker) and exits, where otherwise the command
    line would refuse them. From a source or wheel install it does nothing.
    """
    multiprocessing.freeze_support()
    from clinic_timer.cli import main as cli_main

    sys.exit(cli_main())


if __name__ == "__main__":
    main()
