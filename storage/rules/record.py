"""`==`, hash and repr for frozen dataclasses, written once instead of compiled for each class.

`@dataclass` writes each method as source and compiles it when the class is made, at import:
for `Engagement` (45 fields) that was 2 ms, and a command that reads one week makes fifteen such
records before its first query. A record declared `@dataclass(frozen=True, eq=False,
repr=False)` on `Record` keeps the generated `__init__` and the frozen fields, and takes `==`,
`hash` and `repr` from here: the same values as the generated ones (`test_record` holds them
equal), from the fields' own `compare`, `hash` and `repr` flags.
"""

from __future__ import annotations

import dataclasses
import reprlib

_names: dict[type, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {}


def _fields(cls: type) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The fields `==`, hash and repr read, in order, as `@dataclass` picks them."""
    found = _names.get(cls)
    if found is None:
        fields = dataclasses.fields(cls)
        found = _names[cls] = (
            tuple(f.name for f in fields if f.compare),
            tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash)),
            tuple(f.name for f in fields if f.repr),
        )
    return found


class Record:
    """The base of a frozen dataclass made with `eq=False, repr=False`: see the module."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        names = _fields(self.__class__)[0]
        return tuple(getattr(self, n) for n in names) == tuple(getattr(other, n) for n in names)

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, n) for n in _fields(self.__class__)[1]))

    @reprlib.recursive_repr()
    def __repr__(self) -> str:
        shown = [f"{n}={getattr(self, n)!r}" for n in _fields(self.__class__)[2]]
        return f"{self.__class__.__qualname__}({', '.join(shown)})"
