"""A child process: start, show a window, say so, quit. `app` is Fractional Desk; `bare` the floor.

Run as `python -m tests.benchmarks.cold_start app|bare DATA_DIR`; it prints `shown` once the window
has been shown and the event loop has run, then the peak RSS in kB.
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


def main(kind: str, data_dir: str) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    if kind == "bare":
        app = QApplication(sys.argv[:1])
        window = QMainWindow()
    else:
        from desktop.app import create_application
        from desktop.main_window import MainWindow
        from storage.db import database_file, open_database

        app = create_application()
        window = MainWindow(open_database(database_file(Path(data_dir))), Path(data_dir))
    window.show()

    def _report() -> None:
        print("shown", flush=True)
        print(_peak_rss_kb(), flush=True)
        window.close()
        app.quit()

    QTimer.singleShot(0, _report)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
