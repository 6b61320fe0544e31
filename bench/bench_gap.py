"""The gap workbook against bare openpyxl writing the same workbook.

For generated programmes of 200 and 2,000 modules mapped to the bundled framework, taking turns
in rotating rounds in one run (the machines are noisy), it prints median ratios against
``bare_gap_writer.py``, a plain openpyxl program (write-only mode, shared style objects) that
writes the same cells, styles, row heights, settings, conditional formats, validations, table and
charts from a JSON extract of the gap workbook. Before timing, both workbooks are read back and
compared, so the baseline is known to write the same output.

- workbook stage: ``write_gap_workbook`` vs the bare write, in this process (target <= 1.3x);
- whole command: ``competency-kit gap`` in a fresh process (load + analyse + write) vs a fresh
  process doing the bare write (target <= 2x for 2,000 modules);
- peak memory of the gap process (target < 300 MB).

Each ratio is also given against the bare write of the Coverage matrix alone (``--only
Coverage``), the baseline a matrix-only benchmark would use; the gap workbook holds four more
sheets, so that figure says how much the other sheets add, not how much competency-kit adds.

Run: ``.venv/bin/python bench/bench_gap.py [--pairs N]`` (N rounds, at least 5).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from competency_kit.analysis import analyse
from competency_kit.documents.framework_io import load_framework
from competency_kit.documents.yaml_out import to_yaml
from competency_kit.excel.gap.workbook import write_gap_workbook
from competency_kit.models.curriculum import Curriculum
from competency_kit.models.framework import Framework

SIZES = (200, 2000)
DESCRIBED = ("title", "creator", "subject", "language")
"""The document properties the gap workbook sets."""
BARE = Path(__file__).with_name("bare_gap_writer.py")
# The peak is read from VmHWM: ru_maxrss would carry over the benchmark's own (larger) peak,
# which Linux keeps across fork and exec.
MEASURED = """
import atexit, sys
def peak():
    with open("/proc/self/status") as status:
        kb = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    print(f"PEAK_KB {kb}", file=sys.stderr)
atexit.register(peak)
sys.argv = ["competency-kit", *sys.argv[1:]]
from competency_kit.cli.main import run
run()
"""


def generate(framework: Framework, modules: int, seed: int = 7) -> Curriculum:
    """A programme of ``modules`` modules in courses of ten, each mapping 2-6 targets."""
    rng = random.Random(seed)
    targets = [c.id for _, c in framework.competencies()] + framework.statement_ids()
    courses = []
    for c in range(0, modules, 10):
        mods = []
        for m in range(c, min(c + 10, modules)):
            maps = [
                {"to": t, "depth": rng.choice("IIRRM"), "assessed": rng.random() < 0.3}
                for t in rng.sample(targets, rng.randint(2, 6))
            ]
            mods.append(
                {
                    "id": f"MOD{m:05d}",
                    "title": f"Module {m}: practice and theory",
                    "hours": rng.choice([2, 3, 4, 6]),
                    "maps": maps,
                }
            )
        courses.append({"id": f"CRS{c // 10:04d}", "title": f"Course {c // 10}", "modules": mods})
    return Curriculum.model_validate(
        {
            "programme": {"id": "BENCH", "title": "Generated programme", "level": "intermediate"},
            "courses": courses,
        }
    )


def workbook_contents(path: Path) -> dict[str, Any]:
    """Everything the bare writer needs to write ``path`` again: cells with their styles, row
    heights, column widths and sheet settings."""
    wb = load_workbook(path)
    specs: list[dict[str, Any]] = []
    sheets = []
    for ws in wb.worksheets:
        rows = []
        for row in ws.iter_rows():
            values = [_cell_entry(cell, specs) for cell in row]
            while values and values[-1] is None:
                values.pop()
            rows.append(values)
        sheets.append(
            {
                "name": ws.title,
                "rows": rows,
                "widths": _widths(ws),
                "column_wrap": [
                    letter
                    for letter, dim in ws.column_dimensions.items()
                    if dim.has_style and dim.alignment.wrap_text
                ],
                "heights": {r: d.ht for r, d in ws.row_dimensions.items() if d.ht},
                "freeze": ws.freeze_panes,
                "title_rows": ws.print_title_rows,
                "title_cols": ws.print_title_cols,
                "autofilter": ws.auto_filter.ref,
                "tables": [_table_entry(table) for table in ws.tables.values()],
            }
        )
    props = wb.properties
    return {
        "properties": {name: getattr(props, name) for name in DESCRIBED},
        "styles": specs,
        "sheets": sheets,
    }


def _table_entry(table: Any) -> dict[str, Any]:
    style = table.tableStyleInfo
    return {
        "name": table.displayName,
        "ref": table.ref,
        "columns": [column.name for column in table.tableColumns],
        "style": style and {"name": style.name, "stripes": bool(style.showRowStripes)},
    }


def _widths(ws: Any) -> dict[str, float]:
    return {
        get_column_letter(c): dim.width
        for dim in ws.column_dimensions.values()
        if dim.customWidth
        for c in range(dim.min, dim.max + 1)
    }


def _cell_entry(cell: Any, specs: list[dict[str, Any]]) -> Any:
    value = cell.value
    if isinstance(value, dt.datetime):
        value = {"date": value.date().isoformat()}
    if not cell.has_style:
        return value
    spec = _style_spec(cell)
    if spec not in specs:
        specs.append(spec)
    return {"v": value, "s": specs.index(spec)}


def _style_spec(cell: Any) -> dict[str, Any]:
    ids = cell._style  # which parts of the style are set (0: the default)
    spec: dict[str, Any] = {}
    if ids.fontId:
        f = cell.font
        font = {"bold": f.b, "italic": f.i, "size": f.sz, "color": f.color and f.color.rgb}
        spec["font"] = {k: v for k, v in font.items() if v}
    if ids.fillId:
        spec["fill"] = {"type": cell.fill.fill_type, "color": cell.fill.fgColor.rgb}
    if ids.alignmentId:
        a = cell.alignment
        align = {
            "wrap_text": a.wrap_text,
            "horizontal": a.horizontal,
            "vertical": a.vertical,
            "text_rotation": a.textRotation,
        }
        spec["alignment"] = {k: v for k, v in align.items() if v}
    if ids.borderId:
        spec["border"] = {"style": cell.border.left.style, "color": cell.border.left.color.rgb}
    if ids.numFmtId:
        spec["number_format"] = cell.number_format
    return spec


def workbook_features(path: Path) -> dict[str, Any]:
    """Per sheet: charts, conditional formats, validations and tables."""
    wb = load_workbook(path)
    return {
        ws.title: {
            "charts": len(ws._charts),
            "conditional": sorted(
                (str(cf.sqref), len(cf.rules)) for cf in ws.conditional_formatting
            ),
            "validations": sorted(str(dv.sqref) for dv in ws.data_validations.dataValidation),
            "tables": sorted((t.displayName, t.ref) for t in ws.tables.values()),
        }
        for ws in wb.worksheets
    }


def check_same_output(ours: Path, bare: Path) -> None:
    """Stop unless the bare writer wrote what competency-kit wrote."""
    a, b = workbook_contents(ours), workbook_contents(bare)
    if a != b or workbook_features(ours) != workbook_features(bare):
        raise SystemExit(f"the bare writer's output differs from the gap workbook: {ours} {bare}")


def timed(action: Callable[[], Any]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def rounds(actions: list[Callable[[], Any]], count: int) -> list[list[float]]:
    """Times of each action over ``count`` rounds, the order rotating every round."""
    for action in actions:
        action()  # warm up
    times: list[list[float]] = [[] for _ in actions]
    for r in range(count):
        for k in range(len(actions)):
            index = (k + r) % len(actions)
            times[index].append(timed(actions[index]))
    return times


def report(
    label: str, ours: list[float], bare: list[float], matrix: list[float], target: float | None
) -> None:
    ratio = statistics.median(x / y for x, y in zip(ours, bare, strict=True))
    alone = statistics.median(x / y for x, y in zip(ours, matrix, strict=True))
    if target is None:
        verdict = "(no target at this size)"
    else:
        verdict = f"(target <= {target}) " + ("ok" if ratio <= target else "OVER TARGET")
    print(
        f"  {label}: {statistics.median(ours):.3f} s vs bare {statistics.median(bare):.3f} s "
        f"-> median ratio {ratio:.2f} {verdict}\n"
        f"    against the bare Coverage matrix alone "
        f"({statistics.median(matrix):.3f} s): {alone:.2f}"
    )


def run_process(command: list[str]) -> int:
    """Run and return the process's peak memory in kB (0 when not reported)."""
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"failed: {' '.join(command)}\n{done.stderr}")
    peak = [line for line in done.stderr.splitlines() if line.startswith("PEAK_KB ")]
    return int(peak[-1].split()[1]) if peak else 0


def load_bare_writer() -> Any:
    spec = importlib.util.spec_from_file_location("bare_gap_writer", BARE)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def bench_size(framework: Framework, size: int, folder: Path, count: int) -> None:
    curriculum = generate(framework, size)
    sources = {"YAML": folder / f"programme-{size}.yaml", "JSON": folder / f"programme-{size}.json"}
    sources["YAML"].write_text(to_yaml(curriculum), encoding="utf-8")
    sources["JSON"].write_text(json.dumps(curriculum.model_dump(mode="json")), encoding="utf-8")
    report_ = analyse(framework, curriculum)
    out, bare_out = folder / f"gap-{size}.xlsx", folder / f"bare-{size}.xlsx"
    write_gap_workbook(report_, framework, curriculum, out)
    extract = folder / f"contents-{size}.json"
    extract.write_text(json.dumps(workbook_contents(out)), encoding="utf-8")
    contents = json.loads(extract.read_text(encoding="utf-8"))
    bare = load_bare_writer()
    bare.bare_write(contents, str(bare_out))
    check_same_output(out, bare_out)
    print(
        f"{size} modules, {len(report_.statements)} statements, {len(report_.findings)} findings:"
    )
    ours, full, matrix = rounds(
        [
            lambda: write_gap_workbook(report_, framework, curriculum, out),
            lambda: bare.bare_write(contents, str(bare_out)),
            lambda: bare.bare_write(contents, str(bare_out), only="Coverage"),
        ],
        count,
    )
    report("workbook stage", ours, full, matrix, 1.3)
    bare_cmd = [sys.executable, str(BARE), str(extract), str(bare_out)]
    for kind, source in sources.items():
        gap_cmd = [sys.executable, "-c", MEASURED, "gap", str(source), "-o", str(out), "--force"]
        whole_command(kind, gap_cmd, bare_cmd, count, 2.0 if size >= 2000 else None)


def whole_command(
    kind: str, gap_cmd: list[str], bare_cmd: list[str], count: int, target: float | None
) -> None:
    peaks: list[int] = []
    ours, full, matrix = rounds(
        [
            lambda: peaks.append(run_process(gap_cmd)),
            lambda: run_process(bare_cmd),
            lambda: run_process([*bare_cmd, "--only", "Coverage"]),
        ],
        count,
    )
    report(f"whole command, {kind} curriculum", ours, full, matrix, target)
    print(
        f"  peak memory of the gap process ({kind}): {max(peaks) / 1024:.0f} MB (target < 300 MB)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=5, help="Rounds per measure (>= 5).")
    count = max(5, parser.parse_args().pairs)
    lxml = importlib.util.find_spec("lxml") is not None
    print(
        f"Python {sys.version.split()[0]}, lxml {'present' if lxml else 'absent'}, "
        f"{count} rotating rounds per measure"
    )
    framework = load_framework()
    with tempfile.TemporaryDirectory() as tmp:
        for size in SIZES:
            bench_size(framework, size, Path(tmp), count)


if __name__ == "__main__":
    main()
