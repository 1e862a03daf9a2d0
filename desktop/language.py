"""The desk's language: Vietnamese by default, English on request, switched live.

Source strings are English, inside ``tr()``. ``resources/translations/motcua_<lang>.ts`` hold the
translations (updated with ``pyside6-lupdate``); the compiled ``.qm`` files are committed beside them, and a
test checks they match a fresh ``pyside6-lrelease`` of the ``.ts``, so a build never ships a stale catalogue
and the desk needs no Qt tools at run time. If a ``.qm`` is missing (a development checkout that deleted it),
:func:`catalogue_bytes` compiles the ``.ts`` into a cache folder with ``pyside6-lrelease`` when available.

Qt ships no Vietnamese translation of its own strings, so ``qtbase_vi.ts`` (kept by hand: lupdate does not
see Qt's sources) holds the ones the desk shows: the buttons of message boxes, Qt's own file dialog (the desk
never uses the system's, see :func:`desktop.app.build`), the text fields' context menu, the print preview. It
is compiled into the same ``motcua_vi.qm``.

Switching installs a new :class:`QTranslator`; Qt then sends every widget a ``LanguageChange`` event and each
of the desk's widgets re-sets its texts in ``retranslate()``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from resources import resource_path

TRANSLATIONS_DIR = resource_path("translations")
CATALOGUE_PREFIX = "motcua_"
QT_CATALOGUE_PREFIX = "qtbase_"


def ts_path(language: str, folder: Path = TRANSLATIONS_DIR) -> Path:
    return folder / f"{CATALOGUE_PREFIX}{language}.ts"


def qt_ts_path(language: str, folder: Path = TRANSLATIONS_DIR) -> Path:
    """Qt's own strings in ``language`` (message box buttons, file dialog), compiled with the desk's."""
    return folder / f"{QT_CATALOGUE_PREFIX}{language}.ts"


def qm_path(language: str, folder: Path = TRANSLATIONS_DIR) -> Path:
    return folder / f"{CATALOGUE_PREFIX}{language}.qm"


def lrelease_program() -> str | None:
    """``pyside6-lrelease`` beside the running Python, or on the PATH."""
    beside = Path(sys.executable).with_name("pyside6-lrelease")
    if beside.exists():
        return str(beside)
    return shutil.which("pyside6-lrelease")


def catalogue_sources(ts: Path) -> list[Path]:
    """The ``.ts`` files one ``.qm`` is compiled from: the desk's, then Qt's strings beside it if any."""
    language = ts.stem.removeprefix(CATALOGUE_PREFIX)
    qt = qt_ts_path(language, ts.parent)
    return [ts, qt] if qt.exists() else [ts]


def compile_catalogue(ts: Path, qm: Path) -> None:
    """Compile ``ts`` (with its Qt strings, :func:`catalogue_sources`) to ``qm`` with ``pyside6-lrelease``;
    raises ``RuntimeError`` if that is impossible."""
    program = lrelease_program()
    if program is None:
        raise RuntimeError("pyside6-lrelease is not installed")
    qm.parent.mkdir(parents=True, exist_ok=True)
    sources = [str(path) for path in catalogue_sources(ts)]
    result = subprocess.run(
        [program, "-silent", *sources, "-qm", str(qm)], capture_output=True, text=True, timeout=120
    )
    if result.returncode != 0 or not qm.exists():
        raise RuntimeError(f"pyside6-lrelease failed: {result.stderr.strip()[:500]}")


def catalogue_bytes(
    language: str, *, folder: Path = TRANSLATIONS_DIR, cache_dir: Path | None = None
) -> bytes | None:
    """The compiled catalogue of ``language`` (``None`` for none: the English source strings are shown).

    Reads the committed ``.qm``; if it is missing but the ``.ts`` exists, compiles it into ``cache_dir``
    (default: a folder in the temporary directory). Touches the disk: call it off the UI thread.
    """
    qm = qm_path(language, folder)
    if qm.exists():
        return qm.read_bytes()
    ts = ts_path(language, folder)
    if not ts.exists():
        return None
    cache = (cache_dir or Path(tempfile.gettempdir()) / "motcua-translations") / qm.name
    newest = max(path.stat().st_mtime for path in catalogue_sources(ts))
    if not cache.exists() or cache.stat().st_mtime < newest:
        try:
            compile_catalogue(ts, cache)
        except RuntimeError:
            return None
    return cache.read_bytes()


class LanguageSwitcher:
    """Owns the desk's translator; :meth:`apply` swaps it (widgets then get ``LanguageChange``)."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._translator: QTranslator | None = None
        self._data: bytes | None = None  # QTranslator reads from this buffer: keep it alive
        self.language = "en"

    def apply(self, language: str, catalogue: bytes | None) -> bool:
        """Install ``catalogue`` (from :func:`catalogue_bytes`) for ``language``; False if it is unusable."""
        translator: QTranslator | None = None
        if catalogue:
            translator = QTranslator(self._app)
            if not translator.load(catalogue):
                return False
        if self._translator is not None:
            self._app.removeTranslator(self._translator)
            self._translator.deleteLater()
        self._translator, self._data = translator, catalogue
        if translator is not None:
            self._app.installTranslator(translator)
        self.language = language
        QLocale.setDefault(
            QLocale(QLocale.Language.Vietnamese if language == "vi" else QLocale.Language.English)
        )
        return True

    def release(self) -> None:
        """Take this switcher's translator out of the application (another desk's stays, e.g. the real desk
        under practice mode)."""
        if self._translator is not None:
            self._app.removeTranslator(self._translator)
            self._translator.deleteLater()
        self._translator, self._data = None, None


def is_vietnamese() -> bool:
    """Whether the desk speaks Vietnamese now: yes unless English was chosen (Vietnamese is the default)."""
    return QLocale().language() != QLocale.Language.English
