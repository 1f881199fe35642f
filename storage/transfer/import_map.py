"""Where imported time goes: each peer client/project to an engagement, each task or tag to a
bucket, and a default bucket. Remembered per source (Toggl, Harvest, Clockify) in settings.

A map file is JSON: `{"engagements": {"<Client> / <Project>": <engagement id> or "new"},
"buckets": {"<task or tag>": "strategy|team|leadership"}, "default_bucket": "team"}`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storage.practice import engagements
from storage.rules.errors import ValidationError
from storage.rules.vocabulary import BUCKETS
from storage.transfer.bounded_json import parse
from storage.transfer.import_formats import FORMATS, SourceRow
from storage.transfer.regular_file import read_regular

if TYPE_CHECKING:
    from sqlite_utils import Database

NEW = "new"  # create a client (when needed) and an engagement for this project
Target = int | str  # an engagement id, or NEW
MAX_FILE_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class ImportMap:
    engagements: dict[str, Target] = field(default_factory=dict)
    buckets: dict[str, str] = field(default_factory=dict)
    default_bucket: str = "team"

    def bucket_of(self, row: SourceRow) -> str:
        """The task's rule, else the first tag with a rule, else the default."""
        rules = {name.casefold(): bucket for name, bucket in self.buckets.items()}
        for name in (row.task, *row.tags):
            if name and name.casefold() in rules:
                return rules[name.casefold()]
        return self.default_bucket

    def merged(self, other: ImportMap) -> ImportMap:
        """This map with `other`'s rules on top (a map file over the remembered one)."""
        return ImportMap(
            {**self.engagements, **other.engagements},
            {**self.buckets, **other.buckets},
            other.default_bucket,
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "engagements": dict(self.engagements),
            "buckets": dict(self.buckets),
            "default_bucket": self.default_bucket,
        }


def from_json(value: object) -> ImportMap:
    """A checked map; ValidationError names the first entry that cannot be used."""
    if not isinstance(value, dict):
        raise ValidationError("map", "must be a JSON object with engagements and buckets")
    engagements = value.get("engagements", {})
    buckets = value.get("buckets", {})
    if not isinstance(engagements, dict) or not isinstance(buckets, dict):
        raise ValidationError("map", "engagements and buckets must be JSON objects")
    default = value.get("default_bucket", "team")
    if default not in BUCKETS:
        raise ValidationError("default_bucket", "must be strategy, team or leadership")
    return ImportMap(
        {str(k): _target(str(k), t) for k, t in engagements.items()},
        {str(k): _bucket(str(k), b) for k, b in buckets.items()},
        str(default),
    )


def _target(key: str, target: object) -> Target:
    if target == NEW:
        return NEW
    if isinstance(target, int) and not isinstance(target, bool) and target >= 1:
        return target
    raise ValidationError("map", f'{key!r} must map to an engagement id or "new"')


def _bucket(key: str, bucket: object) -> str:
    if bucket not in BUCKETS:
        raise ValidationError("map", f"{key!r} must map to strategy, team or leadership")
    return str(bucket)


def load_file(path: Path) -> ImportMap:
    """The map in the file at `path` (a regular file of at most 16 MB)."""
    return from_json(parse(read_regular(path, MAX_FILE_BYTES, "map"), "map", path.name))


def _setting_key(format_name: str) -> str:
    if format_name not in FORMATS:
        raise ValidationError("format", f"must be one of {', '.join(FORMATS)}")
    return f"import_map.{format_name}"


def remembered(db: Database, format_name: str) -> ImportMap:
    """The rules last used for this source; an empty map when none or unreadable."""
    row = db.execute("SELECT value FROM setting WHERE key = ?", [_setting_key(format_name)])
    found = row.fetchone()
    try:
        return from_json(json.loads(found[0])) if found else ImportMap()
    except (ValidationError, json.JSONDecodeError):
        return ImportMap()


def remember(db: Database, format_name: str, mapping: ImportMap) -> None:
    """Keep the rules for next time; the caller holds the transaction. "new" is not kept:
    the engagement it made is what the project maps to from now on."""
    db.execute(
        "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
        [_setting_key(format_name), json.dumps(mapping.as_json(), ensure_ascii=False)],
    )


def suggest(db: Database, rows: list[SourceRow], mapping: ImportMap) -> ImportMap:
    """`mapping` with a proposal for each project it does not map: the engagement of the client
    of that name whose title is the project, else the client's only engagement."""
    known = engagements.list_all(db)
    proposed = dict(mapping.engagements)
    for row in rows:
        if row.key in proposed:
            continue
        same_client = [e for e in known if e.client_name.casefold() == row.client.casefold()]
        titled = [e for e in same_client if e.title.casefold() == row.project.casefold()]
        chosen = titled or (same_client if len(same_client) == 1 else [])
        if chosen and chosen[0].id is not None:
            proposed[row.key] = chosen[0].id
    return ImportMap(proposed, mapping.buckets, mapping.default_bucket)
