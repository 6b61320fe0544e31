"""The web app against the same ``app`` calls made in process.

For the bundled example (27 modules) and a generated programme of 2,000 modules, taking turns
in rotating rounds in one run (the machines are noisy), it prints median ratios of:

- the coverage page: upload (``POST /coverage``) and the page (``GET /coverage``) through a
  running ``competency-kit serve``, against ``accept_curriculum`` + ``check_coverage`` called
  here (target: overhead at most 15%);
- ``POST /api/gap`` against ``gap_report`` + ``gap_json`` called here (same target);
- beside each, what the web adds in milliseconds, and the floor: the same HTTP exchange with no
  work behind it (``bare_web.py``: bare Starlette under uvicorn, answering with the same bytes);

then the throughput of 8 clients at once on ``/api/gap`` (example), and the server's resident
memory after 50 and after 500 requests (target: within 10%: no leak).

Run: ``.venv/bin/python bench/bench_web.py [--pairs N]`` (N rounds, at least 5). It talks only
to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx2 as httpx

from competency_kit.app.coverage import CoverageRequest, check_coverage
from competency_kit.app.gap import ReportRequest, gap_json, gap_report
from competency_kit.app.mapping import AcceptRequest, accept_curriculum
from competency_kit.core.resources import examples_dir
from competency_kit.documents.curriculum_yaml import write_curriculum
from competency_kit.documents.framework_io import load_framework

EXAMPLE = examples_dir() / "hospitality-diploma.yaml"
TARGET_OVERHEAD = 1.15
TARGET_MEMORY = 1.10
CLIENTS = 8


def bench_gap_module() -> Any:
    spec = importlib.util.spec_from_file_location(
        "bench_gap", Path(__file__).with_name("bench_gap.py")
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(port: int, command: list[str] | None = None) -> subprocess.Popen[bytes]:
    """``competency-kit serve`` on ``port`` (or ``command``), once it answers."""
    process = subprocess.Popen(
        command
        or [sys.executable, "-m", "competency_kit", "serve", "--no-open", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1)
            return process
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the server did not start")


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        kb = next(line.split()[1] for line in status if line.startswith("VmRSS:"))
    return int(kb) / 1024


def timed(action: Callable[[], Any]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def rounds(actions: list[Callable[[], Any]], count: int) -> list[list[float]]:
    for action in actions:
        action()  # warm up
    times: list[list[float]] = [[] for _ in actions]
    for r in range(count):
        for k in range(len(actions)):
            index = (k + r) % len(actions)
            times[index].append(timed(actions[index]))
    return times


def ratio_line(label: str, web: list[float], here: list[float], bare: list[float]) -> float:
    ratio = statistics.median(w / h for w, h in zip(web, here, strict=True))
    verdict = "ok" if ratio <= TARGET_OVERHEAD else "OVER TARGET"
    added = statistics.median(w - h for w, h in zip(web, here, strict=True))
    print(
        f"  {label}: web {statistics.median(web):.4f} s vs in process "
        f"{statistics.median(here):.4f} s -> median ratio {ratio:.3f} "
        f"(target <= {TARGET_OVERHEAD}) {verdict}\n"
        f"    the web adds {added * 1000:.1f} ms; the same HTTP exchange with no work behind it "
        f"(bare Starlette, the same bytes) takes {statistics.median(bare) * 1000:.1f} ms"
    )
    return ratio


def floor_server(base: str, path: Path, folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    """A bare server answering with the bytes our server gave for ``path``: the floor."""
    data = path.read_bytes()
    with httpx.Client(base_url=base, timeout=300, follow_redirects=True) as client:
        page = client.post("/coverage", files={"curriculum": (path.name, data)}).content
        gap = client.post("/api/gap", files={"curriculum": (path.name, data)}).content
    (folder / "page.html").write_bytes(page)
    (folder / "gap.json").write_bytes(gap)
    port = free_port()
    bare = Path(__file__).with_name("bare_web.py")
    command = [
        sys.executable,
        str(bare),
        str(port),
        str(folder / "page.html"),
        str(folder / "gap.json"),
    ]
    return start_server(port, command), f"http://127.0.0.1:{port}"


def bench_size(base: str, name: str, path: Path, folder: Path, pairs: int) -> None:
    data = path.read_bytes()
    client = httpx.Client(base_url=base, timeout=300, follow_redirects=True)
    floor, floor_base = floor_server(base, path, folder)
    bare = httpx.Client(base_url=floor_base, timeout=300, follow_redirects=True)

    def page() -> None:
        answer = client.post("/coverage", files={"curriculum": (path.name, data)})
        assert answer.status_code == 200 and "<svg" in answer.text, answer.status_code

    def page_here() -> None:
        accepted = accept_curriculum(AcceptRequest(path, folder / "accepted.json"))
        check_coverage(CoverageRequest(accepted.path))

    def page_bare() -> None:
        answer = bare.post("/coverage", files={"curriculum": (path.name, data)})
        assert answer.status_code == 200 and "<svg" in answer.text, answer.status_code

    def api() -> None:
        answer = client.post("/api/gap", files={"curriculum": (path.name, data)})
        assert answer.status_code == 200

    def api_here() -> None:
        gap_json(gap_report(ReportRequest(path)))

    def api_bare() -> None:
        answer = bare.post("/api/gap", files={"curriculum": (path.name, data)})
        assert answer.status_code == 200

    print(f"{name}:")
    try:
        actions = [page, page_here, page_bare, api, api_here, api_bare]
        web_page, here_page, bare_page, web_api, here_api, bare_api = rounds(actions, pairs)
    finally:
        floor.terminate()
        floor.wait(30)
    ratio_line("upload -> coverage page", web_page, here_page, bare_page)
    ratio_line("POST /api/gap", web_api, here_api, bare_api)
    client.close()
    bare.close()


def throughput(base: str, seconds: float = 10.0) -> None:
    data = EXAMPLE.read_bytes()
    deadline = time.monotonic() + seconds

    def client_loop(_: int) -> int:
        done = 0
        with httpx.Client(base_url=base, timeout=120) as client:
            while time.monotonic() < deadline:
                answer = client.post("/api/gap", files={"curriculum": ("c.yaml", data)})
                assert answer.status_code == 200
                done += 1
        return done

    start = time.monotonic()
    with ThreadPoolExecutor(CLIENTS) as pool:
        total = sum(pool.map(client_loop, range(CLIENTS)))
    elapsed = time.monotonic() - start
    print(
        f"throughput, {CLIENTS} clients at once on /api/gap (example): "
        f"{total / elapsed:.1f} requests/s ({total} in {elapsed:.1f} s)"
    )


def memory(base: str, pid: int) -> None:
    data = EXAMPLE.read_bytes()
    with httpx.Client(base_url=base, timeout=120, follow_redirects=True) as client:

        def one(n: int) -> None:  # a visitor who uploads again and again, and a script
            if n % 2:
                client.post("/api/gap", files={"curriculum": ("c.yaml", data)})
            else:
                client.post("/coverage", files={"curriculum": ("c.yaml", data)})

        for n in range(50):
            one(n)
        after_50 = rss_mb(pid)
        for n in range(50, 500):
            one(n)
        after_500 = rss_mb(pid)
    ratio = after_500 / after_50
    verdict = "ok" if ratio <= TARGET_MEMORY else "OVER TARGET"
    print(
        f"server memory: {after_50:.0f} MB after 50 requests, {after_500:.0f} MB after 500 "
        f"-> ratio {ratio:.3f} (target <= {TARGET_MEMORY}) {verdict}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=7)
    parser.add_argument("--sizes", default="example,2000")
    args = parser.parse_args()
    # The same collector settings as the command line and the server use.
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)
    port = free_port()
    server = start_server(port)
    base = f"http://127.0.0.1:{port}"
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            framework = load_framework()
            for size in args.sizes.split(","):
                if size == "example":
                    path = EXAMPLE
                else:
                    path = folder / f"generated-{size}.yaml"
                    write_curriculum(bench_gap_module().generate(framework, int(size)), path)
                bench_size(base, f"{size} ({path.name})", path, folder, max(args.pairs, 5))
            throughput(base)
            memory(base, server.pid)
        print(f"({os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f})")
    finally:
        server.terminate()
        server.wait(30)


if __name__ == "__main__":
    main()
