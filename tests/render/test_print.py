"""The HTML and Word documents as printed pages: headless Chromium and LibreOffice, where they are installed.

Fails on an empty page, text outside the page, a table whose header row falls apart, or a large report
of 40 pages or more. Install the tools with: apt-get install chromium libreoffice-writer poppler-utils
"""

from __future__ import annotations

import base64
import html
import json
import os
import re
import select
import shutil
import subprocess
import sys
import time
import zlib
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from digimandate.cli.app import app
from tests.conftest import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
POPPLER = shutil.which("pdftotext") and shutil.which("pdfinfo")
needs_chromium = pytest.mark.skipif(not (CHROMIUM and POPPLER) or sys.platform == "win32",
                                    reason="needs chromium and poppler-utils (and POSIX pipes to drive chromium)")
needs_soffice = pytest.mark.skipif(not (SOFFICE and POPPLER), reason="needs libreoffice-writer and poppler-utils")
pytestmark = pytest.mark.external  # run with -m external, as .ci/run does after the suite
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)


# The audit's steps write into the folder of their organisation file, under a name of their own.
STEPS = {"opzet": "onderzoeksopzet", "bevindingen": "nota-van-bevindingen"}


def write(folder: Path, command: list[str], name: str) -> Path:
    out = folder / name
    if command[0] in STEPS:
        audit = folder / f"{out.stem}-{out.suffix[1:]}"
        audit.mkdir()
        shutil.copy(ROOT / command[1], audit / "organisation.yaml")
        result = CliRunner().invoke(app, [command[0], str(audit / "organisation.yaml"), *command[2:]])
        assert result.exit_code == 0, result.output
        shutil.copy(audit / f"{STEPS[command[0]]}{out.suffix}", out)  # beside the others: one LibreOffice run
        return out
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        result = CliRunner().invoke(app, [*command, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


class Chromium:
    """One headless Chromium for several documents, driven over its DevTools pipe (it reads fd 3, writes fd 4).

    Prints as ``--print-to-pdf --no-pdf-header-footer`` does and takes the screenshot
    ``--window-size=1000,1400 --screenshot`` takes (the same PDF text and the same image), without a
    start of the browser for each.
    """

    # A small Python step puts the pipe ends on fds 3 and 4 (wherever they were) and becomes the browser.
    _ON_3_AND_4 = ("import fcntl, os, sys; "
                   "r, w = (fcntl.fcntl(int(fd), fcntl.F_DUPFD, 5) for fd in sys.argv[1:3]); "
                   "os.dup2(r, 3); os.dup2(w, 4); os.close(r); os.close(w); os.execv(sys.argv[3], sys.argv[3:])")

    def __init__(self, profile: Path) -> None:
        to_browser, self._commands = os.pipe()
        self._replies, from_browser = os.pipe()
        self._process = subprocess.Popen(
            [sys.executable, "-I", "-c", self._ON_3_AND_4, str(to_browser), str(from_browser), str(CHROMIUM),
             "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe", f"--user-data-dir={profile}",
             "about:blank"],
            pass_fds=(to_browser, from_browser), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser)
        os.close(from_browser)
        self._next = 0
        self._buffer = b""

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *_: object) -> None:
        try:
            if self._process.poll() is None:
                self._send("Browser.close")
                self._process.wait(timeout=60)
        finally:
            if self._process.poll() is None:
                self._process.kill()
                self._process.wait()
            os.close(self._commands)
            os.close(self._replies)

    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._replies], [], [], left)[0]:
                raise TimeoutError("chromium did not answer in time")
            chunk = os.read(self._replies, 1 << 20)
            if not chunk:
                raise RuntimeError(f"chromium stopped (exit code {self._process.poll()})")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        reply: dict[str, Any] = json.loads(message)
        return reply

    def _send(self, method: str, session: str | None = None, wait_for: str | None = None,
              **params: Any) -> dict[str, Any]:
        """Send one command and return its result; with wait_for, after that event of the session came too."""
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode("utf-8") + b"\0")
        deadline = time.monotonic() + 180
        result: dict[str, Any] | None = None
        while result is None or wait_for:
            reply = self._receive(deadline)
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result = reply["result"]
            elif wait_for and reply.get("method") == wait_for and reply.get("sessionId") == session:
                wait_for = None
        return result

    def print_page(self, source: Path) -> tuple[Path, Path]:
        """The page printed to PDF beside the source, and a screenshot of a 1000 by 1400 window."""
        target = self._send("Target.createTarget", url="about:blank")["targetId"]
        session = self._send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self._send("Page.enable", session)
        self._send("Emulation.setDeviceMetricsOverride", session, width=1000, height=1400, deviceScaleFactor=1,
                   mobile=False)
        self._send("Page.navigate", session, wait_for="Page.loadEventFired", url=source.as_uri())
        shot = source.with_suffix(".png")
        shot.write_bytes(base64.b64decode(self._send("Page.captureScreenshot", session)["data"]))
        self._send("Emulation.clearDeviceMetricsOverride", session)
        pdf = source.with_suffix(".pdf")
        printed = self._send("Page.printToPDF", session, printBackground=True, preferCSSPageSize=True,
                             displayHeaderFooter=False)
        pdf.write_bytes(base64.b64decode(printed["data"]))
        self._send("Target.closeTarget", targetId=target)
        return pdf, shot


def soffice_pdfs(sources: list[Path]) -> list[Path]:
    """The Word files converted to PDF beside them, in one run of LibreOffice."""
    folder = sources[0].parent
    profile = folder / "lo-profile"  # a profile of its own: runs beside a user's LibreOffice
    subprocess.run([str(SOFFICE), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), *map(str, sources)], check=True, capture_output=True, timeout=300)
    return [source.with_suffix(".pdf") for source in sources]


def pages(pdf: Path) -> list[tuple[float, float, list[tuple[float, float, float, float, str]]]]:
    """Per page its size and words with their boxes."""
    out = pdf.with_suffix(".bbox.html")
    subprocess.run(["pdftotext", "-bbox", str(pdf), str(out)], check=True, timeout=120)
    text = out.read_text(encoding="utf-8")
    return [(float(w), float(h), [(float(a), float(b), float(c), float(d), html.unescape(t))
                                  for a, b, c, d, t in _WORD.findall(body)])
            for w, h, body in _PAGE.findall(text)]


def check_pages(pdf: Path, header: list[str]) -> int:
    """Every page has text, all of it inside the page; the table header row stays one row."""
    found = pages(pdf)
    assert found, "no pages"
    for number, (width, height, words) in enumerate(found, 1):
        assert len(words) >= 5, f"page {number} is empty"
        for x0, y0, x1, y1, word in words:
            assert x0 >= 0 and x1 <= width - 5 and y0 >= 0 and y1 <= height, f"{word!r} outside page {number}"
    assert any(_one_row(words, header) for _, _, words in found), f"no row with {header}"
    return len(found)


def _one_row(words: list[tuple[float, float, float, float, str]], header: list[str]) -> bool:
    """The header cells stand side by side on one line, left to right, as a table row does."""
    where: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for x0, y0, _, _, word in words:
        where[word].append((y0, x0))
    for y, x in where.get(header[0], []):
        line = [next((bx for by, bx in where.get(h, []) if abs(by - y) < 3 and bx > x), None) for h in header[1:]]
        if all(v is not None for v in line) and line == sorted(line):  # type: ignore[type-var]
            return True
    return False


def png_is_not_blank(png: Path) -> bool:
    """A screenshot with more than one colour in it (decoded from its compressed pixel data)."""
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    pos, idat = 8, b""
    while pos < len(data):
        length = int.from_bytes(data[pos:pos + 4], "big")
        if data[pos + 4:pos + 8] == b"IDAT":
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    return len(set(zlib.decompress(idat))) > 8


# The documents printed, each with the table header row it must keep on one line.
SMALL = "examples/small-municipality.yaml"
LARGE = "examples/large-municipality.yaml"
COMPARE = ["report", "examples", "--compare", "--lang", "nl"]  # the shipped organisations side by side
REACTIE = ["--reactie", "examples/audit/small-municipality.reactie.yaml",
           "--nawoord", "examples/audit/small-municipality.nawoord.md", "--date", "2027-02-03"]
HTML = {
    "memo": (["memo", SMALL, "--audience", "college", "--lang", "en"], ["Subject"]),
    "large": (["report", LARGE], ["Nr.", "Actie", "Impact"]),
    "opzet": (["opzet", SMALL], ["Norm", "Niveau", "Bron", "Drempels"]),
    "bevindingen": (["bevindingen", SMALL, "--lang", "en"], ["Organisation", "Gemeente"]),
    # the report as most readers get it, with its stage on every page: one document printed for both
    "concept": (["report", SMALL, "--stage", "concept"], ["Nr.", "Actie", "Impact", "Wie"]),
    "definitief": (["report", SMALL, "--stage", "definitief", "--lang", "en", *REACTIE],
                   ["No.", "Recommendation", "Response"]),
    "compare": (COMPARE, ["Norm", "Trede"]),
}
WORD = {
    "memo": (["memo", SMALL, "--lang", "en"], ["Subject"]),
    "large": (["report", LARGE], ["Nr.", "Actie", "Impact"]),
    "opzet": (["opzet", SMALL], ["Norm", "Niveau", "Bron", "Drempels"]),
    "bevindingen": (["bevindingen", SMALL, "--lang", "en"], ["Organisation", "Gemeente"]),
    # the report as most readers get it, with its stage on every page: one document printed for both
    "concept": (["report", SMALL, "--stage", "concept"], ["Nr.", "Actie", "Impact", "Wie"]),
    "definitief": (["report", SMALL, "--stage", "definitief", "--lang", "en", *REACTIE],
                   ["No.", "Recommendation", "Response"]),
    "college": (["memo", SMALL, "--audience", "college"], ["Beslispunt", "Raming", "Dekking"]),
    "compare": (COMPARE, ["Norm", "Trede"]),
}
# the stage every printed page of a staged report carries at its top
STAGE = {"concept": ["Concept", "versie", "0.1"], "definitief": ["Final", "version", "1.0"]}


@pytest.fixture(scope="module")
def html_printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """Every HTML document written, then printed to PDF and photographed in one Chromium."""
    folder = tmp_path_factory.mktemp("html")
    sources = {name: write(folder, [*command, "-f", "html"], f"{name}.html") for name, (command, _) in HTML.items()}
    with Chromium(folder / "chromium-profile") as browser:
        return {name: browser.print_page(source) for name, source in sources.items()}


@pytest.fixture(scope="module")
def word_printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every Word document written, then converted to PDF in one run of LibreOffice."""
    folder = tmp_path_factory.mktemp("docx")
    sources = [write(folder, [*command, "-f", "docx"], f"{name}.docx") for name, (command, _) in WORD.items()]
    return dict(zip(WORD, soffice_pdfs(sources), strict=True))


# Each kind of document is printed once, in the module fixture above: with pytest-xdist, the tests that
# share a printer stay on one worker.
@needs_chromium
@pytest.mark.xdist_group("chromium")
@pytest.mark.parametrize("name", ["concept", "memo", "opzet", "bevindingen"])
def test_html_prints(html_printed: dict[str, tuple[Path, Path]], name: str) -> None:
    pdf, shot = html_printed[name]
    assert png_is_not_blank(shot)
    check_pages(pdf, HTML[name][1])


@needs_soffice
@pytest.mark.xdist_group("soffice")
@pytest.mark.parametrize("name", ["concept", "memo", "opzet", "bevindingen"])
def test_docx_prints(word_printed: dict[str, Path], name: str) -> None:
    check_pages(word_printed[name], WORD[name][1])


@needs_chromium
@pytest.mark.xdist_group("chromium")
@pytest.mark.parametrize("name", ["concept", "definitief"])
def test_html_stage_on_every_page(html_printed: dict[str, tuple[Path, Path]], name: str) -> None:
    pdf = html_printed[name][0]
    check_pages(pdf, HTML[name][1])
    assert_stage_on_every_page(pdf, STAGE[name])


@needs_soffice
@pytest.mark.xdist_group("soffice")
@pytest.mark.parametrize("name", ["concept", "definitief", "college"])
def test_docx_stage_and_proposal_print(word_printed: dict[str, Path], name: str) -> None:
    check_pages(word_printed[name], WORD[name][1])
    if name in STAGE:
        assert_stage_on_every_page(word_printed[name], STAGE[name])


def assert_stage_on_every_page(pdf: Path, words: list[str]) -> None:
    """The stage, version and date stand in the top tenth of every page."""
    for number, (_, height, found) in enumerate(pages(pdf), 1):
        top = [w for _, y0, _, _, w in found if y0 < height / 10]
        assert all(word in top for word in words), f"page {number}: {top}"


@needs_chromium
@pytest.mark.xdist_group("chromium")
def test_large_report_stays_under_forty_pages(html_printed: dict[str, tuple[Path, Path]]) -> None:
    printed = check_pages(html_printed["large"][0], HTML["large"][1])
    assert 10 < printed < 40, printed


@needs_soffice
@pytest.mark.xdist_group("soffice")
def test_large_word_report_stays_under_forty_pages(word_printed: dict[str, Path]) -> None:
    printed = check_pages(word_printed["large"], WORD["large"][1])
    assert 10 < printed < 40, printed


@needs_soffice
@pytest.mark.xdist_group("soffice")
def test_word_tables_break_no_word_and_the_contents_have_page_numbers(word_printed: dict[str, Path]) -> None:
    found = pages(word_printed["large"])
    words = [word for _, _, page in found for *_, word in page]
    # the longest product name of the large example stands whole wherever a table holds it
    assert "Belastingbetalingsregeling" in words or "Belastingbetalingsregeling," in words
    assert not any(w.startswith("Belastingbetalingsregelin") and w.rstrip(",.") != "Belastingbetalingsregeling"
                   for w in words)
    # the six columns of the role's job characteristics (appendix F) keep their headers whole, in a smaller type
    for header in ("Afwisseling", "Afgerondheid", "Zelfstandigheid", "Terugkoppeling"):
        assert header in words, header
    assert not {"Afgerondhei", "Terugkoppelin", "Zelfstandighei"} & set(words)
    # the table of contents gives each heading its page: "Samenvatting ....... 3" on one line
    first = found[0][2]
    title = next((y0, x1) for x0, y0, x1, _, word in first if word.startswith("Samenvatting"))
    numbers = [word for x0, y0, _, _, word in first if abs(y0 - title[0]) < 3 and x0 > title[1] and word.isdigit()]
    assert numbers and 1 < int(numbers[-1]) < 10


# The comparison of several organisations prints in the same Chromium and the same run of LibreOffice.
@needs_chromium
@pytest.mark.xdist_group("chromium")
def test_comparison_prints(html_printed: dict[str, tuple[Path, Path]]) -> None:
    pdf, shot = html_printed["compare"]
    assert png_is_not_blank(shot)
    assert 4 < check_pages(pdf, HTML["compare"][1]) < 20


@needs_soffice
@pytest.mark.xdist_group("soffice")
def test_word_comparison_prints(word_printed: dict[str, Path]) -> None:
    assert 4 < check_pages(word_printed["compare"], WORD["compare"][1]) < 20
