"""The version is written once (`desktop.__version__`): the package metadata, `--version` and
Help → About all say it, and the CHANGELOG has a section for each released version."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from desktop import APP_NAME, __version__
from desktop.cli import main
from desktop.main_window import MainWindow
from widgets.common import dialogs

ROOT = Path(__file__).resolve().parents[2]
RELEASE = re.compile(r"## \[(\d+)\.(\d+)\.(\d+)\] - \d{4}-\d{2}-\d{2}")


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def test_the_version_is_major_minor_patch() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)


def test_the_package_metadata_reads_the_version_from_desktop() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "desktop.__version__"}


def test_version_and_about_agree(
    qtbot: QtBot,
    db: Database,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"fractional-desk {__version__}"

    shown: list[str] = []
    monkeypatch.setattr(dialogs, "inform", lambda _parent, _title, text: shown.append(text))
    window = MainWindow(db, data_dir)
    qtbot.addWidget(window)
    about = next(a for a in window.help_menu.actions() if a.text().startswith("&About"))
    about.trigger()
    assert shown[0].splitlines()[0] == f"{APP_NAME} {__version__}"


def test_the_changelog_has_a_section_per_version() -> None:
    """[Unreleased] first, then each release newest first with its date; the version being
    made is never older than the last one released."""
    headings = [x for x in (ROOT / "CHANGELOG.md").read_text().splitlines() if x.startswith("## ")]
    assert headings[0] == "## [Unreleased]"
    releases = []
    for heading in headings[1:]:
        match = RELEASE.fullmatch(heading)
        assert match, f"{heading!r} is not `## [X.Y.Z] - YYYY-MM-DD`"
        releases.append(tuple(int(part) for part in match.groups()))
    assert releases == sorted(releases, reverse=True)
    assert len(set(releases)) == len(releases)
    if releases:
        assert _version(__version__) >= releases[0]
