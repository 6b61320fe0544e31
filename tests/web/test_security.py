"""The guard: a page names this server or is refused (DNS rebinding), a cross-site form post is
refused, a token is asked for where one is set, a body past the limit is refused, and every
answer carries the Content-Security-Policy."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from competency_kit.web.config import ServerConfig

from .conftest import client_for


@pytest.mark.parametrize("host", ["127.0.0.1:8765", "localhost:8765", "[::1]:8765"])
def test_the_server_answers_to_its_own_names(client: TestClient, host: str) -> None:
    assert client.get("/api/health", headers={"host": host}).status_code == 200


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:8765", "127.0.0.1", "127.0.0.1:9999", "localhost.evil"]
)
def test_another_host_is_refused(client: TestClient, host: str) -> None:
    page = client.get("/", headers={"host": host})
    assert page.status_code == 400
    assert "This address is not this app's" in html.unescape(page.text)
    assert client.get("/api/health", headers={"host": host}).json()["refused"] == "host"


def test_an_allowed_host_is_answered(tmp_path: Path) -> None:
    config = ServerConfig(allow_hosts=("school-server",), root=tmp_path)
    with client_for(config) as client:
        assert client.get("/", headers={"host": "school-server:8765"}).status_code == 200
        assert client.get("/", headers={"host": "other-server:8765"}).status_code == 400


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "http://evil.example"},
        {"origin": "null"},
        {"sec-fetch-site": "cross-site"},
        {"sec-fetch-site": "same-site", "origin": "http://127.0.0.1:8765"},
    ],
)
def test_a_cross_site_post_is_refused(
    client: TestClient, example_bytes: bytes, headers: dict[str, str]
) -> None:
    files = {"curriculum": ("c.yaml", example_bytes)}
    page = client.post("/map/check", files=files, headers=headers)
    assert page.status_code == 403
    assert "did not come from this app" in page.text
    assert client.post("/api/gap", files=files, headers=headers).status_code == 403


def test_a_post_from_the_apps_own_page_is_done(client: TestClient, example_bytes: bytes) -> None:
    headers = {"origin": "http://127.0.0.1:8765", "sec-fetch-site": "same-origin"}
    files = {"curriculum": ("c.yaml", example_bytes)}
    assert client.post("/map/check", files=files, headers=headers).status_code == 200


def test_a_token_is_required_where_one_is_set(tmp_path: Path) -> None:
    config = ServerConfig(token="s3cret", root=tmp_path)
    with client_for(config) as client:
        assert client.get("/").status_code == 403
        assert client.get("/api/health").status_code == 403
        assert client.get("/api/health?token=wrong").status_code == 403
        assert client.get("/api/health?token=s3cret").status_code == 200
        bearer = {"authorization": "Bearer s3cret"}
        assert client.get("/api/framework", headers=bearer).status_code == 200
        first = client.get("/coverage?token=s3cret&lang=fr", follow_redirects=False)
        assert first.status_code == 303
        assert first.headers["location"] == "/coverage?lang=fr"  # the token leaves the address
        assert client.get("/coverage").status_code == 200  # the cookie it left is enough


def test_beyond_loopback_a_token_is_made_up() -> None:
    from competency_kit.web.server import prepared

    config = prepared(ServerConfig(host="0.0.0.0"))
    assert config.token and len(config.token) >= 24
    assert config.address().endswith(f"?token={config.token}")
    assert prepared(ServerConfig()).token is None


def test_a_file_over_the_limit_is_refused_with_the_limit(tmp_path: Path) -> None:
    config = ServerConfig(file_bytes=1024 * 1024, root=tmp_path)
    with client_for(config) as client:
        big = b"# padding\n" * 120_000
        page = client.post("/map/check", files={"curriculum": ("big.yaml", big)})
        assert page.status_code == 413
        assert "at most 1 MB" in page.text
        api = client.post("/api/validate", files={"curriculum": ("big.yaml", big)})
        assert api.status_code == 413
        assert api.json()["limit_mb"] == 1


def test_a_body_over_the_form_limit_is_refused_before_it_is_read(client: TestClient) -> None:
    huge = str(client.app.state.web.config.body_bytes + 1)  # type: ignore[attr-defined]
    answer = client.post("/api/validate", content=b"x", headers={"content-length": huge})
    assert answer.status_code == 413


def test_too_many_files_in_one_form_is_a_page_not_a_crash(client: TestClient) -> None:
    files = [("curriculum", (f"c{n}.yaml", b"x")) for n in range(10)]
    assert client.post("/map/check", files=files).status_code == 400


def test_every_answer_carries_the_security_headers(client: TestClient) -> None:
    for path in ("/", "/api/health", "/static/app.css", "/nope"):
        headers = client.get(path).headers
        assert headers["content-security-policy"].startswith("default-src 'self'")
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"


def test_pages_name_no_remote_resource(client: TestClient) -> None:
    for path in ("/", "/map", "/coverage", "/documents", "/framework"):
        text = client.get(path).text
        assert "http://" not in text.replace("http://www.w3.org/2000/svg", "")
        assert "https://" not in text
