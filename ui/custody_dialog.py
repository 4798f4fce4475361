"""Recording a custody step (seal, unseal, transfer, hash confirmation...): the form is built from the
one list of custody steps (app.custody.steps), so it asks for what the command line asks for."""

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.cases.session import CaseSession
from app.common.refusals import refusals_recorded
from app.custody.steps import (
    EVIDENCE,
    STEP_LIST,
    STEPS,
    YES_NO,
    Event,
    StepField,
    exhibits,
    record_step,
    step_details,
)
from ui.errors import describe, show_error


def form_fields() -> dict[str, StepField]:
    """One form row per field name, in the order the steps first ask for them."""
    rows: dict[str, StepField] = {}
    for step in STEP_LIST:
        for entry in step.fields:
            rows.setdefault(entry.name, entry)
    return rows


class Answer(QComboBox):
    """A yes/no field as an explicit choice: nothing is chosen until the examiner picks one, so a
    forgotten answer cannot record a broken seal (a checkbox left unticked did)."""

    def __init__(self, entry: StepField, parent: QWidget) -> None:
        super().__init__(parent)
        self.addItem(parent.tr("Choose…"), None)
        self.addItem(parent.tr(entry.answers[0]), True)  # the answers are in haechi_ko.ts (CustodyDialog)
        self.addItem(parent.tr(entry.answers[1]), False)

    def answer(self) -> bool | None:
        value = self.currentData()
        return None if value is None else bool(value)


def status_html(session: CaseSession, tr: Callable[[str], str]) -> str:
    """Where every exhibit stands, a seal found broken in red: the desktop's `custody status`."""
    lines = []
    for name, state in sorted(exhibits(session.db).items()):
        seal = tr("sealed ({0})").format(state.seal) if state.seal else tr("unsealed")
        lines.append(
            f"<b>{html.escape(name)}</b>: {html.escape(seal)}; "
            f"{html.escape(tr('holder: {0}').format(state.holder or '-'))}; "
            f"{html.escape(tr('location: {0}').format(state.storage or '-'))}"
        )
        for broken in state.broken_seals:
            text = tr("DEVIATION: seal {0} was found broken when unsealed (ledger event {1})")
            lines.append(f"<b style='color:#b00020'>{html.escape(text.format(broken.seal, broken.seq))}</b>")
    return "<br/>".join(lines) or html.escape(tr("No exhibit is in custody yet."))


def _widget(entry: StepField, parent: QWidget) -> QWidget:
    if entry.kind == YES_NO:
        return Answer(entry, parent)
    if entry.kind == EVIDENCE:
        return QSpinBox(minimum=1, maximum=1_000_000)
    return QLineEdit()


class CustodyDialog(QDialog):
    def __init__(self, session: CaseSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.recorded: Event | None = None
        self.refusals = 0  # refused entries, each recorded in the ledger as input_refused
        self.setWindowTitle(self.tr("Record custody event"))
        self.setMinimumWidth(480)
        self.step = QComboBox()
        for step in STEP_LIST:
            self.step.addItem(self.tr(step.title), step.name)  # titles and labels: haechi_ko.ts
        self.exhibit = QLineEdit(placeholderText="TVBOX-01")
        self.participants = QLineEdit(placeholderText=self.tr("names, separated by commas"))
        self.at = QLineEdit(placeholderText=self.tr("now, or e.g. 2026-11-20T14:30 (your zone)"))
        self.note = QLineEdit()
        self.status = QLabel(status_html(session, self.tr), textFormat=Qt.TextFormat.RichText, wordWrap=True)
        self.form = QFormLayout()
        self.form.addRow(self.tr("Exhibits now"), self.status)
        self.form.addRow(self.tr("Step"), self.step)
        self.form.addRow(self.tr("Exhibit"), self.exhibit)
        self.fields: dict[str, QWidget] = {}
        for name, entry in form_fields().items():
            self.fields[name] = _widget(entry, self)
            self.form.addRow(self.tr(entry.label), self.fields[name])
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

    def shown_fields(self) -> list[str]:
        """The fields of the chosen step, in the list's order."""
        return [entry.name for entry in STEPS[self.step.currentData()].fields]

    def _show_fields(self) -> None:
        wanted = self.shown_fields()
        for name, widget in self.fields.items():
            self.form.setRowVisible(widget, name in wanted)

    def _value(self, name: str) -> Any:
        widget = self.fields[name]
        if isinstance(widget, Answer):
            return widget.answer()
        if isinstance(widget, QSpinBox):
            return widget.value()
        assert isinstance(widget, QLineEdit)
        return widget.text().strip()

    def details(self) -> tuple[str, dict[str, Any]]:
        step = STEPS[self.step.currentData()]
        entered = {name: self._value(name) for name in self.shown_fields()}
        entered["exhibit"] = self.exhibit.text().strip()
        participants = [p.strip() for p in self.participants.text().split(",") if p.strip()]
        at = self.at.text().strip() or None
        return step.name, step_details(
            self._session, step, entered, participants, at, self.note.text().strip()
        )

    def unanswered(self) -> list[str]:
        """The labels of the shown yes/no fields that have no answer yet."""
        return [
            self.tr(STEPS[self.step.currentData()].fields[index].label)
            for index, name in enumerate(self.shown_fields())
            if isinstance(self.fields[name], Answer) and self._value(name) is None
        ]

    def _record(self) -> None:
        missing = self.unanswered()
        if missing:
            show_error(
                self, self.tr("Custody event not recorded"), self.tr("Choose: {0}").format(", ".join(missing))
            )
            return
        try:
            command = f"custody {STEPS[self.step.currentData()].verb} {self.exhibit.text().strip()}"
            with refusals_recorded(self._session, command):  # the refusal is on the record, as on the CLI
                step, details = self.details()
                self.recorded = record_step(self._session, step, details)
        except Exception as error:  # noqa: BLE001 - refused steps are explained, the dialog stays open
            self.refusals += 1
            show_error(self, self.tr("Custody event not recorded"), describe(error))
            return
        self.accept()
