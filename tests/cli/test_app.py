"""The command line's own behaviour: help that is never cut short."""

from __future__ import annotations

import subprocess
import sys

CLI = [sys.executable, "-m", "competency_kit"]


def test_help_shows_each_command_description_whole() -> None:
    result = subprocess.run([*CLI, "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert (
        "template Write a mapping workbook to fill in Excel or LibreOffice (blank, or pre-filled)."
        in text
    )
    commands = result.stdout.split("Commands:")[1]
    assert "..." not in commands
    assert "--all-problems" in result.stdout
