"""Korean and English through Qt's translation system (.ts sources, .qm built by `make translations`)."""

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

TRANSLATIONS = Path(__file__).resolve().parents[1] / "resources" / "translations"
LANGUAGES = {"ko": "한국어", "en": "English"}
_installed: list[QTranslator] = []


def install_language(language: str) -> bool:
    """Use `language` for windows made from now on; English needs no file. False when the .qm is missing."""
    app = QCoreApplication.instance()
    assert app is not None
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(QLocale(QLocale.Language.Korean if language == "ko" else QLocale.Language.English))
    if language == "en":
        return True
    qt_own = QTranslator(app)  # Qt's own texts: OK, Cancel, Next, the file dialog
    if qt_own.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    translator = QTranslator(app)
    if not translator.load(str(TRANSLATIONS / f"haechi_{language}.qm")):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    return True


def translate(context: str, text: str) -> str:
    """Translate outside a QObject method (lupdate finds the QCoreApplication.translate form)."""
    return QCoreApplication.translate(context, text)


def current_language() -> str:
    """The language (ko or en) install_language chose for the windows made from now on."""
    return "ko" if QLocale().language() == QLocale.Language.Korean else "en"
