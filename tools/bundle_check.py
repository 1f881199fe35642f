"""Check the one-folder app `make build` wrote, as a user would meet it: its size, that every
library it links is found, and that it starts offscreen, writes a sample practice, exports a scope
of work from it and carries the practice over to a new folder as JSON. With
FRACTIONAL_DESK_REAL_KEYRING=1 (a running Secret Service, as `.ci/run` starts one) it also makes
an encrypted practice whose key is in the keyring, and syncs it through a folder. `make check-bundle` runs it; `.ci/run` too.

    .venv/bin/python -m tools.bundle_check dist/fractional-desk
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import docx

LIMIT_MB = 135  # MiB, as `du -sh` counts; 130 until the sync engine's own SQLite (APSW, 4 MB)
NAME = "fractional-desk"


class BundleError(Exception):
    """One line saying what is wrong with the bundle."""


def disk_usage(folder: Path) -> int:
    """Bytes on disk, as `du -s` counts them: each file once, symbolic links not followed."""
    seen: set[tuple[int, int]] = set()
    total = 0
    for path in [folder, *folder.rglob("*")]:
        stat = path.lstat()
        if (stat.st_dev, stat.st_ino) not in seen:
            seen.add((stat.st_dev, stat.st_ino))
            total += stat.st_blocks * 512
    return total


def check_size(bundle: Path) -> str:
    size_mb = disk_usage(bundle) / 2**20
    if size_mb > LIMIT_MB:
        raise BundleError(f"the bundle is {size_mb:.0f} MB, over the limit of {LIMIT_MB} MB")
    return f"size {size_mb:.0f} MB (limit {LIMIT_MB} MB)"


def check_files(bundle: Path) -> str:
    """SQLCipher's driver is there, pysqlite3 is not needed, no link points nowhere."""
    internal = bundle / "_internal"
    if not list((internal / "sqlcipher3").glob("_sqlite3*")):
        raise BundleError("sqlcipher3's _sqlite3 extension is missing")
    if (internal / "pysqlite3").exists():
        raise BundleError("pysqlite3 was collected; storage.sqlite names sqlcipher3 so instead")
    if dangling := [p for p in bundle.rglob("*") if p.is_symlink() and not p.exists()]:
        raise BundleError(f"links to nothing: {', '.join(map(str, dangling[:5]))}")
    return "SQLCipher bundled, no dangling links"


def check_libraries(bundle: Path) -> str:
    """On Linux, ldd finds every library each binary of the bundle links (against this machine)."""
    if not sys.platform.startswith("linux"):
        return "libraries not checked off Linux"
    internal = str(bundle / "_internal")
    binaries = [bundle / NAME, *(p for p in bundle.rglob("*.so*") if p.is_file())]
    env = os.environ | {"LD_LIBRARY_PATH": internal}
    for binary in binaries:
        if missing := _not_found(binary, env):
            raise BundleError(f"{binary.relative_to(bundle)} needs {', '.join(missing)}")
    return f"{len(binaries)} binaries link"


def _not_found(binary: Path, env: dict[str, str]) -> list[str]:
    result = subprocess.run(["ldd", str(binary)], capture_output=True, text=True, env=env)
    return [line.split()[0] for line in result.stdout.splitlines() if "not found" in line]


def run(bundle: Path, *args: str) -> str:
    """Run the bundle's executable offscreen; its output, or BundleError with its stderr."""
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    command = [str(bundle / NAME), *args]
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    if result.returncode != 0:
        raise BundleError(f"`{' '.join(args)}` exited {result.returncode}: {result.stderr.strip()}")
    return result.stdout


def check_start(bundle: Path, work: Path) -> str:
    """--version, --self-test on an empty folder, demo, and export sow from the sample practice."""
    version = run(bundle, "--version").strip()
    if run(bundle, "--self-test", "--data-dir", str(work / "empty")).strip() != "OK":
        raise BundleError("--self-test did not print OK")
    practice = work / "practice"
    run(bundle, "demo", "--data-dir", str(practice))
    out = work / "scope-of-work.docx"
    run(bundle, "export", "sow", "--engagement", "1", "--out", str(out), f"--data-dir={practice}")
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    if "Scope of work" not in text or len(text) < 2000:
        raise BundleError(f"{out.name} does not read like a scope of work ({len(text)} characters)")
    return f"{version}: self-test OK, demo and export sow ({len(text):,} characters) work"


def check_transfer(bundle: Path, work: Path) -> str:
    """The practice written as JSON and read into a new folder, every engagement kept."""
    practice, copy, out = work / "practice", work / "imported", work / "practice.json"
    run(bundle, "export", "practice", "--out", str(out), f"--data-dir={practice}")
    run(bundle, "import", "practice", str(out), f"--data-dir={copy}")
    counts = [
        len(json.loads(run(bundle, "engagements", "list", "--format", "json", f"--data-dir={d}")))
        for d in (practice, copy)
    ]
    if counts[0] != counts[1]:
        raise BundleError(f"import practice kept {counts[1]} of {counts[0]} engagements")
    return f"export and import practice ({counts[0]} engagements)"


def check_keyring(bundle: Path, work: Path) -> str:
    """SQLCipher and the Secret Service backend together: a practice encrypted with its key in
    the keyring, which the next command finds there to export from it."""
    if os.environ.get("FRACTIONAL_DESK_REAL_KEYRING") != "1":
        return "encryption not checked (no Secret Service: FRACTIONAL_DESK_REAL_KEYRING=1 asks)"
    practice = work / "encrypted"
    run(bundle, "demo", "--require-encryption", "--data-dir", str(practice))
    status = json.loads(
        run(bundle, "encryption", "status", "--format", "json", f"--data-dir={practice}")
    )
    header = (practice / "fractional-desk.sqlite3").read_bytes()[:16]
    if not (status["encrypted"] and status["key_in_keyring"]) or header == b"SQLite format 3\0":
        raise BundleError(f"the practice made with --require-encryption is not encrypted: {status}")
    out = work / "encrypted.docx"
    run(bundle, "export", "sow", "--engagement", "1", "--out", str(out), f"--data-dir={practice}")
    shared = work / "shared"
    shared.mkdir()
    run(bundle, "sync", "setup", str(shared), f"--data-dir={practice}")
    synced = json.loads(run(bundle, "sync", "--format", "json", f"--data-dir={practice}"))
    if not synced["ok"] or not list(shared.glob("fractional-desk-sync/devices/*/snapshots/*")):
        raise BundleError(f"the encrypted practice did not sync through a folder: {synced}")
    return "an encrypted practice, its key in the Secret Service, exports and syncs"


def main(argv: list[str]) -> int:
    bundle = Path(argv[1] if len(argv) > 1 else f"dist/{NAME}")
    try:
        with tempfile.TemporaryDirectory(prefix="fractional-desk-bundle-") as work:
            results = [check_size(bundle), check_files(bundle), check_libraries(bundle)]
            results.append(check_start(bundle, Path(work)))
            results += [check_transfer(bundle, Path(work)), check_keyring(bundle, Path(work))]
    except (BundleError, OSError, subprocess.TimeoutExpired) as error:
        print(f"check_bundle: {bundle}: {error}", file=sys.stderr)
        return 1
    print(f"{bundle}: " + "; ".join(results))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
