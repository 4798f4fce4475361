"""The Carving tab driven as an examiner would: a FAT16 image with deleted pictures imported through the
CLI, carved from the window (Analysis menu entry, progress panel), the carved files shown under the
volume's $CarvedFiles folder in the tree and the file table; the tab's texts in Korean."""

import os
from collections.abc import Iterator
from pathlib import Path

import carving_images
import pytest
from test_gui_windows import WAIT, build_translations, examiner_environment, open_window

from app.cli.main import run

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytestmark = pytest.mark.gui

from ui.carving_tab import CarvingTab  # noqa: E402
from ui.i18n import install_language  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402


@pytest.fixture
def fat_case(tmp_path: Path) -> Iterator[Path]:
    with examiner_environment(tmp_path):
        case = tmp_path / "case"
        assert run(["case", "new", str(case), "--number", "2026-CARVE", "--title", "carving"]) == 0
        assert run(["evidence", "add", str(case), str(carving_images.fat_planted())]) == 0
        yield case


def _tab(window: MainWindow) -> CarvingTab:
    tab = window.findChild(CarvingTab)
    assert tab is not None
    return tab


def test_carving_from_the_window(qtbot, fat_case: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, fat_case)
    assert "Carve unallocated space…" in [title for title, _ in window.extension_actions]
    tab = _tab(window)
    assert "0 files carved" in tab.overview.text()
    tab.carve(1, ("jpg", "png"))
    assert tab.panel.running and not tab.carve_button.isEnabled()
    qtbot.waitUntil(lambda: tab.last is not None and not tab.panel.running, timeout=WAIT)
    assert tab.last is not None and tab.last.state == "complete" and tab.last.files >= 2
    assert "files carved from" in tab.status.text()
    assert f"{tab.last.files} files carved" in tab.overview.text()
    # the tree: evidence -> volume -> $CarvedFiles; choosing it lists the carved files
    model = window.tree_model
    evidence = model.index(0, 0)
    window.tree.expand(evidence)
    volume = model.index(0, 0, evidence)
    window.tree.expand(volume)
    qtbot.waitUntil(lambda: model.rowCount(volume) > 0, timeout=5000)
    labels = [model.index(row, 0, volume).data() for row in range(model.rowCount(volume))]
    carved = labels.index("$CarvedFiles (PhotoRec)")
    window.tree.setCurrentIndex(model.index(carved, 0, volume))
    qtbot.waitUntil(lambda: window.file_model.rowCount() == tab.last.files, timeout=5000)
    names = {window.file_model.index(row, 0).data() for row in range(window.file_model.rowCount())}
    assert all(name.startswith("f") and name.rsplit(".", 1)[1] in ("jpg", "png") for name in names)
    window.close()


def test_carving_tab_in_korean(qtbot, fat_case: Path) -> None:  # type: ignore[no-untyped-def]
    build_translations()
    assert install_language("ko")
    try:
        window = open_window(qtbot, fat_case)
        tab = _tab(window)
        assert window.tabs.tabText(window.tabs.indexOf(tab)) == "카빙"
        assert tab.carve_button.text() == "비할당 영역 카빙…"
        assert "카빙된 파일 0개" in tab.overview.text()
        window.close()
    finally:
        install_language("en")
