"""``run_gap``: JSON curricula take the fast path with the same result, and keep placed errors."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from competency_kit.analysis import analyse
from competency_kit.app.gap import GapRequest, gap_json, run_gap
from competency_kit.core.errors import InputError
from competency_kit.core.resources import examples_dir

from ..gap_example import FRAMEWORK, tiny


def test_json_curriculum_gives_the_same_report(tmp_path: Path) -> None:
    framework, curriculum = tiny()
    source = tmp_path / "curriculum.json"
    source.write_text(json.dumps(curriculum.model_dump(mode="json"), indent=1), encoding="utf-8")
    run = run_gap(
        GapRequest(
            source, tmp_path / "gap.xlsx", json_path=tmp_path / "gap.json", framework=FRAMEWORK
        )
    )
    assert run.report == analyse(framework, curriculum)
    assert (tmp_path / "gap.json").read_text(encoding="utf-8") == gap_json(run.report)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            '{"programme": {"id": "P", "title": "T"},\n "courses": [{"id": "C", "title": "C",\n'
            ' "modules": [{"id": "M", "title": "M", "maps": [{"to": "NOPE", "depth": "I"}]}]}]}',
            3,
            "'NOPE' is not a statement or competency of the framework",
        ),
        (
            '{"programme": {"id": "P", "title": "T"},\n "programme": {"id": "Q", "title": "T"}}',
            2,
            'duplicate key: found duplicate key "programme" with value "{}" (original value: "{}")',
        ),
    ],
)
def test_json_problems_keep_their_lines(tmp_path: Path, text: str, line: int, message: str) -> None:
    source = tmp_path / "curriculum.json"
    source.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        run_gap(GapRequest(source, tmp_path / "gap.xlsx", framework=FRAMEWORK))
    problem = caught.value.problems[0]
    assert problem.line == line
    assert problem.message.startswith(message.split(" with value")[0])
    assert not (tmp_path / "gap.xlsx").exists()


def test_a_review_for_an_earlier_version_is_recognised_and_carried_over(tmp_path: Path) -> None:
    from ..versions_example import write_versions

    _, new, curriculum = write_versions(tmp_path)
    review = tmp_path / "review.yaml"
    review.write_text(
        "decisions:\n"
        "  - {finding: 'never-assessed:CP2.1-K1', status: Accepted, action: Add a quiz}\n",
        encoding="utf-8",
    )
    request = GapRequest(curriculum, tmp_path / "gap.xlsx", review=review, framework=new)
    with pytest.raises(InputError) as exc:
        run_gap(request)
    assert exc.value.problems[0].code == "review.earlier-version"
    assert not (tmp_path / "gap.xlsx").exists()
    run = run_gap(dataclasses.replace(request, migrate=True))
    assert run.migrated_decisions == ["never-assessed:CP2.1-K1"]
    assert run.notes == []
    statements = {s.id: s for s in run.report.statements}
    assert statements["CP1.2-S4"].modules == ["M1"]  # the curriculum was carried over too
    finding_ids = {f.id for f in run.report.findings}
    assert all(":CP2.1-K1" not in f for f in finding_ids)


def test_gap_workbook_words_findings_in_the_language(tmp_path: Path) -> None:
    out = tmp_path / "gap.xlsx"
    run = run_gap(GapRequest(examples_dir() / "hospitality-diploma.yaml", out, lang="FR"))
    sheet = load_workbook(out)["Constats"]
    texts = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    finding = next(f for f in run.report.findings if f.rule == "never-assessed")
    assert texts[finding.id].startswith(f"{finding.target} est enseigné dans ")
    assert texts[finding.id].endswith(" mais n’est jamais évalué")
    assert finding.message.endswith("but never assessed")  # the report stays English
    statement = load_workbook(out)["Référentiel"]["I2"].value
    assert statement.startswith("Définit l’enfant comme toute personne de moins de 18 ans")
