"""The gap workbook against bare openpyxl writing the same coverage matrix.

For generated programmes of 200 and 2,000 modules mapped to the bundled framework, alternating
A/B pairs in one run (the machines are noisy), it prints median ratios:

- workbook stage: ``write_gap_workbook`` (every sheet) vs a bare write-only openpyxl workbook of
  the same matrix cells with the same formatting (target <= 1.3x);
- whole command: ``competency-kit gap`` in a fresh process (load + analyse + write) vs a fresh
  Python process doing the bare write (target <= 2x, 2,000 modules);
- peak memory of the gap command process (target < 300 MB).

Run: ``.venv/bin/python bench/bench_gap.py [--pairs N]``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from competency_kit.analysis import analyse
from competency_kit.excel.gap_workbook import DEPTH_FILLS, matrix_columns, write_gap_workbook
from competency_kit.framework_io import load_framework
from competency_kit.models.curriculum import Curriculum
from competency_kit.models.framework import Framework
from competency_kit.yaml_out import to_yaml

SIZES = (200, 2000)
BARE_SCRIPT = '''
import json, sys
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.formatting.rule import CellIsRule, DataBarRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties


def bare_write(matrix, path):
    """The coverage matrix alone, written with the same formatting as the gap workbook."""
    names, rows, fills = matrix["names"], matrix["rows"], matrix["fills"]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Coverage")
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 11, 44
    last_col = 2 + len(names)
    for c in range(3, last_col + 8):
        ws.column_dimensions[get_column_letter(c)].width = 6
    ws.freeze_panes = "C2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows, ws.print_title_cols = "1:1", "A:B"
    head = ["Statement", "Text", *names, "Competency", "Area", "Dimension", "Modules",
            "Highest depth", "Assessed", "Hours"]
    cells = []
    for name in head:
        cell = WriteOnlyCell(ws, value=name)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", start_color="305496")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cells.append(cell)
    ws.append(cells)
    for row in rows:
        ws.append(row)
    end_row = len(rows) + 1
    ws.auto_filter.ref = f"A1:{get_column_letter(last_col + 7)}{end_row}"
    for cols in ((3, last_col), (last_col + 5, last_col + 5)):
        ref = f"{get_column_letter(cols[0])}2:{get_column_letter(cols[1])}{end_row}"
        for depth, colour in fills.items():
            ws.conditional_formatting.add(ref, CellIsRule(
                operator="equal", formula=[f'"{depth}"'],
                fill=PatternFill("solid", start_color=colour, end_color=colour),
                font=Font(bold=True)))
    count = get_column_letter(last_col + 4)
    ws.conditional_formatting.add(f"{count}2:{count}{end_row}", DataBarRule(
        start_type="num", start_value=0, end_type="max", color="5B9BD5"))
    wb.save(path)


if __name__ == "__main__":
    bare_write(json.load(open(sys.argv[1], encoding="utf-8")), sys.argv[2])
'''
MEASURED = """
import atexit, resource, sys
atexit.register(lambda: print(f"PEAK_KB {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}",
                              file=sys.stderr))
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


def matrix_data(framework: Framework, curriculum: Curriculum) -> dict[str, Any]:
    """The exact matrix cells the gap workbook writes, for the bare writer."""
    from competency_kit.analysis.coverage import statement_reaches
    from competency_kit.models.base import localize

    report = analyse(framework, curriculum)
    names, index = matrix_columns(curriculum, "modules")
    reaches = statement_reaches(framework, curriculum)
    texts = {s.id: localize(s.text) for _, _, s in framework.statements()}
    rows = []
    for r in report.statements:
        depths: list[str | None] = [None] * len(names)
        for reach in reaches[r.id]:
            depths[index[reach.module]] = reach.depth
        rows.append(
            [
                r.id,
                texts[r.id],
                *depths,
                r.competency,
                r.area,
                r.dimension,
                len(r.modules),
                r.max_depth,
                "yes" if r.assessed else "no",
                r.hours,
            ]
        )
    return {"names": names, "rows": rows, "fills": DEPTH_FILLS}


def timed(action: Any) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def pairs(a: Any, b: Any, count: int) -> tuple[list[float], list[float]]:
    a(), b()  # warm up
    times_a, times_b = [], []
    for i in range(count):
        first, second = (a, b) if i % 2 == 0 else (b, a)
        t1, t2 = timed(first), timed(second)
        times_a.append(t1 if first is a else t2)
        times_b.append(t2 if first is a else t1)
    return times_a, times_b


def report_ratio(label: str, a: list[float], b: list[float], target: float) -> None:
    ratio = statistics.median(x / y for x, y in zip(a, b, strict=True))
    verdict = "ok" if ratio <= target else "OVER TARGET"
    print(
        f"  {label}: {statistics.median(a):.3f} s vs bare {statistics.median(b):.3f} s "
        f"-> median ratio {ratio:.2f} (target <= {target}) {verdict}"
    )


def run_process(command: list[str]) -> int:
    """Run and return the process's peak memory in kB (0 when not reported)."""
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"failed: {' '.join(command)}\n{done.stderr}")
    peak = [line for line in done.stderr.splitlines() if line.startswith("PEAK_KB ")]
    return int(peak[-1].split()[1]) if peak else 0


def bench_size(framework: Framework, size: int, folder: Path, count: int) -> None:
    curriculum = generate(framework, size)
    sources = {"YAML": folder / f"programme-{size}.yaml", "JSON": folder / f"programme-{size}.json"}
    sources["YAML"].write_text(to_yaml(curriculum), encoding="utf-8")
    sources["JSON"].write_text(json.dumps(curriculum.model_dump(mode="json")), encoding="utf-8")
    matrix = folder / f"matrix-{size}.json"
    matrix.write_text(json.dumps(matrix_data(framework, curriculum)), encoding="utf-8")
    bare_script = folder / "bare_write.py"
    spec = importlib.util.spec_from_file_location("bare_write", bare_script)
    assert spec and spec.loader
    bare = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bare)
    data = json.loads(matrix.read_text(encoding="utf-8"))
    report = analyse(framework, curriculum)
    out, bare_out = folder / f"gap-{size}.xlsx", folder / f"bare-{size}.xlsx"
    print(f"{size} modules, {len(report.statements)} statements, {len(report.findings)} findings:")
    a, b = pairs(
        lambda: write_gap_workbook(report, framework, curriculum, out),
        lambda: bare.bare_write(data, bare_out),
        count,
    )
    report_ratio("workbook stage", a, b, 1.3)
    bare_cmd = [sys.executable, str(bare_script), str(matrix), str(bare_out)]
    for kind, source in sources.items():
        gap_cmd = [sys.executable, "-c", MEASURED, "gap", str(source), "-o", str(out), "--force"]
        whole_command(kind, gap_cmd, bare_cmd, count)


def whole_command(kind: str, gap_cmd: list[str], bare_cmd: list[str], count: int) -> None:
    peaks: list[int] = []
    a, b = pairs(lambda: peaks.append(run_process(gap_cmd)), lambda: run_process(bare_cmd), count)
    report_ratio(f"whole command, {kind} curriculum", a, b, 2.0)
    print(
        f"  peak memory of the gap process ({kind}): {max(peaks) / 1024:.0f} MB (target < 300 MB)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=5, help="A/B pairs per measure (>= 5).")
    count = max(5, parser.parse_args().pairs)
    lxml = importlib.util.find_spec("lxml") is not None
    print(
        f"Python {sys.version.split()[0]}, lxml {'present' if lxml else 'absent'}, "
        f"{count} alternating pairs per measure"
    )
    framework = load_framework()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "bare_write.py").write_text(BARE_SCRIPT, encoding="utf-8")
        for size in SIZES:
            bench_size(framework, size, folder, count)


if __name__ == "__main__":
    main()
