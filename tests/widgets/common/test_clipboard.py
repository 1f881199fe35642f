"""Rich text on the clipboard: an app that copied it quits cleanly, leaving its plain text."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
COPY_THEN_QUIT = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from widgets.common.clipboard import copy_rich
app = QApplication([])
copy_rich("<b>Board prep</b>", "Board prep")
assert app.clipboard().mimeData().html().endswith("<b>Board prep</b>")
QTimer.singleShot(0, app.quit)
app.exec()
print(app.clipboard().text())
"""


def test_an_app_that_copied_rich_text_quits_cleanly_leaving_the_plain_text() -> None:
    """Promise: Copy as rich text never turns quitting into a crash (a QMimeData made in Python
    and left on the clipboard used to take the process down at exit, status 139)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    run = subprocess.run(
        [sys.executable, "-c", COPY_THEN_QUIT], cwd=ROOT, env=env, capture_output=True,
        text=True, timeout=120, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "Board prep"
