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

REPLACE_ANYWAY = "or add --force to replace it anyway"

HINTS: dict[str, str] = {
    "output.holds-decisions": (
        "run 'competency-kit review {file} -o review.yaml' to save the decisions, then run gap "
        "again with '--review review.yaml'; " + REPLACE_ANYWAY
    ),
    "output.holds-marks": (
        "'competency-kit import {file} -o curriculum.yaml' saves its curriculum, and "
        "'competency-kit template -o new.xlsx --curriculum curriculum.yaml' pre-fills a new "
        "workbook from it; " + REPLACE_ANYWAY
    ),
    "output.not-a-gap-workbook": REPLACE_ANYWAY,
    "output.holds-curriculum": REPLACE_ANYWAY,
    "output.holds-review": REPLACE_ANYWAY,
    "output.holds-framework": REPLACE_ANYWAY,
    "output.holds-policy": REPLACE_ANYWAY,
    "output.holds-profile": REPLACE_ANYWAY,
    "output.holds-text": REPLACE_ANYWAY,
    "output.foreign-file": REPLACE_ANYWAY,
    "output.holds-committee-notes": REPLACE_ANYWAY,
    "output.holds-split-decisions": REPLACE_ANYWAY,
    "file.is-gap-workbook": (
        "read its decisions with 'competency-kit review {file} -o review.yaml'; "
        "'competency-kit import' reads mapping workbooks"
    ),
    "file.is-mapping-workbook": (
        "read its curriculum with 'competency-kit import {file} -o curriculum.yaml', or audit "
        "it with 'competency-kit gap {file} -o gap.xlsx'"
    ),
    "file.is-review": (
        "give it to gap to carry the decisions forward: "
        "'competency-kit gap CURRICULUM -o gap.xlsx --review {file}'"
    ),
    "file.is-framework": (
        "check it with 'competency-kit framework validate {file}'; other commands use it "
        "with --framework {file}"
    ),
    "file.is-curriculum": "check it with 'competency-kit validate {file}'",
    "file.is-policy": "give it to gap with --policy {file}",
    "file.is-profile": "give it to guide or handouts with --profile {file}",
    "file.is-case": "read it with 'competency-kit framework import {file} -o framework.yaml'",
    "file.is-gap-report": "'competency-kit gap CURRICULUM -o gap.xlsx --json FILE' writes it",
    "file.is-csv": (
        "a Moodle competency framework (CSV) is read by "
        "'competency-kit framework import {file} -o framework.yaml'"
    ),
    "file.is-pdf": "'competency-kit guide' and 'handouts' write PDFs; they are not read back",
    "file.is-workbook": (
        "'competency-kit template -o mapping.xlsx' makes a mapping workbook to fill in"
    ),
    "profile.not-given": "add --profile FILE",
    "output.same-file": "give each output (-o, --json, --report, --decisions) a file name of its own",
    "text.binary": (
        "Excel workbooks go to 'competency-kit import' (mapping workbooks) or "
        "'competency-kit review' (gap workbooks)"
    ),
    "curriculum.unknown-target": "'competency-kit framework show' lists the ids",
    "curriculum.retired-target": (
        "'competency-kit migrate {file} --to FRAMEWORK -o NEW_CURRICULUM' re-points every "
        "mapping along the framework's lineage"
    ),
    "diff.no-output": "add -o FILE.xlsx, or choose --format text or json to show the diff",
    "migrate.other-framework": (
        "--from names the earlier version of the framework given with --to"
    ),
    "decisions.not-a-decisions-workbook": (
        "give --decisions the workbook migrate wrote, or a new name to have one written"
    ),
    "decisions.other-version": (
        "give --decisions a new file name: migrate writes a decisions workbook for this version"
    ),
    "decisions.curriculum-changed": (
        "give --decisions a new file name: migrate writes a decisions workbook for the "
        "curriculum as it is now"
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
        "run the import again with --dimension-map TYPE=knowledge (skill, attitude) for each "
        "type, or with --default-dimension knowledge, skill or attitude"
    ),
    "templates.no-folder": "'competency-kit templates copy FOLDER' starts one",
    "templates.exist": "add --force to overwrite them",
}


FLAGS: dict[str, str] = {
    "lang.no-labels": "--lang",
    "lang.unknown": "--lang",
    "profile.not-given": "--profile",
    "handouts.bad-jobs": "--jobs",
    "export.bad-base-uri": "--base-uri",
    "import.bad-dimension-map": "--dimension-map",
    "import.bad-language": "--language",
    "migrate.decisions-not-xlsx": "--decisions",
    "translations.not-a-language": "--lang",
    "translations.reference-language": "--lang",
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
