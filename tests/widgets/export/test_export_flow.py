"""File → Export through the real main window: the engagement, the save dialog answered, the
document written off the UI thread, then open or show it; failures are one clear message."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import docx
import pytest
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from desktop.main_window import MainWindow
from storage.practice import document_versions
from storage.practice.engagements import Engagement
from storage.time import time_entries
from storage.time.time_entries import TimeEntry
from tests.export_support import make_engagement
from widgets.common import dialogs, ui_settings
from widgets.export import export_done, export_flow
from widgets.export.export_flow import ExportFlow, ask_export_anyway  # the real one, unpatched

ROOT = Path(__file__).resolve().parents[3]
TODAY = dt.date(2026, 11, 22)


class SaveDialog:
    """Answers the save dialog with `answer` and remembers what it was asked."""

    def __init__(self, answer: Path | None) -> None:
        self.answer = answer
        self.asked: list[tuple[str, Path, tuple[str, ...]]] = []

    def __call__(
        self, parent: Any, title: str, proposed: Path, ext: tuple[str, ...]
    ) -> Path | None:
        self.asked.append((title, proposed, ext))
        return self.answer


@pytest.fixture(autouse=True)
def errors(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Every error message the flow shows, answered at once (a message box never blocks)."""
    shown: list[tuple[str, str]] = []

    def record(parent: Any, title: str, text: str, details: str = "") -> None:
        shown.append((title, text + details))

    monkeypatch.setattr(dialogs, "show_error", record)
    return shown


class Warning:
    """Answers the "To be agreed" warning with `anyway` and remembers the sections it listed."""

    def __init__(self, anyway: bool = True) -> None:
        self.anyway = anyway
        self.asked: list[list[str]] = []

    def __call__(self, parent: Any, sections: list[str]) -> bool:
        self.asked.append(sections)
        return self.anyway


@pytest.fixture(autouse=True)
def warning(monkeypatch: pytest.MonkeyPatch) -> Warning:
    """The warning before a scope of work, answered "Export anyway" unless a test says not."""
    answer = Warning()
    monkeypatch.setattr(export_flow, "ask_export_anyway", answer)
    return answer


@pytest.fixture
def engagement(db: Database, monkeypatch: pytest.MonkeyPatch) -> Engagement:
    monkeypatch.setattr(export_flow, "today", lambda: TODAY)
    return make_engagement(db)


def _window(qtbot: QtBot, db: Database, data_dir: Path) -> tuple[MainWindow, ExportFlow]:
    window = MainWindow(db, data_dir)
    qtbot.addWidget(window)
    window.show()
    flow = window.export.flow
    return window, flow


def _on_exit_tab(window: MainWindow, engagement_id: int) -> None:
    window.tabs.setCurrentWidget(window.pages[3])
    assert window.pages[3].show_engagement(engagement_id)  # type: ignore[attr-defined]


def _action(window: MainWindow, key: str) -> Any:
    return next(a for a in window.export.menu.actions() if a.objectName() == f"export_{key}_action")


def test_file_menu_has_export_before_quit(qtbot: QtBot, db: Database, data_dir: Path) -> None:
    window, _flow = _window(qtbot, db, data_dir)
    actions = window.file_menu.actions()
    export_index = next(i for i, a in enumerate(actions) if a.menu() is window.export.menu)
    assert export_index < actions.index(window.quit_action)
    labels = [a.text() for a in window.export.menu.actions()]
    assert labels == ["Scope of work…", "Handoff…", "Timesheet…"]


def test_scope_of_work_from_the_current_engagement(
    qtbot: QtBot, db: Database, data_dir: Path, tmp_path: Path,
    engagement: Engagement, monkeypatch: pytest.MonkeyPatch, errors: list[tuple[str, str]],
) -> None:  # fmt: skip
    window, flow = _window(qtbot, db, data_dir)
    ui_settings.write(ui_settings.LAST_EXPORT_FOLDER, str(tmp_path))
    target = tmp_path / "chosen.docx"
    dialog = SaveDialog(target)
    monkeypatch.setattr(export_flow, "ask_save_path", dialog)
    opened: list[Path] = []
    monkeypatch.setattr(export_done, "open_in_system", opened.append)
    _on_exit_tab(window, engagement.id or 0)
    with qtbot.waitSignal(flow.exported, timeout=20_000) as signal:
        _action(window, "sow").trigger()
    assert errors == []
    assert signal.args == [target]
    title, proposed, _ext = dialog.asked[0]
    assert title == "Export scope of work"
    assert proposed == tmp_path / "2026-11-22 Acme Robotics - Scope of work.docx"
    assert (
        docx.Document(str(target)).paragraphs[0].text == "Scope of work (DRAFT)"
    )  # terms still to be agreed
    assert flow.progress is None
    assert flow.done is not None
    assert flow.done.isVisible()
    flow.done.folder_button.click()
    assert opened == [tmp_path]
    assert not flow.done.isVisible()


def test_timesheet_asks_engagement_and_dates_then_writes_csv(
    qtbot: QtBot, db: Database, data_dir: Path, tmp_path: Path,
    engagement: Engagement, monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    time_entries.add(db, TimeEntry(engagement.id or 0, dt.date(2026, 1, 6), "team", 90, "x"))
    time_entries.add(db, TimeEntry(engagement.id or 0, dt.date(2026, 3, 3), "team", 60, "y"))
    window, flow = _window(qtbot, db, data_dir)
    target = tmp_path / "hours.csv"
    monkeypatch.setattr(export_flow, "ask_save_path", SaveDialog(target))
    _action(window, "timesheet").trigger()
    options = flow.options
    assert options is not None
    assert options.isVisible()
    assert options.engagement.currentData().id == engagement.id
    options.start.setDate(options.start.date().fromString("2026-01-01", "yyyy-MM-dd"))
    options.end.setDate(options.end.date().fromString("2026-01-31", "yyyy-MM-dd"))
    with qtbot.waitSignal(flow.exported, timeout=20_000):
        options.ok_button.click()
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert [line.split(",")[0] for line in lines[1:]] == ["2026-01-05"]
    assert ui_settings.read(ui_settings.LAST_EXPORT_FOLDER) == str(tmp_path)
    flow.done.close_button.click()  # type: ignore[union-attr]


def test_cancelling_the_save_dialog_writes_nothing(
    qtbot: QtBot, db: Database, data_dir: Path, tmp_path: Path,
    engagement: Engagement, monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    window, flow = _window(qtbot, db, data_dir)
    dialog = SaveDialog(None)
    monkeypatch.setattr(export_flow, "ask_save_path", dialog)
    _on_exit_tab(window, engagement.id or 0)
    _action(window, "handoff").trigger()
    assert len(dialog.asked) == 1
    assert flow.progress is None
    assert flow.pool.activeThreadCount() == 0


def test_a_folder_that_cannot_be_written_is_one_clear_message(
    qtbot: QtBot, db: Database, data_dir: Path, tmp_path: Path,
    engagement: Engagement, monkeypatch: pytest.MonkeyPatch, errors: list[tuple[str, str]],
) -> None:  # fmt: skip
    window, flow = _window(qtbot, db, data_dir)
    target = tmp_path / "gone" / "handoff.docx"
    monkeypatch.setattr(export_flow, "ask_save_path", SaveDialog(target))
    _on_exit_tab(window, engagement.id or 0)
    with qtbot.waitSignal(flow.failed, timeout=20_000):
        _action(window, "handoff").trigger()
    assert errors == [("The document was not saved",
                       f"The folder “{target.parent}” does not exist. Choose another folder.")]  # fmt: skip
    assert not target.parent.exists()
    assert flow.progress is None
    assert flow.done is None


def test_without_any_engagement_the_options_dialog_says_so(
    qtbot: QtBot, db: Database, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, flow = _window(qtbot, db, data_dir)
    dialog = SaveDialog(None)
    monkeypatch.setattr(export_flow, "ask_save_path", dialog)
    _action(window, "sow").trigger()
    assert flow.options is not None
    assert not flow.options.ok_button.isEnabled()
    flow.options.cancel_button.click()
    assert dialog.asked == []


def test_the_main_window_does_not_import_python_docx_at_start(data_dir: Path) -> None:
    code = (
        "import sys; from PySide6.QtWidgets import QApplication; app = QApplication([]); "
        "from storage.file.practice import open_database; from storage.file.db import database_file; from pathlib import Path; "
        "from desktop.main_window import MainWindow; "
        f"w = MainWindow(open_database(database_file(Path({str(data_dir)!r}))), "
        f"Path({str(data_dir)!r})); "
        "print('docx' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, check=True, env={"QT_QPA_PLATFORM": "offscreen",
                                                        "PATH": "/usr/bin:/bin"})  # fmt: skip
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_each_tab_offers_its_document(
    qtbot: QtBot, db: Database, data_dir: Path, tmp_path: Path,
    engagement: Engagement, monkeypatch: pytest.MonkeyPatch, errors: list[tuple[str, str]],
) -> None:  # fmt: skip
    from desktop.export_actions import tab_buttons

    window, flow = _window(qtbot, db, data_dir)
    assert sorted(key for _button, key in tab_buttons(window.pages)) == [
        "handoff",
        "sow",
        "timesheet",
    ]
    target = tmp_path / "from-button.docx"
    monkeypatch.setattr(export_flow, "ask_save_path", SaveDialog(target))
    _on_exit_tab(window, engagement.id or 0)
    with qtbot.waitSignal(flow.exported, timeout=20_000):
        window.pages[3].handoff_button.click()  # type: ignore[attr-defined]
    assert errors == []
    assert docx.Document(str(target)).paragraphs[0].text == "Handoff"


def test_scope_of_work_warns_about_terms_to_be_agreed_and_records_a_version(
    qtbot: QtBot, db: Database, data_dir: Path, tmp_path: Path,
    engagement: Engagement, monkeypatch: pytest.MonkeyPatch, warning: Warning,
) -> None:  # fmt: skip
    window, flow = _window(qtbot, db, data_dir)
    target = tmp_path / "sow.docx"
    monkeypatch.setattr(export_flow, "ask_save_path", SaveDialog(target))
    _on_exit_tab(window, engagement.id or 0)
    with qtbot.waitSignal(flow.exported, timeout=20_000):
        _action(window, "sow").trigger()
    (sections,) = warning.asked
    assert sections[0] == "Parties"
    assert "Term, notice and termination" in sections
    (version,) = document_versions.list_for(db, engagement.id or 0)
    assert (version.version, version.path) == (1, str(target.resolve()))


def test_cancel_at_the_warning_writes_and_records_nothing(
    qtbot: QtBot, db: Database, data_dir: Path, tmp_path: Path,
    engagement: Engagement, monkeypatch: pytest.MonkeyPatch, warning: Warning,
) -> None:  # fmt: skip
    window, flow = _window(qtbot, db, data_dir)
    warning.anyway = False
    dialog = SaveDialog(tmp_path / "sow.docx")
    monkeypatch.setattr(export_flow, "ask_save_path", dialog)
    _on_exit_tab(window, engagement.id or 0)
    with qtbot.waitSignal(flow.task.done, timeout=20_000):
        _action(window, "sow").trigger()
    assert len(warning.asked) == 1
    assert dialog.asked == []
    assert document_versions.list_for(db, engagement.id or 0) == []


def test_a_fully_agreed_scope_of_work_is_not_warned_about(
    qtbot: QtBot, db: Database, data_dir: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, warning: Warning,
) -> None:  # fmt: skip
    from tests.sow_sample import agreed_engagement

    e = agreed_engagement(db)
    window, flow = _window(qtbot, db, data_dir)
    monkeypatch.setattr(export_flow, "ask_save_path", SaveDialog(tmp_path / "sow.docx"))
    _on_exit_tab(window, e.id or 0)
    with qtbot.waitSignal(flow.exported, timeout=20_000):
        _action(window, "sow").trigger()
    assert warning.asked == []


def test_the_warning_lists_the_sections(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[tuple[str, str, tuple[str, ...], int]] = []

    def choose(parent: Any, title: str, text: str, answers: tuple[str, ...], default: int) -> int:
        asked.append((title, text, answers, default))
        return 0

    monkeypatch.setattr(dialogs, "choose", choose)
    assert ask_export_anyway(None, ["Parties", "Expenses"])  # type: ignore[arg-type]
    title, text, answers, default = asked[0]
    assert title == "Some terms are not agreed yet"
    assert "• Parties\n• Expenses" in text
    assert answers == ("Export anyway", "Cancel")
    assert answers[default] == "Cancel"
