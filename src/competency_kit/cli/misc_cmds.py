"""``competency-kit demo`` and ``competency-kit schema``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from competency_kit.cli.app import ForceOption, app


@app.command("demo")
def demo(
    out: Annotated[Path, typer.Option("--output", "-o", help="Folder to write into.")] = Path(
        "competency-kit-demo"
    ),
    force: ForceOption = False,
) -> None:
    """Run the whole pipeline on the bundled example and write every output into a folder."""
    from competency_kit.app.demo import run_demo
    from competency_kit.cli.console import info

    written = run_demo(out, force=force)
    for path in written:
        info(f"wrote {path}")
    info(
        f"done: {len(written)} files in {out}/ — start with guide.pdf (trainers), "
        "gap.xlsx (reviewers) and mapping-prefilled.xlsx (educators)"
    )


@app.command("schema")
def schema(
    out: Annotated[Path, typer.Option("--output", "-o", help="Folder for the schema files.")],
) -> None:
    """Write JSON Schemas for framework and curriculum files (for editor autocompletion)."""
    from competency_kit.app.setup import write_schemas
    from competency_kit.cli.console import info

    for path in write_schemas(out):
        info(f"wrote {path}")
