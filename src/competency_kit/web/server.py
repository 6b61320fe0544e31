"""Running the web app: check the port, print the address, open the browser, serve until
Ctrl-C or SIGTERM, and leave no file behind."""

from __future__ import annotations

import errno
import gc
import secrets
import shutil
import signal
import socket
import tempfile
import threading
import webbrowser
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from types import FrameType

import uvicorn

from competency_kit.core.errors import InputError
from competency_kit.web.app import create_app
from competency_kit.web.config import ServerConfig


def prepared(config: ServerConfig) -> ServerConfig:
    """``config`` with a token where the server listens beyond loopback and none was given."""
    if config.loopback or config.token:
        return config
    return replace(config, token=secrets.token_urlsafe(24))


def check_port(host: str, port: int) -> None:
    """A clear problem when the port is taken (or the address is not this machine's)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            taken = exc.errno == errno.EADDRINUSE
            raise InputError.single(
                f"{host}:{port}",
                "the port is already in use (is the app already running?)"
                if taken
                else f"cannot listen on this address: {exc.strerror or exc}",
                "open the address of the app that is running, or choose another port"
                if taken
                else "choose an address of this computer, such as 127.0.0.1",
                code="serve.port-in-use" if taken else "serve.bad-address",
            ) from None


def serve(
    config: ServerConfig, *, open_browser: bool = True, announce: Callable[[str], None] = print
) -> None:
    """Serve until stopped; every session folder is removed on the way out."""
    check_port(config.host, config.port)
    root = Path(tempfile.mkdtemp(prefix="competency-kit-web-"))
    # Uploads larger than a megabyte are spooled to a temporary file: keep those in the
    # server's own folder too, so that stopping the server removes every trace.
    tempfile.tempdir = str(root)
    config = replace(config, root=root / "sessions")
    app = create_app(config)
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            host=config.host,
            port=config.port,
            log_level="warning",
            access_log=False,  # addresses can hold a token or a search; uploads are never logged
            lifespan="on",
        )
    )
    # As the command line does: what is imported lives as long as the process and holds
    # hardly any cycles, so later collections leave it out and run less often.
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)
    announce(f"competency-kit is running at {config.address()}")
    announce("Press Ctrl-C to stop it; its temporary files are then removed.")
    if open_browser:
        threading.Timer(0.8, webbrowser.open, args=(config.address(),)).start()
    # Ctrl-C and SIGTERM are how a server is meant to stop: uvicorn shuts down on them and
    # then passes the signal on; here it ends the run normally rather than as an interruption.
    quiet = {sig: signal.signal(sig, _stop_quietly) for sig in STOP_SIGNALS}
    try:
        server.run()
    finally:
        for sig, handler in quiet.items():
            signal.signal(sig, handler)
        shutil.rmtree(root, ignore_errors=True)
        tempfile.tempdir = None
    announce("stopped; its temporary files were removed")


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def _stop_quietly(signum: int, frame: FrameType | None) -> None:
    """Nothing more to do: the server has stopped by the time the signal is passed on."""
