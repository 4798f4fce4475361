"""A broken seal in the desktop: an explicit choice in the custody dialog, red in the exhibits' status and
the evidence details, in English and Korean (issue 17)."""

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any QApplication exists
from PySide6.QtWidgets import QMessageBox
from test_gui_windows import build_translations, examiner_environment, gui_image, open_window

from app.browse.details import evidence_summary
from app.cli.main import run
from ui.custody_dialog import Answer, CustodyDialog
from ui.i18n import install_language

pytestmark = pytest.mark.gui


@pytest.fixture
def sealed_case(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Exhibit TVBOX-01 seized and sealed under S-1 (from the command line)."""
    with examiner_environment(tmp_path):
        case = str(tmp_path / "case")
        assert run(["case", "new", case, "--number", "2026-SEAL", "--title", "seal"]) == 0
        seize = ["--from", "Hong", "--location", "Seoul", "--authority", "W-77"]
        assert run(["custody", case, "seize", "TVBOX-01", *seize]) == 0
        assert run(["custody", case, "seal", "TVBOX-01", "--seal", "S-1"]) == 0
        yield Path(case)


def _unseal(qtbot, window) -> CustodyDialog:  # type: ignore[no-untyped-def]
    dialog = CustodyDialog(window.session, window)
    qtbot.addWidget(dialog)
    dialog.step.setCurrentIndex(dialog.step.findData("unsealed"))
    dialog.exhibit.setText("TVBOX-01")
    dialog.fields["seal"].setText("S-1")  # type: ignore[attr-defined]
    return dialog


def test_the_seal_state_must_be_chosen_and_a_broken_seal_shows_red(qtbot, sealed_case: Path) -> None:  # type: ignore[no-untyped-def]
    with examiner_environment(sealed_case.parent):
        window = open_window(qtbot, sealed_case)
        before = window.session.db.ledger.head()
        forgotten = _unseal(qtbot, window)
        answer = forgotten.fields["seal_intact"]
        assert isinstance(answer, Answer) and answer.answer() is None  # no default
        forgotten._record()
        box = forgotten.findChild(QMessageBox, "errorBox")
        assert forgotten.recorded is None and "Seal intact" in box.text()
        assert window.session.db.ledger.head() == before  # nothing was recorded
        broken = _unseal(qtbot, window)
        choice = broken.fields["seal_intact"]
        assert isinstance(choice, Answer)
        choice.setCurrentIndex(choice.findData(False))
        assert choice.currentText() == "Broken"
        broken._record()
        assert broken.recorded is not None and broken.recorded.details["seal_intact"] is False
        status = CustodyDialog(window.session, window)
        qtbot.addWidget(status)
        assert "DEVIATION: seal S-1 was found broken" in status.status.text()
        assert "#b00020" in status.status.text()
        assert run(["custody", str(sealed_case), "image", "TVBOX-01", "--tool", "dd"]) == 0
        assert run(["evidence", "add", str(sealed_case), str(gui_image()), "--exhibit", "TVBOX-01"]) == 0
        window.details.show_evidence(evidence_summary(window.session.db.conn, 1))
        shown = window.details.info.toHtml()
        assert "DEVIATION: seal S-1 was found broken when unsealed" in shown and "#b00020" in shown
        window.close()


def test_the_choice_and_the_deviation_in_korean(qtbot, sealed_case: Path) -> None:  # type: ignore[no-untyped-def]
    build_translations()
    with examiner_environment(sealed_case.parent):
        assert (
            run(["custody", str(sealed_case), "unseal", "TVBOX-01", "--seal", "S-1", "--intact", "no"]) == 0
        )
        try:
            assert install_language("ko")
            window = open_window(qtbot, sealed_case)
            dialog = _unseal(qtbot, window)
            answer = dialog.fields["seal_intact"]
            assert isinstance(answer, Answer)
            assert [answer.itemText(i) for i in range(3)] == ["선택…", "온전함", "훼손됨"]
            assert "예외 사항: 봉인 S-1이(가) 봉인 해제 시 훼손된 상태였음" in dialog.status.text()
            window.close()
        finally:
            install_language("en")
