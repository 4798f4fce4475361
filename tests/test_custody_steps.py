"""The one list of custody steps: the command line's options, the dialog's form, the rules and the
report's labels all come from it, so they cannot drift apart again."""

import argparse
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any QApplication exists
from conftest import cli, ledger_events
from PySide6.QtWidgets import QLabel, QLineEdit, QSpinBox

from app.cases.identity import EnvironmentPassphrase, unlock_examiner
from app.cases.session import open_case
from app.cli.main import build_parser
from app.custody.steps import EVIDENCE, STEP_LIST, STEPS, YES_NO
from app.report.sections_back import details_text
from app.report.texts import action_label
from app.report.texts_custody import FIELD_LABELS_KO
from ui.custody_dialog import Answer, CustodyDialog, form_fields

TS = Path(__file__).resolve().parents[1] / "resources" / "translations" / "haechi_ko.ts"
COMMON = {"help", "exhibit", "participant", "at", "note", "examiner", "passphrase_fd"}


def _verb_parsers() -> dict[str, argparse.ArgumentParser]:
    def subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
        action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        return dict(action.choices)

    return subparsers(subparsers(build_parser())["custody"])


def _cli_fields(parser: argparse.ArgumentParser) -> list[str]:
    return [action.dest for action in parser._actions if action.dest not in COMMON]


def _dialog_translations() -> dict[str, str]:
    context = next(c for c in ET.parse(TS).getroot() if c.findtext("name") == "CustodyDialog")
    return {m.findtext("source") or "": m.findtext("translation") or "" for m in context.iter("message")}


def test_the_steps_have_unique_names_verbs_and_one_meaning_per_field_name() -> None:
    assert len({s.name for s in STEP_LIST}) == len({s.verb for s in STEP_LIST}) == len(STEP_LIST) == 11
    rows = form_fields()
    for step in STEP_LIST:
        for entry in step.fields:  # one dialog row serves every step that asks for this field
            assert (rows[entry.name].label, rows[entry.name].kind) == (entry.label, entry.kind)


def test_the_drifted_device_fields_are_asked_for_by_both_front_ends() -> None:
    parsers = _verb_parsers()
    for verb in ("seize", "receive", "image"):
        assert {"make", "model", "serial", "capacity"} <= set(_cli_fields(parsers[verb]))
    assert {"make", "model", "serial", "capacity"} <= set(form_fields())


@pytest.mark.gui
def test_cli_options_and_dialog_rows_are_the_same_fields_for_every_step(
    qtbot, examiner_env: Path, new_case: Path
) -> None:  # type: ignore[no-untyped-def]
    parsers = _verb_parsers()
    session = open_case(new_case, unlock_examiner("Kim", EnvironmentPassphrase())[0])
    dialog = CustodyDialog(session)
    qtbot.addWidget(dialog)
    try:
        assert set(parsers) == {"status", *(step.verb for step in STEP_LIST)}
        for step in STEP_LIST:
            dialog.step.setCurrentIndex(dialog.step.findData(step.name))
            shown = [name for name, widget in dialog.fields.items() if dialog.form.isRowVisible(widget)]
            assert _cli_fields(parsers[step.verb]) == [entry.name for entry in step.fields], step.verb
            assert sorted(shown) == sorted(entry.name for entry in step.fields), step.name
            for entry in step.fields:
                widget = dialog.fields[entry.name]
                kind = {YES_NO: Answer, EVIDENCE: QSpinBox}.get(entry.kind, QLineEdit)
                assert isinstance(widget, kind), entry.name
                label = dialog.form.labelForField(widget)
                assert isinstance(label, QLabel) and label.text() == entry.label
    finally:
        session.close()


def test_the_rules_require_what_the_list_marks_required() -> None:
    assert STEPS["seized"].required == ("seized_from", "location", "authority")
    assert STEPS["unsealed"].required == ("seal", "seal_intact")
    assert STEPS["hash_confirmed"].required == ("participant", "hashes")
    assert STEPS["checked_out"].required == ("to", "purpose")


def test_every_label_is_in_korean_the_same_in_the_dialog_and_the_report() -> None:
    translations = _dialog_translations()
    for step in STEP_LIST:
        assert translations.get(step.title), step.title
        assert action_label("ko", f"custody.{step.name}") != f"custody.{step.name}".replace("_", " ")
        for entry in step.fields:
            assert translations.get(entry.label) == FIELD_LABELS_KO[entry.label], entry.label
    assert set(FIELD_LABELS_KO) == {entry.label for step in STEP_LIST for entry in step.fields}


def test_the_report_shows_a_steps_fields_under_their_labels_first() -> None:
    details = {"exhibit": "TVBOX-01", "seized_from": "Hong", "make": "X96", "participants": []}
    assert (
        details_text(details, "ko", "custody.seized")
        == "피압수자: Hong; 제조사: X96; exhibit: TVBOX-01; participants: -"
    )
    assert details_text(details, "en", "custody.seized").startswith("Seized from: Hong; Make: X96; ")
    assert details_text(details, "en", "file_tagged").startswith("exhibit: TVBOX-01; make: X96")


def test_cli_records_the_device_fields_under_the_same_keys(
    new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    device = ("--make", "Shenzhen TV", "--model", "X96 Max", "--serial", "SN1", "--capacity", "32 GB")
    seizure = ["--from", "Hong", "--location", "Seoul", "--authority", "W-1"]
    code, _, err = cli(capsys, "custody", str(new_case), "seize", "TVBOX-01", *seizure, *device)
    assert code == 0, err
    code, _, err = cli(capsys, "custody", str(new_case), "image", "TVBOX-01", "--tool", "dd 9.4", *device)
    assert code == 0, err
    recorded = [e["details"] for e in ledger_events(capsys, new_case) if e["action"].startswith("custody.")]
    for details in recorded:
        assert (details["make"], details["model"], details["serial"], details["capacity"]) == (
            "Shenzhen TV",
            "X96 Max",
            "SN1",
            "32 GB",
        )
