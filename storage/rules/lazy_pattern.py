"""A regular expression compiled the first time it is used, not when its module is imported.

A module's patterns used to be compiled at import: `report week` compiled those of validation,
the text policy, durations and backups (about 1.5 ms) and used none of them. A `LazyPattern`
answers what `re.Pattern` does (`search`, `sub`, `fullmatch`, ...) and compiles on the first
such call; each method asked for is then a plain attribute, as fast as the compiled pattern's.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any


class LazyPattern:
    """`re.compile(pattern, flags)`, done on first use."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = (pattern, flags)

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if it was not yet)."""
        found: re.Pattern[str] | None = self.__dict__.get("_compiled")
        if found is None:
            found = self.__dict__["_compiled"] = re.compile(*self._source)
        return found

    def __getattr__(self, name: str) -> Any:
        """A method of the compiled pattern, kept on this object so the next call finds it."""
        if name.startswith("__"):
            raise AttributeError(name)
        value = getattr(self.compiled, name)
        setattr(self, name, value)
        return value


def lazy_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile`, compiled on first use: typed as the pattern it stands for."""
    return LazyPattern(pattern, flags)  # type: ignore[return-value]
