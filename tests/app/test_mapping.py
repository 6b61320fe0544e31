"""The educator's tasks as library calls: template, import, validate; a mapping workbook made
for an earlier framework version, imported against the new one."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from competency_kit.app.mapping import (
    ImportRequest,
    MigratingImportRequest,
    TemplateRequest,
    ValidateRequest,
    import_and_migrate,
    import_mapping,
    make_template,
    validate_curriculum,
)
from competency_kit.core.errors import InputError
from competency_kit.core.resources import examples_dir
from competency_kit.documents.curriculum_io import load_curriculum_document
from competency_kit.documents.framework_io import load_framework
from competency_kit.excel.mapping import layout as L

from ..versions_example import write_versions

EXAMPLE = examples_dir() / "tour-guide-certificate.yaml"


def test_a_prefilled_template_imports_back_to_the_same_curriculum(
    tmp_path: Path, framework
) -> None:
    made = make_template(TemplateRequest(tmp_path / "mapping.xlsx", EXAMPLE))
    assert made.prefilled and made.framework.id == framework.id
    assert openpyxl.load_workbook(made.path)[L.MAPPING]["A6"].value is not None
    back = import_mapping(ImportRequest(made.path, tmp_path / "curriculum.yaml"))
    assert back.notes == []
    back = back.curriculum
    assert back == load_curriculum_document(EXAMPLE, framework)
    assert load_curriculum_document(tmp_path / "curriculum.yaml", framework) == back


def test_validate_counts_the_statements_reached_through_competency_mappings(framework) -> None:
    result = validate_curriculum(ValidateRequest(EXAMPLE))
    expected = {
        statement
        for _, module in result.curriculum.modules()
        for mapping in module.maps
        for statement in framework.expand(mapping.to)
    }
    assert result.reached == len(expected) > 0


def test_the_template_never_replaces_the_framework_it_was_made_from(tmp_path: Path) -> None:
    folder = tmp_path / "fw"
    folder.mkdir()
    shutil.copy(examples_dir().parent / "framework" / "framework.yaml", folder / "framework.yaml")
    with pytest.raises(InputError) as caught:
        make_template(TemplateRequest(folder / "framework.yaml", framework=folder))
    assert [p.code for p in caught.value.problems] == ["output.is-input"]


def test_a_v1_workbook_is_carried_over_to_v2(tmp_path: Path) -> None:
    old, new, curriculum = write_versions(tmp_path)
    workbook = make_template(TemplateRequest(tmp_path / "v1.xlsx", curriculum, old)).path
    with pytest.raises(InputError) as exc:
        import_mapping(ImportRequest(workbook, tmp_path / "out.yaml", new))
    assert exc.value.problems[0].code == "workbook.other-framework-version"
    assert "version 1.0.0" in exc.value.problems[0].message
    result = import_and_migrate(MigratingImportRequest(workbook, tmp_path / "out.yaml", new, old))
    assert result.report is not None and result.report.to_review == 1
    module = result.curriculum.module("M2")
    assert module is not None and {m.to for m in module.maps} == {"CP2.1-K3", "CP1.2-S2", "CP2.1"}
    assert not {m.to for _, mod in result.curriculum.modules() for m in mod.maps} & (
        load_framework(new).retired_ids()
    )


def test_the_earlier_version_is_needed_unless_it_is_the_bundled_one(tmp_path: Path) -> None:
    old, new, curriculum = write_versions(tmp_path)
    workbook = make_template(TemplateRequest(tmp_path / "v1.xlsx", curriculum, old)).path
    with pytest.raises(InputError) as exc:
        import_and_migrate(MigratingImportRequest(workbook, tmp_path / "out.yaml", new))
    assert exc.value.problems[0].code == "workbook.earlier-version-needed"
    diploma = examples_dir() / "hospitality-diploma.yaml"
    bundled = make_template(TemplateRequest(tmp_path / "bundled.xlsx", diploma)).path
    following = examples_dir() / "framework-next"
    result = import_and_migrate(MigratingImportRequest(bundled, tmp_path / "next.yaml", following))
    assert result.report is not None and result.report.from_version == load_framework().version


def test_a_workbook_already_for_the_framework_in_use_is_just_read(tmp_path: Path) -> None:
    _, new, curriculum = write_versions(tmp_path)
    migrated = tmp_path / "migrated.yaml"
    import_and_migrate(
        MigratingImportRequest(
            make_template(
                TemplateRequest(tmp_path / "v1.xlsx", curriculum, tmp_path / "old.yaml")
            ).path,
            migrated,
            new,
            tmp_path / "old.yaml",
        )
    )
    workbook = make_template(TemplateRequest(tmp_path / "v2.xlsx", migrated, new)).path
    result = import_and_migrate(MigratingImportRequest(workbook, tmp_path / "out.yaml", new))
    assert result.report is None
