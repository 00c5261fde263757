"""The house rules of docs/architecture.md, checked on the source: imports point down,
the Qt-free layers stay Qt-free, and no comment cites a file the repository does not hold."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
PACKAGE = ROOT / "zzkiosk"


def runtime_imports(path: Path) -> set[str]:
    """Modules `path` imports when it runs (imports under `if TYPE_CHECKING:` left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {id(node) for block in ast.walk(tree) if isinstance(block, ast.If) and _is_type_checking(block.test)
               for statement in block.body for node in ast.walk(statement)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return isinstance(test, ast.Name) and test.id == "TYPE_CHECKING"


def modules(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py"))


@pytest.mark.parametrize("path", modules("player"), ids=lambda p: p.name)
def test_the_player_imports_neither_the_kiosk_nor_the_benchmark(path):
    text = path.read_text(encoding="utf-8")
    assert "zzkiosk.kiosk" not in text and "zzkiosk.bench" not in text


@pytest.mark.parametrize("path", modules("kiosk"), ids=lambda p: p.name)
def test_the_kiosk_imports_the_player_for_type_hints_only(path):
    assert not [name for name in runtime_imports(path) if name.startswith("zzkiosk.player")]


@pytest.mark.parametrize("path", modules("deck") + modules("show") + [PACKAGE / "numbers.py"], ids=lambda p: p.name)
def test_the_deck_and_the_show_vocabulary_import_no_qt(path):
    assert not [name for name in runtime_imports(path) if name.startswith(("PySide6", "pyqtgraph", "shiboken6"))]


def test_nothing_below_the_composition_root_imports_it():
    users = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module == "zzkiosk"
                 for alias in node.names}
        if "zzkiosk.app" in runtime_imports(path) or "app" in names:
            users.append(path.name)
    assert users == ["cli.py"]


def test_no_comment_cites_a_design_note_outside_the_repository():
    cited = []
    for path in [*PACKAGE.rglob("*.py"), *(ROOT / "tests").rglob("*.py")]:
        for name in re.findall(r"(?<![\w.-])([A-Z][\w.-]*\.md)\b", path.read_text(encoding="utf-8")):
            if name not in ("README.md", "README.zh-CN.md"):
                cited.append(f"{path.relative_to(ROOT)}: {name}")
    assert not cited
    for name in re.findall(r"docs/[\w./-]+\.md", "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py"))):
        assert (ROOT / name).is_file(), name
