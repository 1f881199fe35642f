"""A stand-in for `fractional-desk sync` in the window's timer tests: a real child process that
takes a moment, prints a round's JSON, and records each run in a log beside the data folder,
with "overlap" when it found another run still going (the window must never start two)."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    data_dir = Path(argv[argv.index("--data-dir") + 1])
    words = argv[argv.index("sync") + 1 :]
    log = data_dir.parent / "fake-sync.log"
    running = data_dir.parent / "fake-sync.running"
    try:
        marker = os.open(running, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        marker = -1
    with log.open("a", encoding="utf-8") as out:
        out.write(("overlap " if marker < 0 else "") + " ".join(words) + "\n")
    time.sleep(float(os.environ.get("FAKE_SYNC_SECONDS", "0.2")))
    if marker >= 0:
        os.close(marker)
        running.unlink()
    print(json.dumps({"at": "2026-06-01T09:00:00+00:00", "ok": True, "problem": "", "sent": 1,
                      "taken": 0, "conflicts": 0, "refused": [], "ignored": []}))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
