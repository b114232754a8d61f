"""A local stand-in for the part of the ZGW Zaken API the volume import uses, as its OpenAPI describes it.

``GET /zaken/api/v1/zaken?zaaktype=URL&startdatum__gte=..&startdatum__lt=..`` answers a paginated list
``{count, next, previous, results}``; it needs ``Authorization: Bearer <token>`` (401 otherwise) and
``Accept-Crs`` (412 otherwise, as the API does for a resource with a geometry). What it answers beyond
that is set per test (``Behaviour``).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

TOKEN = "s3cr3t-t0ken-value"
ROOT = "/zaken/api/v1"


@dataclass
class Behaviour:
    """What the server answers: counts per zaaktype URL, and ways to misbehave."""

    counts: dict[str, int] = field(default_factory=dict)
    page_size: int = 2
    with_count: bool = True  # False: pages without `count`, to be followed by `next`
    sleep: float = 0.0  # seconds before answering (a server slower than the client's timeout)
    body: bytes | None = None  # a fixed body (malformed JSON, a huge answer)
    drip: float = 0.0  # seconds between the bytes of a fixed body (a server that keeps an answer going)
    drip_head: bool = False  # drip the status line and headers, too
    dripped: int = 0  # bytes dripped before the client hung up
    status: int | None = None  # a fixed status
    redirect: str | None = None  # a Location to redirect to
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)


def _zaak(base: str, zaaktype: str, n: int) -> dict[str, Any]:
    return {"url": f"{base}{ROOT}/zaken/{n:08d}", "identificatie": f"ZAAK-{n}", "zaaktype": zaaktype,
            "startdatum": "2025-03-01", "zaakgeometrie": None}


class _Handler(BaseHTTPRequestHandler):
    behaviour: Behaviour
    base: str

    def log_message(self, format: str, *args: Any) -> None:
        return  # quiet: the test output is the point

    def do_GET(self) -> None:
        b = self.behaviour
        b.requests.append((self.path, {k: v for k, v in self.headers.items()}))
        if b.sleep:
            time.sleep(b.sleep)
        if b.redirect:
            self._send(302, b"", location=b.redirect)
            return
        if self.headers.get("Authorization") != f"Bearer {TOKEN}":
            self._json(401, {"code": "not_authenticated", "title": "Authenticatiegegevens zijn niet opgegeven."})
            return
        if self.headers.get("Accept-Crs") != "EPSG:4326":
            self._json(412, {"code": "precondition_failed", "title": "Accept-Crs header ontbreekt"})
            return
        if b.status is not None or b.body is not None:
            self._send(b.status or 200, b.body or b"")
            return
        parts = urlsplit(self.path)
        if parts.path != f"{ROOT}/zaken":
            self._json(404, {"code": "not_found", "title": "Niet gevonden."})
            return
        query = parse_qs(parts.query)
        zaaktype = query.get("zaaktype", [""])[0]
        page = int(query.get("page", ["1"])[0])
        total = b.counts.get(zaaktype, 0)
        start = (page - 1) * b.page_size
        results = [_zaak(self.base, zaaktype, n) for n in range(start, min(total, start + b.page_size))]
        following = None
        if start + b.page_size < total:
            following = f"{self.base}{ROOT}/zaken?{parts.query.split('&page=')[0]}&page={page + 1}"
        data: dict[str, Any] = {"next": following, "previous": None, "results": results}
        if b.with_count:
            data = {"count": total, **data}
        self._json(200, data)

    def _json(self, status: int, data: Any) -> None:
        self._send(status, json.dumps(data).encode(), "application/json")

    def _send(self, status: int, body: bytes, kind: str = "application/json", location: str | None = None) -> None:
        if self.behaviour.drip_head:
            head = f"HTTP/1.1 {status} OK\r\nContent-Type: {kind}\r\nContent-Length: {len(body)}\r\n\r\n"
            self._drip(head.encode() + body)
            return
        try:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            if location:
                self.send_header("Location", location)
            self.end_headers()
            if self.behaviour.drip:
                self._drip(body)
            else:
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout): nothing to answer
            pass

    def _drip(self, data: bytes) -> None:
        try:
            for byte in data:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                self.behaviour.dripped += 1
                time.sleep(self.behaviour.drip)
        except (BrokenPipeError, ConnectionResetError):
            pass


@contextmanager
def serve(behaviour: Behaviour) -> Iterator[str]:
    """Run the server on 127.0.0.1 in a thread; yields its base URL (``http://127.0.0.1:PORT``)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    base = f"http://127.0.0.1:{server.server_address[1]}"
    handler = type("Handler", (_Handler,), {"behaviour": behaviour, "base": base})
    server.RequestHandlerClass = handler
    # a short poll: shutdown() waits for the loop to look up, half a second by default, in every test
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
