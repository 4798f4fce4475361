"""The details pane: metadata, hashes, provenance, tags, warnings; hex, text and picture views."""

import html
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QFontDatabase, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.browse.content import HEX_PAGE, PICTURE_LIMIT, TEXT_LIMIT, ContentPage, decode_text, hex_dump
from app.browse.details import FileDetails
from app.common.progress import human_bytes
from app.common.timeview import local_text
from app.custody.steps import STEPS
from ui.content_worker import ContentWorker
from ui.file_model import category_title, header_titles

ENCODINGS = ("auto", "utf-8", "cp949", "euc-kr", "utf-16-le", "utf-16-be", "latin-1")


class DetailsPane(QWidget):
    untag_requested = Signal(int)  # a tag id

    def __init__(self, worker: ContentWorker, zone: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._worker, self._zone = worker, zone
        self._details: FileDetails | None = None
        self._pending: dict[int, str] = {}  # token -> which view asked
        self._hex_offset = 0
        self._text_bytes = b""
        self.banner = QLabel(
            self.tr(
                "RECOVERED CONTENT - this file is deleted; its content was read from "
                "unallocated space and may be incomplete or belong to another file."
            )
        )
        self.banner.setObjectName("recoveredBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "background:#b3261e;color:white;font-weight:bold;padding:6px;border-radius:3px"
        )
        self.banner.hide()
        self.tabs = QTabWidget()
        self.info = QTextBrowser()
        self.info.setOpenLinks(False)
        self.info.anchorClicked.connect(self._link)
        self.tabs.addTab(self.info, self.tr("Details"))
        self.tabs.addTab(self._hex_tab(), self.tr("Hex"))
        self.tabs.addTab(self._text_tab(), self.tr("Text"))
        self.tabs.addTab(self._picture_tab(), self.tr("Picture"))
        self.tabs.currentChanged.connect(lambda _: self._load_current())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs)
        worker.ready.connect(self._on_ready)
        worker.failed.connect(self._on_failed)
        self.show_file(None)

    # building -----------------------------------------------------------------------------------
    def _hex_tab(self) -> QWidget:
        tab = QWidget()
        self.hex_view = QPlainTextEdit(readOnly=True)
        self.hex_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.hex_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.hex_prev = QPushButton(self.tr("◀ Previous"))
        self.hex_next = QPushButton(self.tr("Next ▶"))
        self.hex_where = QLabel()
        self.hex_goto = QLineEdit(placeholderText=self.tr("go to offset (e.g. 0x1f000)"))
        self.hex_goto.setMaximumWidth(200)
        self.hex_goto.returnPressed.connect(self._goto)
        self.hex_prev.clicked.connect(lambda: self._hex_page(self._hex_offset - HEX_PAGE))
        self.hex_next.clicked.connect(lambda: self._hex_page(self._hex_offset + HEX_PAGE))
        bar = QHBoxLayout()
        bar.addWidget(self.hex_prev)
        bar.addWidget(self.hex_where, 1)
        bar.addWidget(self.hex_goto)
        bar.addWidget(self.hex_next)
        layout = QVBoxLayout(tab)
        layout.addLayout(bar)
        layout.addWidget(self.hex_view)
        return tab

    def _text_tab(self) -> QWidget:
        tab = QWidget()
        self.encoding = QComboBox()
        self.encoding.addItems(ENCODINGS)
        self.encoding.setItemText(0, self.tr("automatic"))
        self.encoding.currentIndexChanged.connect(lambda _: self._show_text())
        self.text_note = QLabel()
        self.text_view = QPlainTextEdit(readOnly=True)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Encoding:")))
        bar.addWidget(self.encoding)
        bar.addWidget(self.text_note, 1)
        layout = QVBoxLayout(tab)
        layout.addLayout(bar)
        layout.addWidget(self.text_view)
        return tab

    def _picture_tab(self) -> QWidget:
        self.picture = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setWidget(self.picture)
        return area

    # showing a file -----------------------------------------------------------------------------
    def show_file(self, details: FileDetails | None) -> None:
        self._details = details
        self._pending.clear()
        self._hex_offset = 0
        self._text_bytes = b""
        self.hex_view.clear()
        self.text_view.clear()
        self.picture.clear()
        self.banner.setVisible(details is not None and details.recovered)
        self.info.setHtml(self._info_html(details) if details else self.tr("Select a file."))
        self._load_current()

    def show_evidence(self, item: dict[str, Any]) -> None:
        """An evidence item chosen in the tree: where the image is, its hashes, seizure and import."""
        self.show_file(None)
        titles = {
            "label": self.tr("Label"),
            "source_path": self.tr("Image"),
            "format": self.tr("Format"),
            "size": self.tr("Size"),
            "exhibit": self.tr("Exhibit"),
            "seized_from": self.tr("Seized from"),
            "seized_at": self.tr("Seized at"),
            "seal": self.tr("Seal"),
            "added_by": self.tr("Added by"),
            "added_at": self.tr("Added at"),
            "import_state": self.tr("Import"),
            "files": self.tr("Files"),
        }
        linked = self.tr("(from the custody record of exhibit {0})").format(item.get("exhibit"))
        rows = [
            (title, f"{item.get(key)} {linked}" if key in item.get("from_custody", ()) else item.get(key))
            for key, title in titles.items()
        ]
        size = int(item.get("size") or 0)
        rows[3] = (titles["size"], f"{human_bytes(size)} ({size:,} bytes)")
        custody = item.get("custody") or {}
        labels = {entry.name: entry.label for entry in STEPS["seized"].fields}  # as the custody dialog
        for key in ("description", "make", "model", "serial", "capacity", "location", "authority"):
            if custody.get(key):
                rows.append((QCoreApplication.translate("CustodyDialog", labels[key]), custody[key]))
        hashes = [
            ("MD5", item.get("md5")),
            ("SHA-1", item.get("sha1")),
            ("SHA-256", item.get("sha256")),
            (self.tr("MD5 stored in the image"), item.get("stored_md5")),
            (self.tr("SHA-1 stored in the image"), item.get("stored_sha1")),
            (self.tr("Stored hashes"), item.get("stored_hash_check")),
            (self.tr("Last verification"), item.get("last_verification")),
        ]
        broken = [
            self.tr("DEVIATION: seal {0} was found broken when unsealed (ledger event {1})").format(
                b.seal, b.seq
            )
            for b in item.get("broken_seals", ())
        ]
        self.info.setHtml(
            "".join(f"<p style='color:#b00020'><b>{html.escape(line)}</b></p>" for line in broken)
            + _table(self.tr("Evidence"), rows)
            + _table(self.tr("Image hashes"), hashes, mono=True)
        )
        self.tabs.setCurrentIndex(0)

    def _readable(self) -> bool:
        return self._details is not None and self._details.file["inode"] is not None

    def _load_current(self) -> None:
        if not self._readable():
            return
        view = ("info", "hex", "text", "picture")[self.tabs.currentIndex()]
        if view == "hex" and not self.hex_view.toPlainText():
            self._hex_page(self._hex_offset)
        elif view == "text" and not self._text_bytes:
            self._ask("text", 0, TEXT_LIMIT)
        elif view == "picture" and self.picture.pixmap().isNull():
            self._ask_picture()

    def _ask(self, view: str, offset: int, length: int) -> None:
        assert self._details is not None
        self._pending[self._worker.request(int(self._details.file["id"]), offset, length)] = view

    def _hex_page(self, offset: int) -> None:
        if self._details is None:
            return
        size = int(self._details.file["size"] or 0)
        self._hex_offset = max(0, min(offset, max(size - 1, 0) // HEX_PAGE * HEX_PAGE))
        self.hex_where.setText(self.tr("reading…"))
        self._ask("hex", self._hex_offset, HEX_PAGE)

    def _link(self, url: QUrl) -> None:
        if url.scheme() == "untag":
            self.untag_requested.emit(int(url.path()))

    def _goto(self) -> None:
        text = self.hex_goto.text().strip().lower()
        try:
            offset = int(text, 16) if text.startswith("0x") else int(text)
        except ValueError:
            self.hex_where.setText(self.tr("Not an offset: {0}").format(text))
            return
        self._hex_page(offset // HEX_PAGE * HEX_PAGE)

    def _ask_picture(self) -> None:
        assert self._details is not None
        mime = self._details.file["mime"] or ""
        if not mime.startswith("image/"):
            self.picture.setText(self.tr("Not a picture ({0}).").format(mime or "?"))
        elif int(self._details.file["size"] or 0) > PICTURE_LIMIT:
            self.picture.setText(
                self.tr("Too large to preview ({0}).").format(human_bytes(self._details.file["size"]))
            )
        else:
            self._ask("picture", 0, PICTURE_LIMIT)

    # answers from the reader --------------------------------------------------------------------
    def _on_ready(self, token: int, page: ContentPage) -> None:
        view = self._pending.pop(token, None)
        if view == "hex":
            end = page.offset + len(page.data)
            self.hex_view.setPlainText(hex_dump(page.data, page.offset))
            self.hex_where.setText(
                self.tr("bytes {0:,}-{1:,} of {2:,}").format(page.offset, max(end - 1, 0), page.size)
            )
            self.hex_prev.setEnabled(page.offset > 0)
            self.hex_next.setEnabled(end < page.size)
        elif view == "text":
            self._text_bytes = page.data
            self._show_text(page.size)
        elif view == "picture":
            pixmap = QPixmap()
            if pixmap.loadFromData(page.data):
                self._show_picture(pixmap)
            else:
                self.picture.setText(self.tr("The picture cannot be decoded (damaged or partial content)."))

    def _show_picture(self, pixmap: QPixmap) -> None:
        """Native size, or scaled down to the view (never up: a preview must not invent detail)."""
        view = self.tabs.currentWidget()
        room = view.size() if view is not None else pixmap.size()
        if pixmap.width() > room.width() or pixmap.height() > room.height():
            keep, smooth = Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            pixmap = pixmap.scaled(room, keep, smooth)
        self.picture.setPixmap(pixmap)

    def _on_failed(self, token: int, message: str) -> None:
        view = self._pending.pop(token, None)
        if view is None:
            return
        text = self.tr("Content cannot be read: {0}").format(message)
        {"hex": self.hex_view.setPlainText, "text": self.text_view.setPlainText}.get(
            view, self.picture.setText
        )(text)
        self.hex_where.setText("")

    def _show_text(self, size: int | None = None) -> None:
        chosen = None if self.encoding.currentIndex() == 0 else self.encoding.currentText()
        text, used = decode_text(self._text_bytes, chosen)
        self.text_view.setPlainText(text)
        shown = self.tr("encoding {0}").format(used)
        if size is not None and size > len(self._text_bytes):
            shown += " - " + self.tr("first {0} shown").format(human_bytes(len(self._text_bytes)))
        self.text_note.setText(shown)

    def _info_html(self, d: FileDetails) -> str:
        f = d.file
        rows: list[tuple[str, Any]] = [
            (self.tr("Name"), html.escape(f["name"])),
            (self.tr("Path"), html.escape(f["path"])),
            (self.tr("Size"), f"{human_bytes(f['size'] or 0)} ({(f['size'] or 0):,} bytes)"),
            (self.tr("State"), self.tr("deleted") if not f["allocated"] else self.tr("allocated")),
            (
                self.tr("Content"),
                html.escape(f["content"] + (f" - {f['read_error']}" if f["read_error"] else "")),
            ),
            (self.tr("Recovered by"), html.escape(f["recovery"] or "-")),  # README: the match rules
            (self.tr("Type"), html.escape(f"{f['mime'] or '-'} {f['description'] or ''}")),
            (self.tr("Extension mismatch"), self.tr("yes") if f["ext_mismatch"] else self.tr("no")),
        ]
        for key, title in (
            ("mtime", self.tr("Modified")),
            ("atime", self.tr("Accessed")),
            ("ctime", self.tr("Changed")),
            ("crtime", self.tr("Created")),
        ):
            if f[key]:
                rows.append((title, f"{local_text(f[key], self._zone)} &nbsp; <small>UTC {f[key]}</small>"))
        hashes = [("MD5", f["md5"]), ("SHA-1", f["sha1"]), ("SHA-256", f["sha256"])]
        steps = {
            "image": self.tr("image"),
            "partition": self.tr("partition"),
            "file system": self.tr("file system"),
            "path": self.tr("path"),
            "inode": self.tr("inode"),
        }
        provenance = [(steps.get(step, step), value) for step, value in d.provenance]
        tags = [
            (
                t.tag,
                f"{html.escape(t.note)} <small>({html.escape(t.created_by)}, "
                f"{local_text(t.created_at, self._zone)})</small> &nbsp; "
                f"<a href='untag:{t.id}'>{self.tr('remove')}</a>",
            )
            for t in d.tags
        ]
        warnings = [(w["code"], w["message"]) for w in d.warnings]
        parts = [
            _table(self.tr("File"), rows, escape_values=False),
            _table(self.tr("Hashes"), hashes, mono=True),
            _table(self.tr("Provenance"), provenance),
        ]
        if d.hits:
            hits = [
                (
                    h.set_name,
                    self.tr("{0}, version {1}, by {2}").format(
                        category_title(h.category), h.set_version, h.algorithm.upper()
                    ),
                )
                for h in d.hits
            ]
            parts.insert(1, _table(header_titles()["hash_hits"], hits))
        if tags:
            parts.append(_table(self.tr("Tags"), tags, escape_values=False))
        if warnings:
            parts.append(_table(self.tr("Warnings"), warnings))
        return "".join(parts)


def _table(title: str, rows: list[tuple[str, Any]], mono: bool = False, escape_values: bool = True) -> str:
    cells = []
    for key, value in rows:
        text = "-" if value is None else str(value)
        if escape_values:
            text = html.escape(text)
        style = " style='font-family:monospace'" if mono else ""
        label = f"<td style='color:#555;padding-right:12px'>{html.escape(key)}</td>"
        cells.append(f"<tr>{label}<td{style}>{text}</td></tr>")
    return f"<h3 style='margin:8px 0 4px 0'>{html.escape(title)}</h3><table>{''.join(cells)}</table>"
