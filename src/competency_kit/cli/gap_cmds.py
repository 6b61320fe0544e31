"""``competency-kit gap`` and ``competency-kit review``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from competency_kit.cli.app import ForceOption, FrameworkOption, app, check_suffix, imports_settled
from competency_kit.cli.wording import count


@app.command("gap")
def gap(
    curriculum: Annotated[Path, typer.Argument(help="Curriculum YAML, JSON or mapping workbook.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Gap workbook to write (.xlsx).")],
    json_path: Annotated[
        Path | None, typer.Option("--json", help="Also write the report as JSON.")
    ] = None,
    policy: Annotated[
        Path | None, typer.Option("--policy", help="Policy YAML: rules, severities, thresholds.")
    ] = None,
    review: Annotated[
        Path | None,
        typer.Option(
            "--review",
            help="Reviewer decisions to carry forward: a review file, or last round's gap workbook.",
        ),
    ] = None,
    fail_under: Annotated[
        float | None,
        typer.Option(
            "--fail-under",
            min=0,
            max=100,
            help="Exit with code 1 when coverage is below this percentage.",
        ),
    ] = None,
    by: Annotated[
        Literal["modules", "courses"],
        typer.Option("--by", help="Coverage matrix columns: modules or courses."),
    ] = "modules",
    lang: Annotated[
        str,
        typer.Option(
            "--lang",
            help="Language of the workbook (sheets, headings, lists, findings): en, fr, es or "
            "pt (the JSON report stays English).",
        ),
    ] = "en",
    framework: FrameworkOption = None,
    migrate: Annotated[
        bool,
        typer.Option(
            "--migrate",
            help="A review or curriculum made for an earlier framework version: carry it over "
            "along the lineage of --framework.",
        ),
    ] = False,
    force: ForceOption = False,
) -> None:
    """Audit a curriculum's coverage and write the gap-analysis workbook for reviewers."""
    from competency_kit.app.gap import GapRequest, run_gap
    from competency_kit.cli.console import info, show_notes

    check_suffix(output, (".xlsx",), "the gap workbook")
    if json_path is not None:
        check_suffix(json_path, (".json",), "the JSON report")
    imports_settled()
    request = GapRequest(
        curriculum, output, json_path, policy, review, framework, by, force, lang, migrate=migrate
    )
    run = run_gap(request)
    show_notes(run.notes)
    s = run.report.summary
    counts = ", ".join(f"{n} {sev}" for sev, n in s.findings_by_severity.items())
    info(
        f"wrote {output}: coverage {s.coverage:.0%} ({s.statements_covered} of "
        f"{s.statements_total} statements), {len(run.report.findings)} findings ({counts})"
    )
    if json_path is not None:
        info(f"wrote {json_path}")
    if review is not None:
        info(f"carried {count(len(run.workbook.carried), 'reviewer decision')} forward")
    if run.migrated_decisions:
        info(
            f"{count(len(run.migrated_decisions), 'decision')} about items that left the "
            "framework moved to the items that replaced them"
        )
    if run.workbook.closed:
        info(
            f"{count(len(run.workbook.closed), 'decision')} about findings no longer reported "
            "listed on the 'Closed decisions' sheet"
        )
    if fail_under is not None and s.coverage * 100 < fail_under:
        info(f"coverage {s.coverage * 100:.1f}% is below --fail-under {fail_under:g}%")
        raise typer.Exit(1)


@app.command("review")
def review(
    workbook: Annotated[Path, typer.Argument(help="Gap workbook filled in by reviewers.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Review YAML to write.")],
    force: ForceOption = False,
) -> None:
    """Read the reviewers' decisions out of a gap workbook into a review file."""
    from competency_kit.app.review import ReviewRequest, extract_review
    from competency_kit.cli.console import info

    decisions = extract_review(ReviewRequest(workbook, output, force))
    info(f"wrote {output}: {count(len(decisions.decisions), 'decision')} read from {workbook}")
