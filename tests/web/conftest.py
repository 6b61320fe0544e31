"""A web app per test (its own temporary folder), the example as a curriculum and as a filled
mapping workbook, and the same workbook with a typo in one cell."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from starlette.testclient import TestClient

from competency_kit.app.coverage import CoverageRequest, check_coverage
from competency_kit.app.mapping import TemplateRequest, make_template
from competency_kit.core.resources import examples_dir
from competency_kit.pdf.templating import percent
from competency_kit.web.app import create_app
from competency_kit.web.config import ServerConfig

BASE = "http://127.0.0.1:8765"
EXAMPLE = examples_dir() / "hospitality-diploma.yaml"


def example_coverage() -> str:
    """The example's coverage as the pages write it ('54%'), worked out by the library."""
    return percent(check_coverage(CoverageRequest(EXAMPLE)).report.summary.coverage)


def client_for(config: ServerConfig, **options: object) -> TestClient:
    return TestClient(create_app(config), base_url=BASE, raise_server_exceptions=False, **options)


@pytest.fixture
def config(tmp_path: Path) -> ServerConfig:
    return ServerConfig(root=tmp_path / "web")


@pytest.fixture
def client(config: ServerConfig) -> Iterator[TestClient]:
    with client_for(config) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def example_bytes() -> bytes:
    return EXAMPLE.read_bytes()


@pytest.fixture(scope="session")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example programme as a filled mapping workbook."""
    path = tmp_path_factory.mktemp("workbook") / "mapping.xlsx"
    make_template(TemplateRequest(path, EXAMPLE))
    return path


@pytest.fixture(scope="session")
def typo_workbook(workbook: Path) -> tuple[Path, str]:
    """The filled workbook with one mark mistyped; the cell it is in."""
    book = openpyxl.load_workbook(workbook)
    sheet = book["Mapping"]
    cell = next(
        c
        for row in sheet.iter_rows(min_row=6, min_col=3)
        for c in row
        if isinstance(c.value, str) and c.value.rstrip("*") in ("I", "R", "M")
    )
    cell.value = "Rr"
    path = workbook.with_name("mapping-typo.xlsx")
    book.save(path)
    return path, f"Mapping!{cell.coordinate}"
