"""The practice's file: `Practice` (its folder, file, marker and key, resolved once, and every
connection opened from there), the connection and its driver, keys and encryption, the file check,
durability, locks, schema and migrations, backups, and the SQL rules on stored rows.

The layers above import from this face only; the modules behind it are its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.rules.lazy_face import lazy_face

if TYPE_CHECKING:  # the names as the type checker sees them; loaded on first use
    from storage.file import backups, changes, device, encryption, health_check, keys, recovery
    from storage.file.backups import Backup, PreparedRestore
    from storage.file.changes import ALL_KINDS, Change, ChangedElsewhereError, kinds
    from storage.file.connect import AUTO, Auto, is_encrypted
    from storage.file.db import data_version, database_file, database_path
    from storage.file.device import Device, become_device, this_device
    from storage.file.durability import AppDatabase
    from storage.file.encryption import PreparedConversion
    from storage.file.file_check import inspect_existing
    from storage.file.health_check import Problem
    from storage.file.instance_lock import AlreadyRunningError, InstanceLock
    from storage.file.practice import (
        Practice,
        open_database,
        reopen,
        restore_in_place,
        worker_opener,
    )
    from storage.file.practice_build import build_practice
    from storage.file.private_files import FILE_MODE, private_folder, tighten
    from storage.file.settle import settle as settle_folder
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
    "Device",
    "GateBusyError",
    "InstanceLock",
    "Practice",
    "PreparedConversion",
    "PreparedRestore",
    "Problem",
    "StartChecks",
    "WritersGate",
    "backups",
    "become_device",
    "build_practice",
    "changes",
    "check_and_back_up",
    "data_version",
    "database_file",
    "database_path",
    "device",
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
    "this_device",
    "tighten",
    "worker_opener",
]

__getattr__, __dir__ = lazy_face(
    __name__,
    {
        "Backup": "storage.file.backups:Backup",
        "PreparedRestore": "storage.file.backups:PreparedRestore",
        "backups": "storage.file.backups",
        "ALL_KINDS": "storage.file.changes:ALL_KINDS",
        "Change": "storage.file.changes:Change",
        "ChangedElsewhereError": "storage.file.changes:ChangedElsewhereError",
        "changes": "storage.file.changes",
        "kinds": "storage.file.changes:kinds",
        "AUTO": "storage.file.connect:AUTO",
        "Auto": "storage.file.connect:Auto",
        "is_encrypted": "storage.file.connect:is_encrypted",
        "data_version": "storage.file.db:data_version",
        "database_file": "storage.file.db:database_file",
        "database_path": "storage.file.db:database_path",
        "Device": "storage.file.device:Device",
        "become_device": "storage.file.device:become_device",
        "device": "storage.file.device",
        "this_device": "storage.file.device:this_device",
        "AppDatabase": "storage.file.durability:AppDatabase",
        "PreparedConversion": "storage.file.encryption:PreparedConversion",
        "encryption": "storage.file.encryption",
        "inspect_existing": "storage.file.file_check:inspect_existing",
        "settle_folder": "storage.file.settle:settle",
        "Problem": "storage.file.health_check:Problem",
        "health_check": "storage.file.health_check",
        "AlreadyRunningError": "storage.file.instance_lock:AlreadyRunningError",
        "InstanceLock": "storage.file.instance_lock:InstanceLock",
        "keys": "storage.file.keys",
        "Practice": "storage.file.practice:Practice",
        "open_database": "storage.file.practice:open_database",
        "reopen": "storage.file.practice:reopen",
        "restore_in_place": "storage.file.practice:restore_in_place",
        "worker_opener": "storage.file.practice:worker_opener",
        "build_practice": "storage.file.practice_build:build_practice",
        "FILE_MODE": "storage.file.private_files:FILE_MODE",
        "private_folder": "storage.file.private_files:private_folder",
        "tighten": "storage.file.private_files:tighten",
        "recovery": "storage.file.recovery",
        "StartChecks": "storage.file.start_checks:StartChecks",
        "check_and_back_up": "storage.file.start_checks:check_and_back_up",
        "GateBusyError": "storage.file.writers_gate:GateBusyError",
        "WritersGate": "storage.file.writers_gate:WritersGate",
    },
)
