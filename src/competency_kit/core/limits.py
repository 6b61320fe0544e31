"""Every limit on what the tool reads, in one place: far above any real framework, curriculum
or workbook, low enough that a broken or hostile file cannot exhaust time or memory."""

from __future__ import annotations

TEXT_FILE_BYTES = 20 * 1024 * 1024
"""Largest YAML/JSON input read (20 MiB): a real framework or curriculum is well under 1 MiB."""
DOCUMENT_VALUES = 1_000_000
"""Values a document may hold once its YAML aliases are expanded; more is an alias bomb."""
DOCUMENT_DEPTH = 50
"""Deepest nesting read from YAML or JSON; real files nest about ten levels."""

WORKBOOK_FILE_BYTES = 50 * 1024 * 1024
"""Largest workbook file read (50 MiB)."""
WORKBOOK_EXPANDED_BYTES = 256 * 1024 * 1024
"""Largest total size of the workbook's parts once unzipped (256 MiB)."""
WORKBOOK_PARTS = 5_000
"""Most parts (files) inside the workbook's zip archive."""
WORKBOOK_RATIO = 200
"""Highest compression ratio allowed for a large part; real sheets stay well below it."""
MAPPING_ROWS = 5000
"""Rows read per sheet of a mapping workbook: far above any real programme."""
MAPPING_COLUMNS = 2000
"""Columns read on the Mapping sheet (a framework with ~1,500 statements still fits)."""
REVIEW_ROWS = 20_000
"""Rows read per sheet of a gap workbook: far above the findings of any real programme."""
CELL_TEXT = 32_767
"""Excel's limit on the characters of one cell."""

IMPORT_DEPTH = 100
"""Deepest tree imported from CASE or Moodle; real frameworks have a handful of levels."""
IMPORT_ITEMS = 20_000
"""Most items imported from one file; the largest real frameworks hold a few thousand."""

FILE_NAME_STEM = 80
"""Longest file name made from an id (handouts), before its ending."""
