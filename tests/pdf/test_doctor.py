"""What ``competency-kit doctor`` finds, also on a machine where WeasyPrint cannot load."""

from __future__ import annotations

import sys
import types

from competency_kit.pdf.doctor import environment_checks


def test_every_check_passes_here() -> None:
    checks = {c.name: c for c in environment_checks()}
    assert checks["Pango"].ok and checks["Fonts"].ok
    assert checks["HarfBuzz-Subset"].required is False


def test_pango_that_cannot_load_is_a_failed_required_check(monkeypatch) -> None:
    class WithoutPango(types.ModuleType):
        def __getattr__(self, name: str) -> object:
            raise OSError("cannot load library 'libpango-1.0-0': not found")

    monkeypatch.setitem(sys.modules, "weasyprint.text", WithoutPango("weasyprint.text"))
    checks = {c.name: c for c in environment_checks()}
    pango = checks["Pango"]
    assert not pango.ok and pango.required
    assert "cannot load library 'libpango-1.0-0'" in pango.value
    assert "apt-get install libpango-1.0-0 libpangoft2-1.0-0" in pango.advice
    assert checks["Fonts"].ok


def test_scripts_are_listed_with_the_font_that_draws_them() -> None:
    from competency_kit.pdf import fontconfig

    checks = {c.name: c for c in environment_checks()}
    for script in ("Latin", "Latin Extended/Vietnamese", "Thai", "Lao", "Khmer", "Myanmar"):
        assert checks[f"Script {script}"].ok
        assert checks[f"Script {script}"].value.endswith("(packaged)")
    assert checks["Script Khmer"].value == "Noto Sans Khmer (packaged)"
    han = checks["Script Han"]
    assert han.required is False and han.ok == (fontconfig.font_for("中文漢字") is not None)
    if not han.ok:
        assert "empty boxes" in han.value and "fonts-noto-cjk" in han.advice
    assert {"Script Arabic", "Script Hebrew", "Script Kana", "Script Hangul"} <= set(checks)
