"""The panel of a long case operation (an import, an artifact extraction): what runs, a bar, its numbers,
Cancel. One panel, two uses: each use turns its progress values into a Step."""

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from app.cases.session import CaseSession
from app.common.progress import ImportProgress, human_bytes, human_duration
from app.evidence.importer import ImportJob, ImportOutcome, ImportRequest
from ui.operations import CaseOp, OpRun

BAR = 1000  # the bar's steps: fractions of a per mille are not worth a repaint


@dataclass(frozen=True)
class Step:
    """One progress update as the panel shows it; `total` 0 shows a busy bar."""

    done: int
    total: int
    text: str
    tooltip: str = ""


@dataclass(frozen=True)
class Use:
    """What a kind of long operation shows: its title, its Cancel button, its steps."""

    title: str
    cancel_text: str
    waiting: str
    step: Callable[[Any], Step]


class RunPanel(QWidget):
    """Shows the one running op of its kind; Cancel cancels it (the op records how it ended)."""

    progressed = Signal()  # a progress value was shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.bar = QProgressBar()
        self.numbers = QLabel()
        self.numbers.setMinimumWidth(200)
        self.cancel = QPushButton()
        self.cancel.clicked.connect(self.cancel_op)
        self.op: CaseOp[Any] | None = None
        self.last: Any = None  # the latest progress value shown
        self._use: Use | None = None
        self.row = QHBoxLayout(self)
        self.row.addWidget(self.title)
        self.row.addWidget(self.bar, 1)
        self.row.addWidget(self.numbers, 2)
        self.row.addWidget(self.cancel)
        self.hide()

    @property
    def running(self) -> bool:
        return self.op is not None

    def run(self, op: CaseOp[Any], use: Use) -> None:
        """Show `op` (not started yet) while it runs, then start it."""
        self.op, self._use, self.last = op, use, None
        self.title.setText(use.title)
        self.cancel.setText(use.cancel_text)
        self.cancel.setEnabled(True)
        self.bar.setRange(0, 0)  # busy until the first numbers arrive
        self.numbers.setText(use.waiting)
        self.numbers.setToolTip("")
        self.show()
        op.progress(self._show).ended(self._ended).start()

    def _show(self, value: Any) -> None:
        assert self._use is not None
        self.last = value
        step = self._use.step(value)
        if step.total:
            self.bar.setRange(0, BAR)
            self.bar.setValue(int(BAR * min(step.done / step.total, 1.0)))
        self.numbers.setText(step.text)
        self.numbers.setToolTip(step.tooltip)
        self.progressed.emit()

    def cancel_op(self) -> None:
        if self.op is not None:
            self.op.cancel()
            self.cancel.setEnabled(False)

    def wait(self) -> None:
        """Cancel the running op and wait until its session is closed (the window closes)."""
        if self.op is not None:
            self.cancel_op()
            self.op.wait()

    def _ended(self) -> None:
        self.op = None
        self.hide()


def _use(context: str, title: str, cancel: str, waiting: str, step: Callable[[Any], Step], name: str) -> Use:
    """A use's texts, translated in its own context (the panel's words stay those of its kind)."""

    def tr(text: str) -> str:
        return QCoreApplication.translate(context, text)

    return Use(tr(title).format(name), tr(cancel), tr(waiting), step)


# the import -------------------------------------------------------------------------------------
def _import_text(text: str) -> str:
    return QCoreApplication.translate("ImportPanel", text)


def import_use(image_name: str) -> Use:
    return _use("ImportPanel", "Importing {0}", "Cancel import", "starting…", import_step, image_name)


def import_step(p: ImportProgress) -> Step:
    """Files (of the estimate), bytes of both lanes, rate, ETA, warnings."""
    phases = {
        "starting": _import_text("starting"),
        "counting": _import_text("counting"),
        "reading": _import_text("reading files"),
        "hashing image": _import_text("hashing the image"),
        "finishing": _import_text("finishing"),
        "complete": _import_text("complete"),
    }
    total = f"/{p.estimate_entries:,}" if p.estimate_entries else ""
    text = _import_text("{0}: {1}{2} files, {3} of {4}, {5}/s, ETA {6}, {7} warnings").format(
        phases.get(p.phase, p.phase),
        f"{p.entries:,}",
        total,
        human_bytes(p.bytes_done),
        human_bytes(p.bytes_total),
        human_bytes(p.rate),
        human_duration(p.eta),
        p.warnings,
    )
    return Step(p.bytes_done, max(p.bytes_total, 1), text)


class _ImportListener:
    """app.common.progress.ProgressListener: snapshots of the import's counters go to the op's reporter."""

    def __init__(self, run: OpRun) -> None:
        self._run = run

    def update(self, progress: ImportProgress) -> None:
        self._run.report(replace(progress), final=progress.phase == "complete")


def import_work(request: ImportRequest) -> Callable[[CaseSession, OpRun], ImportOutcome]:
    """The import as an op's function (the import waits on its reader processes' pipes)."""

    def work(session: CaseSession, run: OpRun) -> ImportOutcome:
        return ImportJob(session, request, _ImportListener(run), run.cancel).run()

    return work


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


# the artifact extraction ------------------------------------------------------------------------
def _extraction_text(text: str) -> str:
    return QCoreApplication.translate("ExtractionPanel", text)


def extraction_use(evidence_label: str) -> Use:
    title, waiting = "Extracting artifacts from {0}", "choosing the files to read…"
    return _use("ExtractionPanel", title, "Cancel extraction", waiting, extraction_step, evidence_label)


def extraction_step(value: tuple[int, int, str]) -> Step:
    """Files read of how many, the current file's path."""
    done, total, path = value
    text = _extraction_text("{0} of {1} files: {2}").format(done, total, path)
    return Step(done, max(total, 1), text, path)
