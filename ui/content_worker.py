"""Reads file content in a thread of its own, through a reader child process (never TSK in the GUI process).

Not a CaseOp: the worker keeps one read-only session and its reader processes open across requests
(starting a reader per page would cost seconds). It opens that session in its thread through the
CaseContext and closes it when stopped; requests carry a token so a late answer for a file the examiner
has already left is dropped.
"""

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal, Slot

from app.browse.content import ContentSource
from app.cases.session import CaseSession
from ui.errors import describe
from ui.operations import CaseContext


class _Reader(QObject):
    ready = Signal(int, object)  # token, ContentPage
    failed = Signal(int, str)

    def __init__(self, open_session: Callable[[], CaseSession]) -> None:
        super().__init__()
        self._open_session = open_session
        self._session: CaseSession | None = None
        self._source: ContentSource | None = None

    def _content(self) -> ContentSource:
        if self._source is None:
            self._session = self._open_session()
            self._source = ContentSource(self._session.db)
        return self._source

    @Slot(int, int, int, int)
    def fetch(self, token: int, file_id: int, offset: int, length: int) -> None:
        try:
            self.ready.emit(token, self._content().page(file_id, offset, length))
        except Exception as error:  # noqa: BLE001 - shown in the content pane as one sentence
            self.failed.emit(token, describe(error))

    @Slot(int)
    def warm_up(self, evidence_id: int) -> None:
        with contextlib.suppress(Exception):  # only a head start: a real request reports the error
            self._content().warm_up(evidence_id)

    @Slot()
    def close(self) -> None:
        if self._source is not None:
            self._source.close()
            self._source = None
        if self._session is not None:
            self._session.close()
            self._session = None


class ContentWorker(QObject):
    """GUI-side handle: request(file_id, offset, length) -> ready(token, page) or failed(token, message)."""

    ready = Signal(int, object)
    failed = Signal(int, str)
    _ask = Signal(int, int, int, int)
    _close = Signal()
    _warm = Signal(int)

    def __init__(self, case: CaseContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread(self)
        self._thread.setObjectName("content reader")
        self._reader = _Reader(lambda: case.open_session(writes=False))
        self._reader.moveToThread(self._thread)
        self._ask.connect(self._reader.fetch)
        self._close.connect(self._reader.close)
        self._warm.connect(self._reader.warm_up)
        self._reader.ready.connect(self.ready)
        self._reader.failed.connect(self.failed)
        self._thread.start()
        self._token = 0

    def request(self, file_id: int, offset: int, length: int) -> int:
        self._token += 1
        self._ask.emit(self._token, file_id, offset, length)
        return self._token

    def warm_up(self, evidence_ids: list[int]) -> None:
        """Start reader processes ahead of the first request (in the worker thread)."""
        for evidence_id in evidence_ids:
            self._warm.emit(evidence_id)

    def stop(self) -> None:
        self._close.emit()
        self._thread.quit()
        self._thread.wait(70_000)  # a reader request gives up after 60 s
