"""Compile the message catalogues (.po -> .mo) whenever the package is built.

Everything else about the package is in pyproject.toml. This hook runs for a wheel, a
plain `pip install` and `pip install -e` (run.py) alike: setuptools runs build_py in all
three, and in editable mode the .mo is written beside the .po in the source tree.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithCatalogues(build_py):
    """build_py that also compiles zzkiosk/locale/*/LC_MESSAGES/zzkiosk.po with Babel."""

    def run(self):
        super().run()
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        target_root = Path("." if self.editable_mode else self.build_lib)
        for source in Path("zzkiosk/locale").glob("*/LC_MESSAGES/zzkiosk.po"):
            target = target_root / source.with_suffix(".mo")
            target.parent.mkdir(parents=True, exist_ok=True)
            with source.open("rb") as po, target.open("wb") as mo:
                write_mo(mo, read_po(po))


setup(cmdclass={"build_py": BuildWithCatalogues})
