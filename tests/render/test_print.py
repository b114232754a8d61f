"""The HTML and Word documents as printed pages: headless Chromium and LibreOffice, where they are installed.

Fails on an empty page, text outside the page, a table whose header row falls apart, or a large report
of 40 pages or more. Install the tools with: apt-get install chromium libreoffice-writer poppler-utils
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import zlib
from collections import defaultdict
from pathlib import Path

import pytest
from typer.testing import CliRunner

from digimandate.cli.app import app
from tests.conftest import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
POPPLER = shutil.which("pdftotext") and shutil.which("pdfinfo")
needs_chromium = pytest.mark.skipif(not (CHROMIUM and POPPLER), reason="needs chromium and poppler-utils")
needs_soffice = pytest.mark.skipif(not (SOFFICE and POPPLER), reason="needs libreoffice-writer and poppler-utils")
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)


def write(tmp_path: Path, command: list[str], name: str) -> Path:
    out = tmp_path / name
    result = CliRunner().invoke(app, [*command, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def chromium_pdf(source: Path) -> Path:
    pdf = source.with_suffix(".pdf")
    subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", source.as_uri()], check=True, capture_output=True, timeout=180)
    return pdf


def soffice_pdf(source: Path) -> Path:
    profile = source.parent / "lo-profile"  # a profile of its own: runs beside a user's LibreOffice
    subprocess.run([str(SOFFICE), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(source.parent), str(source)], check=True, capture_output=True, timeout=300)
    return source.with_suffix(".pdf")


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


@needs_chromium
@pytest.mark.parametrize(("command", "header"), [
    (["report", "examples/small-municipality.yaml"], ["Nr.", "Actie", "Impact", "Inspanning"]),
    (["memo", "examples/small-municipality.yaml", "--audience", "college", "--lang", "en"], ["Subject"]),
])
def test_html_prints(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str], header: list[str]) -> None:
    monkeypatch.chdir(ROOT)
    source = write(tmp_path, [*command, "-f", "html"], "document.html")
    shot = tmp_path / "shot.png"
    subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1000,1400",
                    f"--screenshot={shot}", source.as_uri()], check=True, capture_output=True, timeout=180)
    assert png_is_not_blank(shot)
    check_pages(chromium_pdf(source), header)


@needs_soffice
@pytest.mark.parametrize(("command", "header"), [
    (["report", "examples/small-municipality.yaml"], ["Nr.", "Actie", "Impact", "Inspanning"]),
    (["memo", "examples/small-municipality.yaml", "--lang", "en"], ["Subject"]),
])
def test_docx_prints(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str], header: list[str]) -> None:
    monkeypatch.chdir(ROOT)
    source = write(tmp_path, [*command, "-f", "docx"], "document.docx")
    check_pages(soffice_pdf(source), header)


@needs_chromium
@needs_soffice
def test_large_report_stays_under_forty_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    header = ["Nr.", "Actie", "Impact"]
    printed = check_pages(chromium_pdf(write(tmp_path, ["report", "examples/large-municipality.yaml", "-f", "html"],
                                             "large.html")), header)
    word = check_pages(soffice_pdf(write(tmp_path, ["report", "examples/large-municipality.yaml", "-f", "docx"],
                                         "large-word.docx")), header)
    assert 10 < printed < 40 and 10 < word < 40, (printed, word)
