"""A child process: start, show a window, say so, quit. `app` is Fractional Desk; `bare` the floor.

Run as `python -m tests.benchmarks.cold_start app|bare DATA_DIR`; it prints `shown` once the
window has been shown and its events processed (for the app, when its self-test goes on to check
the data), then the peak RSS in kB. The app starts through its real entry point: the command line, the lock on the data folder,
the log, the daily backup check, opening the database and the window with its first tab.
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
    if kind == "app":
        from desktop import app, cli

        check = app.health_check.check

        def shown_then_check(db: object) -> object:
            """The self-test's data check runs after the window was shown: the clock stops
            there, as it does for the bare window."""
            print("shown", flush=True)
            return check(db)  # type: ignore[arg-type]

        app.health_check.check = shown_then_check  # type: ignore[assignment]
        status = cli.main(["--self-test", "--data-dir", data_dir])
        print(_peak_rss_kb(), flush=True)
        return status

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
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
