"""The examiner's everyday desktop (issue 17 items 8-12, 15): `haechi CASE_DIR`, dates in the examiner's
zone, hash-set hits case-wide, custody data typed once, refusals on the record, a 1366x768 screen."""

import os
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import imaging
import pytest
from test_gui_windows import PICTURE, WAIT, examiner_environment, gui_image, imported_case, open_window

from app.cli.main import run

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytestmark = pytest.mark.gui

from PySide6.QtCore import QDate, QRect  # noqa: E402 - after QT_QPA_PLATFORM is chosen
from PySide6.QtWidgets import QMessageBox  # noqa: E402

from app.browse.details import evidence_summary  # noqa: E402
from app.browse.files import FileFilter, local_day_bounds  # noqa: E402
from app.browse.tagging import tag_file  # noqa: E402
from app.cases.session import open_case_readonly  # noqa: E402
from ui.custody_dialog import CustodyDialog  # noqa: E402
from ui.file_model import VISIBLE  # noqa: E402
from ui.filter_bar import FilterBar  # noqa: E402
from ui.i18n import install_language  # noqa: E402
from ui.import_wizard import ImportWizard  # noqa: E402
from ui.launcher import case_folder  # noqa: E402
from ui.main_window import fitted_size  # noqa: E402
from ui.report_dialog import ReportDialog  # noqa: E402
from ui.start_dialog import StartDialog  # noqa: E402

SEOUL = ZoneInfo("Asia/Seoul")
SEIZE = ("--from", "Hong Gildong", "--location", "Seoul Mapo", "--authority", "W-2026-17", "--make", "X96")


def second_image() -> Path:
    """Another ext4 image (mke2fs -d) holding the same picture and readme as the GUI image elsewhere."""

    def build(work: Path) -> Path:
        imaging.write_tree(
            work / "tree", {"copy/dot.png": PICTURE, "docs/readme.txt": imaging.TREE["readme.txt"]}
        )
        image = work / "second.img"
        imaging.sh("mke2fs", "-q", "-F", "-t", "ext4", "-b", "1024", "-d", work / "tree", image, "2048k")
        return image

    return imaging.cached("everyday-second", ["copy/dot.png", "docs/readme.txt"], build)


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """E1 the GUI image (hash sets rights and os hit one file each); E2 another image of exhibit
    TVBOX-01, seized and sealed in custody before it was imported."""
    folder = tmp_path_factory.mktemp("everyday")
    with examiner_environment(folder):
        case = imported_case(folder)
        assert run(["custody", str(case), "seize", "TVBOX-01", *SEIZE, "--at", "2026-11-20T14:30+09:00"]) == 0
        assert run(["custody", str(case), "seal", "TVBOX-01", "--seal", "SEAL-0042"]) == 0
        assert run(["evidence", "add", str(case), str(second_image()), "--exhibit", "TVBOX-01"]) == 0
        yield case


@pytest.fixture(autouse=True)
def english(qapp) -> None:  # type: ignore[no-untyped-def]
    install_language("en")  # the texts below are checked in English (other tests switch to Korean)


def _names(window) -> set[str]:  # type: ignore[no-untyped-def]
    model = window.file_model
    return {model.value(row, "name") for row in range(model.rowCount())}


def _ledger(case: Path) -> list[tuple[str, dict]]:  # type: ignore[type-arg]
    db = open_case_readonly(case)
    try:
        return [(event.action, event.details) for event in db.ledger.events()]
    finally:
        db.close()


# 8 ----------------------------------------------------------------------------------------------
def test_haechi_case_dir_opens_that_case_after_asking_who_acts(  # type: ignore[no-untyped-def]
    qtbot, case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert case_folder([str(case)]) == case
    assert case_folder([str(tmp_path)]) is None  # a folder without a case: the command line says so
    assert case_folder(["files", str(case)]) is None and case_folder(["--help"]) is None
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / "case.sqlite").write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    assert case_folder(["files"]) is None  # a command word stays a command
    with examiner_environment(case.parent):
        dialog = StartDialog(case_folder=case)
        qtbot.addWidget(dialog)
        assert str(case) in dialog.findChild(type(dialog.who), "openingCase").text()
        dialog.name.setCurrentText("Kim")
        dialog.passphrase.setText(os.environ["HAECHI_PASSPHRASE"])
        dialog._unlock()
        assert dialog.result() == StartDialog.DialogCode.Accepted and dialog.session is not None
        assert dialog.session.db.folder == case and dialog.pages.currentIndex() == 0  # no case page shown
        dialog.session.close()


# 9 ----------------------------------------------------------------------------------------------
def test_the_date_filter_ends_today_in_the_examiners_zone(qtbot, case: Path) -> None:  # type: ignore[no-untyped-def]
    assert local_day_bounds(date(2026, 12, 5), date(2026, 12, 5), SEOUL) == (
        "2026-12-04T15:00:00Z",
        "2026-12-05T15:00:00Z",
    )
    # 25 hours apart: at any moment these two zones are on different days, whatever the workstation's
    bars = {}
    for key in ("Pacific/Kiritimati", "Pacific/Pago_Pago"):
        bars[key] = FilterBar(ZoneInfo(key))
        qtbot.addWidget(bars[key])
        today = datetime.now(ZoneInfo(key)).date()
        assert bars[key].date_to.date() == QDate(today.year, today.month, today.day)
    assert bars["Pacific/Kiritimati"].date_to.date() != bars["Pacific/Pago_Pago"].date_to.date()
    bar = FilterBar(SEOUL)
    qtbot.addWidget(bar)
    bar.use_dates.setChecked(True)
    bar.date_from.setDate(QDate(2026, 12, 5))
    bar.date_to.setDate(QDate(2026, 12, 5))
    flt = bar.apply(FileFilter())
    assert (flt.date_from, flt.date_to) == ("2026-12-04T15:00:00Z", "2026-12-05T15:00:00Z")
    with examiner_environment(case.parent):  # in the window: a file of 00:30 today in Seoul is shown
        window = open_window(qtbot, case)
        window.filters.use_dates.setChecked(True)
        flt = window.filters.apply(FileFilter())
        today = datetime.now(SEOUL).date()
        early = datetime(today.year, today.month, today.day, 0, 30, tzinfo=SEOUL).astimezone(UTC)
        assert flt.date_from is not None and flt.date_to is not None
        assert flt.date_from <= early.strftime("%Y-%m-%dT%H:%M:%SZ") < flt.date_to
        window.close()


# 10 ---------------------------------------------------------------------------------------------
def test_hash_set_hits_named_counted_and_case_wide(qtbot, qtmodeltester, case: Path) -> None:  # type: ignore[no-untyped-def]
    with examiner_environment(case.parent):
        window = open_window(qtbot, case)
        tree = window.tree_model
        assert tree.rowCount() == 3  # two evidence items, then the case's hash-set hits
        hits = tree.index(2, 0)
        assert tree.data(hits) == "Hash set hits (4)"  # two files in each item
        window.tree.expand(hits)
        sets = [tree.index(row, 0, hits).data() for row in range(tree.rowCount(hits))]
        assert sets == ["rights - notable (2)", "os - known (2)"]
        qtmodeltester.check(tree)
        window.tree.setCurrentIndex(hits)
        assert sorted(window.file_model.value(r, "name") for r in range(window.file_model.rowCount())) == [
            "dot.png",
            "dot.png",
            "readme.txt",
            "readme.txt",
        ]
        window.tree.setCurrentIndex(tree.index(0, 0, hits))
        assert _names(window) == {"dot.png"} and window.file_model.rowCount() == 2
        # the notable filter reaches past the chosen folder and evidence item
        evidence = tree.index(1, 0)
        window.tree.expand(evidence)
        window.tree.setCurrentIndex(tree.index(0, 0, evidence))
        window.filters.hash_set.setCurrentIndex(window.filters.hash_set.findData("notable"))
        assert _names(window) == {"dot.png"} and window.file_model.rowCount() == 2
        assert {window.file_model.value(r, "evidence_id") for r in range(2)} == {1, 2}
        column = VISIBLE.index("hash_hits")
        assert window.file_model.index(0, column).data() == "rights (notable)"
        window.select_row(0)
        info = window.details.info.toPlainText()
        assert "Hash sets" in info and "rights" in info and "notable, version" in info
        assert window.hits_summary(1) == "Hash-set hits: 1 notable, 1 known files"
        window.close()


# 11 ---------------------------------------------------------------------------------------------
def test_custody_data_is_typed_once(qtbot, case: Path) -> None:  # type: ignore[no-untyped-def]
    with examiner_environment(case.parent):
        window = open_window(qtbot, case)
        item = evidence_summary(window.session.db.conn, 2, window.session.db)
        assert (item["seized_from"], item["seized_at"], item["seal"]) == (
            "Hong Gildong",
            "2026-11-20T05:30:00Z",
            "SEAL-0042",
        )
        assert set(item["from_custody"]) == {"seized_from", "seized_at", "seal"}
        window.tree.setCurrentIndex(window.tree_model.index(1, 0))
        shown = window.details.info.toPlainText()
        assert "Hong Gildong (from the custody record of exhibit TVBOX-01)" in shown
        assert "SEAL-0042" in shown and "X96" in shown and "Seoul Mapo" in shown
        assert evidence_summary(window.session.db.conn, 1, window.session.db)["from_custody"] == ()

        records = {
            "TVBOX-01": {"seized_from": "Hong Gildong", "seized_at": "2026-11-20T05:30:00Z", "seal": "S-9"}
        }
        wizard = ImportWizard(window, records)
        qtbot.addWidget(wizard)
        wizard.image_page.image.setText(str(gui_image()))
        assert wizard.image_page.exhibit.currentText() == ""
        wizard.image_page.exhibit.setCurrentText("TVBOX-01")
        wizard.show()
        wizard.next()
        page = wizard.seizure_page
        assert wizard.currentPage() is page
        assert page.seized_from.text() == "Hong Gildong" and page.seized_from.isReadOnly()
        assert page.seal.text() == "S-9" and page.known_time.isChecked()
        request = wizard.request("Asia/Seoul")
        assert (request.exhibit, request.seized_from, request.seized_at, request.seal) == (
            "TVBOX-01",
            "Hong Gildong",
            "2026-11-20T05:30:00Z",
            "S-9",
        )
        wizard.back()
        wizard.image_page.exhibit.setCurrentText("")
        wizard.next()
        assert "not linked to a custody record" in page.linked.text() and not page.seal.isReadOnly()
        window.close()


# 12 ---------------------------------------------------------------------------------------------
def test_the_desktop_records_its_refusals(qtbot, case: Path) -> None:  # type: ignore[no-untyped-def]
    with examiner_environment(case.parent):
        window = open_window(qtbot, case)
        dialog = CustodyDialog(window.session, window)
        qtbot.addWidget(dialog)
        dialog.step.setCurrentIndex(dialog.step.findData("sealed"))
        dialog.exhibit.setText("NO-SUCH-EXHIBIT")
        dialog.fields["seal"].setText("SEAL-9")  # type: ignore[attr-defined]
        dialog._record()
        assert dialog.refusals == 1 and dialog.recorded is None
        refused = [details for action, details in _ledger(case) if action == "input_refused"]
        assert refused[-1]["command"] == "custody seal NO-SUCH-EXHIBIT"
        assert "not in custody" in str(refused[-1]["reason"])
        before = len(refused)
        with pytest.raises(Exception, match="tag"):
            window.case.write_now(lambda session: tag_file(session, 1, "   ", ""), "tag")  # no name: refused
        refused = [details for action, details in _ledger(case) if action == "input_refused"]
        assert len(refused) == before + 1 and refused[-1]["command"] == "tag"
        window.close()


# 15 ---------------------------------------------------------------------------------------------
def test_the_window_fits_a_1366x768_screen(qtbot, case: Path) -> None:  # type: ignore[no-untyped-def]
    size = fitted_size(QRect(0, 0, 1366, 728))  # 768 less a 40-pixel taskbar
    assert (size.width(), size.height()) == (1358, 692)
    assert fitted_size(QRect(0, 0, 2560, 1400)).toTuple() == (1500, 920)
    assert VISIBLE[:2] == ("name", "path")
    with examiner_environment(case.parent):
        window = open_window(qtbot, case)
        window.resize(size)
        qtbot.waitUntil(lambda: window.size() == size, timeout=5000)  # nothing forces it larger
        status = window.statusBar()
        assert status.isVisible() and status.geometry().bottom() < size.height()
        bar = window.filters
        corner = bar.mapTo(window, bar.rect().bottomRight())
        assert bar.isVisible() and corner.y() < size.height() and corner.x() < size.width()
        rows = window.table.viewport().height() // window.table.verticalHeader().defaultSectionSize()
        assert rows >= 12, rows
        window.close()


def test_the_report_dialog_asks_before_replacing_a_file(qtbot, case: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with examiner_environment(case.parent):
        window = open_window(qtbot, case)
        existing = tmp_path / "report.pdf"
        existing.write_bytes(b"an issued report")
        dialog = ReportDialog(window.case, window)
        qtbot.addWidget(dialog)
        dialog.out.setText(str(existing))

        def answer(button: QMessageBox.StandardButton) -> str:
            box = dialog.findChild(QMessageBox, "overwriteBox")
            assert box is not None and box.isVisible()
            text = box.text()
            box.button(button).click()
            qtbot.waitUntil(lambda: dialog.findChild(QMessageBox, "overwriteBox") is None, timeout=5000)
            return text

        dialog.start()
        assert str(existing) in answer(QMessageBox.StandardButton.No)
        assert existing.read_bytes() == b"an issued report" and dialog._op is None
        assert "Not written" in dialog.status.text()
        dialog.start()
        answer(QMessageBox.StandardButton.Yes)
        qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=WAIT)
        assert existing.read_bytes().startswith(b"%PDF")
        assert imaging.sha256_file(existing) == dialog.outcome.sha256
        window.close()
