"""The colours and cell styles of every workbook the tool writes, in one place.

The mapping workbook (what educators fill in) and the gap workbook (what reviewers audit) each
keep their own look: navy headings and warm mark colours for the one, blue headings and a blue
heatmap for the other. Both take their colours, fonts, fills, borders and alignments from here,
so a change of colour is made once and a style object is never defined twice.

Colours are RGB hex strings, as openpyxl takes them.
"""

from __future__ import annotations

from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

from competency_kit.models.curriculum import Depth

# Colours -----------------------------------------------------------------------------------

WHITE = "FFFFFF"
BLACK = "000000"
NAVY = "1F3864"
"""Mapping workbook: headings and titles."""
BLUE = "305496"
"""Gap workbook: header rows."""
PALE_BLUE = "DCE9F7"
"""Mapping workbook: section bands of the Instructions sheet."""
DATA_BAR_BLUE = "5B9BD5"
LINE_GREY = "BFBFBF"
"""Cell borders, and the narrow gap columns between areas of the mapping matrix."""
EDGE_GREY = "7F7F7F"
"""The stronger left edge of a competency's columns in the mapping matrix."""
HINT_GREY = "595959"
MUTED_GREY = "404040"

DEPTH_SHADES: dict[Depth, str] = {"I": "DDEBF7", "R": "9BC2E6", "M": "2F75B5"}
"""Gap workbook heatmap, light to dark blue: introduced, reinforced, mastered."""
MARK_COLOURS: dict[Depth, str] = {"I": "FFF2CC", "R": "F8CBAD", "M": "A9D08E"}
"""Mapping workbook: the colour of a typed mark, so the matrix reads as a heatmap."""
SEVERITY_COLOURS = {"high": "F8CBAD", "medium": "FFE699", "low": "E2EFDA"}
"""Gap workbook: the Severity cell of a finding."""

AREA_COLOURS = [
    "DCE9F7",
    "E2F0D9",
    "FCE4D6",
    "EDE1F3",
    "FFF2CC",
    "D9F2F0",
    "F8DDE6",
    "E7E6E6",
    "DDEBD0",
    "F4E8D8",
]
"""Mapping workbook: light background per area, repeated when a framework has more areas."""
AREA_STRONG_COLOURS = [
    "2F5597",
    "548235",
    "C55A11",
    "7030A0",
    "BF8F00",
    "1B7F79",
    "B0306A",
    "595959",
    "4E7A2A",
    "8C5A1E",
]
"""Mapping workbook: the area's strong colour, for its name band and Framework-sheet row."""


def area_colour(index: int) -> str:
    """The light colour of the area at ``index`` in the framework."""
    return AREA_COLOURS[index % len(AREA_COLOURS)]


def area_strong_colour(index: int) -> str:
    """The strong colour of the area at ``index`` in the framework."""
    return AREA_STRONG_COLOURS[index % len(AREA_STRONG_COLOURS)]


def solid(colour: str) -> PatternFill:
    """A cell filled with one colour."""
    return PatternFill("solid", fgColor=colour)


def highlight(colour: str) -> PatternFill:
    """A fill for a conditional format (spreadsheet programs read the background colour
    there, openpyxl the foreground colour: both are set)."""
    return PatternFill("solid", fgColor=colour, bgColor=colour)


# Fonts -------------------------------------------------------------------------------------

BOLD = Font(bold=True)
WHITE_BOLD = Font(bold=True, color=WHITE)
"""Text on a dark fill: header rows, area rows."""
TITLE = Font(bold=True, size=14)
NAVY_TITLE = Font(bold=True, size=14, color=NAVY)
NAVY_HEADING = Font(bold=True, size=12, color=NAVY)
NAVY_BANNER = Font(bold=True, size=16, color=NAVY)
HINT = Font(italic=True, color=HINT_GREY)
MUTED = Font(color=MUTED_GREY)
SMALL_BOLD = Font(bold=True, size=9)
SMALL_WHITE = Font(color=WHITE, size=8)


def depth_font(depth: Depth) -> Font:
    """Bold text readable on the depth's heatmap shade (white on the darkest)."""
    return Font(color=WHITE if depth == "M" else BLACK, bold=True)


# Fills -------------------------------------------------------------------------------------

BLUE_HEADER = PatternFill("solid", fgColor=BLUE)
NAVY_HEADER = PatternFill("solid", fgColor=NAVY)
GAP_COLUMN = PatternFill("solid", fgColor=LINE_GREY)
SECTION_BAND = PatternFill("solid", fgColor=PALE_BLUE)
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
"""Version workbooks: the cells a person fills in (a committee's notes, a split's choice)."""

# Borders -----------------------------------------------------------------------------------

THIN = Side(style="thin", color=LINE_GREY)
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
"""A thin grey line around the cell."""
MEDIUM_EDGE = Side(style="medium", color=EDGE_GREY)
LEFT_EDGE_BOX = Border(left=MEDIUM_EDGE, right=THIN, top=THIN, bottom=THIN)
"""A box whose left line is stronger: the first column of a competency."""
LEFT_EDGE = Border(left=MEDIUM_EDGE)

# Alignments --------------------------------------------------------------------------------

WRAP = Alignment(wrap_text=True, vertical="top")
"""Long text wraps inside its column, from the top of the row."""
WRAP_LEFT = Alignment(wrap_text=True, vertical="top", horizontal="left")
"""Wrapped from the top left, numbers too: the version workbooks' tables and summaries."""
TOP = Alignment(vertical="top")
CENTER = Alignment(horizontal="center", vertical="center")
SIDEWAYS = Alignment(text_rotation=90, horizontal="center", vertical="bottom")
"""Read bottom to top, for headings of many narrow columns."""
WRAP_MIDDLE_LEFT = Alignment(wrap_text=True, vertical="center", horizontal="left")
MIDDLE_SHRINK = Alignment(vertical="center", shrink_to_fit=True)

# Protection --------------------------------------------------------------------------------

UNLOCKED = Protection(locked=False)
"""A cell a user may type in while the sheet is protected."""
