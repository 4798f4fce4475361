"""Desktop application entry: language, start dialog, main window."""

import sys

from PySide6.QtWidgets import QApplication

from app.cases import CaseSession
from app.settings import load_settings
from ui.i18n import install_language


class Desktop:
    """Keeps the one main window; rebuilds it around the same open case when the language changes."""

    def __init__(self, session: CaseSession) -> None:
        from ui.main_window import MainWindow

        self.session = session
        self.window = MainWindow(session)
        self.window.language_changed.connect(self.rebuild)

    def rebuild(self) -> None:
        from ui.main_window import MainWindow

        settings = load_settings()
        install_language(settings.language)
        self.session.tz = settings.timezone
        old = self.window
        self.window = MainWindow(self.session)
        self.window.language_changed.connect(self.rebuild)
        self.window.setGeometry(old.geometry())
        old.keep_session = True
        old.close()
        old.deleteLater()
        self.window.show()


def run_gui() -> int:
    from ui.start_dialog import StartDialog

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Haechi")
    app.setOrganizationName("haechi")
    install_language(load_settings().language)
    start = StartDialog()
    if start.exec() != StartDialog.DialogCode.Accepted or start.session is None:
        return 0
    desktop = Desktop(start.session)
    desktop.window.resize(1500, 920)
    desktop.window.show()
    return int(app.exec())
