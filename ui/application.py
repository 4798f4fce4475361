"""Desktop application entry (the main window lands with the desktop issue)."""


def run_gui() -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication([])
    QMessageBox.information(None, "Haechi", "Haechi")
    return app.exec()
