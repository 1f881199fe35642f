"""A child process: start, show a window, say so, quit. `app` is Fractional Desk; `bare` the floor.

Run as `python tests/benchmarks/cold_start.py app|bare DATA_DIR` (a script: the tests' package
is not loaded, so the bare window pays for nothing of the app's). It prints `shown` once the
window's first paint is done (the frame, menus and tab bar on screen), then, for the app,
`filled` once the tab it opens on has read and shown its data, then the peak RSS in kB. The app
starts through its real entry point, as a user starts it: the command line, the lock on the data
folder, the log, opening the database, the window, and its tab after the first paint. The bare
window is timed the same way, to its first paint.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _peak_rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    import resource

    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _say(word: str) -> None:
    print(word, flush=True)


def main(kind: str, data_dir: str) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QPaintEvent
    from PySide6.QtWidgets import QApplication, QMainWindow

    if kind == "app":
        from desktop import cli
        from desktop.main_window import MainWindow

        paint, fill = MainWindow.paintEvent, MainWindow._fill_shown_tab

        def painted(window: MainWindow, event: QPaintEvent) -> None:
            if not window._first_paint_done:  # before the window schedules its tab
                QTimer.singleShot(0, lambda: _say("shown"))
            paint(window, event)

        def filled(window: MainWindow) -> None:
            fill(window)
            _say("filled")
            _say(str(_peak_rss_kb()))
            window.close()
            QApplication.quit()

        MainWindow.paintEvent = painted  # type: ignore[method-assign]
        MainWindow._fill_shown_tab = filled  # type: ignore[method-assign]
        return cli.main(["--data-dir", data_dir])

    class Bare(QMainWindow):
        first = True

        def paintEvent(self, event: QPaintEvent) -> None:
            if self.first:
                self.first = False
                QTimer.singleShot(0, self.report)
            super().paintEvent(event)

        def report(self) -> None:
            _say("shown")
            _say(str(_peak_rss_kb()))
            self.close()
            QApplication.quit()

    app = QApplication(sys.argv[:1])
    window = Bare()
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
