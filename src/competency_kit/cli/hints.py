"""How to do, with this command line, what a problem's fix asks for.

The library words each problem about the data alone; this table adds, by problem code, the
commands and flags that get it done here. (A browser words its own.)
"""

from __future__ import annotations

import dataclasses

from competency_kit.core.errors import Problem

NEW_WORKBOOK = (
    "'competency-kit template -o mapping.xlsx' makes a new mapping workbook "
    "(add --curriculum FILE to pre-fill it)"
)
OTHER_FRAMEWORK = (
    "read it with --framework FILE (the framework it was made for), or make a new one with "
    "'competency-kit template -o mapping.xlsx --curriculum curriculum.yaml'"
)
GAP_WORKBOOK = "'competency-kit gap CURRICULUM -o gap.xlsx' writes a gap-analysis workbook"

HINTS: dict[str, str] = {
    "output.holds-decisions": (
        "run 'competency-kit review {file} -o review.yaml' to save the decisions, then run gap "
        "again with '--review review.yaml'; or add --force to overwrite it"
    ),
    "output.not-a-gap-workbook": "or add --force to overwrite it",
    "output.same-file": "give --json a different file name, e.g. gap.json",
    "text.binary": (
        "Excel workbooks go to 'competency-kit import' (mapping workbooks) or "
        "'competency-kit review' (gap workbooks)"
    ),
    "curriculum.unknown-target": "'competency-kit framework show' lists the ids",
    "curriculum.retired-target": (
        "'competency-kit migrate {file} --to FRAMEWORK -o NEW_CURRICULUM' re-points every "
        "mapping along the framework's lineage"
    ),
    "review.no-findings-sheet": GAP_WORKBOOK,
    "review.too-many-rows": GAP_WORKBOOK,
    "review.earlier-version": "add --migrate (with --framework FILE, the version in use)",
    "review.not-a-mapping": "write it with 'competency-kit review gap.xlsx -o review.yaml'",
    "workbook.missing-column": NEW_WORKBOOK,
    "workbook.layout-version": NEW_WORKBOOK,
    "workbook.not-a-mapping-workbook": NEW_WORKBOOK,
    "workbook.missing-sheets": NEW_WORKBOOK,
    "workbook.other-framework": OTHER_FRAMEWORK,
    "workbook.other-framework-version": (
        "add --migrate to carry it over (and --from FILE, the version it was made for, unless "
        "that is the bundled framework); or read it with --framework FILE"
    ),
    "workbook.framework-changed": OTHER_FRAMEWORK,
    "workbook.earlier-version-needed": "add --from FILE, the framework file of that version",
    "import.no-dimension": (
        "run the import again with --default-dimension knowledge, skill or attitude"
    ),
    "templates.no-folder": "'competency-kit templates copy FOLDER' starts one",
    "templates.exist": "add --force to overwrite them",
}


FLAGS: dict[str, str] = {
    "lang.no-labels": "--lang",
    "handouts.bad-jobs": "--jobs",
    "export.bad-base-uri": "--base-uri",
}
"""Problems about a setting rather than a file: the flag that gave the setting is their place."""


def as_given(problem: Problem) -> Problem:
    """``problem`` placed at the flag that gave the value, where it is about a setting."""
    flag = FLAGS.get(problem.code)
    return dataclasses.replace(problem, file=flag) if flag else problem


def hint(problem: Problem) -> str:
    """The command-line hint for ``problem``, or "" when its fix says all there is."""
    template = HINTS.get(problem.code, "")
    return template.format(file=problem.file)
