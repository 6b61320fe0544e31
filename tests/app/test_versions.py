"""The version tasks: diff written in each format, migrate never over its input, and the
decisions workbook written on the first run and applied on the next."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from competency_kit.app.versions import (
    DiffRequest,
    MigrateRequest,
    diff_framework_files,
    migrate,
    migrate_with_report,
)
from competency_kit.core.errors import InputError
from competency_kit.documents.curriculum_io import load_curriculum_document
from competency_kit.documents.framework_io import load_framework
from competency_kit.documents.sniff import sniff

from ..versions_example import OLD, write_versions


def test_diff_as_text_json_and_workbook(tmp_path: Path) -> None:
    old, new, _ = write_versions(tmp_path)
    shown = diff_framework_files(DiffRequest(old, new))
    assert shown.text.startswith("Framework demo: version 1.0.0 → 2.0.0")
    diff_framework_files(DiffRequest(old, new, tmp_path / "diff.json", "json"))
    data = json.loads((tmp_path / "diff.json").read_text())
    assert data == shown.diff.model_dump(mode="json")
    diff_framework_files(DiffRequest(old, new, tmp_path / "diff.xlsx", "xlsx"))
    assert load_workbook(tmp_path / "diff.xlsx").sheetnames == ["Summary", "Changes", "_meta"]
    with pytest.raises(InputError) as exc:
        diff_framework_files(DiffRequest(old, new, None, "xlsx"))
    assert exc.value.problems[0].code == "diff.no-output"


def test_migrate_writes_the_new_curriculum_and_leaves_the_input(tmp_path: Path) -> None:
    old, new, curriculum = write_versions(tmp_path)
    before = curriculum.read_bytes()
    result = migrate(MigrateRequest(curriculum, new, tmp_path / "v2.yaml", old))
    assert curriculum.read_bytes() == before
    written = load_curriculum_document(tmp_path / "v2.yaml", load_framework(new))
    assert written == result.curriculum
    assert (
        not {m.to for _, mod in written.modules() for m in mod.maps}
        & load_framework(new).retired_ids()
    )
    with pytest.raises(InputError) as exc:
        migrate(MigrateRequest(curriculum, new, curriculum, old))
    assert exc.value.problems[0].code == "output.is-input"
    assert curriculum.read_bytes() == before


def test_without_the_old_version_the_new_files_lineage_is_enough(tmp_path: Path) -> None:
    _, new, curriculum = write_versions(tmp_path)
    result = migrate(MigrateRequest(curriculum, new, tmp_path / "v2.yaml"))
    assert (result.report.migrated, result.report.from_version) == (6, "an earlier version")


def test_the_decisions_round_trip(tmp_path: Path) -> None:
    old, new, curriculum = write_versions(tmp_path)
    decisions = tmp_path / "splits.xlsx"
    first = migrate(MigrateRequest(curriculum, new, tmp_path / "v2.yaml", old, decisions))
    assert first.decisions_written == decisions and first.report.to_review == 1
    wb = load_workbook(decisions)
    wb["Decisions"]["H5"] = "No"
    wb.save(decisions)
    second = migrate(MigrateRequest(curriculum, new, tmp_path / "v2.yaml", old, decisions))
    assert (second.decisions_written, second.decisions_read, second.report.to_review) == (
        None,
        1,
        0,
    )
    module = second.curriculum.module("M1")
    assert module is not None and [m.to for m in module.maps] == ["CP1.1-K1", "CP1.2-S4"]


def test_outputs_that_clash_are_refused_before_any_work(tmp_path: Path) -> None:
    old, new, curriculum = write_versions(tmp_path)
    out = tmp_path / "v2.yaml"
    with pytest.raises(InputError) as exc:
        migrate(MigrateRequest(curriculum, new, out, old, out))
    assert exc.value.problems[0].code == "migrate.decisions-not-xlsx"
    with pytest.raises(InputError) as exc:
        migrate_with_report(MigrateRequest(curriculum, new, out, old), out)
    assert exc.value.problems[0].code == "output.same-file"
    assert not out.exists()


def test_another_framework_is_not_an_earlier_version(tmp_path: Path) -> None:
    _, new, curriculum = write_versions(tmp_path)
    other = tmp_path / "other.yaml"
    other.write_text(OLD.replace("id: demo", "id: other", 1), encoding="utf-8")
    with pytest.raises(InputError) as exc:
        migrate(MigrateRequest(curriculum, new, tmp_path / "v2.yaml", other))
    assert exc.value.problems[0].code == "migrate.other-framework"


def test_the_report_as_json(tmp_path: Path) -> None:
    old, new, curriculum = write_versions(tmp_path)
    result = migrate_with_report(
        MigrateRequest(curriculum, new, tmp_path / "v2.yaml", old), tmp_path / "report.json"
    )
    assert json.loads((tmp_path / "report.json").read_text()) == result.report.model_dump(
        mode="json"
    )


def test_a_diff_workbook_is_made_again_unless_the_committee_wrote_notes(tmp_path: Path) -> None:
    old, new, _ = write_versions(tmp_path)
    path = tmp_path / "diff.xlsx"
    request = DiffRequest(old, new, path, "xlsx")
    diff_framework_files(request)
    assert sniff(path) == "diff-workbook"
    diff_framework_files(request)  # nobody wrote in it: made again
    wb = load_workbook(path)
    wb["Changes"]["J6"] = "Ask the trainers before the next intake"
    wb.save(path)
    with pytest.raises(InputError) as exc:
        diff_framework_files(request)
    (problem,) = exc.value.problems
    assert (problem.code, problem.message) == (
        "output.holds-committee-notes",
        "this framework diff workbook holds committee notes on 1 change; replacing it would "
        "lose them",
    )
    assert load_workbook(path)["Changes"]["J6"].value == "Ask the trainers before the next intake"
    diff_framework_files(dataclasses.replace(request, force=True))
    assert load_workbook(path)["Changes"]["J6"].value is None


def test_a_decisions_workbook_is_never_replaced_by_another_output(tmp_path: Path) -> None:
    old, new, curriculum = write_versions(tmp_path)
    decisions = tmp_path / "splits.xlsx"
    migrate(MigrateRequest(curriculum, new, tmp_path / "v2.yaml", old, decisions))
    assert sniff(decisions) == "decisions-workbook"
    with pytest.raises(InputError) as exc:
        diff_framework_files(DiffRequest(old, new, decisions, "xlsx"))
    assert exc.value.problems[0].code == "output.holds-split-decisions"
    with pytest.raises(InputError) as exc:
        migrate(MigrateRequest(decisions, new, tmp_path / "v3.yaml", old))
    assert exc.value.problems[0].code == "file.is-decisions-workbook"
