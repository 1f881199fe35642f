"""Sync in the window: the command it runs as a child process, what the status bar says, and
when a round runs (after start, on a timer, after a burst of edits, at quit), never two at once.

The rounds run real child processes: the real `sync` command where the promise is about what it
says, and a stand-in that takes a moment (tests/desktop/fake_sync.py) where it is about timing.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.main_window import MainWindow
from desktop.sync_actions import ROUND, SyncActions
from desktop.sync_runner import SyncRunner, command_line, read_result
from desktop.sync_status import PROBLEM_CHARS, age_text, status_text
from storage.file import ALL_KINDS, AppDatabase
from storage.sync import config as sync_config

NOW = dt.datetime(2026, 6, 1, 9, 30, tzinfo=dt.UTC)
FAKE = [sys.executable, str(Path(__file__).with_name("fake_sync.py"))]
CHILD_TIMEOUT_MS = 60_000  # a cold Python start on a busy machine; never a speed promise
LONG = 3_600_000  # a timer that must not fire during a test


def _write_config(data_dir: Path, tmp_path: Path, **last: object) -> None:
    folder = tmp_path / "shared"
    folder.mkdir(exist_ok=True)
    sync_config.save(
        data_dir,
        sync_config.SyncConfig(
            folder=str(folder),
            device_id="0f" * 16,
            name="Laptop",
            last=sync_config.LastSync(**last),  # type: ignore[arg-type]
        ),
    )


def _window(qtbot: QtBot, db: AppDatabase, data_dir: Path, **options: object) -> MainWindow:
    window = MainWindow(db, data_dir)
    qtbot.addWidget(window)
    timing = {"start_delay_ms": LONG, "interval_ms": LONG, "debounce_ms": LONG, "now": lambda: NOW}
    window.install_sync(**{**timing, **options})
    return window


def _sync(window: MainWindow) -> SyncActions:
    assert window.sync is not None
    return window.sync


def _fake_log(data_dir: Path) -> list[str]:
    log = data_dir.parent / "fake-sync.log"
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def label_tip(sync: SyncActions) -> str:
    return sync.status.label.toolTip()


def _no_dialog_open(qtbot: QtBot) -> bool:
    from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

    return not [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QDialog | QMessageBox) and w.isVisible()
    ]


# The command line


def test_the_child_is_the_module_from_source_and_the_bundle_when_frozen(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = command_line(data_dir, ["--format", "json"], frozen=False)
    assert source == [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), "sync",
                      "--format", "json"]  # fmt: skip
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert command_line(data_dir, ["status", "--format", "json"]) == [
        sys.executable, "--data-dir", str(data_dir), "sync", "status", "--format", "json",
    ]  # fmt: skip


def test_a_child_that_fails_without_json_gives_its_last_line_in_plain_words() -> None:
    failed = read_result(ROUND, 1, "", "fractional-desk: the sync folder cannot be used: full\n")
    assert not failed.ok
    assert failed.problem == "the sync folder cannot be used: full"
    round_json = '{"ok": false, "problem": "the sync folder cannot be reached", "sent": 0}'
    said = read_result(ROUND, 1, round_json, "")
    assert said.problem == "the sync folder cannot be reached"
    assert said.data["sent"] == 0


def test_the_runner_reads_the_real_sync_status_of_a_practice_that_does_not_sync(
    qtbot: QtBot, db: AppDatabase, data_dir: Path
) -> None:
    runner = SyncRunner(data_dir)
    with qtbot.waitSignal(runner.finished, timeout=CHILD_TIMEOUT_MS) as done:
        runner.request("status", "--format", "json")
    result = done.args[0]
    assert result.ok, result.problem
    assert result.data["syncing"] is False
    assert not runner.busy


def test_a_round_that_cannot_run_is_said_in_the_status_bar_without_a_dialog(
    qtbot: QtBot, db: AppDatabase, data_dir: Path
) -> None:
    """The real `sync --format json` on a practice that does not sync: it exits with a problem,
    the window says it on the status bar (retrying at the next turn) and opens nothing."""
    window = _window(qtbot, db, data_dir)
    sync = _sync(window)
    assert sync.status.label.isHidden()
    with qtbot.waitSignal(sync.runner.finished, timeout=CHILD_TIMEOUT_MS) as done:
        sync.runner.request(*ROUND)
    assert not done.args[0].ok
    text = sync.status.label.text()
    assert text.startswith("Sync: "), text
    assert text.endswith(" — retrying"), text
    assert done.args[0].problem in label_tip(sync)
    assert _no_dialog_open(qtbot)


# The status bar


def test_nothing_about_sync_shows_when_the_practice_does_not_sync_here(
    qtbot: QtBot, db: AppDatabase, data_dir: Path
) -> None:
    window = _window(qtbot, db, data_dir, program=FAKE, start_delay_ms=0)
    sync = _sync(window)
    qtbot.wait(100)  # the start's round would have begun by now
    assert sync.status.label.isHidden()
    assert sync.status.link.isHidden()
    assert not sync.interval.isActive()
    assert sync.rounds_started == 0
    assert _fake_log(data_dir) == []


def test_the_status_bar_says_when_the_last_sync_was(
    qtbot: QtBot, db: AppDatabase, data_dir: Path, tmp_path: Path
) -> None:
    three_minutes_ago = (NOW - dt.timedelta(minutes=3)).isoformat()
    _write_config(data_dir, tmp_path, at=three_minutes_ago, ok=True, sent=2)
    window = _window(qtbot, db, data_dir)
    sync = _sync(window)
    assert sync.status.label.text() == "Synced 3 min ago"
    assert sync.status.label.isVisibleTo(window)
    assert sync.status.link.isHidden()


def test_a_folder_that_is_full_is_shown_and_retried(
    qtbot: QtBot, db: AppDatabase, data_dir: Path, tmp_path: Path
) -> None:
    problem = "the sync folder cannot be used: No space left on device"
    _write_config(data_dir, tmp_path, at=NOW.isoformat(), ok=False, problem=problem)
    window = _window(qtbot, db, data_dir)
    label = _sync(window).status.label
    assert label.text() == f"Sync: {problem} — retrying"
    assert "Nothing was lost" in label.toolTip()


def test_conflicts_waiting_show_as_a_link_that_opens_the_review(
    qtbot: QtBot, db: AppDatabase, data_dir: Path, tmp_path: Path
) -> None:
    _write_config(data_dir, tmp_path, at=NOW.isoformat(), ok=True, conflicts=2)
    window = _window(qtbot, db, data_dir, program=FAKE)
    sync = _sync(window)
    assert sync.status.link.text() == '<a href="#conflicts">2 sync conflicts</a>'
    assert sync.status.link.isVisibleTo(window)
    assert sync.status.label.text() == "Synced just now"
    with qtbot.waitSignal(sync.runner.finished, timeout=CHILD_TIMEOUT_MS):
        sync.status.link.linkActivated.emit("#conflicts")
    assert sync.dialog is not None
    assert sync.dialog.isVisible()
    sync.dialog.close()


def test_a_long_problem_keeps_the_status_bar_short_and_is_whole_in_the_tip() -> None:
    problem = ("an unexpected error stopped the command (OSError: something long enough to "
               "fill the bar). Nothing already saved was lost. The details are in /a/log")  # fmt: skip
    text = status_text(sync_config.LastSync(at=NOW.isoformat(), ok=False, problem=problem), NOW)
    assert len(text) <= len("Sync: ") + PROBLEM_CHARS + len(" — retrying")
    assert text.startswith("Sync: an unexpected error stopped the command")


def test_the_age_is_said_in_minutes_hours_then_the_day() -> None:
    assert age_text((NOW - dt.timedelta(seconds=20)).isoformat(), NOW) == "just now"
    assert age_text((NOW - dt.timedelta(minutes=59)).isoformat(), NOW) == "59 min ago"
    assert age_text((NOW - dt.timedelta(hours=5)).isoformat(), NOW) == "5 h ago"
    assert age_text((NOW - dt.timedelta(days=3)).isoformat(), NOW).startswith("on ")
    assert age_text("not a time", NOW) == ""


# When it runs


def test_a_round_runs_soon_after_the_window_is_shown(
    qtbot: QtBot, db: AppDatabase, data_dir: Path, tmp_path: Path
) -> None:
    _write_config(data_dir, tmp_path)
    window = _window(qtbot, db, data_dir, program=FAKE, start_delay_ms=10)
    sync = _sync(window)
    qtbot.waitUntil(lambda: sync.rounds_started == 1 and not sync.runner.busy,
                    timeout=CHILD_TIMEOUT_MS)  # fmt: skip
    assert _fake_log(data_dir) == ["--format json"]
    assert sync.status.label.text() == "Synced 30 min ago"  # the stand-in's time, the pinned clock


def test_a_burst_of_edits_gives_one_round_after_the_last(
    qtbot: QtBot, db: AppDatabase, data_dir: Path, tmp_path: Path
) -> None:
    _write_config(data_dir, tmp_path)
    window = _window(qtbot, db, data_dir, program=FAKE, debounce_ms=1000)
    sync = _sync(window)
    tab = object()
    for _ in range(12):
        window.bus.announce({"time_entry"}, tab)
        qtbot.wait(20)  # each edit well inside the quiet time: the round waits for the last
    assert sync.rounds_started == 0
    qtbot.waitUntil(lambda: sync.rounds_started == 1 and not sync.runner.busy,
                    timeout=CHILD_TIMEOUT_MS)  # fmt: skip
    qtbot.wait(1500)  # longer than the quiet time: no second round follows
    assert sync.rounds_started == 1
    assert _fake_log(data_dir) == ["--format json"]


def test_the_windows_re_read_after_a_round_is_not_an_edit_to_send(
    qtbot: QtBot, db: AppDatabase, data_dir: Path, tmp_path: Path
) -> None:
    """The round's own commits reach the window as "changed elsewhere": that must not start
    another round (which would commit again, and so on every 20 seconds)."""
    _write_config(data_dir, tmp_path)
    window = _window(qtbot, db, data_dir, program=FAKE, debounce_ms=LONG)
    sync = _sync(window)
    sync.sync_now()
    qtbot.waitUntil(lambda: sync.rounds_started == 1 and not sync.runner.busy,
                    timeout=CHILD_TIMEOUT_MS)  # fmt: skip
    window.bus.announce(ALL_KINDS)  # what the data watch says after the child's commit
    assert not sync.dirty
    assert not sync.debounce.isActive()
    window.bus.announce({"decision"}, object())  # an edit on a tab
    assert sync.dirty
    assert sync.debounce.isActive()


def test_rounds_asked_for_while_one_runs_never_start_a_second_child(
    qtbot: QtBot, db: AppDatabase, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The five-minute timer, edits and Sync now all ask at once: one child at a time, and the
    asks made while it runs give one more round, not many."""
    monkeypatch.setenv("FAKE_SYNC_SECONDS", "0.5")
    _write_config(data_dir, tmp_path)
    window = _window(qtbot, db, data_dir, program=FAKE, interval_ms=30, debounce_ms=10)
    sync = _sync(window)
    sync.interval.start()
    for _ in range(5):
        sync.sync_now()
        window.bus.announce({"decision"}, object())
        qtbot.wait(15)
    qtbot.waitUntil(lambda: sync.rounds_started >= 3, timeout=CHILD_TIMEOUT_MS)
    sync.interval.stop()
    qtbot.waitUntil(lambda: not sync.runner.busy, timeout=CHILD_TIMEOUT_MS)
    runs = _fake_log(data_dir)
    assert runs
    assert all(line == "--format json" for line in runs), runs  # no "overlap" line
    assert len(runs) == sync.rounds_started


def test_quitting_after_an_edit_syncs_once_with_a_bounded_wait(
    qtbot: QtBot, db: AppDatabase, data_dir: Path, tmp_path: Path
) -> None:
    _write_config(data_dir, tmp_path)
    window = _window(qtbot, db, data_dir, program=FAKE)
    sync = _sync(window)
    window.bus.announce({"time_entry"}, object())
    assert sync.dirty
    window.close()
    assert _fake_log(data_dir) == ["--format json"]
    assert not sync.runner.busy


def test_a_round_longer_than_the_quit_wait_is_stopped_and_the_window_closes(
    qtbot: QtBot, db: AppDatabase, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The engine is safe to stop anywhere (the next round completes the work), so the window
    does not hang on a slow folder."""
    monkeypatch.setenv("FAKE_SYNC_SECONDS", "30")
    _write_config(data_dir, tmp_path)
    window = _window(qtbot, db, data_dir, program=FAKE, quit_wait_ms=300)
    sync = _sync(window)
    window.bus.announce({"time_entry"}, object())
    window.close()
    assert not sync.runner.busy
    assert window.statusBar().currentMessage() == "Syncing before closing…"


def test_quitting_with_nothing_new_starts_no_round(
    qtbot: QtBot, db: AppDatabase, data_dir: Path, tmp_path: Path
) -> None:
    _write_config(data_dir, tmp_path)
    window = _window(qtbot, db, data_dir, program=FAKE)
    window.close()
    assert _fake_log(data_dir) == []


def test_sync_now_without_sync_set_up_says_where_to_set_it_up(
    qtbot: QtBot, db: AppDatabase, data_dir: Path
) -> None:
    window = _window(qtbot, db, data_dir, program=FAKE)
    sync = _sync(window)
    sync.sync_now_action.trigger()
    assert "Preferences → Sync" in window.statusBar().currentMessage()
    assert not sync.runner.busy
    assert sync.sync_now_action.shortcut().toString() == "Ctrl+Shift+S"


# The start-up rules


def test_sync_loads_and_starts_only_after_the_first_paint(
    qtbot: QtBot, db: AppDatabase, data_dir: Path
) -> None:
    window = MainWindow(db, data_dir)
    qtbot.addWidget(window)
    assert window.sync is None
    painted: list[bool] = []
    window.page_created.connect(lambda _page: painted.append(window.sync is None))
    window.show()
    qtbot.waitUntil(lambda: window.sync is not None)
    assert painted == [True]  # the shown tab was filled first, sync came after


def test_the_window_module_does_not_import_sync() -> None:
    probe = (
        "import sys, desktop.main_window; "
        "print(sorted(m for m in sys.modules if m.startswith(('storage.sync', 'desktop.sync_', "
        "'widgets.shell.sync_', 'apsw'))))"
    )
    found = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True,
        cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip
    assert found.stdout.strip() == "[]", found.stdout
