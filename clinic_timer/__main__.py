"""``python -m clinic_timer`` and the ``clinic-timer`` command."""

from __future__ import annotations

import sys


def main() -> None:
    """Entry point: exits with the command line's code."""
    from clinic_timer.cli import main as cli_main

    sys.exit(cli_main())


if __name__ == "__main__":
    main()
