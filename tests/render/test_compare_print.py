"""The comparative report as printed pages (headless Chromium, LibreOffice), as tests/render/test_print.py does."""

from __future__ import annotations

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
