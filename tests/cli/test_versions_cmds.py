"""``competency-kit framework diff`` and ``competency-kit migrate`` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from ..versions_example import write_versions
from .test_framework_cmds import run


def test_diff_prints_text_or_json_alone_on_stdout(tmp_path: Path) -> None:
    old, new, _ = write_versions(tmp_path)
    text = run("framework", "diff", old, new)
    assert text.returncode == 0, text.stderr
    assert "Split (1)" in text.stdout
    as_json = run("framework", "diff", old, new, "--format", "json")
    assert json.loads(as_json.stdout)["suggested_bump"] == "major"


def test_a_diff_workbook_needs_an_output(tmp_path: Path) -> None:
    old, new, _ = write_versions(tmp_path)
    result = run("framework", "diff", old, new, "--format", "xlsx")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "--output" in result.stderr


def test_migrate_prints_the_report_and_hints_at_the_decisions(tmp_path: Path) -> None:
    old, new, curriculum = write_versions(tmp_path)
    result = run(
        "migrate", curriculum, "--from", old, "--to", new, "-o", tmp_path / "v2.yaml",
        "--decisions", tmp_path / "splits.xlsx",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Mappings expected to migrate: 7" in result.stdout
    assert "1 split mapping to decide" in result.stderr
    assert (tmp_path / "v2.yaml").is_file() and (tmp_path / "splits.xlsx").is_file()


def test_a_curriculum_mapped_to_retired_items_points_to_migrate(tmp_path: Path) -> None:
    _, new, curriculum = write_versions(tmp_path)
    result = run("validate", curriculum, "--framework", new)
    assert result.returncode == 0
    assert "curriculum.yaml:11:" in result.stderr
    assert "competency-kit migrate" in result.stderr
