"""``competency-kit serve``: the web app, for people who never open a terminal again.

The command line and the web app are independent front ends; the program's entry point
(``competency_kit.entry``) hands this command the web app's launcher.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Protocol

import typer

from competency_kit.cli.app import FrameworkOption, app
from competency_kit.core.errors import CompetencyKitError


class Launcher(Protocol):
    def __call__(
        self,
        *,
        host: str,
        port: int,
        open_browser: bool,
        allow_hosts: tuple[str, ...],
        token: str | None,
        framework: Path | None,
    ) -> None: ...


launcher: Launcher | None = None
"""Set by the entry point; None where the web app is not part of the program."""


@app.command("serve")
def serve(
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (default: this computer only).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port.")] = 8765,
    no_open: Annotated[bool, typer.Option("--no-open", help="Do not open the browser.")] = False,
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-host", help="Another name this server is reached by (repeat for more)."
        ),
    ] = None,
    token: Annotated[
        str | None,
        typer.Option("--token", help="Access key every request must carry (made up when needed)."),
    ] = None,
    framework: FrameworkOption = None,
) -> None:
    """Start the web app: map, check coverage and print documents from a browser."""
    from competency_kit.app.frameworks import show_framework

    if launcher is None:
        raise CompetencyKitError("the web app is not part of this installation")
    show_framework(framework)  # a broken --framework is reported before anything starts
    launcher(
        host=host,
        port=port,
        open_browser=not no_open,
        allow_hosts=tuple(allow_host or ()),
        token=token or None,
        framework=framework,
    )
