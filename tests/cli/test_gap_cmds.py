"""``competency-kit gap`` and ``competency-kit review``: outputs, gate, guard, round trip."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from competency_kit.analysis import analyse

from ..gap_example import CURRICULUM, FRAMEWORK, tiny

CLI = [sys.executable, "-m", "competency_kit"]


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True, timeout=120)


def gap(out: Path, *args: str | Path, curriculum: Path = CURRICULUM):
    return run("gap", curriculum, "-f", FRAMEWORK, "-o", out, *args)


def test_json_equals_the_api(tmp_path: Path) -> None:
    result = gap(tmp_path / "gap.xlsx", "--json", tmp_path / "gap.json")
    assert result.returncode == 0, result.stderr
    written = json.loads((tmp_path / "gap.json").read_text(encoding="utf-8"))
    assert written == analyse(*tiny()).model_dump(mode="json")
    assert result.stderr.splitlines()[0] == (
        f"wrote {tmp_path / 'gap.xlsx'}: coverage 75% (6 of 8 statements), "
        "16 findings (5 high, 7 medium, 4 low)"
    )


def test_fail_under_gate(tmp_path: Path) -> None:
    failed = gap(tmp_path / "gap.xlsx", "--fail-under", "80", "--json", tmp_path / "g.json")
    assert failed.returncode == 1
    assert "coverage 75.0% is below --fail-under 80%" in failed.stderr
    assert load_workbook(tmp_path / "gap.xlsx")["Summary"]["B6"].value == 0.75
    assert (tmp_path / "g.json").exists()
    passed = gap(tmp_path / "gap2.xlsx", "--fail-under", "75")
    assert passed.returncode == 0, passed.stderr


def test_policy_option_and_its_errors(tmp_path: Path) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text("rules:\n  uncovered-statement: {enabled: false}\n", encoding="utf-8")
    result = gap(tmp_path / "gap.xlsx", "--policy", policy, "--json", tmp_path / "g.json")
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    assert "uncovered-statement" not in {f["rule"] for f in report["findings"]}
    policy.write_text("rules:\n  area-coverage:\n    threshold: high\n", encoding="utf-8")
    bad = gap(tmp_path / "gap3.xlsx", "--policy", policy)
    assert bad.returncode == 2
    assert f"{policy}:3:5: error: rules.area-coverage.threshold:" in bad.stderr
    assert not (tmp_path / "gap3.xlsx").exists()


def test_review_round_trip(tmp_path: Path) -> None:
    out = tmp_path / "gap.xlsx"
    assert gap(out).returncode == 0
    wb = load_workbook(out)
    ws = wb["Findings"]
    assert ws["A9"].value == "never-assessed:A1.1-S1"
    ws["F9"], ws["G9"], ws["H9"] = "Action planned", "Add an observed role-play", "Ana"
    ws["I9"], ws["J9"] = dt.date(2026, 5, 1), "=1+1 is not a formula here"
    assert ws["A17"].value == "unmapped-module:M4"
    ws["F17"], ws["J17"] = "Resolved", "Module M4 will be dropped"
    wb.save(out)

    refused = gap(out)
    assert refused.returncode == 2
    assert "the workbook already holds reviewer decisions on 2 finding(s)" in refused.stderr
    assert f"competency-kit review {out} -o review.yaml" in refused.stderr
    assert "--force" in refused.stderr

    review = tmp_path / "review.yaml"
    result = run("review", out, "-o", review)
    assert result.returncode == 0, result.stderr
    assert "2 decisions read" in result.stderr

    # M4 now maps somewhere: its finding disappears and the decision moves to Closed decisions.
    changed = tmp_path / "curriculum.yaml"
    text = CURRICULUM.read_text(encoding="utf-8")
    changed.write_text(
        text + "        maps:\n          - {to: A2.1-S1, depth: I}\n", encoding="utf-8"
    )
    result = gap(out, "--review", review, curriculum=changed)
    assert result.returncode == 0, result.stderr
    assert "1 decision about findings no longer reported" in result.stderr
    wb = load_workbook(out)
    row = next(r for r in wb["Findings"].iter_rows() if r[0].value == "never-assessed:A1.1-S1")
    assert [c.value for c in row[5:]] == [
        "Action planned",
        "Add an observed role-play",
        "Ana",
        dt.datetime(2026, 5, 1),
        "=1+1 is not a formula here",
    ]
    assert row[9].data_type == "s"
    closed = [[c.value for c in r] for r in wb["Closed decisions"].iter_rows(min_row=3)]
    assert closed[0][0] == "unmapped-module:M4"
    assert closed[0][2:] == ["Resolved", None, None, None, "Module M4 will be dropped"]

    # Both decisions survive one more review → gap cycle.
    again = tmp_path / "review2.yaml"
    assert run("review", out, "-o", again).returncode == 0
    assert gap(out, "--review", again, curriculum=changed).returncode == 0
    assert "Module M4 will be dropped" in again.read_text(encoding="utf-8")


def test_force_overwrites_and_other_files_are_protected(tmp_path: Path) -> None:
    out = tmp_path / "gap.xlsx"
    assert gap(out).returncode == 0
    wb = load_workbook(out)
    wb["Findings"]["J2"] = "keep me"
    wb.save(out)
    assert gap(out, "--force").returncode == 0
    assert load_workbook(out)["Findings"]["J2"].value is None
    assert gap(out).returncode == 0  # nothing a reviewer wrote: no need for --force
    notes = tmp_path / "notes.xlsx"
    shutil.copy(CURRICULUM, notes)
    result = gap(notes)
    assert result.returncode == 2
    assert (
        f"{notes}: error: this file holds a curriculum with 2 courses and 4 modules, written "
        "or edited by someone; replacing it would lose that work"
    ) in result.stderr
    assert "how: or add --force to replace it anyway" in result.stderr


def test_review_reports_bad_cells(tmp_path: Path) -> None:
    out = tmp_path / "gap.xlsx"
    assert gap(out).returncode == 0
    wb = load_workbook(out)
    wb["Findings"]["F7"] = "Finished"
    wb.save(out)
    result = run("review", out, "-o", tmp_path / "review.yaml")
    assert result.returncode == 2
    assert f"{out}!Findings!F7: error: Status: unknown status 'Finished'" in result.stderr
    assert not (tmp_path / "review.yaml").exists()


def test_matrix_by_courses_option(tmp_path: Path) -> None:
    assert gap(tmp_path / "gap.xlsx", "--by", "courses").returncode == 0
    head = [c.value for c in load_workbook(tmp_path / "gap.xlsx")["Coverage"][1]]
    assert head[2:4] == ["C1", "C2"]


def test_refusals_are_clean_and_name_the_real_reason(tmp_path: Path) -> None:
    missing = gap(tmp_path / "no-such-folder" / "gap.xlsx")
    assert missing.returncode == 2
    assert "the folder" in missing.stderr and "does not exist" in missing.stderr
    assert "Exception" not in missing.stderr and "Traceback" not in missing.stderr
    workbook = tmp_path / "mapping.xlsx"  # a curriculum given as a filled mapping workbook
    assert run("template", "-o", workbook, "-c", CURRICULUM, "-f", FRAMEWORK).returncode == 0
    before = workbook.read_bytes()
    own = gap(workbook, curriculum=workbook)
    assert own.returncode == 2
    assert "the output would overwrite the command's own input" in own.stderr
    assert workbook.read_bytes() == before


def test_the_framework_file_behind_a_folder_is_an_input_too(tmp_path: Path) -> None:
    from competency_kit.app.gap import GapRequest, run_gap
    from competency_kit.core.errors import InputError

    folder = tmp_path / "fw"
    folder.mkdir()
    shutil.copy(FRAMEWORK, folder / "framework.yaml")
    before = (folder / "framework.yaml").read_bytes()
    with pytest.raises(InputError) as exc:
        run_gap(GapRequest(CURRICULUM, folder / "framework.yaml", framework=folder, force=True))
    assert exc.value.problems[0].message == "the output would overwrite the command's own input"
    assert (folder / "framework.yaml").read_bytes() == before


def test_a_bad_json_path_is_refused_before_the_workbook_is_written(tmp_path: Path) -> None:
    curriculum = tmp_path / "curriculum.json"
    curriculum.write_text(json.dumps(tiny()[1].model_dump(mode="json")), encoding="utf-8")
    before = curriculum.read_bytes()
    out = tmp_path / "gap.xlsx"
    onto_input = run("gap", curriculum, "-f", FRAMEWORK, "-o", out, "--json", curriculum)
    assert onto_input.returncode == 2
    assert "the output would overwrite the command's own input" in onto_input.stderr
    assert curriculum.read_bytes() == before
    assert not out.exists()
    from competency_kit.app.gap import GapRequest, run_gap
    from competency_kit.core.errors import InputError

    with pytest.raises(InputError) as exc:  # the command line refuses a .xlsx report earlier
        run_gap(GapRequest(CURRICULUM, out, json_path=out, framework=FRAMEWORK))
    assert exc.value.problems[0].message == (
        "the JSON report and the workbook would be the same file"
    )
    assert not out.exists()


INTERRUPTED_RUN = """
import os, signal, sys, time
import competency_kit.app.gap as pipeline
def interrupted(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGINT)  # what Ctrl-C sends
    time.sleep(10)
pipeline.run_gap = interrupted
sys.argv = ["competency-kit", *sys.argv[1:]]
from competency_kit.cli.main import run
run()
"""


def test_ctrl_c_is_reported_and_exits_130(tmp_path: Path) -> None:
    out = tmp_path / "gap.xlsx"
    args = ["gap", str(CURRICULUM), "-f", str(FRAMEWORK), "-o", str(out)]
    done = subprocess.run(
        [sys.executable, "-c", INTERRUPTED_RUN, *args], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 130
    assert done.stderr == "interrupted; files being written were left as they were\n"
    assert not out.exists()


def test_an_output_name_with_the_wrong_ending_is_refused(tmp_path: Path) -> None:
    wrong = gap(tmp_path / "gap.txt")
    assert wrong.returncode == 2
    assert "the gap workbook is written as a .xlsx file, but this name ends in '.txt'" in (
        wrong.stderr
    )
    assert "name it, for example, gap.xlsx" in wrong.stderr
    report = gap(tmp_path / "gap.xlsx", "--json", tmp_path / "gap.yaml")
    assert report.returncode == 2 and "the JSON report is written as a .json file" in report.stderr
    assert list(tmp_path.iterdir()) == []


def test_french_review_round_trip(tmp_path: Path) -> None:
    out = tmp_path / "gap.xlsx"
    assert gap(out, "--lang", "fr").returncode == 0
    wb = load_workbook(out)
    ws = wb["Constats"]
    assert [ws["A9"].value, ws["E9"].value] == ["never-assessed:A1.1-S1", "moyenne"]
    ws["F9"], ws["G9"], ws["H9"] = "action prévue", "Ajouter un jeu de rôle observé", "Ana"
    ws["F17"], ws["J17"] = "Résolu", "Le module M4 sera retiré"
    wb.save(out)

    review = tmp_path / "review.yaml"
    result = run("review", out, "-o", review)
    assert result.returncode == 0, result.stderr
    assert "status: Action planned" in review.read_text(encoding="utf-8")

    again = tmp_path / "again.xlsx"
    result = gap(again, "--lang", "fr", "--review", out)
    assert result.returncode == 0, result.stderr
    rows = {r[0].value: r for r in load_workbook(again)["Constats"].iter_rows(min_row=2)}
    assert [c.value for c in rows["never-assessed:A1.1-S1"][5:8]] == [
        "Action prévue",
        "Ajouter un jeu de rôle observé",
        "Ana",
    ]
    assert rows["unmapped-module:M4"][5].value == "Résolu"
