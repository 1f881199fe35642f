"""A week read on Monday at 09:00, Wednesday at 17:00 and Sunday at 22:00: the Time tab, the
Portfolio tab and `report week` say the same words in the same colours, from one rule.

"So far" compares the time logged up to today with the commitment up to today; time logged
ahead of today counts on its own day. On the week's first day nothing is judged; while the week
is under way the words are "behind", "on track" and "ahead"; once every day is counted, "under",
"on track" and "over". The clock is storage's (`storage.rules.clock`), pinned; a day is all a
commitment counts, so the hour of each reading is in its name only.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from desktop.cli import main
from storage.practice import clients, engagements
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from storage.rules import clock
from storage.rules.weeks import week_of
from storage.time import time_entries
from storage.time.time_entries import TimeEntry
from widgets.common import palette
from widgets.portfolio.portfolio_tab import PortfolioTab
from widgets.time.split_bars import FLAG_ACCENTS, bar_label
from widgets.time.time_tab import TimeTab

MONDAY = dt.date(2026, 3, 30)  # 2026-W14; each engagement commits 16 h, 2:17 h a day
LOGGED = {  # minutes from Monday to Sunday
    "Under": (0, 0, 60, 120, 0, 120, 0),
    "On track": (120, 120, 120, 180, 180, 180, 0),
    "Over": (270, 150, 180, 300, 300, 0, 0),  # 4:30 h on Monday: the "197% · over"
}
READINGS = {  # the day read: (minutes so far per engagement, its words)
    "Monday 09:00": (0, {"Under": (0, ""), "On track": (120, ""), "Over": (270, "")}),
    "Wednesday 17:00": (
        2,
        {"Under": (60, "behind"), "On track": (360, "on track"), "Over": (600, "ahead")},
    ),
    "Sunday 22:00": (
        6,
        {"Under": (300, "under"), "On track": (900, "on track"), "Over": (1200, "over")},
    ),
}
FLAGS = {
    "": "",
    "behind": "under",
    "ahead": "over",
    "on track": "",
    "under": "under",
    "over": "over",
}


def _practice(db: Database) -> dict[str, int]:
    found = {}
    for name, minutes in LOGGED.items():
        client = clients.add(db, Client(name=name))
        e = engagements.add(db, Engagement(
            client_id=client.id or 0, title="Fractional CTO", start_date=dt.date(2026, 1, 5),
            status="active", days_per_week=2,
        ))  # fmt: skip
        for offset, logged in enumerate(minutes):
            if logged:
                day = MONDAY + dt.timedelta(days=offset)
                time_entries.add(db, TimeEntry(e.id or 0, day, "strategy", logged))
        found[name] = e.id or 0
    return found


def _report(capsys: pytest.CaptureFixture[str], data_dir: Path) -> dict[int, Any]:
    capsys.readouterr()
    argv = ["report", "week", "--week", "2026-W14", "--format", "json"]
    assert main([*argv, "--data-dir", str(data_dir)]) == 0
    return {item["id"]: item for item in json.loads(capsys.readouterr().out)["engagements"]}


@pytest.mark.parametrize("reading", list(READINGS))
def test_the_week_reads_right_on_any_day(
    reading: str,
    db: Database,
    data_dir: Path,
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    offset, expected = READINGS[reading]
    today = MONDAY + dt.timedelta(days=offset)
    monkeypatch.setattr(clock, "today", lambda: today)
    from widgets.time import time_tab

    monkeypatch.setattr(time_tab, "today", lambda: today)
    ids = _practice(db)
    names = {eid: name for name, eid in ids.items()}
    report = _report(capsys, data_dir)
    times = TimeTab(db)
    qtbot.addWidget(times)
    times.show_week(week_of(MONDAY, "monday"))
    bars = {c.engagement.id: c for c in times.bars.week}
    portfolio = PortfolioTab(db)
    qtbot.addWidget(portfolio)
    rows = {portfolio.model.record(r).id: r for r in range(portfolio.model.rowCount())}
    colours = palette.colours()
    for eid, name in names.items():
        so_far, words = expected[name]
        item, bar = report[eid], bars[eid]
        assert (item["so_far_minutes"], item["standing"]) == (so_far, words), (reading, name)
        assert item["week_committed_minutes"] == 960
        assert item["total_minutes"] == sum(LOGGED[name])  # ahead of today: on its own day
        assert (bar.so_far_minutes, bar.standing, bar.flag) == (so_far, words, FLAGS[words])
        assert bar.committed_minutes == item["committed_minutes"] == round(960 * (offset + 1) / 7)
        label = bar_label(bar)
        assert label.endswith(f" · {words}") if words else "%" not in label, (reading, label)
        if offset < 6:
            assert " / 16 h" in label  # the week's full commitment beside so far
        cell = portfolio.model.index(rows[eid], portfolio.model.fields.index("week"))
        shown = cell.data(Qt.ItemDataRole.ForegroundRole)
        accent = FLAG_ACCENTS[bar.flag]
        if bar.flag:
            assert shown == colours.accent(accent), (reading, name)
        else:
            assert shown is None, (reading, name)  # the table's own text: no alarm
        assert cell.data().startswith(f"{so_far // 60}:{so_far % 60:02d} / ")
    assert [words for _, words, _ in times.bars.words()] == [
        expected[n][1] for n in sorted(expected, key=str.casefold)
    ]
