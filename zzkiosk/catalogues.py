"""Finding the compiled message catalogue (.mo), compiling it from the .po when needed.

An installed zzkiosk (pip install, pip install -e, the PyInstaller build) has the .mo
beside the .po: setup.py compiles it at build time. A source checkout run with
PYTHONPATH has only the .po; it is then compiled once with Babel into the user cache
(and again whenever the .po changes), so a translator sees an edit on the next run.
"""

from __future__ import annotations

import ast
import hashlib
import inspect
import io
from collections.abc import Iterator
from pathlib import Path

from platformdirs import user_cache_dir

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
"""The catalogues inside the package: locale/<language>/LC_MESSAGES/zzkiosk.po (and .mo)."""
MODEL_FILES = (
    "deck/model.py", "deck/blocks.py", "deck/figures.py", "deck/fields.py", "deck/theme.py",
    "control/config.py", "fleet/settings.py",
)
"""The files of the deck and config.yaml models: their docstrings are the JSON Schemas' descriptions."""


def compiled_catalogue(language: str) -> Path | None:
    """The .mo file for `language` (like zh_CN), or None when there is none to be had."""
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    source, built = folder / "zzkiosk.po", folder / "zzkiosk.mo"
    if built.is_file() and (not source.is_file() or built.stat().st_mtime >= source.stat().st_mtime):
        return built
    if not source.is_file():
        return None
    return _cached(source, language)


def compile_catalogue(source: Path, target: Path) -> None:
    """Compile the .po `source` into the .mo `target` with Babel (fuzzy entries left out)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with source.open("rb") as handle:
        catalogue = read_po(handle)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".mo.partial")
    with partial.open("wb") as handle:
        write_mo(handle, catalogue)
    partial.replace(target)  # a kiosk starting meanwhile never reads half a file


def _cached(source: Path, language: str) -> Path | None:
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    target = Path(user_cache_dir("zzkiosk")) / "locale" / f"{language}-{digest}.mo"
    if target.is_file():
        return target
    try:
        compile_catalogue(source, target)
    except ImportError:  # no Babel: messages stay in English rather than the kiosk failing
        return None
    except OSError:
        return None
    return target


def extract(fileobj, keywords, comment_tags, options) -> Iterator[tuple]:
    """Babel extraction method (babel.cfg): the tr() and N_() messages of a Python file and,
    in the deck model files, every model's and field's docstring (the JSON Schema's
    descriptions, translated by `zzkiosk schema --lang zh`)."""
    from babel.messages.extract import extract_python

    source = fileobj.read()
    yield from extract_python(io.BytesIO(source), keywords, comment_tags, options)
    name = Path(getattr(fileobj, "name", "")).as_posix()
    if name.endswith(MODEL_FILES):
        for line, docstring in _docstrings(ast.parse(source)):
            yield line, None, docstring, ["JSON Schema description"]


def _docstrings(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """(line, text) of each class docstring and each docstring under an annotated field,
    cleaned as pydantic and zzkiosk.deck.docs clean them."""
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        body = node.body
        if body and _is_string(body[0]):
            yield body[0].lineno, inspect.cleandoc(body[0].value.value)
        for statement, following in zip(body, body[1:]):
            if isinstance(statement, ast.AnnAssign) and _is_string(following):
                yield following.lineno, inspect.cleandoc(following.value.value)


def _is_string(statement: ast.stmt) -> bool:
    return (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
            and isinstance(statement.value.value, str))
