"""The JSON API keeps the command line's contracts: the framework as ``framework show --format
json`` prints it, the report as ``gap --json`` writes it, problems with code, file, place,
field, value and message."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from starlette.testclient import TestClient

from competency_kit._version import __version__
from competency_kit.app.frameworks import ExportRequest, export_framework_file
from competency_kit.app.gap import GapRequest, run_gap
from competency_kit.documents.framework_io import load_framework

from .conftest import EXAMPLE

PROBLEM_KEYS = {"code", "file", "place", "field", "value", "message"}


def test_health(client: TestClient) -> None:
    assert client.get("/api/health").json() == {"status": "ok", "version": __version__}


def test_framework_is_what_framework_show_prints(client: TestClient) -> None:
    printed = subprocess.run(
        [sys.executable, "-m", "competency_kit", "framework", "show", "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    answer = client.get("/api/framework")
    assert answer.headers["content-type"] == "application/json"
    assert answer.text == printed.stdout.rstrip("\n")


def test_a_valid_curriculum(client: TestClient, example_bytes: bytes, workbook: Path) -> None:
    for name, data in (("c.yaml", example_bytes), ("m.xlsx", workbook.read_bytes())):
        answer = client.post("/api/validate", files={"curriculum": (name, data)})
        assert (answer.status_code, answer.json()) == (200, {"ok": True, "problems": []})


def test_a_workbook_typo_names_its_cell(client: TestClient, typo_workbook: tuple[Path, str]):
    path, cell = typo_workbook
    answer = client.post("/api/validate", files={"curriculum": ("mine.xlsx", path.read_bytes())})
    assert answer.status_code == 422
    body = answer.json()
    assert body["ok"] is False
    (problem,) = body["problems"]
    assert set(problem) >= PROBLEM_KEYS
    assert (problem["file"], problem["place"]) == ("mine.xlsx", cell)
    assert "'Rr'" in problem["message"] and problem["value"] == "Rr"
    assert problem["code"] == "workbook.unknown-mark"


def test_yaml_problems_name_their_line(client: TestClient, example_bytes: bytes) -> None:
    bad = example_bytes.replace(b"depth: R", b"depth: X", 1)
    answer = client.post("/api/validate", files={"curriculum": ("c.yaml", bad)})
    (problem,) = answer.json()["problems"]
    line = bad[: bad.index(b"depth: X")].count(b"\n") + 1
    assert problem["place"].split(":")[0] == str(line)
    assert (problem["field"], problem["value"]) == ("courses[0].modules[2].maps[0].depth", "X")


def test_a_missing_or_wrong_file_is_a_problem(client: TestClient) -> None:
    answer = client.post("/api/validate", files={"other": ("c.yaml", b"x")})
    assert answer.status_code == 422
    assert answer.json()["problems"][0]["code"] == "upload.missing"
    answer = client.post("/api/validate", files={"curriculum": ("c.docx", b"x")})
    assert answer.json()["problems"][0]["code"] == "upload.wrong-type"


def test_gap_is_what_gap_json_writes(client: TestClient, tmp_path: Path) -> None:
    run_gap(GapRequest(EXAMPLE, tmp_path / "gap.xlsx", tmp_path / "gap.json"))
    answer = client.post("/api/gap", files={"curriculum": ("c.yaml", EXAMPLE.read_bytes())})
    assert answer.status_code == 200
    assert answer.text == (tmp_path / "gap.json").read_text(encoding="utf-8")


def test_gap_with_a_policy_and_last_rounds_workbook(client: TestClient, tmp_path: Path) -> None:
    policy = EXAMPLE.with_name("policy.yaml")
    run_gap(GapRequest(EXAMPLE, tmp_path / "gap.xlsx", tmp_path / "gap.json", policy=policy))
    files = {
        "curriculum": ("c.yaml", EXAMPLE.read_bytes()),
        "policy": ("policy.yaml", policy.read_bytes()),
        "review": ("gap.xlsx", (tmp_path / "gap.xlsx").read_bytes()),
    }
    answer = client.post("/api/gap", files=files)
    assert answer.text == (tmp_path / "gap.json").read_text(encoding="utf-8")


def test_gap_against_an_uploaded_case_framework(client: TestClient, tmp_path: Path) -> None:
    export_framework_file(ExportRequest(tmp_path / "fw.json"))
    files = {
        "curriculum": ("c.yaml", EXAMPLE.read_bytes()),
        "framework": ("fw.json", (tmp_path / "fw.json").read_bytes()),
    }
    answer = client.post("/api/gap", files=files)
    assert answer.status_code == 200
    assert len(json.loads(answer.text)["statements"]) == len(list(load_framework().statements()))


def test_a_bad_policy_is_422_with_its_problems(client: TestClient) -> None:
    files = {
        "curriculum": ("c.yaml", EXAMPLE.read_bytes()),
        "policy": ("p.yaml", b"rules: [1, 2\n"),
    }
    answer = client.post("/api/gap", files=files)
    assert answer.status_code == 422
    assert answer.json()["problems"][0]["file"] == "p.yaml"


def test_scratch_folders_of_api_calls_are_removed(client: TestClient, config) -> None:
    client.post("/api/gap", files={"curriculum": ("c.yaml", EXAMPLE.read_bytes())})
    assert list(config.root.iterdir()) == []
