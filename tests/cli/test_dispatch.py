"""argparse decides the command: no option's value is taken for one, and only the module of
the command parsed is imported (`--version` and `--help` import none)."""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.cli import build_parser, main
from desktop.commands import SUMMARIES

ROOT = Path(__file__).resolve().parents[2]


def _leaves(parser: argparse.ArgumentParser, prefix: list[str]) -> Iterator[list[str]]:
    groups = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not groups:
        yield prefix
        return
    seen: set[int] = set()
    for name, child in groups[0].choices.items():
        if id(child) not in seen:
            seen.add(id(child))
            yield from _leaves(child, [*prefix, name])


EVERY_COMMAND = list(_leaves(build_parser(), []))


@pytest.mark.parametrize("words", EVERY_COMMAND, ids=" ".join)
def test_global_options_before_every_command_spelling_command_names(
    words: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    for value in ("check", words[0], "export"):
        with pytest.raises(SystemExit) as done:
            main(["--data-dir", value, *words, "--help"])
        assert done.value.code == 0
        usage = capsys.readouterr().out
        assert usage.startswith(f"usage: fractional-desk {' '.join(words)}")


def test_a_data_dir_named_like_a_command_runs_the_command_after_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "check"
    folder.mkdir()
    assert main(["--data-dir", str(folder), "check"]) == 1
    assert f"no practice at {folder}" in capsys.readouterr().err
    assert main(["--data-dir", "export", "report", "week"]) == 1
    assert "no practice at" in capsys.readouterr().err


def test_the_window_is_not_opened_for_an_option_value(tmp_path: Path) -> None:
    args = build_parser(lazy=True).parse_args(["--data-dir", "demo", "check"])
    assert args.command == "check"
    assert args.data_dir == "demo"
    assert callable(args.func)


def test_data_dir_after_the_command_too(tmp_path: Path) -> None:
    args = build_parser(lazy=True).parse_args(["report", "week", "--data-dir", "engagements"])
    assert (args.command, args.data_dir) == ("report", "engagements")


def _loaded_after(argv: list[str]) -> set[str]:
    code = (
        "import sys; from desktop.cli import main\n"
        f"try: main({argv!r})\n"
        "except SystemExit: pass\n"
        "print(' '.join(sorted(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return set(result.stdout.split("\n")[-2].split())


@pytest.mark.parametrize("argv", [["--version"], ["--help"]])
def test_version_and_help_import_no_command_and_no_storage_package(argv: list[str]) -> None:
    loaded = _loaded_after(argv)
    commands = {m for m in loaded if m.startswith("desktop.commands.")}
    assert commands <= {"desktop.commands.errors", "desktop.commands.options"}
    packages = {m for m in loaded if m.startswith("storage.")} - {"storage.sqlite"}
    assert packages == set()
    assert "sqlite_utils" not in loaded


def test_a_command_imports_its_own_module_only() -> None:
    loaded = _loaded_after(["--data-dir", "decisions", "engagements", "list", "--help"])
    modules = {
        m.removeprefix("desktop.commands.") for m in loaded if m.startswith("desktop.commands.")
    }
    families = modules & set(SUMMARIES) | modules & {"imports"}
    assert families == {"engagements"}


def _catalogue(translations: dict[str, str]) -> bytes:
    """A GNU gettext catalogue (.mo) holding `translations`, as `msgfmt` writes one."""
    entries = sorted({"": "Content-Type: text/plain; charset=UTF-8\n", **translations}.items())
    keys = [k.encode() for k, _ in entries]
    values = [v.encode() for _, v in entries]
    start = 7 * 4 + 16 * len(entries)
    table, data = [], b""
    for text in keys + values:
        table.append((len(text), start + len(data)))
        data += text + b"\0"
    header = [0x950412DE, 0, len(entries), 28, 28 + 8 * len(entries), 0, 0]
    numbers = header + [n for pair in table for n in pair]
    return b"".join(n.to_bytes(4, "little") for n in numbers) + data


def _argparse_word(folder: Path) -> str:
    code = (
        "import argparse, gettext, sys; "
        f"gettext.bindtextdomain(gettext.textdomain(), {str(folder)!r}); "
        "from desktop.commands import look_up_argparse_words_once; "
        "look_up_argparse_words_once(); "
        "print(argparse._('options'), 'locale' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
        env={"PATH": "", "PYTHONPATH": str(ROOT), "LANGUAGE": "de"},
    )  # fmt: skip
    return done.stdout.strip()


def test_argparse_words_come_from_the_catalogue_where_there_is_one(tmp_path: Path) -> None:
    found = tmp_path / "de" / "LC_MESSAGES" / "messages.mo"
    found.parent.mkdir(parents=True)
    found.write_bytes(_catalogue({"options": "Optionen"}))
    assert _argparse_word(tmp_path) == "Optionen True"


def test_without_a_catalogues_folder_the_words_are_argparse_own_and_no_search_is_made(
    tmp_path: Path,
) -> None:
    assert _argparse_word(tmp_path / "no-such-folder") == "options False"
