"""The Word template holds every style the exporters name (python-docx raises KeyError otherwise)."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib.resources import as_file
from pathlib import Path

import docx
import pytest

from exporters import docx_common

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "resources" / "templates" / "fractional-desk.docx"


def _style_names(path: Path) -> set[str]:
    return {style.name for style in docx.Document(str(path)).styles}


@pytest.mark.parametrize("name", docx_common.STYLES)
def test_template_holds_every_style_the_documents_use(name: str) -> None:
    assert name in _style_names(TEMPLATE)


def test_every_style_named_in_the_exporters_is_declared() -> None:
    named: set[str] = set()
    for path in (ROOT / "exporters").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        named |= set(re.findall(r'style="([^"]+)"', source))
        named |= set(re.findall(r'styles\["([^"]+)"\]', source))
        levels = re.findall(r"heading\([^)]*level=(\d)", source)
        named |= {f"Heading {level}" for level in levels}
    assert named, "the scan found no style names: the pattern is stale"
    assert named <= set(docx_common.STYLES)


def test_the_packaged_template_is_the_one_the_exporters_open() -> None:
    with as_file(docx_common.template_path()) as path:
        assert Path(path).read_bytes() == TEMPLATE.read_bytes()


def test_template_styles_use_plain_fonts_not_theme_fonts() -> None:
    styles = docx.Document(str(TEMPLATE)).styles
    xml = styles["Heading 1"].element.xml
    assert "asciiTheme" not in xml
    assert 'w:ascii="Calibri"' in xml


def test_the_template_script_rebuilds_the_same_styles(tmp_path: Path) -> None:
    script = ROOT / "resources" / "templates" / "make_template.py"
    code = (
        "import runpy, sys; from pathlib import Path; "
        f"ns = runpy.run_path({str(script)!r}); "
        f"ns['TEMPLATE'] = Path({str(tmp_path / 'rebuilt.docx')!r}); "
        "ns['build'].__globals__['TEMPLATE'] = ns['TEMPLATE']; ns['build']()"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=tmp_path)
    assert _style_names(tmp_path / "rebuilt.docx") == _style_names(TEMPLATE)
