"""The one way the desktop runs a case operation: a CaseOp is given a function of an open case session,
opens that session (to write or to read) in a thread of its own, closes it afterwards, passes progress
and cancellation, and delivers success or failure in the GUI thread. The CaseContext is the one case
handle the windows pass around; its `changed` signal tells every view that a writing operation ended.

Never touch a widget inside the op's function: it runs off the GUI thread, on its own connection
(SQLite connections belong to the thread that made them).
"""

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from app.cases.identity import Examiner
from app.cases.session import CaseSession, open_case, open_case_to_read
from app.common.progress import CancelToken
from app.common.refusals import refusals_recorded
from ui.errors import describe

T = TypeVar("T")
REPORT_EVERY = 0.2  # seconds: at most five progress updates a second reach the GUI, and always the last


class CaseContext(QObject):
    """The open case as the windows see it: the GUI thread's session (browsing reads through it), the
    signal every view listens to, and the way operations open sessions of their own."""

    changed = Signal(object)  # a writing operation ended: its result (None after a failure)
    closing = Signal()  # the case is about to close: views stop their running operations

    def __init__(self, session: CaseSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.closed = False

    @property
    def folder(self) -> Path:
        return self.session.db.folder

    @property
    def examiner(self) -> Examiner:
        return self.session.examiner

    def open_session(self, writes: bool) -> CaseSession:
        """A session of its own for a worker thread; to write, the examiner's key is registered first."""
        if writes:
            return open_case(self.folder, self.examiner)
        return open_case_to_read(self.folder, self.examiner)

    def write_now(self, work: Callable[[CaseSession], T], command: str = "desktop") -> T:
        """A small write in the GUI thread (one tag, one custody step) through the window's own session;
        the views hear of it even when it fails part-way (what was written before stays written). A
        refusal is recorded in the ledger as `command` (as the command line records its own)."""
        try:
            with refusals_recorded(self.session, command):
                return work(self.session)
        finally:
            self.announce(None)

    def announce(self, result: object) -> None:
        if not self.closed:
            self.changed.emit(result)

    def close(self, keep_session: bool = False) -> None:
        """The window closes: views stop their work; the session closes unless a new window keeps it."""
        if self.closed:
            return
        self.closing.emit()
        self.closed = True
        if not keep_session:
            self.session.close()


class OpRun:
    """What the op's function gets besides its session: the cancel token and a progress reporter."""

    def __init__(self, report: Callable[[object], None]) -> None:
        self.cancel = CancelToken()
        self._emit = report
        self._last = 0.0

    @property
    def cancelled(self) -> bool:
        return self.cancel.cancelled

    def report(self, value: object, final: bool = False) -> None:
        """Pass a progress value to the GUI (throttled; `final` always goes through)."""
        now = time.monotonic()
        if final or now - self._last >= REPORT_EVERY:
            self._last = now
            self._emit(value)


class _Relay(QObject):
    """Lives in the GUI thread: the worker's signals reach its slots queued, in the GUI thread."""

    progressed = Signal(object)
    done = Signal(object)
    failed = Signal(str)


_running: set["CaseOp[Any]"] = set()  # ops whose results are on their way (kept alive until delivered)


class _Task(QRunnable):
    def __init__(self, op: "CaseOp[Any]") -> None:
        super().__init__()
        self._op = op

    def run(self) -> None:
        self._op._work_in_thread()


def _pool() -> QThreadPool:
    """Ops have a pool of their own: Qt's global pool has idealThreadCount() threads (2 on a two-core
    machine), which an import and an extraction would hold for minutes while a count waited. Eight
    covers what the window can start at once: import, extraction, two exports, report, count, verify."""
    global _POOL
    if _POOL is None:
        _POOL = QThreadPool()
        _POOL.setMaxThreadCount(8)
    return _POOL


_POOL: QThreadPool | None = None


class CaseOp(QObject, Generic[T]):
    """One operation on the case, run in the background:

        CaseOp(owner, case, lambda session, run: work(session), writes=True).success(show).start()

    `owner` is the widget that asked: once it is destroyed, success and failure are no longer called
    (the case still announces a change). After a writing op, the case's `changed` is emitted first,
    then success or failure, then `ended`."""

    def __init__(
        self,
        owner: QObject,
        case: CaseContext,
        work: Callable[[CaseSession, OpRun], T],
        writes: bool,
        command: str = "desktop",
    ) -> None:
        super().__init__()
        self._case, self._work, self.writes = case, work, writes
        self.command = command  # what a refusal of a writing op is recorded as (e.g. "evidence add")
        self._relay = _Relay()
        self.run = OpRun(self._relay.progressed.emit)
        self._on_success: Callable[[T], None] | None = None
        self._on_failure: Callable[[str], None] | None = None
        self._on_progress: Callable[[Any], None] | None = None
        self._on_ended: list[Callable[[], None]] = []
        self._wanted = True
        self._finished = threading.Event()  # set in the worker thread when the session is closed
        self.running = False
        owner.destroyed.connect(self._forget)
        self._relay.progressed.connect(self._deliver_progress)
        self._relay.done.connect(self._deliver_done)
        self._relay.failed.connect(self._deliver_failed)

    # building -------------------------------------------------------------------------------------
    def success(self, callback: Callable[[T], None]) -> "CaseOp[T]":
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[str], None]) -> "CaseOp[T]":
        """`callback(message)`: one sentence for the examiner (a programming error also goes to the log)."""
        self._on_failure = callback
        return self

    def progress(self, callback: Callable[[Any], None]) -> "CaseOp[T]":
        self._on_progress = callback
        return self

    def ended(self, callback: Callable[[], None]) -> "CaseOp[T]":
        """Called last, after success or failure (panels hide, queues go on)."""
        self._on_ended.append(callback)
        return self

    def start(self) -> "CaseOp[T]":
        self.running = True
        _running.add(self)
        _pool().start(_Task(self))
        return self

    # control from the GUI -------------------------------------------------------------------------
    def cancel(self) -> None:
        self.run.cancel.cancel()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the op's function has returned and its session is closed (the window closes)."""
        return self._finished.wait(timeout)

    # the worker thread ----------------------------------------------------------------------------
    def _work_in_thread(self) -> None:
        try:
            session = self._case.open_session(self.writes)
            try:
                if self.writes:
                    with refusals_recorded(session, self.command):
                        result = self._work(session, self.run)
                else:
                    result = self._work(session, self.run)
            finally:
                session.close()
        except Exception as error:  # noqa: BLE001 - every failure reaches the examiner as one sentence
            self._finished.set()
            self._relay.failed.emit(describe(error))
            return
        self._finished.set()
        self._relay.done.emit(result)

    # the GUI thread -------------------------------------------------------------------------------
    @Slot()
    def _forget(self) -> None:
        self._wanted = False

    @Slot(object)
    def _deliver_progress(self, value: object) -> None:
        if self._wanted and self.running and self._on_progress is not None:
            self._on_progress(value)

    @Slot(object)
    def _deliver_done(self, result: Any) -> None:
        self._end(lambda: self._on_success(result) if self._on_success else None, result)

    @Slot(str)
    def _deliver_failed(self, message: str) -> None:
        self._end(lambda: self._on_failure(message) if self._on_failure else None, None)

    def _end(self, deliver: Callable[[], None], result: object) -> None:
        self.running = False
        _running.discard(self)
        if self.writes:  # a failed write may have recorded its refusal: the views look again either way
            self._case.announce(result)
        if self._wanted:
            deliver()
            for callback in self._on_ended:
                callback()
