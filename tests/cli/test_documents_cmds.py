"""``competency-kit guide``, ``handouts``, ``templates copy`` and ``doctor`` from the shell."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CLI = [sys.executable, "-m", "competency_kit"]
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "hospitality-diploma.yaml"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True, timeout=300)


def test_doctor_reports_the_engine() -> None:
    result = run("doctor")
    assert result.returncode == 0, result.stderr
    for name in ("WeasyPrint", "Pango", "HarfBuzz-Subset", "Fonts", "Noto Sans"):
        assert name in result.stdout


def test_guide_html_preview_and_unknown_language(tmp_path) -> None:
    result = run("guide", EXAMPLE, "-o", tmp_path / "guide.html", "--html", "--lang", "es")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "guide.html").read_text(encoding="utf-8")
    assert '<html lang="es">' in html and "Cómo usar esta guía" in html
    assert "no --profile given" in result.stderr
    refused = run("guide", EXAMPLE, "-o", tmp_path / "g.pdf", "--lang", "xx")
    assert refused.returncode == 2
    assert "there are no document labels for the language 'xx'" in refused.stderr
    assert not (tmp_path / "g.pdf").exists()


def test_templates_copy_refuses_to_overwrite(tmp_path) -> None:
    assert run("templates", "copy", tmp_path / "t").returncode == 0
    assert (tmp_path / "t" / "guide.html").is_file()
    assert (tmp_path / "t" / "fonts" / "OFL.txt").is_file()
    again = run("templates", "copy", tmp_path / "t")
    assert again.returncode == 2
    assert "template files already exist there" in again.stderr
