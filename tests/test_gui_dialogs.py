"""Dialogs of the desktop app: custody events, report, settings and the language switch."""

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any QApplication exists
from PySide6.QtWidgets import QMessageBox
from test_gui_windows import WAIT, build_translations, examiner_environment, imported_case, open_window

from app.cases.identity import EnvironmentPassphrase, unlock_examiner
from app.cases.session import CaseSession, open_case, open_case_readonly
from app.cases.settings import load_settings
from ui.application import Desktop
from ui.custody_dialog import CustodyDialog
from ui.i18n import install_language
from ui.report_dialog import ReportDialog
from ui.settings_dialog import SettingsDialog

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def dialog_case(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("dialogs")
    with examiner_environment(folder):
        yield imported_case(folder)


def _session(case: Path) -> CaseSession:
    return open_case(case, unlock_examiner("Kim", EnvironmentPassphrase())[0])


def _record(qtbot, window, step: str, exhibit: str = "TVBOX-01", **fields: str) -> CustodyDialog:  # type: ignore[no-untyped-def]
    dialog = CustodyDialog(window.session, window)
    qtbot.addWidget(dialog)
    dialog.step.setCurrentIndex(dialog.step.findData(step))
    dialog.exhibit.setText(exhibit)
    for name, value in fields.items():
        dialog.fields[name].setText(value)
    dialog._record()
    return dialog


def test_custody_steps_are_recorded_or_refused(qtbot, dialog_case: Path) -> None:  # type: ignore[no-untyped-def]
    with examiner_environment(dialog_case.parent):
        window = open_window(qtbot, dialog_case)
        refused = _record(qtbot, window, "sealed", seal="S-1")
        assert (
            refused.recorded is None and "not in custody" in refused.findChild(QMessageBox, "errorBox").text()
        )
        seized = _record(qtbot, window, "seized", seized_from="Hong", location="Seoul", authority="W-77")
        assert seized.recorded is not None and seized.recorded.action == "custody.seized"
        sealed = _record(qtbot, window, "sealed", seal="S-1")
        assert sealed.recorded is not None and sealed.recorded.details["seal"] == "S-1"
        transfer = _record(qtbot, window, "transferred", to="Evidence room 3")
        assert transfer.recorded is not None and transfer.recorded.details["to"] == "Evidence room 3"
        assert not transfer.form.isRowVisible(transfer.fields["seal"])  # only the step's own fields show
        device = {"make": "Shenzhen TV", "model": "X96 Max", "serial": "SN1", "capacity": "32 GB"}
        received = _record(qtbot, window, "received", "TVBOX-02", received_from="Police", **device)
        assert received.recorded is not None  # the fields the command line always had, now here too
        assert {key: received.recorded.details[key] for key in device} == device
        window.close()


def test_report_dialog_writes_a_pdf(qtbot, dialog_case: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with examiner_environment(dialog_case.parent):
        window = open_window(qtbot, dialog_case)
        dialog = ReportDialog(window.case, window)
        qtbot.addWidget(dialog)
        dialog.language.setCurrentIndex(dialog.language.findData("en"))
        dialog.out.setText(str(tmp_path / "report.pdf"))
        dialog.start()
        qtbot.waitUntil(
            lambda: dialog.outcome is not None or bool(dialog.findChildren(QMessageBox)), timeout=WAIT
        )
        assert dialog.outcome is not None, dialog.findChild(QMessageBox, "errorBox").text()
        assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
        assert dialog.open_pdf.isEnabled() and dialog.outcome.report_id in dialog.status.text()
        window.close()
    db = open_case_readonly(dialog_case)
    assert list(db.ledger.events())[-1].action == "report_issued"
    db.close()


def test_settings_switch_the_language_of_the_open_window(qtbot, dialog_case: Path) -> None:  # type: ignore[no-untyped-def]
    build_translations()
    with examiner_environment(dialog_case.parent):
        del os.environ["HAECHI_TZ"]  # the zone comes from the settings (restored by the context)
        desktop = Desktop(_session(dialog_case))
        window = desktop.window
        qtbot.addWidget(window)
        settings = SettingsDialog(window)
        qtbot.addWidget(settings)
        settings.language.setCurrentIndex(settings.language.findData("ko"))
        settings.zone.setCurrentText("Nowhere/Atlantis")
        settings._save()
        assert (
            settings.saved is None
            and "Nowhere/Atlantis" in settings.findChild(QMessageBox, "errorBox").text()
        )
        settings.zone.setCurrentText("Europe/Paris")
        settings.lab_name.setText("저작권 범죄 과학수사팀")
        settings._save()
        assert load_settings().language == "ko" and load_settings().lab_name == "저작권 범죄 과학수사팀"
        window.language_changed.emit()
        try:
            rebuilt = desktop.window
            qtbot.addWidget(rebuilt)
            assert rebuilt is not window and rebuilt.tabs.tabText(0) == "파일"
            assert rebuilt.zone.key == "Europe/Paris"
            assert rebuilt.session is window.session and window.keep_session
            assert rebuilt.session.tz == "Europe/Paris"  # later ledger events carry the new zone
            rebuilt.close()
        finally:
            install_language("en")


def test_an_import_can_be_cancelled_from_the_panel(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import imaging

    from app.cli.main import run
    from app.evidence.importer import ImportRequest

    image = imaging.many_files_ext4()
    with examiner_environment(tmp_path):
        case = tmp_path / "case"
        assert run(["case", "new", str(case), "--number", "2026-CXL", "--title", "cancel"]) == 0
        window = open_window(qtbot, case)
        window.start_import(ImportRequest(image, label="big"))
        qtbot.waitUntil(lambda: "reading" in window.import_panel.numbers.text(), timeout=WAIT)
        qtbot.waitUntil(lambda: window.tree_model.rowCount() == 1, timeout=WAIT)  # browsable meanwhile
        assert "[running]" in window.tree_model.item(0).text()
        window.import_panel.cancel.click()
        qtbot.waitUntil(lambda: not window.import_panel.running, timeout=WAIT)
        assert window.last_import is not None and window.last_import.status == "cancelled"
        assert not window.import_panel.isVisible()
        assert "cancelled by the examiner" in window.findChild(QMessageBox, "errorBox").text()
        assert "[interrupted]" in window.tree_model.item(0).text()
        window.close()


def test_open_another_case_replaces_the_window(qtbot, dialog_case: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.cli.main import run

    with examiner_environment(dialog_case.parent):
        other = tmp_path / "other"
        assert run(["case", "new", str(other), "--number", "2026-OTHER", "--title", "another"]) == 0
        desktop = Desktop(_session(dialog_case))
        first = desktop.window
        qtbot.addWidget(first)
        desktop.open_session(_session(other))
        qtbot.addWidget(desktop.window)
        assert desktop.window is not first and "2026-OTHER" in desktop.window.windowTitle()
        assert desktop.window.empty_hint.isVisible() and not first.isVisible()
        desktop.window.close()


def test_a_bad_image_is_refused_with_one_sentence(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.cli.main import run
    from app.evidence.importer import ImportRequest

    not_an_image = tmp_path / "notes.txt"  # empty: not evidence (text is: media without a file system)
    not_an_image.write_bytes(b"")
    with examiner_environment(tmp_path):
        case = tmp_path / "case"
        assert run(["case", "new", str(case), "--number", "2026-BAD", "--title", "bad input"]) == 0
        window = open_window(qtbot, case)
        window.start_import(ImportRequest(not_an_image))
        qtbot.waitUntil(lambda: not window.import_panel.running, timeout=WAIT)
        assert window.last_import is not None and window.last_import.status == "refused"
        message = window.findChild(QMessageBox, "errorBox").text()
        assert "notes.txt" in message and "Traceback" not in message
        actions = [window.ledger.model.event_at(r).action for r in range(window.ledger.model.rowCount())]
        assert actions[-1] == "input_refused"  # the refusal is part of the record
        window.close()
