"""LibreOffice, headless, as a reviewer's spreadsheet program: converting a workbook the kit wrote
shows what LibreOffice reads, computes and prints from it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")


def convert(source: Path, to: str, outdir: Path, profile: Path) -> Path:
    """``source`` converted by LibreOffice to ``to`` (``pdf``, a filter string, …) in ``outdir``,
    with its own user profile folder (two conversions at once would share one otherwise)."""
    assert SOFFICE is not None
    result = subprocess.run(
        [
            SOFFICE,
            "--headless",
            f"-env:UserInstallation=file://{profile}",
            "--convert-to",
            to,
            "--outdir",
            str(outdir),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    return outdir
