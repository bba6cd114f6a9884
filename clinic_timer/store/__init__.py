"""Where session records are kept: one owner-only SQLite database, autosaved in the background.

The store knows nothing of Qt; the app wraps it, and the command line uses it directly.
"""

from clinic_timer.store.database import Store, default_path
from clinic_timer.store.errors import CorruptStore, LockedStore, NewerStore, StoreError, UnsafeStore
from clinic_timer.store.rows import SessionSummary
from clinic_timer.store.salvage import Salvage, salvage
from clinic_timer.store.schema import schema_version

__all__ = [
    "CorruptStore",
    "LockedStore",
    "NewerStore",
    "Salvage",
    "SessionSummary",
    "Store",
    "StoreError",
    "UnsafeStore",
    "default_path",
    "salvage",
    "schema_version",
]
