"""Runs app.artifacts.extract.run_artifacts for one evidence item in a QThread, with a progress panel and
Cancel. The thread opens its own case connection (SQLite connections belong to one thread); the run
records itself in the ledger (artifacts_extracted, or _cancelled / _failed with the reason)."""

import time
from pathlib import Path

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from app.artifacts.extract import run_artifacts
from app.cases.session import open_case
from app.common.progress import CancelToken
from chain_of_custody.identity import Examiner
from ui.errors import describe


class ArtifactThread(QThread):
    progressed = Signal(int, int, str)  # files done, files to read, the current file's path
    outcome = Signal(object)  # app.artifacts.extract.ArtifactRunSummary
    failed = Signal(str)

    def __init__(self, folder: Path, examiner: Examiner, evidence_id: int) -> None:
        super().__init__()
        self.folder, self.examiner, self.evidence_id = folder, examiner, evidence_id
        self.cancel = CancelToken()
        self._last = 0.0

    def _progress(self, done: int, total: int, path: str) -> None:
        """At most five updates a second reach the GUI, and always the last one."""
        now = time.monotonic()
        if now - self._last >= 0.2 or done == total:
            self._last = now
            self.progressed.emit(done, total, path)

    def run(self) -> None:
        try:
            session = open_case(self.folder, self.examiner)
            try:
                summary = run_artifacts(
                    session, self.evidence_id, self._progress, lambda: self.cancel.cancelled
                )
            finally:
                session.close()
        except Exception as error:  # noqa: BLE001 - the examiner reads one sentence; the ledger has it
            self.failed.emit(describe(error))
            return
        self.outcome.emit(summary)


class ExtractionPanel(QWidget):
    """Progress of the running extraction: files read of how many, the current file; Cancel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.bar = QProgressBar()
        self.numbers = QLabel()
        self.numbers.setMinimumWidth(200)
        self.cancel = QPushButton(self.tr("Cancel extraction"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.numbers, 2)
        layout.addWidget(self.cancel)
        self.hide()

    def start(self, evidence_label: str) -> None:
        self.title.setText(self.tr("Extracting artifacts from {0}").format(evidence_label))
        self.bar.setRange(0, 0)  # busy until the number of files is known
        self.numbers.setText(self.tr("choosing the files to read…"))
        self.cancel.setEnabled(True)
        self.show()

    def show_progress(self, done: int, total: int, path: str) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self.numbers.setText(self.tr("{0} of {1} files: {2}").format(done, total, path))
        self.numbers.setToolTip(path)
