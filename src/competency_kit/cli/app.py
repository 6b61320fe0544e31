"""The Typer applications every command module registers on.

Kept free of heavy imports: each command imports the library parts it needs when it runs, so
``competency-kit --version`` starts fast.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from competency_kit._version import __version__
from competency_kit.cli import console
from competency_kit.core.errors import InputError


class WholeHelpGroup(TyperGroup):
    """Lists each command with its whole first sentence, wrapped, where click would cut it
    short at the terminal's width ("Write a mapping workbook to fill in Excel or...")."""

    def format_commands(self, ctx: Any, formatter: Any) -> None:  # typer's own click types
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=10_000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


app = typer.Typer(
    name="competency-kit",
    help="Map curricula to child-protection competencies, audit coverage, print guides.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    cls=WholeHelpGroup,
)
framework_app = typer.Typer(
    help="Check, show, export and import competency frameworks.",
    no_args_is_help=True,
    cls=WholeHelpGroup,
)
templates_app = typer.Typer(
    help="Work with the document templates.", no_args_is_help=True, cls=WholeHelpGroup
)
app.add_typer(framework_app, name="framework")
app.add_typer(templates_app, name="templates")

FrameworkOption = Annotated[
    Path | None,
    typer.Option("--framework", "-f", help="Framework YAML file or folder (default: bundled)."),
]
OutputOption = Annotated[Path, typer.Option("--output", "-o", help="File to write.")]
ForceOption = Annotated[
    bool,
    typer.Option(
        "--force",
        help="Replace the output even when it holds someone's work (a filled workbook, "
        "reviewer decisions, an edited curriculum).",
    ),
]
ALL_PROBLEMS = "--all-problems"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"competency-kit {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
    all_problems: Annotated[
        bool,
        typer.Option(
            ALL_PROBLEMS,
            help=f"List every problem, not only the first {console.SHOWN_PER_KIND} of each "
            "kind (may also follow the command).",
        ),
    ] = False,
) -> None:
    """competency-kit: child protection in tourism and hospitality education."""
    if all_problems:
        console.SHOW_ALL = True


def imports_settled() -> None:
    """Leave everything imported so far out of later garbage collections. Modules and what
    they build when imported (pydantic's validators, openpyxl's descriptors) live as long as
    the process; walking them again at every collection costs a tenth of a ``gap`` run."""
    gc.freeze()


def check_suffix(path: Path, suffixes: tuple[str, ...], what: str) -> None:
    """Refuse an output name whose ending would make the file open in the wrong program (or
    none): a workbook called ``gap.txt`` is no use to a reviewer."""
    if path.suffix.lower() not in suffixes:
        ending = f"ends in '{path.suffix}'" if path.suffix else "has no ending"
        raise InputError.single(
            str(path),
            f"{what} is written as a {suffixes[0]} file, but this name {ending}",
            f"name it, for example, {path.with_suffix(suffixes[0]).name}",
            code="output.wrong-ending",
        )
