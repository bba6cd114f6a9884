"""The bundle's entry script: the same ``main`` as the installed ``clinic-timer`` command."""

from clinic_timer.__main__ import main

main()
