"""The sandbox around WeasyPrint: only the templates' own files, never the network."""

from __future__ import annotations

import socket

import pytest

from competency_kit.core.errors import InputError
from competency_kit.pdf.engine import PdfEngine, RefusedResource, SandboxFetcher
from competency_kit.pdf.handouts import HANDOUT_STYLESHEETS
from competency_kit.pdf.templating import TemplateSet


def test_fetcher_serves_files_inside_the_allowed_folders_only(tmp_path) -> None:
    inside = tmp_path / "logo.svg"
    inside.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    fetcher = SandboxFetcher((tmp_path,))
    assert fetcher.fetch(inside.as_uri()).read().startswith(b"<svg")
    for url in (
        "file:///etc/hostname",
        (tmp_path / ".." / "x").as_uri(),
        "http://example.org/a",
        "https://example.org/a.css",
        "ftp://example.org/a",
        "file://server/share/a",
    ):
        with pytest.raises(RefusedResource):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 6


def test_a_web_or_file_reference_in_a_user_template_is_refused_without_connecting(tmp_path) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(0.3)
    port = listener.getsockname()[1]
    engine = PdfEngine(TemplateSet(tmp_path), HANDOUT_STYLESHEETS)
    html = (
        f'<html lang="en"><title>t</title><img src="http://127.0.0.1:{port}/x.png">'
        '<img src="file:///etc/passwd"></html>'
    )
    with pytest.raises(InputError) as caught:
        engine.write_pdf(html, tmp_path / "out.pdf")
    messages = [p.message for p in caught.value.problems]
    assert any(f"'http://127.0.0.1:{port}/x.png'" in m for m in messages)
    assert any("'file:///etc/passwd'" in m for m in messages)
    with pytest.raises(TimeoutError):
        listener.accept()
    listener.close()


def test_the_cycle_collector_waits_while_documents_render_in_any_thread() -> None:
    import gc
    import threading

    from competency_kit.pdf.engine import collector_paused

    assert gc.isenabled()
    first_inside, second_done = threading.Event(), threading.Event()
    seen: list[bool] = []

    def other_request() -> None:
        with collector_paused():
            first_inside.set()
            second_done.wait(5)
            seen.append(gc.isenabled())

    thread = threading.Thread(target=other_request)
    thread.start()
    first_inside.wait(5)
    with collector_paused():
        seen.append(gc.isenabled())
    seen.append(gc.isenabled())  # the other thread is still rendering
    second_done.set()
    thread.join(5)
    assert seen == [False, False, False]
    assert gc.isenabled()


def test_a_collector_turned_off_by_the_caller_stays_off() -> None:
    import gc

    from competency_kit.pdf.engine import collector_paused

    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_documents_leave_no_cycles_behind_once_rendered(tmp_path) -> None:
    import gc

    engine = PdfEngine(TemplateSet(), HANDOUT_STYLESHEETS)
    html = "<html lang='en'><body><h1>Title</h1><p>A paragraph of text.</p></body></html>"
    engine.write_pdf(html, tmp_path / "first.pdf")
    gc.collect()
    before = len(gc.get_objects())
    for n in range(5):
        engine.write_pdf(html, tmp_path / f"again-{n}.pdf")
    assert gc.isenabled()
    gc.collect()
    assert len(gc.get_objects()) < before * 1.02
    assert (tmp_path / "again-4.pdf").read_bytes().startswith(b"%PDF-")
