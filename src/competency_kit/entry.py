"""The program's entry point: the command line, with the web app's launcher handed to its
``serve`` command (the two front ends never import each other)."""

from __future__ import annotations

from competency_kit.cli import main, serve_cmd
from competency_kit.web.launch import launch


def run() -> None:
    serve_cmd.launcher = launch
    main.run()
