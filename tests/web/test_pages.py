"""The pages, as the people who use them go through them: every page in every language, a
workbook with a typo named by its cell, a valid one summed up, coverage filtered by query
parameters, last round's decisions carried over, the downloads, the profile form."""

from __future__ import annotations

import html
import io
import json
import time
from pathlib import Path

import lxml.html
import openpyxl
import pytest
from starlette.testclient import TestClient

from competency_kit.app.coverage import CoverageRequest, check_coverage
from competency_kit.app.frameworks import ExportRequest, export_framework_file
from competency_kit.app.gap import GapRequest, run_gap
from competency_kit.app.mapping import AcceptRequest, accept_curriculum
from competency_kit.documents.framework_io import load_framework
from competency_kit.documents.profile_io import load_profile
from competency_kit.models.report import Finding
from competency_kit.pdf.templating import LANGUAGES, TemplateSet
from competency_kit.web.routes.coverage import finding_rows

from ..app.test_translations import LABELS, TEXTS
from ..conftest import ROOT
from .conftest import EXAMPLE, example_coverage

PAGES = ("/", "/framework", "/map", "/coverage", "/documents")
BAD_INPUTS = ROOT / "tests" / "bad_inputs"


def text_of(answer) -> str:  # type: ignore[no-untyped-def]
    return html.unescape(answer.text)


def checked(client: TestClient, name: str, data: bytes):  # type: ignore[no-untyped-def]
    return client.post("/map/check", files={"curriculum": (name, data)})


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_in_every_language(client: TestClient, lang: str) -> None:
    tr = TemplateSet.shared().catalogue(lang)
    for path in PAGES:
        page = client.get(f"{path}?lang={lang}")
        assert page.status_code == 200, path
        assert f'<html lang="{lang}">' in page.text
    assert tr("web.home.title") in text_of(client.get("/"))  # the choice is remembered


def test_the_browsers_language_is_the_first_choice(client: TestClient) -> None:
    page = client.get("/", headers={"accept-language": "pt-BR,pt;q=0.9,en;q=0.5"})
    assert '<html lang="pt">' in page.text


def test_a_typo_is_named_by_its_cell(client: TestClient, typo_workbook: tuple[Path, str]):
    path, cell = typo_workbook
    page = checked(client, "mapping.xlsx", path.read_bytes())
    assert page.status_code == 422
    text = text_of(page)
    assert "Sheet “Mapping”" in text
    assert f">{cell}<" in text
    assert "'Rr' is not a coverage mark" in text
    assert "/tmp" not in text and str(client.app.state.web.config.root) not in text  # type: ignore[attr-defined]


def test_a_valid_workbook_is_summed_up_and_kept(client: TestClient, workbook: Path) -> None:
    page = checked(client, "mapping.xlsx", workbook.read_bytes())
    assert page.status_code == 200
    assert page.url.path == "/map/result"
    assert "Diploma in Hospitality Management" in text_of(page)
    curriculum = client.get("/map/curriculum.yaml")
    assert curriculum.headers["content-disposition"] == (
        'attachment; filename="mapping-curriculum.yaml"'
    )
    assert "programme:" in curriculum.text


def test_blank_and_prefilled_workbooks(client: TestClient, example_bytes: bytes) -> None:
    blank = client.get("/map/blank.xlsx")
    assert 'filename="mapping-blank.xlsx"' in blank.headers["content-disposition"]
    assert "Mapping" in openpyxl.load_workbook(io.BytesIO(blank.content)).sheetnames
    filled = client.post("/map/prefilled", files={"curriculum": ("c.yaml", example_bytes)})
    sheet = openpyxl.load_workbook(io.BytesIO(filled.content))["Mapping"]
    assert sheet["A6"].value == "HOS101-M1"


def test_map_page_offers_workbooks_in_its_language(
    client: TestClient, example_bytes: bytes
) -> None:
    blank = client.get("/map/blank.xlsx?lang=fr")
    assert 'filename="mapping-blank-fr.xlsx"' in blank.headers["content-disposition"]
    book = openpyxl.load_workbook(io.BytesIO(blank.content))
    assert book["Mode d’emploi"]["A1"].value == "Classeur de mise en correspondance du programme"
    filled = client.post(
        "/map/prefilled",
        files={"curriculum": ("c.yaml", example_bytes)},
        headers={"accept-language": "pt-BR,pt;q=0.9"},
    )
    assert "-prefilled-pt.xlsx" in filled.headers["content-disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(filled.content))["Mapeamento"]
    assert sheet["A6"].value == "HOS101-M1"
    page = checked(client, "mapeamento.xlsx", filled.content)
    assert page.url.path == "/map/result"
    assert "Diploma in Hospitality Management" in text_of(page)


@pytest.mark.parametrize(
    "path",
    sorted(p for kind in ("curriculum", "workbook") for p in (BAD_INPUTS / kind).iterdir()),
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_no_bad_input_is_a_server_error(client: TestClient, path: Path) -> None:
    page = checked(client, path.name, path.read_bytes())
    assert page.status_code in (200, 413, 422), text_of(page)[:300]
    assert "Traceback" not in page.text


def coverage(client: TestClient, query: str = "") -> str:
    checked(client, "c.yaml", EXAMPLE.read_bytes())
    page = client.get(f"/coverage{query}")
    assert page.status_code == 200
    return page.text


def test_coverage_headline_charts_and_matrix(client: TestClient) -> None:
    text = coverage(client)
    assert f"Coverage: {example_coverage()}" in text
    assert text.count("<svg") == 4
    assert 'class="heat"' in text and 'class="d-M"' in text


def test_every_matrix_cell_is_the_deepest_depth_its_module_reaches(
    client: TestClient, tmp_path: Path
) -> None:
    table = lxml.html.fromstring(coverage(client)).find_class("heat")[0]
    modules = [th.text_content() for th in table.findall("thead/tr/th")[1:]]
    accepted = accept_curriculum(AcceptRequest(EXAMPLE, tmp_path / "accepted.json"))
    result = check_coverage(CoverageRequest(accepted.path))
    reached = 0
    for row in table.findall("tbody/tr"):
        depths = result.depths.get(row.findtext("th"), {})
        for module, cell in zip(modules, row.findall("td"), strict=True):
            depth = depths.get(module, "")
            assert (cell.text or "", cell.get("class")) == (depth, f"d-{depth}" if depth else None)
            reached += bool(depth)
    assert len(table.findall("tbody/tr")) == sum(1 for _ in result.framework.statements())
    assert reached > 100


def test_finding_rows_escape_what_users_wrote() -> None:
    finding = Finding(
        id='uncovered-module:<M1>"',
        rule="uncovered-module",
        title="t",
        severity="high",
        target="M1",
        message="Module 'Tea & <b>coffee</b>' maps nothing",
        message_code="x",
        params={},
    )
    tr = TemplateSet.shared().catalogue("fr")
    sentences = {finding.id: tr.finding(finding, load_framework())}
    rows = finding_rows([finding], {}, tr, sentences)
    cells = lxml.html.fragment_fromstring(f"<table>{rows}</table>").findall(".//td")
    assert [c.text_content() for c in cells] == [
        "Élevée",
        'uncovered-module:<M1>"',
        "Module 'Tea & <b>coffee</b>' maps nothing",
        "—",
    ]
    assert "<b>" not in rows
    assert cells[2].get("lang") == "en"  # no French wording for this made-up sentence


def test_findings_in_the_page_language_and_found_by_its_words(client: TestClient) -> None:
    page = lxml.html.fromstring(coverage(client, "?lang=fr"))
    sentences = [row.findall("td")[2] for row in page.get_element_by_id("finding-rows")]
    assert all(cell.get("lang") is None for cell in sentences)
    uncovered = [c for c in sentences if "n’est enseigné dans aucun module" in c.text_content()]
    assert len(uncovered) > 50
    found = lxml.html.fromstring(client.get("/coverage?lang=fr&q=aucun+module").text)
    shown = list(found.get_element_by_id("finding-rows"))
    assert len(shown) == sum("aucun module" in c.text_content() for c in sentences)
    rules = {
        o.get("value"): o.text_content() for o in page.get_element_by_id("fr").findall("option")
    }
    assert rules["uncovered-statement"] == "Énoncé non enseigné" and rules[""] == "Tous"
    english = lxml.html.fromstring(client.get("/coverage?lang=en").text)
    first = english.get_element_by_id("finding-rows")[0].findall("td")[2]
    assert "is not taught by any module" in first.text_content()
    assert first.get("lang") is None


@pytest.mark.parametrize(
    ("query", "expect"),
    [
        ("?severity=high", {"high"}),
        ("?severity=low", {"low"}),
        ("?rule=never-assessed", None),
        ("?area=CP9", None),
        ("?q=HOS101-M2", None),
    ],
)
def test_findings_filtered_by_query(client: TestClient, query: str, expect) -> None:  # type: ignore[no-untyped-def]
    everything = coverage(client).count('<tr data-severity="')
    text = coverage(client, query)
    rows = text.split('<tbody id="finding-rows">')[1].split("</tbody>")[0]
    severities = {part.split('"')[0] for part in rows.split('data-severity="')[1:]}
    assert 0 < len(rows.split("<tr ")) - 1 < everything
    if expect:
        assert severities == expect
    if "rule=" in query:
        assert rows.count("never-assessed:") == len(rows.split("<tr ")) - 1


def test_downloads_of_the_coverage_page(client: TestClient, tmp_path: Path) -> None:
    coverage(client)
    workbook = client.get("/coverage/gap.xlsx")
    assert 'filename="gap-DIP-HOSP.xlsx"' in workbook.headers["content-disposition"]
    findings = openpyxl.load_workbook(io.BytesIO(workbook.content))["Findings"]
    assert findings["A1"].value and findings["F1"].value == "Status"
    report = client.get("/coverage/gap.json")
    run_gap(GapRequest(EXAMPLE, tmp_path / "gap.xlsx", tmp_path / "gap.json"))
    assert report.text == (tmp_path / "gap.json").read_text(encoding="utf-8")
    case = client.get("/coverage/mapping-case.json").json()
    assert case["CFDocument"]


def test_the_workbook_download_speaks_the_pages_language(client: TestClient) -> None:
    coverage(client)
    workbook = openpyxl.load_workbook(io.BytesIO(client.get("/coverage/gap.xlsx?lang=fr").content))
    assert workbook.sheetnames[:2] == ["Synthèse", "Constats"]
    assert workbook["Constats"]["F1"].value == "Statut"
    assert workbook["Constats"]["F2"].value == "Ouvert"


def test_last_rounds_decisions_are_carried_over(client: TestClient, tmp_path: Path) -> None:
    run_gap(GapRequest(EXAMPLE, tmp_path / "gap.xlsx"))
    book = openpyxl.load_workbook(tmp_path / "gap.xlsx")
    book["Findings"]["F2"] = "Action planned"
    book["Findings"]["G2"] = "Add a case study to HOS203"
    finding = book["Findings"]["A2"].value
    book.save(tmp_path / "gap.xlsx")
    coverage(client)
    files = {"review": ("last-round.xlsx", (tmp_path / "gap.xlsx").read_bytes())}
    page = client.post("/coverage", files=files)
    assert page.status_code == 200
    text = text_of(page)
    assert "1 decisions from last round" in text
    assert "Action planned: Add a case study to HOS203" in text
    again = openpyxl.load_workbook(io.BytesIO(client.get("/coverage/gap.xlsx").content))
    rows = {r[0].value: r for r in again["Findings"].iter_rows(min_row=2)}
    assert rows[finding][5].value == "Action planned"


def test_a_bad_policy_is_shown_and_not_kept(client: TestClient) -> None:
    coverage(client)
    page = client.post("/coverage", files={"policy": ("policy.yaml", b"rules: [1, 2\n")})
    assert page.status_code == 422
    assert "policy.yaml" in text_of(page)
    assert client.get("/coverage").status_code == 200


def test_a_curriculum_with_a_bad_policy_is_kept_without_the_policy(client: TestClient) -> None:
    files = {
        "curriculum": ("new.yaml", EXAMPLE.read_bytes()),
        "policy": ("policy.yaml", b"rules: [1, 2\n"),
    }
    page = client.post("/coverage", files=files)
    assert page.status_code == 422 and "policy.yaml" in text_of(page)
    kept = client.get("/coverage")
    assert kept.status_code == 200 and "<svg" in kept.text
    session = client.app.state.web.sessions.get(client.cookies["ck_session"])  # type: ignore[attr-defined]
    assert (session.curriculum.name, session.policy) == ("new.yaml", None)


def test_framework_search(client: TestClient) -> None:
    text = text_of(client.get("/framework?q=CP3.2"))
    assert "CP3.2" in text and "CP1.1-K1" not in text
    assert "Nothing matches" in text_of(client.get("/framework?q=zzzzqqq"))
    french = text_of(client.get("/framework?lang=fr"))
    assert 'lang="fr"' in french and "Glossaire" in french


def test_another_framework_for_the_session(client: TestClient, tmp_path: Path) -> None:
    export_framework_file(ExportRequest(tmp_path / "fw.json"))
    page = client.post(
        "/framework", files={"framework": ("ours.json", (tmp_path / "fw.json").read_bytes())}
    )
    assert "uploaded for this visit: ours.json" in text_of(page)
    assert len(client.get("/api/framework").json()["areas"]) == 9
    broken = client.post("/framework", files={"framework": ("x.yaml", b"id: X\ntitle: T\n")})
    assert broken.status_code == 422
    assert "x.yaml" in text_of(broken)
    home = client.post("/framework", data={"bundled": "1"})
    assert "the framework that comes with the tool" in text_of(home)


def test_the_profile_form_gives_a_profile_file(client: TestClient) -> None:
    form = {
        "country": "Exampleland",
        "police.name": "Police",
        "police.phone": "112",
        "focal_point.name": "Ms Focal",
        "focal_point.email": "focal@school.example",
    }
    answer = client.post("/documents/profile", data=form)
    assert answer.headers["content-disposition"] == 'attachment; filename="profile.yaml"'
    path = Path(client.app.state.web.config.root) / "check.yaml"  # type: ignore[attr-defined]
    path.write_bytes(answer.content)
    profile = load_profile(path)
    assert profile.police and profile.police.phone == "112"
    missing = client.post("/documents/profile", data={"police.phone": "112"})
    assert missing.status_code == 422
    assert "police.name" in text_of(missing)


def test_a_document_job_can_be_cancelled(client: TestClient) -> None:
    checked(client, "c.yaml", EXAMPLE.read_bytes())
    started = client.post("/documents", data={"kind": "handouts"}, follow_redirects=False)
    job = started.headers["location"].rsplit("/", 1)[1]
    assert client.get(f"/api/jobs/{job}").json()["state"] in ("waiting", "running")
    client.post(f"/documents/jobs/{job}/cancel")
    web = client.app.state.web  # type: ignore[attr-defined]
    for _ in range(100):
        status = client.get(f"/api/jobs/{job}").json()
        if status["finished"]:
            break
        time.sleep(0.1)
    assert status["state"] == "cancelled"
    assert "Cancelled." in text_of(client.get(f"/documents/jobs/{job}"))
    assert web.jobs._processes == {}


def test_another_sessions_job_is_not_found(client: TestClient, config) -> None:  # type: ignore[no-untyped-def]
    checked(client, "c.yaml", EXAMPLE.read_bytes())
    started = client.post("/documents", data={"kind": "guide"}, follow_redirects=False)
    job = started.headers["location"].rsplit("/", 1)[1]
    client.post(f"/documents/jobs/{job}/cancel")
    client.cookies.clear()
    assert client.get(f"/api/jobs/{job}").status_code == 404
    assert json.loads(client.get(f"/api/jobs/{job}").text) == {"error": "no such job"}


def test_a_framework_with_retired_items_shows_its_current_ones(client: TestClient) -> None:
    following = ROOT / "examples" / "framework-next" / "framework.yaml"
    client.post("/framework", files={"framework": ("next.yaml", following.read_bytes())})
    assert "9 areas, 30 competencies, 192 statements" in text_of(client.get("/"))
    signs = text_of(client.get("/framework?q=CP5.1"))
    assert "CP5.1-K5" in signs and "CP5.1-S3" in signs
    assert "CP5.1-K1" not in signs and "CP5.1-K4" in signs
    assert "CP3.3-K2" not in text_of(client.get("/framework?q=CP3.3"))
    assert "9 domaines, 30 compétences, 192 énoncés" in text_of(client.get("/?lang=fr"))
    assert "CP5.1-K2" not in text_of(client.get("/framework?q=CP5.1&lang=fr"))


def test_the_framework_page_gives_a_translation_workbook(client: TestClient) -> None:
    page = text_of(client.get("/framework"))
    assert "Download the translation workbook" in page
    download = client.get("/framework/translation.xlsx?to=VI")
    assert download.status_code == 200
    assert 'filename="sectt-core-translation-vi.xlsx"' in download.headers["content-disposition"]
    ws = openpyxl.load_workbook(io.BytesIO(download.content))["Translations"]
    assert [c.value for c in ws[1]] == ["id", "field", "source", "current", "translation", "status"]
    assert ws.max_row == 1 + TEXTS + LABELS
    refused = client.get("/framework/translation.xlsx?to=en")
    assert refused.status_code == 422
    assert "the framework's reference language" in text_of(refused)
