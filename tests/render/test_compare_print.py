"""The comparative report as printed pages (headless Chromium, LibreOffice), as tests/render/test_print.py does,
and its HTML checked by axe-core in Chromium (AXE_CORE: the path of axe.min.js, from `npm install axe-core`)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.render.test_print import (
    Chromium,
    check_pages,
    needs_chromium,
    needs_soffice,
    png_is_not_blank,
    soffice_pdfs,
    write,
)

COMMAND = ["report", "examples", "--compare", "--lang", "nl"]
AXE = Path(os.environ.get("AXE_CORE", "axe-core-not-given"))
needs_axe = pytest.mark.skipif(not AXE.is_file(), reason="needs AXE_CORE=path/to/axe.min.js (npm install axe-core)")
HEADER = ["Norm", "Trede"]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("compare-html")
    source = write(folder, [*COMMAND, "-f", "html"], "vergelijking.html")
    with Chromium(folder / "chromium-profile") as browser:
        return browser.print_page(source)


@needs_chromium
@pytest.mark.xdist_group("chromium")
def test_comparison_prints(printed: tuple[Path, Path]) -> None:
    pdf, shot = printed
    assert png_is_not_blank(shot)
    assert 4 < check_pages(pdf, HEADER) < 20


@needs_soffice
@pytest.mark.xdist_group("soffice")
def test_word_comparison_prints(tmp_path: Path) -> None:
    source = write(tmp_path, [*COMMAND, "-f", "docx"], "vergelijking.docx")
    assert 4 < check_pages(soffice_pdfs([source])[0], HEADER) < 20


def axe_violations(browser: Chromium, source: Path) -> list[tuple[str, str, int]]:
    """What axe-core finds wrong in a page: rule, impact and how many elements."""
    send = browser._send
    target = send("Target.createTarget", url="about:blank")["targetId"]
    session = send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
    send("Page.enable", session)
    send("Page.navigate", session, wait_for="Page.loadEventFired", url=source.as_uri())
    send("Runtime.evaluate", session, expression=AXE.read_text(encoding="utf-8"))
    found = send("Runtime.evaluate", session, awaitPromise=True, returnByValue=True,
                 expression="axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify("
                            "r.violations.map(v => [v.id, v.impact, v.nodes.length])))")
    send("Target.closeTarget", targetId=target)
    return [tuple(v) for v in json.loads(found["result"]["value"])]  # type: ignore[misc]


@needs_chromium
@needs_axe
@pytest.mark.xdist_group("chromium")
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_comparison_passes_axe(tmp_path: Path, lang: str) -> None:
    source = write(tmp_path, ["report", "examples", "--compare", "--against-median", "--lang", lang, "-f", "html"],
                   "vergelijking.html")
    with Chromium(tmp_path / "chromium-profile") as browser:
        assert axe_violations(browser, source) == []
