"""Runs app.evidence.importer.ImportJob in a QThread (it only waits on its worker processes' pipes) and shows
its progress in a panel with Cancel. The thread opens its own case connection: SQLite connections
belong to one thread, and the GUI keeps reading through its own while the import writes."""

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from app.cases.session import open_case
from app.common.progress import CancelToken, ImportProgress, human_bytes, human_duration
from app.evidence.importer import ImportJob, ImportOutcome, ImportRequest
from chain_of_custody.identity import Examiner
from ui.errors import describe


class ImportThread(QThread):
    progressed = Signal(object)  # an ImportProgress snapshot
    outcome = Signal(object)  # ImportOutcome
    failed = Signal(str)

    def __init__(self, folder: Path, examiner: Examiner, request: ImportRequest) -> None:
        super().__init__()
        self.folder, self.examiner, self.request = folder, examiner, request
        self.cancel = CancelToken()
        self._last = -1.0

    def update(self, progress: ImportProgress) -> None:
        """ProgressListener: at most four snapshots a second reach the GUI."""
        if progress.elapsed - self._last >= 0.25 or progress.phase == "complete":
            self._last = progress.elapsed
            self.progressed.emit(replace(progress))

    def run(self) -> None:
        try:
            session = open_case(self.folder, self.examiner)
            try:
                result = ImportJob(session, self.request, self, self.cancel).run()
            finally:
                session.close()
        except Exception as error:  # noqa: BLE001 - the examiner reads one sentence
            self.failed.emit(describe(error))
            return
        self.outcome.emit(result)


class ImportPanel(QWidget):
    """Progress of the running import: files, bytes, rate, ETA; Cancel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.numbers = QLabel()
        self.cancel = QPushButton(self.tr("Cancel import"))
        self.last: ImportProgress | None = None  # the latest progress shown
        self._phases = {
            "starting": self.tr("starting"),
            "counting": self.tr("counting"),
            "reading": self.tr("reading files"),
            "hashing image": self.tr("hashing the image"),
            "finishing": self.tr("finishing"),
            "complete": self.tr("complete"),
        }
        layout = QHBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.numbers, 2)
        layout.addWidget(self.cancel)
        self.hide()

    def start(self, name: str) -> None:
        self.last = None
        self.title.setText(self.tr("Importing {0}").format(name))
        self.bar.setValue(0)
        self.numbers.setText(self.tr("starting…"))
        self.cancel.setEnabled(True)
        self.show()

    def show_progress(self, p: ImportProgress) -> None:
        self.last = p
        if p.bytes_total:
            self.bar.setValue(int(1000 * min(p.bytes_done / p.bytes_total, 1.0)))
        total = f"/{p.estimate_entries:,}" if p.estimate_entries else ""
        self.numbers.setText(
            self.tr("{0}: {1}{2} files, {3} of {4}, {5}/s, ETA {6}, {7} warnings").format(
                self._phases.get(p.phase, p.phase),
                f"{p.entries:,}",
                total,
                human_bytes(p.bytes_done),
                human_bytes(p.bytes_total),
                human_bytes(p.rate),
                human_duration(p.eta),
                p.warnings,
            )
        )


def outcome_text(outcome: ImportOutcome, image_name: str) -> str:
    lines = [f"{image_name}: {outcome.message}"]
    if outcome.evidence_id is not None:
        lines.append(f"evidence E{outcome.evidence_id}")
    for key in ("entries", "deleted", "orphans", "ext_mismatch"):
        if key in outcome.counts:
            lines.append(f"{key}: {outcome.counts[key]:,}")
    for name, value in outcome.digests.items():
        lines.append(f"{name.upper()}: {value}")
    if outcome.stored_hash_check:
        lines.append(f"stored hashes: {outcome.stored_hash_check}")
    if outcome.warnings:
        lines.append(f"warnings: {outcome.warnings}")
    return "\n".join(lines)
