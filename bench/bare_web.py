"""The floor of the web benchmark: the same HTTP exchanges with no work behind them.

A bare Starlette app under uvicorn, as ``competency-kit serve`` runs it, that answers an upload
to ``/coverage`` by keeping the file and redirecting to ``GET /coverage``, which returns the
bytes of a real coverage page, and an upload to ``/api/gap`` with the bytes of a real gap JSON.
Whatever the kit's web app takes beyond this is its own.

Run by ``bench_web.py``: ``python bench/bare_web.py PORT PAGE.html GAP.json``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route


def bare_app(page: bytes, gap: bytes, folder: Path) -> Starlette:
    async def keep_upload(request: Request) -> None:
        form = await request.form()
        upload = form["curriculum"]
        assert not isinstance(upload, str)
        (folder / "upload").write_bytes(await upload.read())

    async def upload(request: Request) -> Response:
        await keep_upload(request)
        return RedirectResponse("/coverage", status_code=303)

    async def coverage(request: Request) -> Response:
        return HTMLResponse(page)

    async def api_gap(request: Request) -> Response:
        await keep_upload(request)
        return Response(gap, media_type="application/json")

    async def health(request: Request) -> Response:
        return Response("ok")

    return Starlette(
        routes=[
            Route("/coverage", upload, methods=["POST"]),
            Route("/coverage", coverage),
            Route("/api/gap", api_gap, methods=["POST"]),
            Route("/api/health", health),
        ]
    )


def main() -> None:
    port, page, gap = int(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    with tempfile.TemporaryDirectory() as folder:
        app = bare_app(page.read_bytes(), gap.read_bytes(), Path(folder))
        uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
