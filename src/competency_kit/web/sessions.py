"""Sessions: each visitor's uploads and results in a folder of their own, deleted after two
idle hours and when the server stops. Nothing is written anywhere else."""

from __future__ import annotations

import secrets
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

SESSION_COOKIE = "ck_session"


@dataclass
class Stored:
    """A file a user gave: where it is kept, and the name they know it by (shown, never used
    as a path)."""

    path: Path
    name: str


@dataclass
class Session:
    id: str
    folder: Path
    last_seen: float
    framework: Stored | None = None
    """A framework uploaded for this session (None: the server's)."""
    curriculum: Stored | None = None
    """The last curriculum accepted, written as YAML in the folder."""
    policy: Stored | None = None
    review: Stored | None = None
    profile: Stored | None = None
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    cache: dict[str, object] = field(default_factory=dict, repr=False)
    """Results worth keeping between pages (the coverage of the current files)."""
    _counter: int = 0

    def new_folder(self, kind: str) -> Path:
        """A fresh folder in this session for one upload or result, so that two requests at
        once never write the same file."""
        with self.lock:
            self._counter += 1
            folder = self.folder / f"{self._counter:04d}-{kind}"
        folder.mkdir(parents=True)
        return folder

    def forget_results(self) -> None:
        self.cache.clear()


class SessionStore:
    def __init__(
        self, root: Path, idle_seconds: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.root = root
        self.idle_seconds = idle_seconds
        self.clock = clock
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Lock()
        root.mkdir(parents=True, exist_ok=True)

    def get(self, session_id: str | None) -> Session | None:
        """The live session of that id, its idle time restarted; None when there is none."""
        self.expire()
        with self._lock:
            session = self._sessions.get(session_id or "")
            if session is not None:
                session.last_seen = self.clock()
            return session

    def create(self) -> Session:
        session_id = secrets.token_urlsafe(24)
        folder = self.root / f"s-{secrets.token_hex(8)}"
        folder.mkdir(parents=True)
        session = Session(session_id, folder, self.clock())
        with self._lock:
            self._sessions[session_id] = session
        return session

    def scratch(self) -> Path:
        """A folder for one API call that belongs to no session (removed by the caller)."""
        folder = self.root / f"api-{secrets.token_hex(8)}"
        folder.mkdir(parents=True)
        return folder

    def expire(self) -> list[str]:
        """Delete the sessions idle for longer than the limit; their ids."""
        now = self.clock()
        with self._lock:
            old = [s for s in self._sessions.values() if now - s.last_seen > self.idle_seconds]
            for session in old:
                del self._sessions[session.id]
        for session in old:
            shutil.rmtree(session.folder, ignore_errors=True)
        return [s.id for s in old]

    def __len__(self) -> int:
        return len(self._sessions)

    def close(self) -> None:
        """Every session and file gone: the server is stopping."""
        with self._lock:
            self._sessions.clear()
        shutil.rmtree(self.root, ignore_errors=True)
