"""The desktop application driven like an examiner would: start, add evidence, browse, filter, tag,
hex and text views, verify the ledger, export; in Korean and English. Real images, real imports."""

import contextlib
import os
import struct
import subprocess
import zlib
from collections.abc import Iterator
from pathlib import Path

import imaging
import pytest
from conftest import make_examiner

from app.cli.main import run

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any QApplication exists
pytestmark = pytest.mark.gui
PASSPHRASE = "correct horse battery"
KOREAN_CP949 = "고객 명단: 홍길동, 김철수\n".encode("cp949")


def _png(width: int, height: int) -> bytes:
    pixels = (b"".join(bytes((x * 4 % 256, y * 5 % 256, 160)) for x in range(width)) for y in range(height))
    rows = b"".join(b"\x00" + row for row in pixels)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


PICTURE = _png(48, 32)
EXTRA = {"pictures/dot.png": PICTURE, "한글/euckr.txt": KOREAN_CP949}


def gui_image() -> Path:
    """imaging.TREE plus a picture and a CP949 text; imaging.DELETED deleted (ext4, mke2fs -d)."""

    def build(work: Path) -> Path:
        imaging.write_tree(work / "tree", {**imaging.TREE, **EXTRA})
        image = work / "gui.img"
        imaging.sh("mke2fs", "-q", "-F", "-t", "ext4", "-b", "1024", "-d", work / "tree", image, "4096k")
        for path in imaging.DELETED:
            imaging.sh("debugfs", "-w", "-R", f"rm /{path}", image)
        return image

    return imaging.cached("gui-ext4", sorted(EXTRA), build)


@contextlib.contextmanager
def examiner_environment(folder: Path) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CONFIG_HOME", str(folder / "config"))
        patch.setenv("XDG_DATA_HOME", str(folder / "data"))  # the workstation's hash sets
        patch.setenv("HAECHI_EXAMINER", "Kim")
        patch.setenv("HAECHI_PASSPHRASE", PASSPHRASE)
        patch.setenv("HAECHI_TZ", "Asia/Seoul")
        make_examiner(folder / "config")
        yield


def imported_case(folder: Path) -> Path:
    """A case with the GUI image imported through the CLI (examiner environment already set)."""
    case = folder / "case"
    assert run(["case", "new", str(case), "--number", "2026-GUI", "--title", "GUI"]) == 0
    for name, category, data in (("rights", "notable", PICTURE), ("os", "known", imaging.TREE["readme.txt"])):
        listing = folder / f"{name}.md5"
        listing.write_text(imaging.digests(data)[0] + "\n")
        assert run(["hashset", "import", str(listing), "--name", name, "--category", category]) == 0
    assert run(["evidence", "add", str(case), str(gui_image())]) == 0
    return case


def build_translations() -> None:
    """The .qm `make translations` builds; built here when a test runs without make."""
    folder = Path(__file__).resolve().parents[1] / "resources" / "translations"
    for source in folder.glob("*.ts"):
        target = source.with_suffix(".qm")
        if not target.exists() or target.stat().st_mtime < source.stat().st_mtime:
            subprocess.run(
                ["/usr/lib/qt6/bin/lrelease", "-silent", str(source), "-qm", str(target)], check=True
            )


# --- the windows ---------------------------------------------------------------------------------
from PySide6.QtCore import Qt  # noqa: E402 - after QT_QPA_PLATFORM is chosen
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox  # noqa: E402

from app.cases.identity import EnvironmentPassphrase, unlock_examiner  # noqa: E402
from app.cases.session import open_case, open_case_readonly  # noqa: E402
from chain_of_custody.tags import Tags  # noqa: E402
from ui.file_model import VISIBLE  # noqa: E402
from ui.i18n import install_language  # noqa: E402
from ui.import_wizard import ImportWizard  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.start_dialog import StartDialog  # noqa: E402
from ui.tag_dialog import TagDialog  # noqa: E402

WAIT = 60_000  # ms; a reader or import child process may start slowly on a busy machine


@pytest.fixture(scope="module")
def shared_case(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("gui")
    with examiner_environment(folder):
        yield imported_case(folder)


def open_window(qtbot, case: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    examiner, _ = unlock_examiner("Kim", EnvironmentPassphrase())
    window = MainWindow(open_case(case, examiner))
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    return window


def tag_dialog_for(qtbot, window: MainWindow, name: str, tag: str) -> TagDialog:  # type: ignore[no-untyped-def]
    """The Tag dialog over the one file called `name`, chosen in the file table, `tag` typed in."""
    window.filters.text.setText(name)
    qtbot.waitUntil(lambda: window.file_model.rowCount() == 1, timeout=5000)
    window.select_row(0)
    dialog = TagDialog(window.case, window.selected_file_ids(), [], window)
    qtbot.addWidget(dialog)
    dialog.tag.setEditText(tag)
    return dialog


def _row_of(window: MainWindow, name: str) -> int:
    model = window.file_model
    return next(row for row in range(model.rowCount()) if model.value(row, "name") == name)


def _error_text(parent) -> str:  # type: ignore[no-untyped-def]
    boxes = parent.findChildren(QMessageBox, "errorBox")
    return boxes[-1].text() if boxes else ""


def test_start_creates_a_profile_and_a_case_then_reopens_it(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("HAECHI_PASSPHRASE", raising=False)
    dialog = StartDialog()
    qtbot.addWidget(dialog)
    dialog.name.setEditText("Lee Examiner")
    assert dialog.repeat.isVisibleTo(dialog)  # a new profile asks twice
    dialog.passphrase.setText("long enough 1")
    dialog.repeat.setText("long enough 2")
    qtbot.mouseClick(dialog.unlock, Qt.MouseButton.LeftButton)
    assert "differ" in _error_text(dialog) and dialog.pages.currentIndex() == 0
    dialog.repeat.setText("long enough 1")
    qtbot.mouseClick(dialog.unlock, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == 1 and dialog.examiner is not None
    dialog.folder.setText(str(tmp_path / "case"))
    dialog.number.setText("2026-001")
    dialog.case_title.setText("Seized TV box")
    dialog.agency.setText("MCST")
    dialog._create()
    assert dialog.result() == StartDialog.DialogCode.Accepted and dialog.session is not None
    assert dialog.session.db.info()["number"] == "2026-001"
    dialog.session.close()

    again = StartDialog()
    qtbot.addWidget(again)
    again.name.setCurrentText("Lee Examiner")
    assert not again.repeat.isVisibleTo(again)
    again.passphrase.setText("wrong passphrase")
    qtbot.mouseClick(again.unlock, Qt.MouseButton.LeftButton)
    assert "wrong passphrase" in _error_text(again)
    again.passphrase.setText("long enough 1")
    qtbot.mouseClick(again.unlock, Qt.MouseButton.LeftButton)
    assert again.recent.count() == 1 and again.recent.item(0).text() == str((tmp_path / "case").resolve())
    again._open(tmp_path)  # not a case folder: one sentence, the dialog stays
    assert "holds no Haechi case" in _error_text(again) and again.session is None
    again._open_selected()
    assert again.session is not None
    again.session.close()


def test_add_evidence_imports_in_the_background(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with examiner_environment(tmp_path):
        case = tmp_path / "case"
        assert run(["case", "new", str(case), "--number", "2026-IMP", "--title", "import"]) == 0
        window = open_window(qtbot, case)
        assert window.file_model.rowCount() == 0 and window.empty_hint.isVisible()  # the first step is shown
        wizard = ImportWizard(window)
        wizard.image_page.image.setText(str(gui_image()))
        wizard.image_page.label.setText("TV box eMMC")
        wizard.seizure_page.seized_from.setText("Hong")
        wizard.seizure_page.seal.setText("SEAL-7")
        assert wizard.image_page.validatePage()
        window.start_import(wizard.request("Asia/Seoul"))
        assert window.import_panel.isVisible()
        qtbot.waitUntil(lambda: not window.import_panel.running, timeout=WAIT)
        assert window.last_import is not None and window.last_import.status == "complete"
        assert window.tree_model.rowCount() == 2  # the item, then the case-wide hash-set hits
        assert "TV box eMMC" in window.tree_model.item(0).text()
        assert window.file_model.total() >= 15 and not window.import_panel.isVisible()
        assert not window.empty_hint.isVisible()
        actions = [window.ledger.model.event_at(row).action for row in range(window.ledger.model.rowCount())]
        assert "import_finished" in actions
        added = next(
            window.ledger.model.event_at(r) for r in range(len(actions)) if actions[r] == "evidence_added"
        )
        assert added.details["seal"] == "SEAL-7" and added.details["seized_from"] == "Hong"
        window.close()


def test_models_pass_qtmodeltester(qtbot, qtmodeltester, shared_case: Path) -> None:  # type: ignore[no-untyped-def]
    with examiner_environment(shared_case.parent):
        window = open_window(qtbot, shared_case)
        qtmodeltester.check(window.file_model)
        qtmodeltester.check(window.ledger.model)
        window.tree.expand(window.tree_model.index(0, 0))
        qtmodeltester.check(window.tree_model)
        window.close()


def test_browse_filter_and_view_content(qtbot, shared_case: Path) -> None:  # type: ignore[no-untyped-def]
    with examiner_environment(shared_case.parent):
        window = open_window(qtbot, shared_case)
        tree = window.tree_model
        evidence = tree.index(0, 0)
        window.tree.setCurrentIndex(evidence)  # the evidence item: its image hashes in the details pane
        assert imaging.sha256_file(gui_image()) in window.details.info.toPlainText()
        window.tree.expand(evidence)
        volume = tree.index(0, 0, evidence)
        window.tree.expand(volume)
        folders = {
            tree.index(r, 0, volume).data(): tree.index(r, 0, volume) for r in range(tree.rowCount(volume))
        }
        window.tree.setCurrentIndex(folders["한글"])
        names = {window.file_model.value(r, "name") for r in range(window.file_model.rowCount())}
        assert names == {"고객.txt", "euckr.txt"}

        window.select_row(_row_of(window, "euckr.txt"))
        window.details.tabs.setCurrentIndex(2)  # text
        qtbot.waitUntil(lambda: "홍길동" in window.details.text_view.toPlainText(), timeout=WAIT)
        assert "cp949" in window.details.text_note.text()

        window.filters.deleted.setChecked(True)
        states = {window.file_model.value(r, "state") for r in range(window.file_model.rowCount())}
        assert states == {0} and window.file_model.rowCount() >= 1
        window.select_row(_row_of(window, "gone.txt"))
        assert window.details.banner.isVisibleTo(window)
        window.filters.deleted.setChecked(False)

        window.filters.mime.setCurrentIndex(window.filters.mime.findData("image/"))
        assert [window.file_model.value(r, "name") for r in range(window.file_model.rowCount())] == [
            "dot.png"
        ]
        window.select_row(0)
        assert not window.details.banner.isVisibleTo(window)
        window.details.tabs.setCurrentIndex(3)  # picture
        qtbot.waitUntil(lambda: not window.details.picture.pixmap().isNull(), timeout=WAIT)
        assert window.details.picture.pixmap().width() == 48
        window.filters.mime.setCurrentIndex(0)

        window.filters.text.setText("clip")
        qtbot.waitUntil(lambda: window.file_model.rowCount() == 1, timeout=5000)
        window.select_row(0)
        window.details.tabs.setCurrentIndex(1)  # hex
        qtbot.waitUntil(lambda: "of 70,000" in window.details.hex_where.text(), timeout=WAIT)
        assert window.details.hex_view.toPlainText().startswith("000000000000  ")
        assert window.details.hex_next.isEnabled() and not window.details.hex_prev.isEnabled()
        qtbot.mouseClick(window.details.hex_next, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "65,536-69,999" in window.details.hex_where.text(), timeout=WAIT)
        assert window.details.hex_view.toPlainText().startswith("000000010000  ")

        window.filters.hash.setText("not-a-hash")
        qtbot.waitUntil(lambda: "hexadecimal" in window.statusBar().currentMessage(), timeout=5000)
        window.close()


def test_tag_verify_and_export(qtbot, shared_case: Path) -> None:  # type: ignore[no-untyped-def]
    with examiner_environment(shared_case.parent):
        window = open_window(qtbot, shared_case)
        dialog = tag_dialog_for(qtbot, window, "playlist.m3u", "IPTV")
        dialog.note.setPlainText("customer playlist")
        buttons = dialog.findChild(QDialogButtonBox)
        qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
        assert dialog.tagged == 1  # the case's `changed` signal re-read the rows, filters and ledger
        assert window.file_model.index(0, VISIBLE.index("tags")).data() == "IPTV"

        window.verify_ledger()
        qtbot.waitUntil(lambda: "INTACT" in window.ledger.verdict.text(), timeout=WAIT)
        last = window.ledger.model.event_at(window.ledger.model.rowCount() - 1)
        assert last.action == "file_tagged" and last.details["note"] == "customer playlist"

        window.actions_.export_selected()
        qtbot.waitUntil(lambda: window.export_action.isEnabled(), timeout=WAIT)
        result = window.actions_.last_export
        assert [row["path"] for row in result.exported] == ["/playlist.m3u"]
        exported = result.folder / str(result.exported[0]["exported_as"])
        assert exported.read_bytes() == imaging.TREE["playlist.m3u"]
        assert exported.resolve().is_relative_to((shared_case / "exports").resolve())

        tag_id = Tags(window.session.db.conn).for_file(window.selected_file_ids()[0])[0].id
        assert "IPTV" in window.details.info.toPlainText()
        assert f"untag:{tag_id}" in window.details.info.toHtml()  # the details pane offers removal
        window.actions_.remove_tag(tag_id)
        assert window.file_model.index(0, VISIBLE.index("tags")).data() == ""
        assert "customer playlist" not in window.details.info.toPlainText()
        window.close()
    db = open_case_readonly(shared_case)
    assert [e.action for e in db.ledger.events()][-2:] == ["files_exported", "file_untagged"]
    db.close()


def test_korean_interface(qtbot, shared_case: Path) -> None:  # type: ignore[no-untyped-def]
    source = Path(__file__).resolve().parents[1] / "resources" / "translations" / "haechi_ko.ts"
    assert 'type="unfinished"' not in source.read_text(encoding="utf-8")  # every text has its Korean
    build_translations()
    with examiner_environment(shared_case.parent):
        assert install_language("ko")
        try:
            window = open_window(qtbot, shared_case)
            assert window.windowTitle().startswith("해치 - 사건 2026-GUI")
            assert window.file_model.headerData(0, Qt.Orientation.Horizontal) == "이름"
            assert window.tabs.tabText(1) == "증거관리 원장"
            window.close()
        finally:
            install_language("en")
        window = open_window(qtbot, shared_case)
        assert window.file_model.headerData(0, Qt.Orientation.Horizontal) == "Name"
        window.close()
