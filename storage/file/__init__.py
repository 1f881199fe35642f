"""The practice's file: `Practice` (its folder, file, marker and key, resolved once, and every
connection opened from there), the connection and its driver, keys and encryption, the file check,
durability, locks, schema and migrations, backups, and the SQL rules on stored rows.

The layers above import from this face only; the modules behind it are its own.
"""

from __future__ import annotations

from storage.file import backups, changes, encryption, health_check, keys, recovery
from storage.file.backups import Backup, PreparedRestore
from storage.file.changes import ALL_KINDS, Change, ChangedElsewhereError, kinds
from storage.file.connect import AUTO, Auto, is_encrypted
from storage.file.db import data_version, database_file, database_path
from storage.file.durability import AppDatabase
from storage.file.encryption import PreparedConversion
from storage.file.file_check import inspect_existing
from storage.file.file_swap import settle as settle_folder
from storage.file.health_check import Problem
from storage.file.instance_lock import AlreadyRunningError, InstanceLock
from storage.file.practice import Practice, open_database, reopen, restore_in_place, worker_opener
from storage.file.practice_build import build_practice
from storage.file.private_files import FILE_MODE, private_folder, tighten
from storage.file.start_checks import StartChecks, check_and_back_up
from storage.file.writers_gate import GateBusyError, WritersGate

__all__ = [
    "ALL_KINDS",
    "AUTO",
    "FILE_MODE",
    "AlreadyRunningError",
    "AppDatabase",
    "Auto",
    "Backup",
    "Change",
    "ChangedElsewhereError",
    "GateBusyError",
    "InstanceLock",
    "Practice",
    "PreparedConversion",
    "PreparedRestore",
    "Problem",
    "StartChecks",
    "WritersGate",
    "backups",
    "build_practice",
    "changes",
    "check_and_back_up",
    "data_version",
    "database_file",
    "database_path",
    "encryption",
    "health_check",
    "inspect_existing",
    "is_encrypted",
    "keys",
    "kinds",
    "open_database",
    "private_folder",
    "recovery",
    "reopen",
    "restore_in_place",
    "settle_folder",
    "tighten",
    "worker_opener",
]
