"""A `Record` compares, hashes and prints as the `@dataclass(frozen=True)` it replaces: each
record built on it is checked against a twin made by `@dataclass` from the same fields."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from pathlib import Path
from typing import Any

import pytest

from storage.file.backup_names import NamedBackup
from storage.file.domain_rules import Rule
from storage.file.keys import Marker
from storage.practice.commitments import CommitmentPeriod
from storage.practice.deliverables import Deliverable
from storage.practice.engagements import Engagement, SavedState
from storage.rules.record import Record
from storage.scope.scope_words import Match
from storage.scope.signals import Signal, _Entry
from storage.time.time_entries import TimeEntry

DAY = dt.date(2026, 3, 2)


@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class _Flags(Record):
    """Fields that leave out `==`, the hash or the repr, as `field()` allows."""

    shown: int
    hidden: str = dataclasses.field(default="x", repr=False)
    uncompared: int = dataclasses.field(default=0, compare=False)
    hashed_only: int = dataclasses.field(default=0, compare=False, hash=True)
    unhashed: int = dataclasses.field(default=0, hash=False)


@functools.cache
def _twin_class(cls: type) -> Any:
    """The class `@dataclass(frozen=True)` makes from the same fields."""
    fields = [
        (f.name, f.type, dataclasses.field(compare=f.compare, repr=f.repr, hash=f.hash))
        for f in dataclasses.fields(cls)
    ]
    made = dataclasses.make_dataclass(cls.__name__, fields, frozen=True)
    made.__qualname__ = cls.__qualname__
    return made


def _twin(record: Any) -> Any:
    """The same values in the dataclass twin of the record's class."""
    return _twin_class(type(record))(*(getattr(record, f.name) for f in dataclasses.fields(record)))


ENGAGEMENT = Engagement(3, "Fractional CTO", DAY, fee_minor=1_000_000, client_name="Acme")
PAIRS = [
    (ENGAGEMENT, dataclasses.replace(ENGAGEMENT, title="Advisor")),
    (SavedState(ENGAGEMENT, ()), SavedState(ENGAGEMENT, (CommitmentPeriod(3, DAY, 2.0, 8.0),))),
    (TimeEntry(3, DAY, "team", 90, "1:1s", id=7), TimeEntry(3, DAY, "team", 90, "1:1s", id=8)),
    (CommitmentPeriod(3, DAY, 2.0, 8.0), CommitmentPeriod(3, DAY, 2.5, 8.0)),
    (Deliverable(3, "Roadmap", due_on=DAY), Deliverable(3, "Roadmap")),
    (Marker("id", "check"), Marker("id", "other")),
    (NamedBackup(Path("b.sqlite3"), dt.datetime(2026, 1, 1, tzinfo=dt.UTC), "manual"),
     NamedBackup(Path("b.sqlite3"), dt.datetime(2026, 1, 1, tzinfo=dt.UTC), "automatic")),
    (Match("Hiring", ("hire",)), Match("Hiring", ("hiring",))),
    (Rule("t", "c", "c < 0", "is negative"), Rule("t", "c", "c < 1", "is negative")),
    (Signal(3, "over_commitment", "Over", ("a",), ("2026-W10",)), Signal(3, "over_commitment", "Over")),
    (_Entry(1, DAY, "team", 30, "note", False), _Entry(1, DAY, "team", 30, "note", True)),
    (_Flags(1, "a", 2, 3, 4), _Flags(1, "b", 9, 3, 5)),
    (_Flags(1, "a", 2, 3, 4), _Flags(2, "a", 2, 3, 4)),
]  # fmt: skip


@pytest.mark.parametrize(("one", "other"), PAIRS, ids=lambda r: type(r).__name__)
def test_a_record_compares_hashes_and_prints_as_its_dataclass_twin(one: Any, other: Any) -> None:
    same = type(one)(*(getattr(one, f.name) for f in dataclasses.fields(one)))
    assert repr(one) == repr(_twin(one))
    assert (one == same, one == other, one != other) == (
        _twin(one) == _twin(same), _twin(one) == _twin(other), _twin(one) != _twin(other)
    )  # fmt: skip
    assert one == same
    assert one != object()
    assert one != _twin(one)  # another class is never equal, the same fields or not
    try:
        expected = hash(_twin(one))
    except TypeError:  # a field that cannot be hashed: neither can be
        with pytest.raises(TypeError):
            hash(one)
    else:
        assert hash(one) == expected == hash(same)
    with pytest.raises(dataclasses.FrozenInstanceError):
        one.__setattr__(dataclasses.fields(one)[0].name, None)


def test_a_record_that_holds_itself_prints_without_recursing() -> None:
    loop: list[object] = []
    item = SavedState(ENGAGEMENT, loop)  # type: ignore[arg-type]
    loop.append(item)
    assert repr(item).endswith(", history=[...], deliverables=(), phases=())")  # as @dataclass
