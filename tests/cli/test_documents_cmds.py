"""``competency-kit guide``, ``handouts``, ``templates copy`` and ``doctor`` from the shell."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from competency_kit.core.errors import InputError
from competency_kit.core.resources import bundled_framework

CLI = [sys.executable, "-m", "competency_kit"]
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "hospitality-diploma.yaml"
SMALL = Path(__file__).resolve().parents[1] / "data" / "small"
SMALL_GUIDE = (str(SMALL / "curriculum.yaml"), "--framework", str(SMALL / "framework.yaml"))
"""A two-module curriculum of a five-statement framework: a whole guide in a few seconds, for
tests of how a run behaves rather than of what the guide says."""


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True, timeout=300)


def test_doctor_reports_the_engine() -> None:
    result = run("doctor")
    assert result.returncode == 0, result.stderr
    for name in ("WeasyPrint", "Pango", "HarfBuzz-Subset", "Fonts", "Noto Sans"):
        assert name in result.stdout


def test_guide_html_preview_and_unknown_language(tmp_path) -> None:
    result = run("guide", EXAMPLE, "-o", tmp_path / "guide.html", "--html", "--lang", "es")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "guide.html").read_text(encoding="utf-8")
    assert '<html lang="es">' in html and "Cómo usar esta guía" in html
    assert result.stderr.startswith(
        "--profile: warning: no local profile was given, so the guide asks its readers to "
        "write in the local reporting pathways (national hotline, police, focal point)\n"
        "    fix: give a local profile with those pathways (see examples/profile.yaml)\n"
        "    how: add --profile FILE\n"
    )
    refused = run("guide", EXAMPLE, "-o", tmp_path / "g.pdf", "--lang", "xx")
    assert refused.returncode == 2
    assert refused.stderr == (
        "--lang: error: 'xx' is not one of the available languages (en, es, fr, pt)\n"
        "    fix: use one of: en, es, fr, pt (a region such as fr-CA may follow the code)\n"
        "1 error, 0 warnings\n"
    )
    assert not (tmp_path / "g.pdf").exists()


def test_templates_copy_refuses_to_overwrite(tmp_path) -> None:
    assert run("templates", "copy", tmp_path / "t").returncode == 0
    assert (tmp_path / "t" / "guide.html").is_file()
    assert (tmp_path / "t" / "fonts" / "OFL.txt").is_file()
    again = run("templates", "copy", tmp_path / "t")
    assert again.returncode == 2
    assert "template files already exist there" in again.stderr


def test_doctor_reports_missing_pango_instead_of_crashing(tmp_path) -> None:
    # A stand-in for WeasyPrint that fails to load its native libraries, as it does on a
    # machine without Pango.
    fake = tmp_path / "weasyprint"
    fake.mkdir()
    (fake / "__init__.py").write_text(
        "raise OSError(\"cannot load library 'libpango-1.0-0': not found\")\n", encoding="utf-8"
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    result = subprocess.run([*CLI, "doctor"], capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 1, result.stderr
    assert "internal error" not in result.stderr
    assert "!! Pango" in result.stdout
    assert "cannot load library 'libpango-1.0-0'" in result.stdout
    assert "apt-get install libpango-1.0-0 libpangoft2-1.0-0" in result.stdout
    assert "ok Fonts" in result.stdout


def test_templates_copy_refuses_a_file_as_the_folder(tmp_path) -> None:
    existing = tmp_path / "notes.txt"
    existing.write_text("mine", encoding="utf-8")
    result = run("templates", "copy", existing)
    assert result.returncode == 2
    assert "this is a file, but the templates are copied into a folder" in result.stderr
    assert existing.read_text(encoding="utf-8") == "mine"


def test_outputs_never_overwrite_the_inputs(tmp_path) -> None:
    curriculum = tmp_path / "cur.yaml"
    shutil.copyfile(EXAMPLE, curriculum)
    profile = tmp_path / "profile.yaml"
    shutil.copyfile(EXAMPLE.parent / "profile.yaml", profile)
    framework = tmp_path / "fw"
    framework.mkdir()
    shutil.copyfile(bundled_framework(), framework / "framework.yaml")
    inputs = {
        path: path.read_bytes() for path in (curriculum, profile, framework / "framework.yaml")
    }
    attempts = [
        ("guide", curriculum, "-o", curriculum),
        ("guide", curriculum, "-o", curriculum, "--html"),
        ("guide", curriculum, "-o", profile, "--profile", profile),
        ("guide", curriculum, "-o", framework / "framework.yaml", "--framework", framework),
    ]
    for args in attempts:  # the command refuses a YAML name for a guide before anything else
        result = run(*args)
        assert result.returncode == 2, (args, result.stderr)
        assert "the guide is written as a ." in result.stderr
    assert {path: path.read_bytes() for path in inputs} == inputs
    # ...and the library, whatever the name, never writes over the inputs it is given
    from competency_kit.app.inputs import load_curriculum
    from competency_kit.documents.framework_io import load_framework
    from competency_kit.pdf.guide import write_guide

    fw = load_framework(framework)
    cur = load_curriculum(curriculum, fw)
    for target, html in (
        (curriculum, True),
        (profile, True),
        (framework / "framework.yaml", False),
    ):
        with pytest.raises(InputError) as exc:
            write_guide(fw, cur, None, target, html=html, inputs=tuple(inputs))
        assert exc.value.problems[0].message == "the output would overwrite the command's own input"
    assert {path: path.read_bytes() for path in inputs} == inputs


def test_handouts_refuse_an_input_in_the_way_before_writing_any(tmp_path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    profile = out / "HOS205-M2.pdf"  # the last module's handout
    shutil.copyfile(EXAMPLE.parent / "profile.yaml", profile)
    before = profile.read_bytes()
    result = run("handouts", EXAMPLE, "-o", out, "--profile", profile, "-j", "2")
    assert result.returncode == 2, result.stderr
    assert f"{profile}: error: the output would overwrite the command's own input" in result.stderr
    assert profile.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["HOS205-M2.pdf"]


def test_broken_user_template_names_its_line(tmp_path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    guide = templates / "guide.html"
    guide.write_text('{% extends "default:guide.html" %}\n{% if %}\n', encoding="utf-8")
    result = run("guide", EXAMPLE, "-o", tmp_path / "g.pdf", "--templates", templates)
    assert result.returncode == 2, result.stderr
    assert f"{guide}:2: error: template error: Expected an expression" in result.stderr
    guide.write_text(
        '{% extends "default:guide.html" %}\n{% block title %}\n{{ t("guide.titel") }}'
        "{% endblock %}\n",
        encoding="utf-8",
    )
    result = run("guide", EXAMPLE, "-o", tmp_path / "g.pdf", "--templates", templates)
    assert result.returncode == 2, result.stderr
    assert f"{guide}:3: error: there is no label 'guide.titel'" in result.stderr
    assert not (tmp_path / "g.pdf").exists()


def test_parallel_handouts_report_a_refused_stylesheet_once_and_clearly(tmp_path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "handout.css").write_text('@import url("file:///etc/hostname");\n')
    result = run("handouts", EXAMPLE, "-o", tmp_path / "out", "--templates", templates, "-j", "2")
    assert result.returncode == 2
    assert result.stderr.count("refers to 'file:///etc/hostname'") == 1
    assert "Traceback" not in result.stderr and "BrokenProcessPool" not in result.stderr
    assert list((tmp_path / "out").glob("*.pdf")) == []


def test_handouts_in_a_log_print_the_message_alone(tmp_path) -> None:
    refused = run("handouts", EXAMPLE, "-o", tmp_path / "h", "--lang", "xx")
    assert refused.returncode == 2
    assert refused.stderr.startswith(
        "--lang: error: 'xx' is not one of the available languages (en, es, fr, pt)"
    )
    assert refused.stdout == ""


def test_lang_in_any_case_and_region_and_the_profile_note_once(tmp_path) -> None:
    result = run("guide", EXAMPLE, "-o", tmp_path / "guide.html", "--html", "--lang", "FR")
    assert result.returncode == 0, result.stderr
    assert '<html lang="fr">' in (tmp_path / "guide.html").read_text(encoding="utf-8")
    result = run("guide", EXAMPLE, "-o", tmp_path / "ca.html", "--html", "--lang", "fr_CA")
    assert result.returncode == 0, result.stderr
    assert '<html lang="fr-CA">' in (tmp_path / "ca.html").read_text(encoding="utf-8")


def test_handouts_without_a_profile_say_so_like_the_guide(tmp_path) -> None:
    result = run("handouts", EXAMPLE, "-o", tmp_path / "h")
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith(
        "--profile: warning: no local profile was given, so the handouts ask their readers to "
        "write in the local reporting pathways (national hotline, police, focal point)\n"
        "    fix: give a local profile with those pathways (see examples/profile.yaml)\n"
        "    how: add --profile FILE\n"
        "wrote 27 handouts into "
    )


def test_the_guide_in_a_log_shows_no_progress(tmp_path) -> None:
    profile = EXAMPLE.parent / "profile.yaml"
    result = run("guide", *SMALL_GUIDE, "-o", tmp_path / "g.pdf", "--profile", profile)
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"wrote {tmp_path / 'g.pdf'}\n"


# No process outlives the command; re-runs render only what changed.

needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").is_file(), reason="needs /proc")
ONE_FAILS = (
    '{% extends "default:handout.html" %}{% block body %}'
    '{% if module.id == "HOS101-M2" %}<img src="http://127.0.0.1:9/x.png" alt="">{% endif %}'
    "{{ super() }}{% endblock %}"
)


def in_session(session: int) -> list[str]:
    """The processes of a session that still exist (zombies too), as ``pid state command``."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        name, fields = text[text.index("(") + 1 : text.rindex(")")], text.rsplit(")", 1)[1].split()
        if int(fields[3]) == session:
            found.append(f"{stat.parent.name} {fields[0]} {name}")
    return found


def run_in_session(*args: str | Path, env: dict[str, str] | None = None) -> tuple[int, str]:
    """Run the command as the leader of its own session; (exit code, stderr) once it ended,
    after checking that no process of that session is left."""
    process = subprocess.Popen(
        [*CLI, *map(str, args)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env=env,
    )
    _, stderr = process.communicate(timeout=300)
    assert in_session(process.pid) == []
    return process.returncode, stderr


@needs_proc
def test_parallel_handouts_leave_no_process_and_a_rerun_renders_only_what_failed(
    tmp_path,
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "handout.html").write_text(ONE_FAILS, encoding="utf-8")
    out = tmp_path / "out"
    code, stderr = run_in_session(
        "handouts", EXAMPLE, "-o", out, "-j", "2", "--templates", templates
    )
    assert code == 2, stderr
    assert "HOS101-M2" in stderr and "refers to 'http://127.0.0.1:9/x.png'" in stderr
    assert len(list(out.glob("*.pdf"))) == 26
    # The other handouts' HTML is the built-in one: only the one that failed is left to make.
    code, stderr = run_in_session("handouts", EXAMPLE, "-o", out, "-j", "2")
    assert code == 0, stderr
    assert "wrote 1 handouts" in stderr and "(26 unchanged, left as they were)" in stderr
    code, stderr = run_in_session("handouts", EXAMPLE, "-o", out)
    assert code == 0 and "wrote 0 handouts" in stderr and "27 unchanged" in stderr
    assert list(out.glob(".*.part")) == []


@needs_proc
def test_ctrl_c_stops_parallel_handouts_and_leaves_no_process(tmp_path) -> None:
    out = tmp_path / "out"
    process = subprocess.Popen(
        [*CLI, "handouts", str(EXAMPLE), "-o", str(out), "-j", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while not list(out.glob("*.pdf")) and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)  # what a terminal sends the whole group on Ctrl-C
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr
    assert in_session(process.pid) == []
    assert len(list(out.glob("*.pdf"))) < 27
    assert list(out.glob(".*.part")) == []


def test_jobs_must_be_auto_or_a_positive_number(tmp_path) -> None:
    result = run("handouts", EXAMPLE, "-o", tmp_path, "--jobs", "many")
    assert result.returncode == 2
    assert result.stderr.startswith(
        "--jobs: error: the number of handouts made at once must be auto or a whole number of "
        "1 or more (got 'many')\n    fix: use auto, 1, or the number of processor cores\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_guide_with_nothing_changed_is_left_as_it_is(tmp_path) -> None:
    target = tmp_path / "guide.pdf"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    first = subprocess.run(
        [*CLI, "guide", *SMALL_GUIDE, "-o", str(target)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert first.returncode == 0, first.stderr
    made = target.read_bytes()
    again = subprocess.run(
        [*CLI, "guide", *SMALL_GUIDE, "-o", str(target)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert again.returncode == 0
    assert "is up to date" in again.stderr and "--force-render" in again.stderr
    assert target.read_bytes() == made


def test_force_replaces_a_held_file_and_force_render_makes_a_current_guide_again(
    tmp_path,
) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    target = tmp_path / "guide.pdf"
    target.write_bytes(b"PK\x03\x04 someone's archive")
    refused = subprocess.run(
        [*CLI, "guide", *SMALL_GUIDE, "-o", str(target), "--force-render"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert refused.returncode == 2
    assert "add --force to replace it anyway" in refused.stderr
    assert target.read_bytes() == b"PK\x03\x04 someone's archive"
    forced = subprocess.run(
        [*CLI, "guide", *SMALL_GUIDE, "-o", str(target), "--force"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert forced.returncode == 0, forced.stderr
    made = target.read_bytes()
    assert made.startswith(b"%PDF")
    again = subprocess.run(
        [*CLI, "guide", *SMALL_GUIDE, "-o", str(target), "--force-render"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert again.returncode == 0 and again.stderr.endswith(f"wrote {target}\n")
    assert target.read_bytes() == made


def test_handouts_warn_on_stderr_of_characters_no_font_draws_and_succeed(tmp_path) -> None:
    from competency_kit.pdf import fontconfig

    if fontconfig.font_for("接") is not None:
        pytest.skip("a CJK font is installed on this machine")
    source = (SMALL / "curriculum.yaml").read_text(encoding="utf-8")
    curriculum = tmp_path / "curriculum.yaml"
    curriculum.write_text(source.replace("Welcoming guests", "接待客人"), encoding="utf-8")
    result = run("handouts", curriculum, "-o", tmp_path / "out", *SMALL_GUIDE[1:])
    assert result.returncode == 0, result.stderr
    assert (
        f"{curriculum}: warning: title: module FO101-M1 (接待客人): no font here can draw "
        "'接 待 客 人' (Han); the documents print them as empty boxes\n"
        "    fix: install a font for Han, e.g. fonts-noto-cjk"
    ) in result.stderr
    assert "wrote 2 handouts" in result.stderr


def test_doctor_lists_the_scripts_and_their_fonts() -> None:
    result = run("doctor")
    lines = result.stdout.splitlines()
    assert any(
        line.startswith("ok Script Thai") and "Noto Sans Thai (packaged)" in line for line in lines
    ), result.stdout
    assert any(line.startswith(("ok Script Han", "-- Script Han")) for line in lines)
