"""The Carving tab: each evidence item's unallocated space and the files carved from it, and the
"Carve unallocated space…" action (PhotoRec in the background, with progress and Cancel)."""

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from app.carving.carve import CarveRequest, CarveSummary, carve_evidence
from app.carving.progress import CarveProgress
from app.carving.unallocated import carving_overview
from app.cases.session import CaseSession
from app.common.progress import human_bytes, human_duration
from ui.errors import show_error
from ui.host import ExtensionTab, TabHost
from ui.operations import CaseContext, CaseOp, OpRun
from ui.runner import RunPanel, Step, Use


def _tr(text: str) -> str:
    return QCoreApplication.translate("CarvingTab", text)


def carving_step(progress: CarveProgress) -> Step:
    """Chunks, files, bytes of unallocated space, rate, ETA."""
    text = _tr("chunk {0} of {1}, {2} files, {3} of {4}, {5}/s, ETA {6}").format(
        progress.chunks_done,
        progress.chunks_total,
        progress.files,
        human_bytes(progress.bytes_done),
        human_bytes(progress.bytes_total),
        human_bytes(progress.rate),
        human_duration(progress.eta),
    )
    return Step(progress.bytes_done, progress.bytes_total, text)


def _state(state: str | None) -> str:
    names = {"complete": _tr("complete"), "cancelled": _tr("cancelled"), "failed": _tr("failed")}
    return names.get(state or "", _tr("running")) if state else _tr("none")


class CarvingTab(QWidget):
    def __init__(self, case: CaseContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.case = case
        self.last: CarveSummary | None = None
        self._closed = False
        self.overview = QLabel()
        self.overview.setWordWrap(True)
        self.carve_button = QPushButton(_tr("Carve unallocated space…"))
        self.carve_button.clicked.connect(self.carve_selected)
        self.panel = RunPanel()
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        for widget in (self.overview, self.carve_button, self.panel, self.status):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.refresh()
        case.changed.connect(lambda _: self.refresh())
        case.closing.connect(self.stop)

    def refresh(self) -> None:
        if self._closed:
            return
        lines = [
            _tr(
                "E{0} {1}: {2} unallocated mapped, {3} volumes not mapped, {4} files carved, last run: {5}"
            ).format(
                item["evidence_id"],
                item["label"] or "",
                human_bytes(item["unallocated_bytes"]),
                item["volumes_not_mapped"],
                item["carved"],
                _state(item["last_run"]),
            )
            for item in carving_overview(self.case.session.db.conn)
        ]
        self.overview.setText("\n".join(lines) or _tr("No evidence yet."))

    def carve_selected(self) -> None:
        """Ask which evidence item and which types, then carve in the background."""
        items = carving_overview(self.case.session.db.conn)
        if not items:
            show_error(self, _tr("No evidence"), _tr("Add an evidence image first."))
            return
        names = [f"E{item['evidence_id']} {item['label'] or ''}" for item in items]
        name, ok = QInputDialog.getItem(
            self, _tr("Carve unallocated space"), _tr("Evidence item:"), names, 0, False
        )
        if not ok:
            return
        types, ok = QInputDialog.getText(
            self, _tr("Carve unallocated space"), _tr("File types (e.g. jpg,png,pdf,mp4,zip; empty: all):")
        )
        if ok:
            self.carve(
                items[names.index(name)]["evidence_id"], tuple(t for t in types.split(",") if t.strip())
            )

    def carve(self, evidence_id: int, types: tuple[str, ...] = ()) -> None:
        if self.panel.running:
            return

        def work(session: CaseSession, run: OpRun) -> CarveSummary:
            def report(progress: CarveProgress) -> None:
                run.report(CarveProgress(**vars(progress)), final=progress.phase != "carving")

            return carve_evidence(session, CarveRequest(evidence_id, types), report, lambda: run.cancelled)

        op = CaseOp(self, self.case, work, writes=True)  # the run records itself in the ledger
        op.success(self._carved).failure(self._failed).ended(self._ended)
        self.carve_button.setEnabled(False)
        self.status.clear()
        use = Use(
            _tr("Carving E{0}").format(evidence_id), _tr("Cancel carving"), _tr("mapping…"), carving_step
        )
        self.panel.run(op, use)

    def stop(self) -> None:
        """The case closes: cancel a running carve (recorded as cancelled) and wait for it."""
        self.panel.wait()
        self._closed = True

    def _carved(self, summary: CarveSummary) -> None:
        self.last = summary
        text = _tr("E{0}: {1} files carved from {2} chunks; {3} chunks carved before.")
        if summary.state != "complete":
            text = _tr("E{0}: carving cancelled after {2} chunks ({1} files); carve again to resume.")
        self.status.setText(
            text.format(summary.evidence_id, summary.files, summary.chunks, summary.chunks_before)
        )

    def _failed(self, message: str) -> None:
        self.status.setText(_tr("Carving failed: {0}").format(message))

    def _ended(self) -> None:
        if not self._closed:
            self.carve_button.setEnabled(True)


def carving_tab(host: TabHost) -> ExtensionTab:
    """The tab factory for ui/extensions.py, with the Analysis menu's "Carve unallocated space…"."""
    tab = CarvingTab(host.case)

    def carve() -> None:
        host.show_tab(tab)
        tab.carve_selected()

    return ExtensionTab(_tr("Carving"), tab, [(_tr("Carve unallocated space…"), carve)])
