"""Where session records are kept: one owner-only SQLite database, autosaved in the background.

The store knows nothing of Qt; the app wraps it, and the command line uses it directly.
"""

from clinic_timer.store.database import SessionSummary, Store, default_path, schema_version
from clinic_timer.store.errors import CorruptStore, LockedStore, NewerStore, StoreError

__all__ = [
    "CorruptStore",
    "LockedStore",
    "NewerStore",
    "SessionSummary",
    "Store",
    "StoreError",
    "default_path",
    "schema_version",
]
