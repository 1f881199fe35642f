"""The JSON shapes of `fractional-desk sync`: what a round did, this machine's set-up, the
devices in the folder and the conflicts waiting for review."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

if TYPE_CHECKING:
    from storage.sync import DeviceInfo, LastSync, SyncConfig


class SyncRoundJson(TypedDict):
    at: str
    ok: bool
    problem: str
    sent: int
    taken: int
    conflicts: int
    refused: list[str]
    ignored: list[str]


class SyncStatusJson(TypedDict):
    syncing: bool
    folder: str
    device_id: str
    name: str
    last: SyncRoundJson | None


class DeviceJson(TypedDict):
    device_id: str
    name: str
    series_code: str
    this_machine: bool
    removed: bool
    changes_taken_from_it: int


class ConflictJson(TypedDict):
    id: int
    table: str
    row: str
    record: str
    column: str
    kind: str
    what_happened: str
    kept: str
    other: str
    resolved: bool


def round_json(last: LastSync, ignored: list[str] | None = None) -> SyncRoundJson:
    return SyncRoundJson(
        at=last.at, ok=last.ok, problem=last.problem, sent=last.sent, taken=last.taken,
        conflicts=last.conflicts, refused=list(last.refused), ignored=list(ignored or []),
    )  # fmt: skip


def status_json(found: SyncConfig | None) -> SyncStatusJson:
    if found is None:
        return SyncStatusJson(syncing=False, folder="", device_id="", name="", last=None)
    last = round_json(found.last) if found.last.at else None
    return SyncStatusJson(
        syncing=True, folder=found.folder, device_id=found.device_id, name=found.name, last=last
    )


def device_json(device: DeviceInfo, me: str, removed: set[str], taken: int) -> DeviceJson:
    return DeviceJson(
        device_id=device.device_id, name=device.name, series_code=device.series_code,
        this_machine=device.device_id == me, removed=device.device_id in removed,
        changes_taken_from_it=taken,
    )  # fmt: skip
