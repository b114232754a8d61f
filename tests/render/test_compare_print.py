"""The comparative report's HTML checked by axe-core in Chromium (AXE_CORE: the path of axe.min.js, from
`npm install axe-core`); its printed pages are checked in tests/render/test_print.py, with the other documents."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.render.test_print import (
    Chromium,
    needs_chromium,
    write,
)

pytestmark = pytest.mark.external  # run with -m external, as .ci/run does after the suite
AXE = Path(os.environ.get("AXE_CORE", "axe-core-not-given"))
needs_axe = pytest.mark.skipif(not AXE.is_file(), reason="needs AXE_CORE=path/to/axe.min.js (npm install axe-core)")


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
