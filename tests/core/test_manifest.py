"""The manifest beside the outputs: what was written from which fingerprint, bytes included."""

from __future__ import annotations

import json

from competency_kit.core.manifest import MANIFEST_NAME, Manifest, file_digest


def test_a_recorded_file_is_current_until_its_bytes_or_fingerprint_change(tmp_path) -> None:
    target = tmp_path / "a.pdf"
    target.write_bytes(b"%PDF one")
    manifest = Manifest.read(tmp_path)
    assert not manifest.is_current(target, "f1")
    manifest.record(target, "f1")
    manifest.save()
    again = Manifest.read(tmp_path)
    assert again.is_current(target, "f1")
    assert not again.is_current(target, "f2")
    target.write_bytes(b"%PDF edited by hand")
    assert not again.is_current(target, "f1")
    target.unlink()
    assert not again.is_current(target, "f1")


def test_a_file_of_another_folder_is_never_current(tmp_path) -> None:
    (tmp_path / "a.pdf").write_bytes(b"x")
    manifest = Manifest.read(tmp_path)
    manifest.record(tmp_path / "a.pdf", "f")
    other = tmp_path / "other"
    other.mkdir()
    (other / "a.pdf").write_bytes(b"x")
    assert not manifest.is_current(other / "a.pdf", "f")


def test_saving_keeps_what_another_run_recorded_and_drops_what_was_forgotten(tmp_path) -> None:
    for name in ("guide.pdf", "a.pdf", "b.pdf"):
        (tmp_path / name).write_bytes(name.encode())
    first = Manifest.read(tmp_path)
    second = Manifest.read(tmp_path)
    first.record(tmp_path / "guide.pdf", "g")
    first.record(tmp_path / "b.pdf", "b")
    first.save()
    second.record(tmp_path / "a.pdf", "a")
    second.forget(tmp_path / "b.pdf")
    second.save()
    assert sorted(Manifest.read(tmp_path).entries) == ["a.pdf", "guide.pdf"]


def test_an_unreadable_or_foreign_manifest_is_ignored(tmp_path) -> None:
    for text in ("{not json", json.dumps({"format": 99, "files": {}}), "[1, 2]"):
        (tmp_path / MANIFEST_NAME).write_text(text, encoding="utf-8")
        assert Manifest.read(tmp_path).entries == {}
    data = {
        "format": 1,
        "files": {"a.pdf": {"fingerprint": 3}, "b.pdf": {"fingerprint": "x", "sha256": "y"}},
    }
    (tmp_path / MANIFEST_NAME).write_text(json.dumps(data), encoding="utf-8")
    assert list(Manifest.read(tmp_path).entries) == ["b.pdf"]


def test_file_digest_of_a_missing_file_is_none(tmp_path) -> None:
    assert file_digest(tmp_path / "none.pdf") is None
    assert file_digest(tmp_path) is None


def test_a_fingerprint_recorded_with_its_sources_is_found_by_them_while_the_file_is_unchanged(
    tmp_path,
) -> None:
    target = tmp_path / "guide.pdf"
    target.write_bytes(b"%PDF guide")
    manifest = Manifest.read(tmp_path)
    manifest.record(target, "f1", sources="s1")
    manifest.save()
    again = Manifest.read(tmp_path)
    assert again.current_fingerprint(target, "s1") == "f1"
    assert again.current_fingerprint(target, "s2") is None
    again.record(target, "f1")  # recorded without sources: found only by its fingerprint
    assert again.current_fingerprint(target, "s1") is None
    assert again.is_current(target, "f1")
    manifest.record(target, "f1", sources="s1")
    target.write_bytes(b"%PDF edited by hand")
    assert manifest.current_fingerprint(target, "s1") is None
