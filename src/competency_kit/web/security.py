"""The guard in front of every request. A server on the user's own machine is attacked through
the user's own browser, so before any page or API call runs:

- the Host header must name this server (a DNS-rebinding page names its own domain) → 400;
- where a token is set, the request must carry it (``Authorization: Bearer``, ``?token=``, or
  the cookie a first ``?token=`` visit leaves) → 403;
- a state-changing request must come from this app's own pages (``Sec-Fetch-Site`` and
  ``Origin``; scripts that send neither are let through, browsers always send one) → 403;
- a request body larger than a form of files at their limit is refused before it is read → 413.

Every response gets a Content-Security-Policy of ``default-src 'self'`` and no-sniff headers.
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from http.cookies import SimpleCookie
from typing import Literal
from urllib.parse import parse_qs, urlencode

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from competency_kit.web.config import ServerConfig

Refusal = Literal["host", "token", "origin", "too-large"]
RefusalPage = Callable[[Scope, Refusal], Awaitable[Response]]
"""Builds the page (or JSON) that explains a refusal, in the user's language."""

TOKEN_COOKIE = "ck_token"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
SAME_SITE = ("same-origin", "none")
"""``Sec-Fetch-Site`` values of a request made by this app's own pages (or typed by the user)."""
SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",  # "no-referrer" would make the browser send Origin: null
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}


class TooLarge(Exception):
    """The request body passed the limit while it was being read."""


class Guard:
    def __init__(self, app: ASGIApp, config: ServerConfig, refuse: RefusalPage) -> None:
        self.app = app
        self.config = config
        self.hosts = config.accepted_hosts()
        self.refuse = refuse

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        refusal = self.refusal(scope, headers)
        if refusal is not None:
            response = await self.refuse(scope, refusal)
            await response(scope, receive, _with_headers(send))
            return
        if self.config.token and _remember_token(scope, self.config.token):
            await _token_redirect(scope, self.config.token)(scope, receive, _with_headers(send))
            return
        body = _LimitedBody(receive, self.config.body_bytes)
        started = False

        async def tracked_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await _with_headers(send)(message)

        try:
            await self.app(scope, body.receive, tracked_send)
        except TooLarge:
            if started:
                raise
            response = await self.refuse(scope, "too-large")
            await response(scope, receive, _with_headers(send))

    def refusal(self, scope: Scope, headers: Headers) -> Refusal | None:
        if headers.get("host", "").lower() not in self.hosts:
            return "host"
        if self.config.token and not self._has_token(scope, headers):
            return "token"
        if scope["method"] not in SAFE_METHODS and not self._same_origin(headers):
            return "origin"
        length = headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > self.config.body_bytes:
            return "too-large"
        return None

    def _has_token(self, scope: Scope, headers: Headers) -> bool:
        token = self.config.token or ""
        offered = [_query_token(scope) or ""]
        authorization = headers.get("authorization", "")
        if authorization.lower().startswith("bearer "):
            offered.append(authorization[7:].strip())
        cookie = SimpleCookie(headers.get("cookie", ""))
        if TOKEN_COOKIE in cookie:
            offered.append(cookie[TOKEN_COOKIE].value)
        return any(hmac.compare_digest(o.encode(), token.encode()) for o in offered if o)

    def _same_origin(self, headers: Headers) -> bool:
        site = headers.get("sec-fetch-site")
        if site is not None and site not in SAME_SITE:
            return False
        origin = headers.get("origin")
        if origin is None:
            return True
        return origin.lower() in {f"http://{host}" for host in self.hosts}


def _query_token(scope: Scope) -> str | None:
    values = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token")
    return values[0] if values else None


def _remember_token(scope: Scope, token: str) -> bool:
    """A page visited with the right ``?token=`` (not a script's API call, which gives the
    token every time)."""
    return (
        scope["method"] in SAFE_METHODS
        and not scope["path"].startswith("/api/")
        and _query_token(scope) == token
    )


def _token_redirect(scope: Scope, token: str) -> Response:
    """Leave the token in a cookie and show the address without it, so it is not bookmarked
    or read over a shoulder."""
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    query.pop("token", None)
    rest = urlencode(query, doseq=True)
    response = RedirectResponse(scope["path"] + (f"?{rest}" if rest else ""), status_code=303)
    response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
    return response


class _LimitedBody:
    """The request body, refused as soon as more than ``limit`` bytes have come (a client
    may send no Content-Length, or a false one)."""

    def __init__(self, receive: Receive, limit: int) -> None:
        self._receive = receive
        self.limit = limit
        self.seen = 0

    async def receive(self) -> Message:
        message = await self._receive()
        if message["type"] == "http.request":
            self.seen += len(message.get("body", b""))
            if self.seen > self.limit:
                raise TooLarge()
        return message


def _with_headers(send: Send) -> Send:
    async def sender(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = MutableHeaders(scope=message)
            for name, value in SECURITY_HEADERS.items():
                headers.setdefault(name, value)
        await send(message)

    return sender
