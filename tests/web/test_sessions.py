"""Uploads and results live in a session's own folder: gone two idle hours later, and gone
with every other file when the server stops."""

from __future__ import annotations

from pathlib import Path

from competency_kit.web.config import ServerConfig
from competency_kit.web.sessions import SessionStore
from competency_kit.web.uploads import display_name, download_name

from .conftest import EXAMPLE, client_for


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_an_idle_session_expires_with_its_folder(tmp_path: Path) -> None:
    clock = Clock()
    store = SessionStore(tmp_path, idle_seconds=7200, clock=clock)
    idle, busy = store.create(), store.create()
    (idle.new_folder("upload") / "curriculum.yaml").write_text("x", encoding="utf-8")
    clock.now = 3600
    assert store.get(busy.id) is busy
    clock.now = 7201
    assert store.expire() == [idle.id]
    assert not idle.folder.exists() and busy.folder.exists()
    assert store.get(idle.id) is None


def test_every_file_is_gone_after_shutdown(tmp_path: Path) -> None:
    root = tmp_path / "web"
    with client_for(ServerConfig(root=root)) as client:
        client.post("/map/check", files={"curriculum": ("c.yaml", EXAMPLE.read_bytes())})
        client.get("/coverage/gap.xlsx")
        assert any(root.rglob("*.xlsx"))
    assert not root.exists()


def test_two_visitors_never_see_each_others_files(tmp_path: Path) -> None:
    config = ServerConfig(root=tmp_path / "web")
    with client_for(config) as first, client_for(config) as second:
        first.post("/map/check", files={"curriculum": ("mine.yaml", EXAMPLE.read_bytes())})
        assert "mine.yaml" in first.get("/documents").text
        assert "mine.yaml" not in second.get("/documents").text
        assert second.get("/map/curriculum.yaml", follow_redirects=False).status_code == 303


def test_a_users_file_name_is_never_a_path() -> None:
    assert display_name("../../etc/passwd.yaml") == "passwd.yaml"
    assert display_name("C:\\Users\\ana\\mapping.xlsx") == "mapping.xlsx"
    assert display_name("a\x00b<script>.yaml") == "ab_script_.yaml"
    assert download_name('gap-"; rm -rf /', ".xlsx") == "gap-rm-rf.xlsx"
