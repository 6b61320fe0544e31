"""The educator's tasks as library calls: template, import, validate."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from competency_kit.app.mapping import (
    ImportRequest,
    TemplateRequest,
    ValidateRequest,
    import_mapping,
    make_template,
    validate_curriculum,
)
from competency_kit.core.errors import InputError
from competency_kit.core.resources import examples_dir
from competency_kit.documents.curriculum_io import load_curriculum_document
from competency_kit.excel.mapping import layout as L

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
