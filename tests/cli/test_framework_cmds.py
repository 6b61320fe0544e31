"""``competency-kit framework validate|show`` and the process-level contract (exit codes)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from competency_kit.documents.framework_io import framework_json

from ..documents.test_framework_io import MINIMAL

CLI = [sys.executable, "-m", "competency_kit"]


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True, timeout=120)


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("competency-kit ")


def test_version_does_not_import_the_heavy_engines() -> None:
    code = (
        "import sys; sys.argv=['competency-kit','--version']\n"
        "from competency_kit.cli.main import run\n"
        "try:\n    run()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('weasyprint', 'openpyxl', 'pydantic') if m in sys.modules]\n"
        "print(heavy)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_validate_bundled() -> None:
    result = run("framework", "validate", "--strict")
    assert result.returncode == 0, result.stderr
    assert "valid — 9 areas" in result.stderr


def test_validate_reports_every_problem_with_exit_2_and_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "fw.yaml"
    path.write_text(
        MINIMAL.replace("dimension: skill", "dimension: skils").replace(
            "level: foundation", "level: expert"
        )
    )
    result = run("framework", "validate", path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"{path}:18:" in result.stderr and "'dimension' must be one of" in result.stderr
    assert (
        f"{path}:15:9: error: areas[0].competencies[0].level: unknown level 'expert'"
        in result.stderr
    )
    assert "2 errors" in result.stderr


def test_validate_strict_turns_warnings_into_errors(tmp_path: Path) -> None:
    path = tmp_path / "fw.yaml"
    path.write_text(MINIMAL.replace("        level: foundation\n", ""))
    assert run("framework", "validate", path).returncode == 0
    strict = run("framework", "validate", path, "--strict")
    assert strict.returncode == 2
    assert "competency CP1.1 has no level" in strict.stderr


def test_missing_file_is_a_user_error(tmp_path: Path) -> None:
    result = run("framework", "validate", tmp_path / "nope.yaml")
    assert result.returncode == 2
    assert "framework file not found" in result.stderr


def test_show_json_is_the_api_result(framework) -> None:
    result = run("framework", "show", "--format", "json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data == framework_json(framework)
    statement = data["areas"][0]["competencies"][0]["statements"][0]
    assert set(statement) >= {"id", "dimension", "text"}
    assert {"id", "title", "version", "levels", "glossary", "areas"} <= set(data)


def test_show_text_tree(framework) -> None:
    result = run("framework", "show", "--lang", "fr")
    assert result.returncode == 0
    first = framework.areas[0]
    assert first.id in result.stdout
    assert first.competencies[0].statements[0].id in result.stdout


def test_usage_error_exits_2() -> None:
    result = run("framework", "show", "--format", "xml")
    assert result.returncode == 2


def many_warnings(tmp_path: Path) -> Path:
    competencies = "".join(
        f"      - id: C{n}\n        title: Competency {n}\n        statements:\n"
        f"          - {{id: C{n}-K1, dimension: knowledge, text: Knows {n}}}\n"
        for n in range(1, 6)
    )
    path = tmp_path / "imported.yaml"
    path.write_text(
        "id: imported\ntitle: Imported\nversion: '1'\nareas:\n"
        f"  - id: A1\n    title: Area\n    competencies:\n{competencies}",
        encoding="utf-8",
    )
    return path


def test_validate_summarises_many_warnings_by_kind(tmp_path: Path) -> None:
    path = many_warnings(tmp_path)
    result = run("framework", "validate", path)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == "5 warnings framework.missing-dimension, e.g.:"
    assert lines[1] == (
        f"  {path}:8:9: warning: areas[0].competencies[0]: competency C1 has no skill or "
        "attitude statement"
    )
    assert "  … and 2 more" in lines
    assert "5 warnings framework.no-audience, e.g.:" in lines
    assert "5 warnings framework.no-level, e.g.:" in lines
    assert "15 warnings of 3 kinds" in lines
    assert "list them all with --all-warnings" in lines
    assert sum("warning: " in line for line in lines) == 9


def test_validate_lists_every_warning_when_asked(tmp_path: Path) -> None:
    result = run("framework", "validate", many_warnings(tmp_path), "--all-warnings")
    assert result.returncode == 0, result.stderr
    assert sum(": warning: " in line for line in result.stderr.splitlines()) == 15
    assert "0 errors, 15 warnings" in result.stderr
