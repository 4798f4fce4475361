"""The Artifacts tab driven as an examiner would: a seized TV box's ext4 image imported through the
CLI (which extracts its artifacts), then browsed, filtered, sorted, followed to its source file,
extracted again, cancelled, exported; a panel server disk imported from the window (extracted after
its import, 3,000 customer lines paged); an Amlogic eMMC dump whose device keys have no source file;
and the tab in Korean."""

import csv
import hashlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_android_layouts import emmc_dump
from test_artifacts_samples import box_tree
from test_gui_windows import WAIT, build_translations, examiner_environment, open_window

from app.artifacts.extract import KEY_FIELDS, artifact_type_counts
from app.cases.session import open_case_readonly
from app.cli.main import run

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytestmark = pytest.mark.gui

from PySide6.QtCore import Qt  # noqa: E402 - after QT_QPA_PLATFORM is chosen

from app.evidence.importer import ImportRequest  # noqa: E402
from ui.artifact_details import WarningsDialog  # noqa: E402
from ui.artifact_tree import SCOPE_ROLE  # noqa: E402
from ui.artifacts_tab import ArtifactsTab  # noqa: E402
from ui.i18n import install_language  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402

SMARTERS_DB = "/data/data/com.nst.iptvsmarterstvbox/databases/iptv_smarters_multi_user.db"
LINES = 3000


def _ext4(tree: Path, image: Path, size: str) -> Path:
    subprocess.run(["mke2fs", "-q", "-t", "ext4", "-d", str(tree), str(image), size], check=True)
    return image


@pytest.fixture(scope="module")
def box_case(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A case whose evidence 1 is a TV box (IPTV Smarters, playlists, Kodi, packages, Wi-Fi...)."""
    base = tmp_path_factory.mktemp("gui-artifacts")
    with examiner_environment(base):
        box_tree(base / "box")
        case = base / "case"
        assert run(["case", "new", str(case), "--number", "2026-IPTV-9", "--title", "TV box"]) == 0
        assert run(["evidence", "add", str(case), str(_ext4(base / "box", base / "box.img", "8M"))]) == 0
        yield case


def _tab(window: MainWindow) -> ArtifactsTab:
    tab = window.findChild(ArtifactsTab)
    assert tab is not None
    window.tabs.setCurrentWidget(tab)
    return tab


def _column(tab: ArtifactsTab, name: str) -> list[str]:
    position = [key for _, key in tab.model.columns()].index(name)
    return [tab.model.index(row, position).data() for row in range(tab.model.rowCount())]


def _actions(case: Path) -> list[tuple[str, dict]]:  # type: ignore[type-arg]
    db = open_case_readonly(case)
    try:
        return [(event.action, event.details) for event in db.ledger.events()]
    finally:
        db.close()


def test_types_and_counts_per_evidence_item(qtbot, qtmodeltester, box_case: Path) -> None:  # type: ignore[no-untyped-def]
    db = open_case_readonly(box_case)
    expected = artifact_type_counts(db, 1)
    db.close()
    with examiner_environment(box_case.parent):
        window = open_window(qtbot, box_case)
        tab = _tab(window)
        assert window.tabs.tabText(window.tabs.indexOf(tab)) == "Artifacts"
        evidence = tab.tree.topLevelItem(0)
        assert evidence.text(0).startswith("E1 ") and evidence.text(1) == f"{sum(expected.values()):,}"
        shown = {
            evidence.child(n).data(0, SCOPE_ROLE)[1]: int(evidence.child(n).text(1))
            for n in range(evidence.childCount())
        }
        assert shown == expected and len(shown) >= 10
        assert evidence.child(0).text(0) == "IPTV credentials"  # the most telling type first, chosen
        assert tab.scope() == (1, "iptv_credential")
        qtmodeltester.check(tab.model)
        window.close()


def test_iptv_credentials_with_provenance_and_run(qtbot, box_case: Path) -> None:  # type: ignore[no-untyped-def]
    with examiner_environment(box_case.parent):
        window = open_window(qtbot, box_case)
        tab = _tab(window)
        assert tab.tree.select(1, "iptv_credential")
        names = [key for _, key in tab.model.columns()]
        key_fields = KEY_FIELDS["iptv_credential"]
        assert names[: len(key_fields)] == list(key_fields)
        assert names[-5:] == ["evidence_id", "volume", "path", "inode", "source_sha256"]
        rows = set(
            zip(_column(tab, "server_url"), _column(tab, "username"), _column(tab, "password"), strict=True)
        )
        assert ("http://line.korea-tv.invalid:8080", "cust0412", "p4ssw0rd") in rows
        assert ("http://dns.rebrand.invalid:25461", "cust0999", "hunter22") in rows
        assert "5 rows" in tab.count.text()

        row = next(n for n, path in enumerate(_column(tab, "path")) if path == SMARTERS_DB)
        tab.select_row(row)
        text = tab.details.text.toPlainText()
        record = tab.model.row_at(row)
        db = open_case_readonly(box_case)
        inode, sha256 = db.conn.execute(
            "SELECT inode, sha256 FROM files WHERE id = ?", (record.file_id,)
        ).fetchone()
        run_id = db.conn.execute("SELECT run_id FROM artifacts WHERE id = ?", (record.id,)).fetchone()[0]
        event = next(
            e
            for e in db.ledger.events()
            if e.action == "artifacts_extracted" and e.details["run_id"] == run_id
        )
        db.close()
        for expected in (
            SMARTERS_DB,
            str(inode),
            sha256,
            "E1 box.img",
            "iptv_smarters_db version",
            event.hash,
        ):
            assert expected in text, expected
        assert f"#{event.seq} artifacts_extracted" in text and tab.details.show_source.isEnabled()
        window.close()


def test_sort_and_filter_run_in_sql(qtbot, box_case: Path) -> None:  # type: ignore[no-untyped-def]
    with examiner_environment(box_case.parent):
        window = open_window(qtbot, box_case)
        tab = _tab(window)
        tab.tree.select(1, "iptv_credential")
        usernames = [name for name in _column(tab, "username") if name]
        column = [key for _, key in tab.model.columns()].index("username")
        tab.table.horizontalHeader().setSortIndicator(column, Qt.SortOrder.DescendingOrder)
        assert _column(tab, "username")[: len(usernames)] == sorted(usernames, reverse=True)
        tab.filter.setText("hunter22")
        qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=WAIT)
        assert _column(tab, "username") == ["cust0999"] and "1 rows" in tab.count.text()
        tab.filter.setText("com.nst.iptvsmarterstvbox")  # the source path matches too
        qtbot.waitUntil(lambda: set(_column(tab, "path")) == {SMARTERS_DB}, timeout=WAIT)
        window.close()


def test_show_source_file_selects_it_in_the_file_table(qtbot, box_case: Path) -> None:  # type: ignore[no-untyped-def]
    with examiner_environment(box_case.parent):
        window = open_window(qtbot, box_case)
        window.filters.text.setText("no such name")  # a filter that would hide the file is cleared
        tab = _tab(window)
        tab.tree.select(1, "iptv_credential")
        row = _column(tab, "path").index(SMARTERS_DB)
        tab.select_row(row)
        qtbot.mouseClick(tab.details.show_source, Qt.MouseButton.LeftButton)
        assert window.tabs.currentIndex() == 0
        assert window.selected_file_ids() == [tab.model.row_at(row).file_id]
        assert window.file_model.value(window.table.currentIndex().row(), "path") == SMARTERS_DB
        node = window.tree_model.node(window.tree.currentIndex())
        assert node is not None and node.folder == SMARTERS_DB.rsplit("/", 1)[0]
        assert window.filters.text.text() == ""
        window.close()


def test_warnings_banner_lists_the_damaged_sources(qtbot, box_case: Path) -> None:  # type: ignore[no-untyped-def]
    with examiner_environment(box_case.parent):
        window = open_window(qtbot, box_case)
        tab = _tab(window)
        assert tab.warnings_banner.isVisible()
        count = len(tab._warnings)
        assert count >= 3 and str(count) in tab.warnings_banner.text()
        qtbot.mouseClick(tab.warnings_banner, Qt.MouseButton.LeftButton)
        dialog = tab.findChild(WarningsDialog)
        assert dialog is not None and dialog.table.rowCount() == count
        paths = {dialog.table.item(row, 0).text() for row in range(count)}
        assert "/data/misc/wifi/WifiConfigStore.xml" in paths
        dialog.close()
        window.close()


def test_extraction_from_the_window_is_a_ledger_event(qtbot, box_case: Path) -> None:  # type: ignore[no-untyped-def]
    with examiner_environment(box_case.parent):
        window = open_window(qtbot, box_case)
        tab = _tab(window)
        before = tab.tree.topLevelItem(0).text(1)
        menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Analysis")
        extract = next(a for a in menu.actions() if a.text() == "Extract artifacts…")
        extract.trigger()
        assert tab.panel.isVisible() and not tab.extract_button.isEnabled()
        qtbot.waitUntil(lambda: tab.extraction is None, timeout=WAIT)
        summary = tab.last_run
        assert summary is not None and summary.state == "current" and summary.evidence_id == 1
        assert tab.tree.topLevelItem(0).text(1) == before  # the same image gives the same rows
        actions = _actions(box_case)
        assert ("artifacts_extracted", actions[-1][1]) == actions[-1] and actions[-1][1][
            "run_id"
        ] == summary.run_id
        ledger = window.ledger.model
        assert (
            ledger.event_at(ledger.rowCount() - 1).action == "artifacts_extracted"
        )  # the ledger tab follows

        tab.extract(1)
        tab.cancel_extraction()  # before the first file is read
        qtbot.waitUntil(lambda: tab.extraction is None, timeout=WAIT)
        assert tab.last_run.state == "cancelled" and "previous results" in tab.status.text()
        assert _actions(box_case)[-1][0] == "artifacts_cancelled"
        assert tab.tree.topLevelItem(0).text(1) == before
        window.close()


def test_export_writes_the_shown_rows_and_records_it(qtbot, box_case: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with examiner_environment(box_case.parent):
        window = open_window(qtbot, box_case)
        tab = _tab(window)
        tab.tree.select(1, "iptv_credential")
        out = tmp_path / "credentials.csv"
        tab.export_to(out, "csv")
        qtbot.waitUntil(lambda: tab.last_export is not None, timeout=WAIT)
        with out.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        assert len(rows) == 5 and {r["type"] for r in rows} == {"iptv_credential"}
        assert {"cust0412", "cust0999"} <= {r["username"] for r in rows}
        assert {r["source_path"] for r in rows} >= {SMARTERS_DB}
        action, details = _actions(box_case)[-1]
        assert (
            action == "artifacts_exported" and details["rows"] == 5 and details["type"] == "iptv_credential"
        )
        assert details["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
        assert "recorded in the ledger" in tab.status.text()

        everything = tmp_path / "all.jsonl"
        tab.export_to(everything, "jsonl", whole_case=True)
        qtbot.waitUntil(lambda: tab.last_export is not None and tab.last_export["type"] is None, timeout=WAIT)
        db = open_case_readonly(box_case)
        total = sum(artifact_type_counts(db).values())
        db.close()
        assert len(everything.read_text(encoding="utf-8").splitlines()) == total
        window.close()


def _panel_dump(lines: int) -> str:
    values = ",".join(
        f"({n},2,'line{n:05d}','pw{n}',1767225600,1,1,NULL,1,1704067200)" for n in range(1, lines + 1)
    )
    return (
        "CREATE TABLE `users` (`id` int(11), `member_id` int(11), `username` varchar(50), "
        "`password` varchar(255), `exp_date` int(11), `admin_enabled` int(11), `enabled` int(11), "
        "`admin_notes` mediumtext, "
        "`max_connections` int(11), `created_at` int(11));\n"
        f"INSERT INTO `users` VALUES {values};\n"
    )


def test_an_import_from_the_window_is_followed_by_extraction_and_rows_are_paged(
    qtbot, box_case: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    dump = tmp_path / "server" / "root" / "backups" / "xtream_iptvpro.sql"
    dump.parent.mkdir(parents=True)
    dump.write_text(_panel_dump(LINES), encoding="utf-8")
    image = _ext4(tmp_path / "server", tmp_path / "server.img", "8M")
    with examiner_environment(box_case.parent):
        window = open_window(qtbot, box_case)
        tab = _tab(window)
        window.start_import(ImportRequest(image, label="panel server"))
        qtbot.waitUntil(lambda: tab.last_run is not None and tab.last_run.evidence_id == 2, timeout=WAIT)
        qtbot.waitUntil(lambda: tab.extraction is None, timeout=WAIT)
        assert tab.last_run.counts["panel_line"] == LINES
        assert tab.tree.select(2, "panel_line")
        assert tab.model.loaded() == 256 and f"{LINES:,} rows (256 loaded)" in tab.count.text()
        column = [key for _, key in tab.model.columns()].index("username")
        tab.table.horizontalHeader().setSortIndicator(column, Qt.SortOrder.DescendingOrder)
        assert tab.model.index(0, column).data() == f"line{LINES:05d}" and tab.model.loaded() == 256
        tab.table.scrollToBottom()
        qtbot.waitUntil(lambda: tab.model.loaded() > 256, timeout=WAIT)  # the next page on scrolling
        window.close()


def test_device_keys_have_no_source_file(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with examiner_environment(tmp_path):
        case = tmp_path / "case"
        assert run(["case", "new", str(case), "--number", "2026-EMMC", "--title", "eMMC"]) == 0
        assert run(["evidence", "add", str(case), str(emmc_dump(tmp_path))]) == 0
        window = open_window(qtbot, case)
        tab = _tab(window)
        assert tab.tree.select(1, "device_key")
        assert "mac" in _column(tab, "name") and all(
            p.startswith("<key store @ ") for p in _column(tab, "path")
        )
        tab.select_row(0)
        assert not tab.details.show_source.isEnabled()
        assert "bytes at offset" in tab.details.text.toPlainText()
        window.close()


def test_korean_labels(qtbot, box_case: Path) -> None:  # type: ignore[no-untyped-def]
    build_translations()
    with examiner_environment(box_case.parent):
        assert install_language("ko")
        try:
            window = open_window(qtbot, box_case)
            tab = _tab(window)
            assert window.tabs.tabText(window.tabs.indexOf(tab)) == "아티팩트"
            assert tab.tree.topLevelItem(0).child(0).text(0) == "IPTV 계정 정보"
            assert tab.extract_button.text() == "아티팩트 추출…"
            assert (
                tab.model.headerData(len(tab.model.columns()) - 3, Qt.Orientation.Horizontal) == "원본 경로"
            )
            titles = [a.text() for a in window.menuBar().actions()[-1].menu().actions()]
            assert "아티팩트 추출…" in titles
            window.close()
        finally:
            install_language("en")


def _header(tab: ArtifactsTab, field: str, role: Qt.ItemDataRole = Qt.ItemDataRole.DisplayRole) -> str:
    position = [key for _, key in tab.model.columns()].index(field)
    return tab.model.headerData(position, Qt.Orientation.Horizontal, role)


def test_field_headers_and_details_in_the_interface_language(qtbot, box_case: Path) -> None:  # type: ignore[no-untyped-def]
    """Column headers and detail labels are the report's words for the field (app/artifacts/labels.py),
    in the chosen language; a header's tooltip is the field's code."""
    build_translations()
    shown: dict[str, tuple[str, str, str]] = {}
    with examiner_environment(box_case.parent):
        for language in ("en", "ko"):
            assert install_language(language)
            try:
                window = open_window(qtbot, box_case)
                tab = _tab(window)
                assert tab.tree.select(1, "iptv_credential")
                tab.select_row(0)
                tooltip = _header(tab, "server_url", Qt.ItemDataRole.ToolTipRole)
                shown[language] = (_header(tab, "server_url"), tooltip, tab.details.text.toPlainText())
                assert _header(tab, "path") != "path"  # provenance columns keep their own titles
                window.close()
            finally:
                install_language("en")
    assert shown["en"][:2] == ("Server URL", "server_url")
    assert shown["ko"][:2] == ("서버 주소", "server_url")
    assert "Server URL server_url" in shown["en"][2] and "User name username" in shown["en"][2]
    assert "서버 주소 server_url" in shown["ko"][2] and "비밀번호 password" in shown["ko"][2]


def test_utc_times_are_shown_local_with_the_utc_original(qtbot, box_case: Path) -> None:  # type: ignore[no-untyped-def]
    """HAECHI_TZ is Asia/Seoul: a credential's expiry stored as UTC reads as KST in its cell, the UTC
    original in the tooltip and beside it in the details; a Kodi install date (box clock) stays as stored."""
    with examiner_environment(box_case.parent):
        window = open_window(qtbot, box_case)
        tab = _tab(window)
        assert tab.tree.select(1, "iptv_credential")
        position = [key for _, key in tab.model.columns()].index("expiry")
        stored = [tab.model.row_at(row).fields.get("expiry") for row in range(tab.model.rowCount())]
        row = stored.index("2027-01-01T00:00:00Z")
        cell = tab.model.index(row, position)
        assert cell.data() == "2027-01-01 09:00:00 KST (+09:00)"
        assert (
            cell.data(Qt.ItemDataRole.ToolTipRole)
            == "2027-01-01 09:00:00 KST (+09:00)\nUTC 2027-01-01T00:00:00Z"
        )
        tab.select_row(row)
        assert "2027-01-01 09:00:00 KST (+09:00) (UTC 2027-01-01T00:00:00Z)" in tab.details.text.toPlainText()
        assert tab.tree.select(1, "kodi_addon")
        assert "2024-01-02 10:00:00" in _column(tab, "install_date_local")
        window.close()
