"""``competency-kit framework export|import`` and ``export-mapping`` as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from competency_kit.documents.framework_io import load_framework
from competency_kit.documents.framework_yaml import SCHEMA_LINE
from competency_kit.interop.case_export import case_json, case_package

CLI = [sys.executable, "-m", "competency_kit"]


@pytest.fixture
def interop_dir(shared_dir: Path) -> Path:
    return shared_dir / "reference" / "interop"


def run(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *map(str, args)], capture_output=True, text=True, timeout=120, env=env
    )


def test_export_then_import_gives_the_same_framework(framework, tmp_path: Path) -> None:
    exported = run(
        "framework",
        "export",
        "--format",
        "case",
        "-o",
        tmp_path / "fw.json",
        "--base-uri",
        "https://case.example.edu",
    )
    assert exported.returncode == 0, exported.stderr
    written = (tmp_path / "fw.json").read_text(encoding="utf-8")
    assert written == case_json(case_package(framework, base_uri="https://case.example.edu"))
    imported = run("framework", "import", tmp_path / "fw.json", "-o", tmp_path / "fw.yaml")
    assert imported.returncode == 0, imported.stderr
    assert "imported 9 areas, 30 competencies, 193 statements, 3 levels" in imported.stderr
    text = (tmp_path / "fw.yaml").read_text(encoding="utf-8")
    assert text.startswith(SCHEMA_LINE) and "{" not in text.splitlines()[1]
    assert load_framework(tmp_path / "fw.yaml") == framework


def test_import_without_default_dimension_exits_2_with_the_count(
    interop_dir: Path, tmp_path: Path
) -> None:
    result = run(
        "framework",
        "import",
        interop_dir / "moodle_lpimportcsv_example.csv",
        "-o",
        tmp_path / "oecd.yaml",
    )
    assert result.returncode == 2
    assert "error: 54 statements have no knowledge, skill or attitude type" in result.stderr
    assert (
        "    how: run the import again with --dimension-map TYPE=knowledge (skill, attitude) for "
        "each type, or with --default-dimension knowledge, skill or attitude\n" in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "oecd.yaml").exists()


def test_import_prints_what_was_not_imported(interop_dir: Path, tmp_path: Path) -> None:
    result = run(
        "framework",
        "import",
        interop_dir / "opensalt_sample_framework_20c5134f.json",
        "-o",
        tmp_path / "salt.yaml",
        "--default-dimension",
        "knowledge",
    )
    assert result.returncode == 0, result.stderr
    assert "Not carried over (9):\n  - 16 exactMatchOf associations" in result.stderr
    assert result.stdout == ""
    assert load_framework(tmp_path / "salt.yaml").areas[0].id == "CCSS.Math.Content.6.RP.A"


def test_import_maps_type_names_to_dimensions(interop_dir: Path, tmp_path: Path) -> None:
    path = interop_dir / "opensalt_sample_framework_20c5134f.json"
    out = tmp_path / "salt.yaml"
    result = run("framework", "import", path, "-o", out, "--dimension-map", "Component=skill")
    assert result.returncode == 0, result.stderr
    assert {s.dimension for _, _, s in load_framework(out).statements()} == {"skill"}


def test_untyped_statements_name_their_types_and_both_options(
    interop_dir: Path, tmp_path: Path
) -> None:
    path = interop_dir / "opensalt_sample_framework_20c5134f.json"
    result = run("framework", "import", path, "-o", tmp_path / "salt.yaml")
    assert result.returncode == 2
    assert "the types in the file: 'Component' (8)" in result.stderr
    assert "--dimension-map TYPE=knowledge" in result.stderr
    assert "--default-dimension" in result.stderr


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        (
            "--dimension-map",
            "Component",
            "--dimension-map: error: a type is given its dimension as TYPE=knowledge",
        ),
        ("--dimension-map", "Component=skills", "(got 'Component=skills')"),
        ("--language", "french", "--language: error: 'french' is not a language code"),
    ],
)
def test_bad_import_options_exit_2(
    option: str, value: str, message: str, interop_dir: Path, tmp_path: Path
) -> None:
    path = interop_dir / "opensalt_sample_framework_20c5134f.json"
    result = run("framework", "import", path, "-o", tmp_path / "o.yaml", option, value)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "o.yaml").exists()


@pytest.mark.parametrize(
    ("export_format", "start"),
    [
        ("moodle", '"Parent ID number","ID number"'),
        ("case-1.0", "{"),
    ],
)
def test_other_formats(export_format: str, start: str, tmp_path: Path) -> None:
    result = run("framework", "export", "--format", export_format, "-o", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out").read_text(encoding="utf-8").startswith(start)


def test_export_mapping(tmp_path: Path) -> None:
    curriculum = tmp_path / "curriculum.yaml"
    curriculum.write_text(
        "programme: {id: P1, title: Programme}\n"
        "courses:\n"
        "  - id: C1\n    title: Course\n    modules:\n"
        "      - id: C1-M1\n        title: Module\n"
        "        maps: [{to: CP1.1-K1, depth: I}, {to: CP1.1, depth: M, assessed: true}]\n",
        encoding="utf-8",
    )
    result = run("export-mapping", curriculum, "-o", tmp_path / "map.json")
    assert result.returncode == 0, result.stderr
    assert "with 2 links to sectt-core" in result.stderr
    package = json.loads((tmp_path / "map.json").read_text(encoding="utf-8"))
    assert [
        a["destinationNodeURI"]["title"]
        for a in package["CFAssociations"]
        if a["associationType"] == "isRelatedTo"
    ] == ["CP1.1-K1", "CP1.1"]
