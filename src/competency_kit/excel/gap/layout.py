"""Names the gap workbook is written with and read back by (kept apart from the writer, so
that reading a workbook does not load it)."""

from __future__ import annotations

FINDINGS_SHEET = "Findings"
CLOSED_SHEET = "Closed decisions"
REVIEW_COLUMNS = ("Status", "Action", "Owner", "Due date", "Comment")
FINDING_COLUMNS = ("Finding id", "Finding", "Rule", "Target", "Severity", *REVIEW_COLUMNS)
CLOSED_COLUMNS = ("Finding id", "Finding", *REVIEW_COLUMNS)
FRAMEWORK_COLUMNS = (
    "Area",
    "Area title",
    "Competency",
    "Competency title",
    "Level",
    "Audiences",
    "Statement",
    "Dimension",
    "Statement text",
)
MODULE_COLUMNS = ("Order", "Course", "Module", "Module title", "Hours", "Statements", "Assessed")
