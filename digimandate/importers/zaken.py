"""Volumes from the ZGW Zaken API: per zaaktype, the zaken started in a year, as the API counts them.

One request per zaaktype (``GET {root}/zaken?zaaktype=URL&startdatum__gte=..&startdatum__lt=..``): the
page's ``count`` is the volume, so no zaak is read. The token goes in a header, never in a message,
the report or a file. Every answer is bounded (time, size, pages, redirects to the same origin only).
"""

from __future__ import annotations

import functools
import http.client
import io
import ipaddress
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode, urljoin, urlsplit

from digimandate import __version__
from digimandate.clock import today
from digimandate.errors import Term, UsageError
from digimandate.importers.common import Draft, Found, ImportContext, Note, SourceError, SourceProblem, fail, read_json
from digimandate.importers.registry import Importer, ImportSource
from digimandate.textsafe import one_line

KIND = "zaken"
MAX_BODY = 5 * 1024 * 1024  # a page of 100 zaken with their geometry stays well under 1 MB
CHUNK = 64 * 1024  # bytes read at a time, the deadline checked between reads
MAX_PAGES = 100  # when an answer has no count: pages followed for one zaaktype
MAX_COUNT = 1_000_000_000  # the model's bound on requests a year
BACKOFF = 0.5  # seconds before the first retry, doubled for each next one
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
REF = "zaaktype:"


@dataclass(frozen=True)
class Known:
    """A zaaktype the organisation knows by URL, and the process it belongs to."""

    url: str
    process: str
    where: str


class _Redirected(Exception):
    """A redirect to another origin: refused, so the token is not sent there."""

    def __init__(self, target: str) -> None:
        super().__init__(target)
        self.target = target


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    return parts.scheme.lower(), (parts.hostname or "").lower(), parts.port


class _SameOrigin(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to the origin the request went to."""

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> Any:
        if _origin(urljoin(req.full_url, newurl)) != _origin(req.full_url):
            raise _Redirected(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class _DeadlineReader(io.RawIOBase):
    """A socket's reader that waits no longer than the time left before the deadline, then times out."""

    def __init__(self, raw: Any, sock: Any, deadline: float) -> None:
        super().__init__()
        self._raw, self._sock, self._deadline = raw, sock, deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        self._sock.settimeout(left)
        done: int = self._raw.readinto(buffer)
        return done

    def close(self) -> None:
        self._raw.close()
        super().close()


class _DeadlineSocket:
    """A connected socket whose answer (status line, headers and body) is read against one deadline."""

    def __init__(self, sock: Any, deadline: float) -> None:
        self._sock, self._deadline = sock, deadline

    def makefile(self, mode: str = "r", *args: Any, **kwargs: Any) -> io.BufferedReader:
        return io.BufferedReader(_DeadlineReader(self._sock.makefile("rb", buffering=0), self._sock, self._deadline))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)


class _Deadline:
    """Mixed into a connection: once connected, its socket reads against the deadline of the request."""

    sock: Any

    def __init__(self, *args: Any, deadline: float, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline = deadline

    def connect(self) -> None:
        super().connect()  # type: ignore[misc]
        self.sock = _DeadlineSocket(self.sock, self._deadline)


class _HTTPDeadline(_Deadline, http.client.HTTPConnection):
    pass


class _HTTPSDeadline(_Deadline, http.client.HTTPSConnection):
    pass


class _DeadlineHTTP(urllib.request.HTTPHandler):
    """Plain http whose answers end by a deadline, set before each request."""

    deadline = 0.0

    def http_open(self, req: Any) -> Any:
        return self.do_open(functools.partial(_HTTPDeadline, deadline=self.deadline), req)


class _DeadlineHTTPS(urllib.request.HTTPSHandler):
    """https whose answers end by a deadline, set before each request."""

    deadline = 0.0

    def https_open(self, req: Any) -> Any:
        return self.do_open(functools.partial(_HTTPSDeadline, deadline=self.deadline), req,
                            context=self._context, check_hostname=self._check_hostname)  # type: ignore[attr-defined]


def known_zaaktypen(ctx: ImportContext) -> list[Known]:
    """Zaaktype URLs on processes: hand-written ones and those the other sources of this import give."""
    out: dict[str, Known] = {}
    for ent in ctx.existing.get("processes", []):
        for ref in ent.refs:
            if ref.startswith(REF + "http"):
                out.setdefault(ref[len(REF):], Known(ref[len(REF):], ent.id, ent.where))
    for found in ctx.found:
        for draft in found.drafts:
            if draft.section == "processes":
                for ref in draft.refs:
                    if ref.startswith(REF + "http"):
                        out.setdefault(ref[len(REF):], Known(ref[len(REF):], draft.id, draft.where))
    return list(out.values())


def _root(url: str, shown: str) -> str:
    """The API root, checked: http(s), a host, no user or password in it, https unless it is this machine."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises for a port that is not a number
    except ValueError:
        raise fail(shown, "imp_zaken_bad_url", "imp_zaken_bad_url_hint") from None
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise fail(shown, "imp_zaken_bad_url", "imp_zaken_bad_url_hint")
    if "@" in parts.netloc:
        raise fail(shown, "imp_zaken_url_secret", "imp_zaken_url_secret_hint")
    if parts.scheme == "http" and not _loopback(parts.hostname):
        raise fail(shown, "imp_zaken_not_https", "imp_zaken_not_https_hint")
    return url.rstrip("/")


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class Client:
    """GET with a bearer token: bounded in time, size and attempts; errors located at the query."""

    def __init__(self, token: str, timeout: float, retries: int, direct: bool = False) -> None:
        self._token = token
        self.timeout = timeout
        self.retries = max(0, retries)
        # plain http goes only to this machine, and then never through a proxy, which would see the token
        self._timed = (_DeadlineHTTP(), _DeadlineHTTPS())
        handlers: list[Any] = [_SameOrigin(), *self._timed] + ([urllib.request.ProxyHandler({})] if direct else [])
        self._opener = urllib.request.build_opener(*handlers)

    def get(self, url: str) -> Any:
        """The JSON an URL answers, or a located error; retried (with backoff) only when trying again can help."""
        headers = {"Accept": "application/json", "Accept-Crs": "EPSG:4326", "User-Agent": f"digimandate/{__version__}",
                   "Authorization": f"Bearer {self._token}"}
        shown = one_line(url)
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                # the timeout bounds the whole answer, not each read: a server dripping bytes cannot keep it going
                deadline = time.monotonic() + self.timeout
                for handler in self._timed:
                    handler.deadline = deadline
                with self._opener.open(urllib.request.Request(url, headers=headers), timeout=self.timeout) as answer:
                    return read_json(self._body(answer, shown, deadline), shown)
            except urllib.error.HTTPError as exc:
                exc.close()
                if exc.code in (401, 403):
                    raise fail(shown, "imp_zaken_refused", "imp_zaken_refused_hint", status=exc.code) from None
                if exc.code == 404:
                    raise fail(shown, "imp_zaken_not_found", "imp_zaken_not_found_hint") from None
                if exc.code not in RETRY_STATUS or last:
                    raise fail(shown, "imp_zaken_status", "imp_zaken_status_hint", status=exc.code,
                               attempts=_attempts(attempt)) from None
            except _Redirected as exc:
                raise fail(shown, "imp_zaken_redirect", "imp_zaken_redirect_hint",
                           target=one_line(exc.target.split("?")[0])) from None
            except ValueError:  # raised with the request's headers in its text: never shown, it holds the token
                raise fail(shown, "imp_zaken_unreachable", "imp_zaken_unreachable_hint",
                           reason=Term("imp_zaken_bad_request"), attempts=_attempts(attempt)) from None
            except (TimeoutError, urllib.error.URLError, http.client.HTTPException, ConnectionError) as exc:
                reason = getattr(exc, "reason", exc)
                if last and isinstance(reason, TimeoutError):
                    raise fail(shown, "imp_zaken_timeout", "imp_zaken_timeout_hint", seconds=f"{self.timeout:g}",
                               attempts=_attempts(attempt)) from None
                if last:
                    raise fail(shown, "imp_zaken_unreachable", "imp_zaken_unreachable_hint",
                               reason=one_line(str(reason)), attempts=_attempts(attempt)) from None
            time.sleep(BACKOFF * 2 ** attempt)
        raise AssertionError("unreachable")  # pragma: no cover - the last attempt returns or raises

    @staticmethod
    def _body(answer: Any, shown: str, deadline: float) -> bytes:
        """The body, read no further than the bound (a Content-Length may lie, or be missing) nor the deadline."""
        declared = answer.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > MAX_BODY:
            raise fail(shown, "imp_zaken_too_large", "imp_zaken_too_large_hint", limit=MAX_BODY)
        chunks: list[bytes] = []
        size = 0
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            chunk: bytes = answer.read1(CHUNK)
            if not chunk:
                return b"".join(chunks)
            size += len(chunk)
            if size > MAX_BODY:
                raise fail(shown, "imp_zaken_too_large", "imp_zaken_too_large_hint", limit=MAX_BODY)
            chunks.append(chunk)


def _attempts(attempt: int) -> Term:
    """"after 1 attempt", "after 3 attempts": the attempts made, ``attempt`` counting from 0."""
    return Term("imp_zaken_attempts", attempt + 1)


def query(root: str, zaaktype: str, year: int) -> str:
    """The request for the zaken of one zaaktype started in one year."""
    params = {"zaaktype": zaaktype, "startdatum__gte": f"{year}-01-01", "startdatum__lt": f"{year + 1}-01-01"}
    return f"{root}/zaken?{urlencode(params)}"


def count(client: Client, url: str) -> int:
    """The number of zaken a query finds: the first page's ``count``; without one, the pages' results, bounded."""
    total = 0
    page_url = url
    for _ in range(MAX_PAGES):
        page = client.get(page_url)
        if not isinstance(page, dict):
            raise fail(one_line(page_url), "imp_zaken_malformed", "imp_zaken_malformed_hint",
                       reason=Term("imp_zaken_not_object"))
        found = page.get("count")
        if found is not None:
            if isinstance(found, bool) or not isinstance(found, int) or not 0 <= found <= MAX_COUNT:
                raise fail(one_line(page_url), "imp_zaken_malformed", "imp_zaken_malformed_hint",
                           reason=Term("imp_zaken_bad_count"))
            return total + found
        results = page.get("results")
        if not isinstance(results, list):
            raise fail(one_line(page_url), "imp_zaken_malformed", "imp_zaken_malformed_hint",
                       reason=Term("imp_zaken_no_count"))
        total += len(results)
        following = page.get("next")
        if not following:
            return total
        if not isinstance(following, str):
            raise fail(one_line(page_url), "imp_zaken_malformed", "imp_zaken_malformed_hint",
                       reason=Term("imp_zaken_bad_next"))
        following = urljoin(page_url, following)
        if _origin(following) != _origin(url):  # the next page elsewhere: the token does not go there
            raise fail(one_line(page_url), "imp_zaken_redirect", "imp_zaken_redirect_hint",
                       target=one_line(following.split("?")[0]))
        page_url = following
    raise fail(one_line(url), "imp_zaken_too_many_pages", "imp_zaken_too_many_pages_hint", limit=MAX_PAGES)


def hide(text: str, token: str) -> str:
    """The text with the token (as given, or escaped as in an URL) replaced by ``***``: a server may reflect it."""
    for form in sorted({token, quote(token, safe=""), quote(token)} - {""}, key=len, reverse=True):
        text = text.replace(form, "***")
    return text


def _read(src: ImportSource, ctx: ImportContext) -> Found:
    """One count per known zaaktype; each becomes the volume of its process; the token shown nowhere."""
    try:
        return _count_all(src, ctx)
    except SourceError as exc:
        token = ctx.token or ""
        raise SourceError([SourceProblem(hide(p.where, token), p.key,
                                         {k: hide(v, token) if isinstance(v, str) else v for k, v in p.args.items()},
                                         p.hint) for p in exc.problems]) from None


def _count_all(src: ImportSource, ctx: ImportContext) -> Found:
    """One count per known zaaktype."""
    if ctx.period is None:
        raise UsageError("imp_zaken_period", "imp_zaken_period_hint")
    if not ctx.token:
        raise UsageError("imp_zaken_token", "imp_zaken_token_hint")
    root = _root(src.url, src.name)
    known = known_zaaktypen(ctx)
    if not known:
        raise fail(src.name, "imp_zaken_no_zaaktypen", "imp_zaken_no_zaaktypen_hint")
    client = Client(ctx.token, ctx.timeout, ctx.retries, direct=root.startswith("http:"))
    found = Found()
    for done, zt in enumerate(known, start=1):
        url = query(root, zt.url, ctx.period)
        n = count(client, url)
        shown = hide(one_line(url), ctx.token)
        if n == 0:  # a year without zaken has no volume to weigh: left out, and said
            found.notes.append(Note(src.name, "skipped", shown, "imp_zaken_none",
                                    {"process": zt.process, "year": ctx.period}))
        else:
            volume = {"year": ctx.period, "total": n}
            found.drafts.append(Draft("processes", zt.process, {"volume": volume}, [], src.name, KIND, shown,
                                      links=[REF + zt.url]))
            found.notes.append(Note(src.name, "mapped", shown, "imp_zaken_counted",
                                    {"process": zt.process, "year": ctx.period, "count": n}))
        if ctx.progress is not None:
            ctx.progress(done, len(known), zt.process)
    return found


def _reference(src: ImportSource, ctx: ImportContext) -> str:
    """The query as a source cites it: one per zaaktype, ``<zaaktype>`` standing for the process's zaaktype URL."""
    root = src.name.rstrip("/")
    year = ctx.period if ctx.period is not None else "YYYY"
    nxt = year + 1 if isinstance(year, int) else "YYYY+1"
    # <zaaktype>: the URL among the process's refs; no word of a language, since the file may be either
    return f"GET {root}/zaken?zaaktype=<zaaktype>&startdatum__gte={year}-01-01&startdatum__lt={nxt}-01-01 (count)"


IMPORTER = Importer(KIND, rank=2, order=8, read=_read, remote=True, reference=_reference, dated=lambda src: today(),
                    writes=frozenset({("processes", "volume")}))
