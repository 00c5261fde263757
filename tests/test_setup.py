"""What run.py's set-up leaves in .venv beside the packages."""

import sys
from pathlib import Path

import pytest

SET_UP_BY_RUN_PY = (Path(sys.prefix) / "zzkiosk-installed.txt").exists()


@pytest.mark.skipif(not SET_UP_BY_RUN_PY, reason="this Python's environment was not set up by run.py")
def test_shiboken_loads_its_support_modules_as_bytecode():
    """run.py unpacks shiboken's support modules (SBK_EMBED=0) and compiles them, so that no
    start compiles them from the source embedded in shiboken (docs/performance.md, round 6)."""
    import shiboken6

    folder = Path(shiboken6.__file__).parent / "files.dir"
    for name in ("shibokensupport.signature.loader", "shibokensupport.signature.parser",
                 "shibokensupport.signature.lib.pyi_generator"):
        module = sys.modules[name]
        assert Path(module.__file__).is_relative_to(folder), name
        assert Path(module.__cached__).is_file(), name
