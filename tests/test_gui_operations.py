"""The desktop's one way to run a case operation (ui/operations.py) and its one case-changed signal:
sessions opened and closed for the op, failure as one sentence in the GUI thread, cancel, progress;
the views follow the signal; an extension tab needs only the ui.host.TabHost protocol."""

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any QApplication exists
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget
from test_gui_windows import WAIT, examiner_environment, open_window, tag_dialog_for
from test_gui_windows import shared_case as shared_case  # the fixture: a case of its own in this module

from app.cases.identity import EnvironmentPassphrase, unlock_examiner
from app.cases.session import CaseSession, open_case, open_case_readonly
from app.evidence.importer import ImportRequest
from ui.artifacts_tab import ArtifactsTab, artifacts_tab
from ui.custody_dialog import CustodyDialog
from ui.host import TabHost
from ui.main_window import MainWindow
from ui.operations import CaseContext, CaseOp, OpRun

pytestmark = pytest.mark.gui


def _ledger_actions(window: MainWindow) -> list[str]:
    model = window.ledger.model
    return [model.event_at(row).action for row in range(model.rowCount())]


def _events_in(case: Path) -> int:
    db = open_case_readonly(case)
    try:
        return len(list(db.ledger.events()))
    finally:
        db.close()


class _Watched(CaseSession):
    """A real session that notes when (and in which thread) it is closed."""

    closed_in: int | None = None

    def close(self) -> None:
        super().close()
        self.closed_in = threading.get_ident()


class _WatchingCase(CaseContext):
    """The CaseContext, keeping the sessions it hands to operations."""

    def __init__(self, session: CaseSession) -> None:
        super().__init__(session)
        self.handed: list[_Watched] = []

    def open_session(self, writes: bool) -> CaseSession:
        opened = super().open_session(writes)
        self.handed.append(_Watched(opened.db, opened.examiner, opened.tz))
        return self.handed[-1]


@pytest.fixture
def bare(qtbot, shared_case: Path) -> Iterator[tuple[QWidget, CaseContext]]:  # type: ignore[no-untyped-def]
    """A CaseContext over the case and a widget that asks, without a window (whose own reads would
    open sessions meanwhile)."""
    with examiner_environment(shared_case.parent):
        owner = QWidget()
        qtbot.addWidget(owner)
        case = _WatchingCase(open_case(shared_case, unlock_examiner("Kim", EnvironmentPassphrase())[0]))
        yield owner, case
        case.close()


def test_failure_comes_back_in_the_gui_thread_as_one_sentence(qtbot, bare, shared_case: Path) -> None:  # type: ignore[no-untyped-def]
    owner, case = bare
    seen: dict[str, object] = {}
    changes: list[object] = []
    case.changed.connect(changes.append)

    def work(session: CaseSession, _: OpRun) -> None:
        seen["session"], seen["thread"] = session, threading.get_ident()
        raise ValueError("the seal number is not on the exhibit")

    def failed(message: str) -> None:
        seen["message"], seen["delivered in"] = message, threading.get_ident()

    succeeded: list[None] = []
    op = CaseOp(owner, case, work, writes=True).success(succeeded.append).failure(failed).start()
    qtbot.waitUntil(lambda: "message" in seen, timeout=WAIT)
    assert seen["message"] == "the seal number is not on the exhibit"  # no traceback, no type name
    assert seen["delivered in"] == threading.get_ident() != seen["thread"]  # ran off the GUI thread
    assert case.handed == [seen["session"]] and seen["session"] is not case.session
    assert case.handed[0].closed_in == seen["thread"]  # closed on failure, in the op's thread
    assert succeeded == [] and not op.running
    assert changes == [None]  # a failed write is announced too: it may have recorded its refusal


def test_the_session_is_closed_after_the_op_and_a_read_writes_nothing(qtbot, bare, shared_case: Path) -> None:  # type: ignore[no-untyped-def]
    owner, case = bare
    before = _events_in(shared_case)
    changes: list[object] = []
    case.changed.connect(changes.append)
    results: list[int] = []

    def count(session: CaseSession, _: OpRun) -> int:
        assert session.closed_in is None  # type: ignore[attr-defined]
        return int(session.db.conn.execute("SELECT count(*) FROM files").fetchone()[0])

    CaseOp(owner, case, count, writes=False).success(results.append).start()
    qtbot.waitUntil(lambda: bool(results), timeout=WAIT)
    assert results[0] >= 15 and len(case.handed) == 1  # the op had a session of its own...
    assert case.handed[0].closed_in is not None  # ...closed once it returned
    assert changes == [] and _events_in(shared_case) == before  # reading announces and records nothing


def test_cancel_reaches_the_op_and_progress_reaches_the_gui(qtbot, bare) -> None:  # type: ignore[no-untyped-def]
    owner, case = bare
    shown: list[object] = []
    results: list[str] = []
    started = threading.Event()

    def work(_: CaseSession, run: OpRun) -> str:
        for step in range(1000):
            run.report(step, final=step == 999)
        started.set()
        deadline = time.monotonic() + 30
        while not run.cancelled:  # the Cancel button sets the token from the GUI thread
            if time.monotonic() > deadline:
                return "never cancelled"
            time.sleep(0.01)
        return "cancelled"

    op = CaseOp(owner, case, work, writes=False).progress(shown.append).success(results.append).start()
    assert started.wait(30)
    op.cancel()
    qtbot.waitUntil(lambda: bool(results), timeout=WAIT)
    assert results == ["cancelled"] and op.wait(1)
    assert shown[0] == 0 and shown[-1] == 999 and len(shown) < 50  # throttled, the last always shown


def test_the_owner_gone_drops_the_callbacks_but_the_case_still_hears(qtbot, bare) -> None:  # type: ignore[no-untyped-def]
    _, case = bare
    owner = QWidget()
    changes: list[object] = []
    case.changed.connect(changes.append)
    called: list[object] = []
    release = threading.Event()

    def work(_: CaseSession, __: OpRun) -> str:
        release.wait(30)
        return "written"

    op = CaseOp(owner, case, work, writes=True).success(called.append).start()
    owner.deleteLater()
    qtbot.waitUntil(lambda: not op._wanted, timeout=WAIT)
    release.set()
    qtbot.waitUntil(lambda: not op.running, timeout=WAIT)
    assert called == [] and changes == ["written"]


def test_the_ledger_tab_follows_tag_custody_and_import(qtbot, shared_case: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with examiner_environment(shared_case.parent):
        window = open_window(qtbot, shared_case)
        tag_dialog_for(qtbot, window, "playlist.m3u", "IPTV")._apply()
        assert _ledger_actions(window)[-1] == "file_tagged"  # nobody called refresh: the signal did
        assert window.selected_file_ids() and "IPTV" in window.details.info.toPlainText()  # selection kept

        def record_in_the_dialog() -> None:
            shown = QApplication.activeModalWidget()
            assert isinstance(shown, CustodyDialog)
            shown.step.setCurrentIndex(shown.step.findData("seized"))
            shown.exhibit.setText("TVBOX-OPS")
            for name, value in (("seized_from", "Hong"), ("location", "Seoul"), ("authority", "W-78")):
                shown.fields[name].setText(value)
            shown._record()

        QTimer.singleShot(0, record_in_the_dialog)
        window.record_custody()  # the menu's path: the modal dialog, then the window announces the step
        assert _ledger_actions(window)[-1] == "custody.seized"

        not_an_image = tmp_path / "notes.txt"  # empty: not evidence (text is: media without a file system)
        not_an_image.write_bytes(b"")
        window.start_import(ImportRequest(not_an_image))
        qtbot.waitUntil(lambda: not window.import_panel.running, timeout=WAIT)
        assert window.last_import is not None and window.last_import.status == "refused"
        assert _ledger_actions(window)[-1] == "input_refused"
        window.close()


class _Host(QTabWidget):
    """Not the main window: just what ui.host.TabHost asks for."""

    def __init__(self, session: CaseSession) -> None:
        super().__init__()
        self._case = CaseContext(session, self)
        self.shown: list[int] = []
        self.messages: list[str] = []

    @property
    def case(self) -> CaseContext:
        return self._case

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo("Asia/Seoul")

    def show_file(self, file_id: int) -> bool:
        self.shown.append(file_id)
        return False

    def show_status(self, message: str) -> None:
        self.messages.append(message)

    def show_tab(self, widget: QWidget) -> None:
        self.setCurrentWidget(widget)


def test_an_extension_tab_needs_only_the_host_protocol(qtbot, shared_case: Path) -> None:  # type: ignore[no-untyped-def]
    with examiner_environment(shared_case.parent):
        window = open_window(qtbot, shared_case)
        host = _Host(window.session)
        qtbot.addWidget(host)
        typed: TabHost = host  # mypy checks the protocol is met
        made = artifacts_tab(typed)
        host.addTab(QWidget(), "first")
        host.addTab(made.widget, made.title)
        assert made.title == "Artifacts" and [title for title, _ in made.actions] == ["Extract artifacts…"]
        tab = made.widget
        assert isinstance(tab, ArtifactsTab)
        before = _events_in(shared_case)
        made.actions[0][1]()  # the Analysis menu's entry: the tab is shown, extraction runs
        assert host.currentWidget() is tab
        qtbot.waitUntil(lambda: tab.last_run is not None, timeout=WAIT)
        assert tab.last_run is not None and tab.last_run.state == "current"
        assert _events_in(shared_case) == before + 1
        tab.details.source_requested.emit(123456789)
        assert host.shown == [123456789] and host.messages == ["The source file is not in the catalogue."]
        host.case.close(keep_session=True)  # the window's session stays the window's
        window.close()
