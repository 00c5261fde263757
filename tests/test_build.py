"""The one-folder PyInstaller build: it builds, and its binary validates and renders the bundled deck."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    pytest.importorskip("PyInstaller", reason="install zzkiosk[test] or [build] to build")
    work = tmp_path_factory.mktemp("build")
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(work / "dist"), "--workpath", str(work / "work"), str(ROOT / "build_spec/zzkiosk.spec")],
        check=True, cwd=ROOT, timeout=600,
    )
    binary = work / "dist" / "zzkiosk" / ("zzkiosk.exe" if os.name == "nt" else "zzkiosk")
    assert binary.is_file()
    return binary


def run_built(binary: Path, *args: str) -> subprocess.CompletedProcess:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([str(binary), *args], capture_output=True, text=True, timeout=300, env=environment, cwd="/")


def test_built_binary_validates_the_bundled_deck(built):
    result = run_built(built, "validate")
    assert result.returncode == 0, result.stderr
    assert "valid:" in result.stdout and "slides" in result.stdout


def test_built_binary_speaks_chinese_from_its_own_catalogue(built, tmp_path):
    """The build ships the compiled catalogue: no .po, no Babel, no cache needed."""
    deck = tmp_path / "deck"
    (deck / "sections").mkdir(parents=True)
    (deck / "deck.yaml").write_text("title: 测试\ntheme: hall-red\nsections: [sections/part.yaml]\n", encoding="utf-8")
    (deck / "sections/part.yaml").write_text(
        "id: part\ntitle: 一\nslides:\n  - id: one\n    title: 概况\n    lable: x\n", encoding="utf-8")
    result = run_built(built, "validate", str(deck), "--lang", "zh")
    assert result.returncode == 1
    assert f"{deck / 'sections/part.yaml'}:6:5: 未知的键 'lable'" in result.stderr, result.stderr
    assert "用法：" in run_built(built, "validate", "--help", "--lang", "zh").stdout


def test_built_binary_renders_the_bundled_deck(built, tmp_path):
    result = run_built(built, "render", "--out", str(tmp_path), "--size", "640x360")
    assert result.returncode == 0, result.stderr
    pngs = sorted(tmp_path.glob("*.png"))
    assert len(pngs) >= 30 and all(png.stat().st_size > 1000 for png in pngs)


def test_build_carries_no_other_qt_binding(built):
    internal = built.parent / "_internal"
    names = {path.name for path in internal.iterdir()}
    assert not names & {"PyQt5", "PyQt6", "PySide2"}
    assert (internal / "resources/fonts/OFL.txt").is_file() and (internal / "slides/deck.yaml").is_file()
    icon_fonts = internal / "qtawesome" / "fonts"
    assert list(icon_fonts.glob("materialdesignicons6-*.ttf")) and list(icon_fonts.glob("*-charmap-*.json"))
    assert (internal / "qtawesome" / "LICENSE.txt").is_file()
