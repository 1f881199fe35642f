"""Every colour the app paints, derived from the current palette, in a light and a dark variant.

Neutral colours (muted text, shaded rows, bar tracks) are mixed from the palette's own text and
base; accents (red for errors, the bucket colours) have a light and a dark variant, picked by how
dark the palette is. When the system switches between light and dark, Qt changes the palette:
`colours()` follows it, `theme_changed()` says so, and a `Tint` keeps a label's colour in step.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QWidget

Role = QPalette.ColorRole

# Accents, light and dark. The light ones are the app's original colours.
ACCENTS: dict[str, tuple[str, str]] = {
    "error": ("#b00020", "#ff8a80"),
    "fail": ("#c62828", "#ff8a80"),
    "success": ("#2e7d32", "#81c784"),
    "warning": ("#f9a825", "#ffd54f"),
    "handed_over": ("#1b5e20", "#a5d6a7"),
    "strategy": ("#3d6fb6", "#7eaae8"),
    "team": ("#3a9a6a", "#6cc79a"),
    "leadership": ("#c0843d", "#e3a964"),
    "over": ("#c0392b", "#ff8a80"),
    "under": ("#8e6cc0", "#c5a8f0"),
    "on_track": ("#4a8f5a", "#81c784"),
}
# One colour per engagement in a stacked chart (the Portfolio tab), light and dark, in turn.
SERIES: tuple[tuple[str, str], ...] = (
    ("#3d6fb6", "#7eaae8"),
    ("#3a9a6a", "#6cc79a"),
    ("#c0843d", "#e3a964"),
    ("#8e6cc0", "#c5a8f0"),
    ("#2a8c99", "#6fcfd9"),
    ("#b5587a", "#e89ab6"),
    ("#7a8a2e", "#bfd06a"),
    ("#6d6d6d", "#b0b0b0"),
)
# A search match is black on yellow in either theme: it carries its own contrast.
MATCH_BACKGROUND = QColor("#ffe066")
MATCH_TEXT = QColor("#000000")
OVERDUE_TINT = QColor(230, 80, 60, 48)  # see-through, so it reads on a light or dark base


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QGuiApplication.palette()
    return palette.color(Role.Window).lightness() < 128


def mix(first: QColor, second: QColor, share: float) -> QColor:
    """`share` of `second` over `first` (0 is all first, 1 all second)."""
    return QColor.fromRgbF(
        first.redF() + (second.redF() - first.redF()) * share,
        first.greenF() + (second.greenF() - first.greenF()) * share,
        first.blueF() + (second.blueF() - first.blueF()) * share,
    )


@dataclass(frozen=True)
class Colours:
    """The app's colours for one palette."""

    text: QColor
    base: QColor
    muted: QColor  # secondary text
    shaded: QColor  # group and total rows
    closed: QColor  # cells that take no time
    weekend: QColor
    today: QColor  # today's column on the timesheet
    track: QColor  # the empty part of a bar
    overdue_background: QColor
    dark: bool

    def accent(self, name: str) -> QColor:
        light, dark = ACCENTS[name]
        return QColor(dark if self.dark else light)

    def series(self, index: int) -> QColor:
        """The `index`th colour of a stacked chart, repeating after eight."""
        light, dark = SERIES[index % len(SERIES)]
        return QColor(dark if self.dark else light)


_cache: dict[int, Colours] = {}


def colours(palette: QPalette | None = None) -> Colours:
    """The colours for `palette` (the application's by default), made once per palette."""
    palette = palette or QGuiApplication.palette()
    key = palette.cacheKey()
    found = _cache.get(key)
    if found is None:
        found = _cache[key] = _derive(palette)
    return found


def _derive(palette: QPalette) -> Colours:
    text, base = palette.color(Role.Text), palette.color(Role.Base)
    dark = is_dark(palette)
    highlight = palette.color(Role.Highlight)
    return Colours(
        text=text,
        base=base,
        muted=mix(text, base, 0.40),
        shaded=mix(mix(base, text, 0.05), highlight, 0.05),
        closed=mix(base, text, 0.05),
        weekend=mix(base, text, 0.02),
        today=mix(base, highlight, 0.12),
        track=mix(base, text, 0.11),
        overdue_background=mix(base, QColor(ACCENTS["error"][0]), 0.30 if dark else 0.10),
        dark=dark,
    )


class _Watcher(QWidget):
    """Never shown: every widget hears of a new application palette, so this one tells the rest."""

    changed = Signal()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.changed.emit()
        super().changeEvent(event)


_watcher: list[_Watcher] = []


def theme_changed() -> Signal:
    """The signal emitted after the application palette changed (light to dark, or back)."""
    if not _watcher:
        _watcher.append(_Watcher())
    return _watcher[0].changed  # type: ignore[return-value]


class Tint(QObject):
    """Keeps one widget's text in a named colour across palette changes; dies with the widget.
    Whoever shows the widget keeps its tint and changes the colour through it (`set`)."""

    def __init__(self, widget: QWidget, name: str | None = None) -> None:
        super().__init__(widget)
        self.widget = widget
        self.name: str | None = None
        theme_changed().connect(self._on_theme_changed)
        self.set(name)

    def set(self, name: str | None) -> None:
        """A named colour ("error", "success", "muted"…), or None for the palette's own text."""
        if name is None and self.name is not None:
            self.widget.setPalette(QPalette())
        self.name = name
        self.apply()

    def apply(self) -> None:
        if self.name is None:
            return
        palette = QPalette(self.widget.palette())
        palette.setColor(Role.WindowText, colour_named(self.name))
        palette.setColor(Role.Text, colour_named(self.name))
        self.widget.setPalette(palette)

    def _on_theme_changed(self) -> None:
        self.apply()


def colour_named(name: str) -> QColor:
    """An accent, or "muted" (secondary text)."""
    found = colours()
    return found.muted if name == "muted" else found.accent(name)
