"""A small framework that uses every field the exports carry, and the reference validators."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator, Draft201909Validator, FormatChecker

from competency_kit.models.framework import Framework

LONG_TITLE = "Explains " + "the duty to keep children safe in every part of the business, " * 3

SMALL: dict[str, Any] = {
    "id": "demo-fw",
    "title": {"en": "Demo framework", "fr": "Cadre de démonstration"},
    "version": "2025.03",
    "publisher": "Demo School",
    "licence": "CC-BY-4.0",
    "languages": ["en", "fr"],
    "description": "A framework for tests.\n\nSecond paragraph & <markup>.",
    "levels": [
        {"id": "foundation", "title": {"en": "Foundation", "fr": "Fondamental"}},
        {"id": "advanced", "title": "Advanced", "description": "Leads others."},
    ],
    "audiences": [{"id": "all-staff", "title": "All staff"}],
    "glossary": [{"term": "child", "definition": "A person under 18.", "see_also": ["minor"]}],
    "areas": [
        {
            "id": "A1",
            "title": '=HYPERLINK("http://evil")',
            "description": "An area whose title looks like a spreadsheet formula.",
            "competencies": [
                {
                    "id": "A1.1",
                    "title": LONG_TITLE,
                    "description": {"en": "Why it matters.", "fr": "Pourquoi."},
                    "audiences": ["all-staff"],
                    "level": "advanced",
                    "guidance": {"key_messages": ["Safety first"], "activity": "Role-play"},
                    "references": [{"scheme": "ASEAN", "code": "D1", "title": "Duties"}],
                    "statements": [
                        {
                            "id": "A1.1-K1",
                            "dimension": "knowledge",
                            "text": {"en": "Knows the law.", "fr": "Connaît la loi."},
                        },
                        {
                            "id": "A1.1-S1",
                            "dimension": "skill",
                            "text": "-Reports concerns.",
                            "note": "Line one\nline two",
                        },
                        {"id": "A1.1-A1", "dimension": "attitude", "text": "@Cares <deeply>."},
                    ],
                },
                {
                    "id": "A1.2",
                    "title": "'=Quoted title",
                    "level": "foundation",
                    "statements": [{"id": "A1.2-K1", "dimension": "knowledge", "text": "+1 fact"}],
                },
            ],
        },
        {"id": "A2", "title": "Second area", "competencies": []},
    ],
}


@pytest.fixture(autouse=True)
def no_source_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """Exports read SOURCE_DATE_EPOCH; tests start without it and set it where they need it."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.fixture
def small() -> Framework:
    return Framework.model_validate(SMALL)


@pytest.fixture(scope="session")
def interop_dir(shared_dir: Path) -> Path:
    return shared_dir / "reference" / "interop"


@pytest.fixture(scope="session")
def case11(interop_dir: Path) -> Draft201909Validator:
    schema = json.loads((interop_dir / "case_v1p1_cfpackage-jsonschema1.json").read_text())
    return Draft201909Validator(schema, format_checker=FormatChecker())


@pytest.fixture(scope="session")
def case10(interop_dir: Path) -> Draft4Validator:
    binding = json.loads((interop_dir / "case_v1p0_openapi_ims.json").read_text())
    schema = {"$ref": "#/definitions/CFPackage.Type", "definitions": binding["definitions"]}
    return Draft4Validator(schema, format_checker=FormatChecker())


def errors(validator: Any, package: dict[str, Any]) -> list[str]:
    """Every schema error, as 'path: message', for readable failures."""
    data = json.loads(json.dumps(package))
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
