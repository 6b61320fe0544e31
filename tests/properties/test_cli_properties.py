"""Whatever a user's file holds, a command ends with exit 0 or 2: never a crash, never a hang.

Valid files are corrupted at random (bytes flipped or cut, keys deleted, values replaced) and
given to the real commands, run in-process for speed.
"""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path
from tempfile import TemporaryDirectory

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from competency_kit.cli.main import run
from competency_kit.core.resources import bundled_framework, examples_dir

FRAMEWORK_BYTES = bundled_framework().read_bytes()
CURRICULUM_BYTES = (examples_dir() / "tour-guide-certificate.yaml").read_bytes()
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))


def exit_code(*args: str) -> int:
    """Run the CLI in this process and return its exit code."""
    argv = sys.argv
    sys.argv = ["competency-kit", *args]
    try:
        with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
            run()
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        sys.argv = argv
    return 0


@st.composite
def corrupted(draw: st.DrawFn, original: bytes) -> bytes:
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 8))):
        position = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "delete", "insert", "truncate"]))
        if action == "flip":
            data[position] ^= draw(st.integers(1, 255))
        elif action == "delete":
            del data[position : position + draw(st.integers(1, 40))]
        elif action == "insert":
            data[position:position] = draw(st.binary(min_size=1, max_size=8))
        else:
            del data[position:]
        if not data:
            break
    return bytes(data)


def mutate_tree(data: object, draw: st.DrawFn) -> None:
    """Delete a key or replace a value somewhere in a parsed document."""
    node = data
    for _ in range(draw(st.integers(0, 6))):
        children = list(node.values()) if isinstance(node, dict) else node
        children = (
            [c for c in children if isinstance(c, dict | list) and c]
            if isinstance(children, list)
            else []
        )
        if not children:
            break
        node = draw(st.sampled_from(children))
    if isinstance(node, dict) and node:
        key = draw(st.sampled_from(sorted(node, key=str)))
        if draw(st.booleans()):
            del node[key]
        else:
            node[key] = draw(
                st.one_of(
                    st.none(),
                    st.integers(),
                    st.text(max_size=5),
                    st.lists(st.integers(), max_size=2),
                )
            )
    elif isinstance(node, list) and node:
        node[draw(st.integers(0, len(node) - 1))] = draw(st.one_of(st.none(), st.text(max_size=5)))


def run_on(content: bytes, name: str, *command: str) -> int:
    with TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        return exit_code(*[part.replace("{file}", str(path)) for part in command])


@SETTINGS
@given(corrupted(FRAMEWORK_BYTES))
def test_corrupted_framework_bytes(content: bytes) -> None:
    assert run_on(content, "framework.yaml", "framework", "validate", "{file}") in (0, 2)


@SETTINGS
@given(corrupted(CURRICULUM_BYTES))
def test_corrupted_curriculum_bytes(content: bytes) -> None:
    assert run_on(content, "curriculum.yaml", "validate", "{file}") in (0, 2)


@SETTINGS
@given(st.data())
def test_curriculum_with_keys_deleted_or_replaced(data: st.DataObject) -> None:
    yaml = YAML(typ="safe")
    document = yaml.load(CURRICULUM_BYTES)
    for _ in range(data.draw(st.integers(1, 3))):
        mutate_tree(document, data.draw)
    stream = io.BytesIO()
    yaml.dump(document, stream)
    assert run_on(stream.getvalue(), "curriculum.yaml", "validate", "{file}") in (0, 2)


@settings(SETTINGS, max_examples=12)  # each example parses the whole framework
@given(st.data())
def test_framework_with_keys_deleted_or_replaced(data: st.DataObject) -> None:
    yaml = YAML(typ="safe")
    document = yaml.load(FRAMEWORK_BYTES)
    for _ in range(data.draw(st.integers(1, 3))):
        mutate_tree(document, data.draw)
    stream = io.BytesIO()
    yaml.dump(document, stream)
    assert run_on(stream.getvalue(), "framework.yaml", "framework", "validate", "{file}") in (0, 2)


@pytest.fixture(scope="module")
def mapping_workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("workbook") / "mapping.xlsx"
    code = exit_code(
        "template",
        "-o",
        str(path),
        "--curriculum",
        str(examples_dir() / "tour-guide-certificate.yaml"),
    )
    assert code == 0
    return path


cell_values = st.one_of(
    st.none(),
    st.integers(-5, 5),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["I", "R", "M", "M*", "x", "=1+1", "GUI101-M1", "CP1.1-K1", "", " "]),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12),
    st.dates(),
)


@settings(SETTINGS, max_examples=12)
@given(
    edits=st.lists(
        st.tuples(
            st.sampled_from(["Programme", "Courses", "Modules", "Mapping", "Evidence", "_meta"]),
            st.integers(1, 14),
            st.integers(1, 12),
            cell_values,
        ),
        min_size=1,
        max_size=6,
    )
)
def test_mapping_workbook_with_cells_edited(mapping_workbook: Path, edits: list) -> None:
    import openpyxl
    from openpyxl.cell.cell import MergedCell

    with TemporaryDirectory() as folder:
        path = Path(folder) / "mapping.xlsx"
        path.write_bytes(mapping_workbook.read_bytes())
        workbook = openpyxl.load_workbook(path)
        for sheet, row, column, value in edits:
            cell = workbook[sheet].cell(row=row, column=column)
            if not isinstance(cell, MergedCell):  # a person cannot type into those either
                cell.value = value
        workbook.save(path)
        assert exit_code("import", str(path), "-o", str(Path(folder) / "out.yaml")) in (0, 2)


@settings(SETTINGS, max_examples=10)  # each example runs six commands
@given(st.data())
def test_every_command_on_random_valid_inputs(data: st.DataObject) -> None:
    from competency_kit.documents.yaml_out import to_yaml

    from .strategies import curricula, frameworks

    framework = data.draw(frameworks())
    curriculum = data.draw(curricula(framework))
    with TemporaryDirectory() as folder:
        here = Path(folder)
        (here / "framework.yaml").write_text(to_yaml(framework), encoding="utf-8")
        (here / "curriculum.yaml").write_text(to_yaml(curriculum), encoding="utf-8")
        fw, cur = str(here / "framework.yaml"), str(here / "curriculum.yaml")
        commands = [
            ["framework", "validate", fw],
            ["validate", cur, "-f", fw],
            ["gap", cur, "-f", fw, "-o", str(here / "gap.xlsx"), "--json", str(here / "gap.json")],
            ["template", "-f", fw, "-c", cur, "-o", str(here / "mapping.xlsx")],
            ["guide", cur, "-f", fw, "--html", "-o", str(here / "guide.html")],
            ["framework", "export", fw, "--format", "moodle", "-o", str(here / "fw.csv")],
        ]
        for command in commands:
            assert exit_code(*command) in (0, 2), command
