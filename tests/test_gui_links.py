"""The Links tab driven as an examiner would: a case holding a TV box and the panel that sold its line
(tests/test_links.py's images, built by mke2fs -d), the shared MAC and account listed with every place
they were read, a double-click on a place opening its row in the Artifacts tab; and the tab in Korean."""

import os
from pathlib import Path

import pytest
from conftest import add_evidence
from test_gui_windows import build_translations, open_window
from test_links import BOX_MAC, USER, box_dump, panel_image

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytestmark = pytest.mark.gui

from PySide6.QtCore import Qt  # noqa: E402 - after QT_QPA_PLATFORM is chosen
from PySide6.QtWidgets import QTreeWidgetItem  # noqa: E402

from ui.artifacts_tab import ArtifactsTab  # noqa: E402
from ui.i18n import install_language  # noqa: E402
from ui.links_tab import OCCURRENCE_ROLE, LinksTab  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402


@pytest.fixture
def case(tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    add_evidence(capsys, new_case, panel_image(tmp_path), "--label", "Panel server")
    add_evidence(capsys, new_case, box_dump(tmp_path), "--label", "TV box")
    return new_case


def _links_tab(qtbot, window: MainWindow) -> LinksTab:  # type: ignore[no-untyped-def]
    tab = window.findChild(LinksTab)
    assert tab is not None
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.tree.topLevelItemCount() > 0, timeout=10_000)
    return tab


def _value(tab: LinksTab, value: str) -> QTreeWidgetItem:
    items = [tab.tree.topLevelItem(n) for n in range(tab.tree.topLevelItemCount())]
    found = [item for item in items if item is not None and item.text(0) == value]
    assert len(found) == 1, [item.text(0) for item in items if item is not None]
    return found[0]


def test_links_are_listed_and_open_their_rows(qtbot, case: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, case)
    tab = _links_tab(qtbot, window)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Links"
    across = tab.tree.topLevelItemCount()
    mac = _value(tab, BOX_MAC)
    assert (mac.text(1), mac.text(3)) == ("MAC address", "2 evidence items") and mac.isExpanded()
    places = [mac.child(n) for n in range(mac.childCount())]
    assert [(p.text(0), p.text(1)) for p in places] == [
        ("Evidence 1", "Panel MAG devices"),
        ("Evidence 2", "Device keys (Amlogic key store: MAC, usid)"),
    ]
    assert "Line: 136" in places[0].text(3) and f"User name: {USER}" in places[0].text(3)
    assert places[1].text(2) == "<key store @ 0x2404000>"
    assert _value(tab, f"{USER}@line.korea-tv.invalid").childCount() == 2
    tab.across.setChecked(False)  # every value, also those on one item only
    qtbot.waitUntil(lambda: tab.tree.topLevelItemCount() > across, timeout=10_000)
    tab.across.setChecked(True)
    qtbot.waitUntil(lambda: tab.tree.topLevelItemCount() == across, timeout=10_000)
    place = _value(tab, BOX_MAC).child(1)  # the key store's mac_wifi
    evidence_id, artifact_type, artifact_id = place.data(0, OCCURRENCE_ROLE)
    tab.tree.scrollToItem(place)
    qtbot.waitUntil(lambda: tab.tree.visualItemRect(place).isValid(), timeout=5000)
    rect = tab.tree.visualItemRect(place)
    qtbot.mouseClick(tab.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.tree.currentItem() is place
    qtbot.mouseDClick(tab.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    artifacts = window.findChild(ArtifactsTab)
    assert window.tabs.currentWidget() is artifacts
    assert artifacts.scope() == (2, "device_key") and (evidence_id, artifact_type) == (2, "device_key")
    row = artifacts.model.row_at(artifacts.table.currentIndex().row())
    assert row.id == artifact_id
    assert (
        BOX_MAC in artifacts.details.text.toPlainText() and "mac_wifi" in artifacts.details.text.toPlainText()
    )
    window.close()


def test_the_links_tab_in_korean(qtbot, case: Path) -> None:  # type: ignore[no-untyped-def]
    build_translations()
    assert install_language("ko")
    try:
        window = open_window(qtbot, case)
        tab = _links_tab(qtbot, window)
        assert window.tabs.tabText(window.tabs.currentIndex()) == "증거물 연결"
        mac = _value(tab, BOX_MAC)
        assert (mac.text(1), mac.text(3)) == ("MAC 주소", "증거물 2개")
        assert mac.child(0).text(0) == "증거물 1" and "회선: 136" in mac.child(0).text(3)
        window.close()
    finally:
        install_language("en")
