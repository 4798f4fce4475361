"""Recording a custody step (seal, unseal, transfer, hash confirmation...) through app.custody.steps."""

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.cases.session import CaseSession
from app.custody.steps import hashes_for_confirmation, occurred_at, record_step
from chain_of_custody.ledger import Event
from ui.errors import describe, show_error

# ledger step -> the fields the form shows (besides exhibit, participants, note)
STEP_FIELDS: dict[str, tuple[str, ...]] = {
    "seized": ("description", "seized_from", "location", "authority", "scope", "serial"),
    "received": ("description", "received_from", "authority", "serial"),
    "sealed": ("seal", "location"),
    "unsealed": ("seal", "seal_intact", "location"),
    "imaged": ("tool", "write_blocker", "serial", "image_file"),
    "hash_confirmed": ("evidence", "participant_role"),
    "transferred": ("from", "to", "purpose", "storage"),
    "checked_out": ("to", "purpose"),
    "checked_in": ("storage",),
    "returned": ("to",),
    "disposed": ("method", "authority"),
}


class CustodyDialog(QDialog):
    def __init__(self, session: CaseSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.recorded: Event | None = None
        self.setWindowTitle(self.tr("Record custody event"))
        self.setMinimumWidth(480)
        self.step = QComboBox()
        titles = {
            "seized": self.tr("Seized"),
            "received": self.tr("Received"),
            "sealed": self.tr("Sealed"),
            "unsealed": self.tr("Unsealed"),
            "imaged": self.tr("Imaged"),
            "hash_confirmed": self.tr("Hash confirmed by participant"),
            "transferred": self.tr("Transferred"),
            "checked_out": self.tr("Checked out"),
            "checked_in": self.tr("Checked in"),
            "returned": self.tr("Returned"),
            "disposed": self.tr("Disposed"),
        }
        for step in STEP_FIELDS:
            self.step.addItem(titles[step], step)
        self.exhibit = QLineEdit(placeholderText="TVBOX-01")
        self.participants = QLineEdit(placeholderText=self.tr("names, separated by commas"))
        self.at = QLineEdit(placeholderText=self.tr("now, or e.g. 2026-11-20T14:30 (your zone)"))
        self.note = QLineEdit()
        self.fields: dict[str, QWidget] = {
            "seal_intact": QCheckBox(self.tr("seal intact")),
            "evidence": QSpinBox(minimum=1, maximum=1_000_000),
        }
        self.form = QFormLayout()
        self.form.addRow(self.tr("Step"), self.step)
        self.form.addRow(self.tr("Exhibit"), self.exhibit)
        self._labels = {
            "description": self.tr("Description"),
            "seized_from": self.tr("Seized from"),
            "received_from": self.tr("Received from"),
            "location": self.tr("Location"),
            "authority": self.tr("Warrant / authority"),
            "scope": self.tr("Scope of seizure"),
            "serial": self.tr("Serial number"),
            "seal": self.tr("Seal number"),
            "seal_intact": self.tr("Seal"),
            "tool": self.tr("Imaging tool"),
            "write_blocker": self.tr("Write blocker"),
            "image_file": self.tr("Image file"),
            "evidence": self.tr("Evidence id of the image"),
            "participant_role": self.tr("Participant role"),
            "from": self.tr("From"),
            "to": self.tr("To"),
            "purpose": self.tr("Purpose"),
            "storage": self.tr("Storage location"),
            "method": self.tr("Method"),
        }
        for name, label in self._labels.items():
            widget = self.fields.setdefault(name, QLineEdit())
            self.form.addRow(label, widget)
        self.form.addRow(self.tr("Participants"), self.participants)
        self.form.addRow(self.tr("When"), self.at)
        self.form.addRow(self.tr("Note"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._record)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(buttons)
        self.step.currentIndexChanged.connect(lambda _: self._show_fields())
        self._show_fields()

    def _show_fields(self) -> None:
        wanted = STEP_FIELDS[self.step.currentData()]
        for name in self._labels:
            self.form.setRowVisible(self.fields[name], name in wanted)

    def _value(self, name: str) -> Any:
        widget = self.fields[name]
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        if isinstance(widget, QSpinBox):
            return widget.value()
        assert isinstance(widget, QLineEdit)
        return widget.text().strip()

    def details(self) -> tuple[str, dict[str, Any]]:
        step = self.step.currentData()
        exhibit = self.exhibit.text().strip()
        participants = [p.strip() for p in self.participants.text().split(",") if p.strip()]
        details: dict[str, Any] = {name: self._value(name) for name in STEP_FIELDS[step]}
        details.update(
            exhibit=exhibit,
            participants=participants,
            note=self.note.text().strip(),
            occurred_at=occurred_at(self.at.text().strip() or None, _zone(self._session)),
        )
        if step == "hash_confirmed":
            details["participant"] = participants[0] if participants else None
            details["evidence_id"] = int(details.pop("evidence"))
            details["hashes"] = hashes_for_confirmation(self._session, details["evidence_id"], exhibit)
        return step, details

    def _record(self) -> None:
        try:
            step, details = self.details()
            self.recorded = record_step(self._session, step, details)
        except Exception as error:  # noqa: BLE001 - refused steps are explained, the dialog stays open
            show_error(self, self.tr("Custody event not recorded"), describe(error))
            return
        self.accept()


def _zone(session: CaseSession) -> Any:
    from zoneinfo import ZoneInfo

    return ZoneInfo(session.tz)
