"""The committed JSON Schemas match the models, and accept the bundled files."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from ruamel.yaml import YAML

from competency_kit.documents.schemas import json_schemas, schema_text, write_schemas

from ..conftest import ROOT


@pytest.mark.parametrize("name", sorted(json_schemas()))
def test_committed_schema_is_not_stale(name: str) -> None:
    committed = (ROOT / "schemas" / name).read_text(encoding="utf-8")
    assert committed == schema_text(json_schemas()[name]), (
        f"schemas/{name} is stale: run 'competency-kit schema -o schemas' and commit it"
    )


def test_write_schemas(tmp_path: Path) -> None:
    written = write_schemas(tmp_path / "out")
    assert sorted(p.name for p in written) == sorted(json_schemas())
    for path in written:
        jsonschema.Draft202012Validator.check_schema(json.loads(path.read_text()))


def test_bundled_framework_matches_its_schema() -> None:
    schema = json_schemas()["framework.schema.json"]
    path = ROOT / "framework" / "framework.yaml"
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../schemas/framework.schema.json"
    jsonschema.validate(YAML(typ="safe").load(path), schema)


def test_schema_rejects_unknown_keys_like_the_models() -> None:
    schema = json_schemas()["framework.schema.json"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"id": "x", "title": "T", "version": "1", "colour": "red"}, schema)
