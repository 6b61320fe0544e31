"""The handouts a document job hands over."""

from __future__ import annotations

import zipfile
from pathlib import Path

from competency_kit.core.manifest import MANIFEST_NAME
from competency_kit.web.jobs import zip_folder


def test_the_handouts_zip_holds_the_documents_and_not_the_manifest(tmp_path: Path) -> None:
    folder = tmp_path / "handouts"
    folder.mkdir()
    (folder / "HOS101-M1.pdf").write_bytes(b"%PDF-1.7")
    (folder / MANIFEST_NAME).write_text("{}", encoding="utf-8")
    target = zip_folder(folder, tmp_path / "handouts.zip")
    assert zipfile.ZipFile(target).namelist() == ["HOS101-M1.pdf"]
    assert not folder.exists()
