"""Desktop application entry: language, start dialog, main window."""

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app.cases.session import CaseSession
from app.cases.settings import load_settings
from ui.i18n import install_language
from ui.main_window import MainWindow, place_on_screen
from ui.start_dialog import StartDialog


class Desktop:
    """Keeps the one main window: rebuilt around the same case when the language changes, replaced when
    the examiner opens another case."""

    def __init__(self, session: CaseSession) -> None:
        self.session = session
        self.window = self._make_window()

    def _make_window(self) -> MainWindow:
        window = MainWindow(self.session)
        window.language_changed.connect(self.rebuild)
        window.other_case_requested.connect(self.choose_case)
        return window

    def _replace_window(self) -> None:
        old = self.window
        self.window = self._make_window()
        self.window.setGeometry(old.geometry())
        old.deleteLater()
        self.window.show()

    def rebuild(self) -> None:
        settings = load_settings()
        install_language(settings.language)
        self.session.tz = settings.timezone
        self.window.keep_session = True
        self.window.close()
        self._replace_window()

    def choose_case(self) -> None:
        dialog = StartDialog(self.session.examiner, self.window)
        if dialog.exec() == StartDialog.DialogCode.Accepted and dialog.session is not None:
            self.open_session(dialog.session)

    def open_session(self, session: CaseSession) -> None:
        """Close the current window (the examiner may keep it while an import runs); show `session`."""
        if not self.window.close():
            session.close()
            return
        self.session = session
        self._replace_window()


def run_gui(case_folder: Path | None = None) -> int:
    """The desktop; with `case_folder` (`haechi CASE_DIR`) the start dialog asks only who is acting."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Haechi")
    app.setOrganizationName("haechi")
    install_language(load_settings().language)
    start = StartDialog(case_folder=case_folder)
    if start.exec() != StartDialog.DialogCode.Accepted or start.session is None:
        return 0
    desktop = Desktop(start.session)
    place_on_screen(desktop.window)  # a 1366x768 screen shows the filters and the status bar
    desktop.window.show()
    return int(app.exec())
