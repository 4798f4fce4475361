"""The start screen refuses examiner names with hidden characters or that imitate a profile here."""

import os
from pathlib import Path

import pytest
from conftest import make_examiner
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from ui.start_dialog import StartDialog

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytestmark = pytest.mark.gui


def _try(qtbot, name: str) -> str:  # type: ignore[no-untyped-def]
    dialog = StartDialog()
    qtbot.addWidget(dialog)
    dialog.name.setEditText(name)
    dialog.passphrase.setText("long enough 1")
    dialog.repeat.setText("long enough 1")
    qtbot.mouseClick(dialog.unlock, Qt.MouseButton.LeftButton)
    assert dialog.examiner is None and dialog.pages.currentIndex() == 0
    boxes = dialog.findChildren(QMessageBox, "errorBox")
    return boxes[-1].text() if boxes else ""


def test_hidden_and_look_alike_names_are_refused(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    make_examiner(tmp_path / "config", "Kim Examiner")
    assert "invisible" in _try(qtbot, "Lee\u200bExaminer")
    assert "looks like Kim Examiner" in _try(qtbot, "KIM Exarniner")
    assert not (tmp_path / "config" / "haechi" / "examiners" / "KIM_Exarniner.json").exists()
