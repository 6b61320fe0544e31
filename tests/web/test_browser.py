"""The whole journey in a real browser (Debian's Chromium driven by Playwright): home, French,
a workbook with a typo and its cell, the fixed workbook, coverage and its findings filtered,
gap.xlsx downloaded and read, the guide made and read; every page reachable by keyboard alone,
with no serious or critical accessibility violation (axe-core), and no request to any other
host than the server."""

from __future__ import annotations

import io
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
import uvicorn
from pypdf import PdfReader

from competency_kit.excel.gap.wording import gap_wording
from competency_kit.pdf.templating import TemplateSet
from competency_kit.web.app import create_app
from competency_kit.web.config import ServerConfig

from .conftest import example_coverage

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
FR = TemplateSet.shared().catalogue("fr")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed")


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    config = ServerConfig(port=port, root=tmp_path_factory.mktemp("browser-web"))
    server = uvicorn.Server(
        uvicorn.Config(create_app(config), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(20)


@pytest.fixture(scope="module")
def browser_page(base: str) -> Iterator[tuple[object, list[str]]]:
    from playwright.sync_api import sync_playwright

    elsewhere: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        context = browser.new_context(
            accept_downloads=True, viewport={"width": 1280, "height": 900}
        )

        def guard(route) -> None:  # type: ignore[no-untyped-def]
            if route.request.url.startswith(base):
                route.continue_()
            else:
                elsewhere.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        yield context.new_page(), elsewhere
        browser.close()


def accessibility_problems(page) -> list[str]:  # type: ignore[no-untyped-def]
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{page.url}: {v['id']} ({v['impact']}): {v['help']}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def keyboard_misses(page) -> list[str]:  # type: ignore[no-untyped-def]
    """Every link, button, field (and group of radio buttons) of the page that Tab never
    reaches."""
    wanted = page.evaluate(
        """() => {
          const items = [...document.querySelectorAll(
            'a[href], button, input:not([type=hidden]), select, textarea, summary')]
            .filter(e => e.checkVisibility());
          // A group of radio buttons is one stop: Tab reaches it, the arrow keys move inside.
          items.forEach((e, i) => e.dataset.kbd = e.type === 'radio' ? 'radio:' + e.name : String(i));
          return [...new Set(items.map(e => e.dataset.kbd))];
        }"""
    )
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.locator("body").focus()
    reached: set[str] = set()
    for _ in range(len(wanted) * 2 + 10):
        page.keyboard.press("Tab")
        mark = page.evaluate("() => document.activeElement?.dataset?.kbd ?? ''")
        if mark:
            reached.add(mark)
        if reached >= set(wanted):
            break
    return sorted(set(wanted) - reached)


def look(page, shots: Path | None, name: str, found: list[str]) -> None:  # type: ignore[no-untyped-def]
    found.extend(accessibility_problems(page))
    missed = keyboard_misses(page)
    assert missed == [], f"{name}: not reachable by keyboard: {missed}"
    if shots is not None:
        page.screenshot(path=str(shots / f"{name}.png"), full_page=True)


def test_the_whole_journey(base, browser_page, typo_workbook, workbook, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page, elsewhere = browser_page
    problems: list[str] = []
    shots = tmp_path / "screens"
    shots.mkdir()
    page.goto(base)
    look(page, shots, "home-en", problems)
    page.get_by_role("link", name="Français").click()
    assert page.locator("h1").inner_text() == FR("web.home.title")
    look(page, shots, "home", problems)

    page.get_by_role("link", name=FR("web.nav.framework")).first.click()
    page.get_by_label(FR("web.framework.search")).fill("CP5.1")
    page.get_by_role("button", name=FR("web.framework.search_button")).click()
    assert "CP5.1" in page.locator("main").inner_text()
    look(page, shots, "framework", problems)

    page.get_by_role("link", name=FR("web.nav.map")).first.click()
    look(page, shots, "map", problems)
    typo, cell = typo_workbook
    page.locator("form[action='/map/check'] input[type=file]").set_input_files(str(typo))
    page.get_by_role("button", name=FR("web.map.check"), exact=True).click()
    assert cell in page.locator("main").inner_text()
    look(page, shots, "problems", problems)

    page.get_by_role("link", name=FR("web.back")).click()
    page.locator("form[action='/map/check'] input[type=file]").set_input_files(str(workbook))
    page.get_by_role("button", name=FR("web.map.check"), exact=True).click()
    assert page.locator("h1").inner_text() == FR("web.result.title")
    look(page, shots, "result", problems)

    page.get_by_role("link", name=FR("web.result.next")).click()
    assert (
        FR("web.coverage.headline", percent=example_coverage()) in page.locator("main").inner_text()
    )
    page.get_by_label(FR("web.coverage.severity")).select_option("high")
    page.get_by_role("button", name=FR("web.coverage.apply")).click()
    page.wait_for_url("**severity=high**")  # the filtered page, not the one being left
    page.wait_for_load_state()
    severities = page.locator("#finding-rows tr").evaluate_all(
        "rows => rows.map(r => r.dataset.severity)"
    )
    assert severities and set(severities) == {"high"}
    look(page, shots, "coverage", problems)

    with page.expect_download() as download:
        page.get_by_role("link", name=FR("web.coverage.gap_xlsx")).click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "gap-DIP-HOSP.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(saved.read_bytes()))
    words = gap_wording("fr")
    findings = book[words.sheet("findings")]  # the page's language is the workbook's
    assert findings["F1"].value == words.columns(("status",))[0]
    assert any(str(c.value).startswith("uncovered-statement:") for c in findings["A"])

    page.get_by_role("link", name=FR("web.nav.documents")).first.click()
    page.get_by_label(FR("web.documents.guide")).check()
    page.get_by_label(FR("web.documents.name")).nth(1).fill("Police (exemple)")
    look(page, shots, "documents", problems)
    page.get_by_role("button", name=FR("web.documents.make")).click()
    assert page.locator("h1").inner_text() == FR("web.job.guide")
    look(page, shots, "job", problems)
    page.get_by_role("link", name=FR("web.job.download")).wait_for(timeout=240_000)
    with page.expect_download() as download:
        page.get_by_role("link", name=FR("web.job.download")).click()
    guide = tmp_path / "guide.pdf"
    download.value.save_as(guide)
    text = "".join(p.extract_text() for p in PdfReader(guide).pages)
    assert "Diploma in Hospitality Management" in text
    assert FR("guide.kind") in text and "Police (exemple)" in text

    keep = Path(__file__).parent.parent.parent / ".screens"
    if keep.is_dir():  # a person looking at the pages: `mkdir .screens` before the run
        for shot in shots.iterdir():
            shutil.copy(shot, keep / shot.name)
    assert problems == []
    assert elsewhere == []
