"""A tab built, attached to a change bus when one is given, and shown: how the undo and race
tests of every tab start."""

from __future__ import annotations

from typing import TypeVar

from pytestqt.qtbot import QtBot

from widgets.common.change_bus import ChangeBus
from widgets.common.tab_page import TabPageBase

Tab = TypeVar("Tab", bound=TabPageBase)


def shown_tab(
    qtbot: QtBot, page: Tab, bus: ChangeBus | None = None, size: tuple[int, int] | None = None
) -> Tab:
    qtbot.addWidget(page)
    if bus is not None:
        page.attach(bus)
    if size is not None:
        page.resize(*size)
    page.show()
    qtbot.waitExposed(page)
    return page
