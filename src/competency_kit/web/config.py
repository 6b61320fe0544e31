"""What a running server was asked to be: where it listens, whom it answers, its limits."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

LOOPBACK = ("127.0.0.1", "localhost", "::1")
DEFAULT_PORT = 8765
FILE_BYTES = 20 * 1024 * 1024
"""Largest file one upload field takes (20 MiB)."""
FILES_PER_FORM = 4
"""Most files one form sends (curriculum, framework, policy, review)."""
FORM_OVERHEAD = 256 * 1024
"""Room for the form's own fields and multipart headers beside its files."""
SESSION_IDLE_SECONDS = 2 * 60 * 60
"""A session's folder is deleted after two idle hours."""
RENDER_WORKERS = 2
"""Documents rendered at once (one worker process each); more wait their turn."""


@dataclass(frozen=True)
class ServerConfig:
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    allow_hosts: tuple[str, ...] = ()
    """Further names the Host header may carry (a school's server name), with or without port."""
    token: str | None = None
    """Required on every request when set (always set when listening beyond loopback)."""
    framework: Path | None = None
    """The framework in use unless a session uploads its own (None: the bundled one)."""
    file_bytes: int = FILE_BYTES
    files_per_form: int = FILES_PER_FORM
    session_idle: float = SESSION_IDLE_SECONDS
    render_workers: int = RENDER_WORKERS
    root: Path | None = None
    """Folder for every session's files (a new temporary folder when None)."""

    @property
    def loopback(self) -> bool:
        return self.host in LOOPBACK

    @property
    def body_bytes(self) -> int:
        """Largest request body: every file of a form at its limit, plus the fields."""
        return self.file_bytes * self.files_per_form + FORM_OVERHEAD

    def accepted_hosts(self) -> set[str]:
        """Every Host header value that names this server (lower case)."""
        names = {f"127.0.0.1:{self.port}", f"localhost:{self.port}", f"[::1]:{self.port}"}
        if not self.loopback:
            names.add(_with_port(self.host, self.port))
        for name in self.allow_hosts:
            name = name.strip().lower()
            names.add(name if _has_port(name) else _with_port(name, self.port))
        return {n.lower() for n in names}

    def address(self) -> str:
        host = "127.0.0.1" if self.host in ("0.0.0.0", "::") else self.host
        url = f"http://{_with_port(host, self.port)}/"
        return f"{url}?token={self.token}" if self.token else url


def _has_port(name: str) -> bool:
    return name.rsplit(":", 1)[-1].isdigit() and (not name.startswith("[") or "]:" in name)


def _with_port(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host and not host.startswith("[") else f"{host}:{port}"
