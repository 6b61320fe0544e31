"""``competency-kit serve`` as a person starts it: the address printed, a clear error for a
port in use, several people at once each getting their own results, a rendering that does not
hold up the other pages, and nothing left behind after Ctrl-C or SIGTERM."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx2 as httpx
import pytest

from .conftest import EXAMPLE

CLI = [sys.executable, "-m", "competency_kit"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Running:
    process: subprocess.Popen[str]
    base: str
    tmp: Path


def start(tmp: Path, *args: str) -> Running:
    port = free_port()
    env = {**os.environ, "TMPDIR": str(tmp)}
    process = subprocess.Popen(
        [*CLI, "serve", "--no-open", "--port", str(port), *args],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/api/health", timeout=1).status_code == 200:
                return Running(process, base, tmp)
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise AssertionError(process.stderr.read() if process.stderr else "server did not start")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Running]:
    running = start(tmp_path)
    yield running
    if running.process.poll() is None:
        running.process.kill()
        running.process.wait(10)


def test_stops_on_sigterm_leaving_no_file(server: Running) -> None:
    with httpx.Client(base_url=server.base) as client:
        client.post("/map/check", files={"curriculum": ("c.yaml", EXAMPLE.read_bytes())})
        assert client.get("/coverage/gap.xlsx").status_code == 200
    assert any(server.tmp.rglob("*.xlsx"))
    server.process.send_signal(signal.SIGTERM)
    assert server.process.wait(30) == 0
    assert server.process.stderr is not None
    said = server.process.stderr.read()
    assert f"running at {server.base}/" in said
    assert list(server.tmp.iterdir()) == []


def test_a_port_in_use_is_a_clear_error(server: Running) -> None:
    port = server.base.rsplit(":", 1)[1]
    second = subprocess.run(
        [*CLI, "serve", "--no-open", "--port", port], capture_output=True, text=True, timeout=60
    )
    assert second.returncode == 2
    assert "the port is already in use" in second.stderr
    assert "Traceback" not in second.stderr


def programme(n: int) -> bytes:
    text = EXAMPLE.read_text(encoding="utf-8")
    return text.replace("id: DIP-HOSP", f"id: PROG-{n}", 1).encode()


def test_eight_parallel_uploads_each_get_their_own_results(server: Running) -> None:
    def gap(n: int) -> str:
        files = {"curriculum": (f"p{n}.yaml", programme(n))}
        answer = httpx.post(f"{server.base}/api/gap", files=files, timeout=120)
        return str(answer.json()["programme"]["id"])

    with ThreadPoolExecutor(8) as pool:
        assert list(pool.map(gap, range(8))) == [f"PROG-{n}" for n in range(8)]

    def page(n: int) -> str:
        with httpx.Client(base_url=server.base, timeout=120) as client:
            client.post("/map/check", files={"curriculum": (f"p{n}.yaml", programme(n))})
            return str(client.get("/coverage/gap.json").json()["programme"]["id"])

    with ThreadPoolExecutor(8) as pool:
        assert list(pool.map(page, range(8))) == [f"PROG-{n}" for n in range(8)]


def test_a_rendering_does_not_hold_up_other_pages(server: Running) -> None:
    with httpx.Client(base_url=server.base, timeout=60) as client:
        client.post("/map/check", files={"curriculum": ("c.yaml", EXAMPLE.read_bytes())})
        started = client.post("/documents", data={"kind": "handouts"}, follow_redirects=False)
        job = started.headers["location"].rsplit("/", 1)[1]
        slowest = 0.0
        for _ in range(10):
            before = time.monotonic()
            assert client.get("/framework").status_code == 200
            slowest = max(slowest, time.monotonic() - before)
            status = client.get(f"/api/jobs/{job}").json()
            time.sleep(0.2)
        assert status["state"] == "running"
        client.post(f"/documents/jobs/{job}/cancel")
    assert slowest < 3.0


def test_version_starts_without_the_web_stack() -> None:
    code = (
        "import sys; sys.argv=['competency-kit','--version']\n"
        "from competency_kit.entry import run\n"
        "try:\n    run()\nexcept SystemExit:\n    pass\n"
        "print([m for m in ('starlette', 'uvicorn', 'multipart') if m in sys.modules])"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"
