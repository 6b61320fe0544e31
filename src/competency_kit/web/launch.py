"""What ``competency-kit serve`` calls: light to import (the server's libraries load only
when it starts), so the command line stays quick."""

from __future__ import annotations

import sys
from pathlib import Path


def launch(
    *,
    host: str,
    port: int,
    open_browser: bool,
    allow_hosts: tuple[str, ...],
    token: str | None,
    framework: Path | None,
) -> None:
    from competency_kit.web.config import ServerConfig
    from competency_kit.web.server import prepared, serve

    config = prepared(ServerConfig(host, port, allow_hosts, token, framework))
    if not config.loopback:
        _say(
            f"warning: listening on {host}, so other computers on the network can reach the "
            "app; each needs the address below with its access key, and anyone who has the "
            "key can use the app."
        )
    serve(config, open_browser=open_browser, announce=_say)


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
