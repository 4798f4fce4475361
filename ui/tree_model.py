"""The evidence tree (evidence -> volume -> folders), filled one level when a node is first expanded."""

import sqlite3
from typing import Any

from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QStyle

from app.browse.tree import TreeNode, children, evidence_nodes
from ui.file_model import category_title

NODE_ROLE = 0x0100 + 1  # Qt.UserRole + 1
_PLACEHOLDER = "…"


class EvidenceTreeModel(QStandardItemModel):
    def __init__(self, conn: sqlite3.Connection, parent: Any = None) -> None:
        super().__init__(parent)
        self._conn = conn
        self.setHorizontalHeaderLabels([self.tr("Evidence")])
        self.reload()

    def reload(self) -> None:
        self.removeRows(0, self.rowCount())
        for node in children(self._conn, None):
            self.invisibleRootItem().appendRow(self._item(node))

    def add_new_evidence(self) -> None:
        """Show evidence registered since the tree was read (an import running), keeping what is open."""
        root = self.invisibleRootItem()
        shown = {self.node(self.index(row, 0)).evidence_id for row in range(root.rowCount())}  # type: ignore[union-attr]
        for node in evidence_nodes(self._conn):
            if node.evidence_id not in shown:
                root.appendRow(self._item(node))

    def _item(self, node: TreeNode) -> QStandardItem:
        style = QApplication.style()
        icon = {
            "evidence": QStyle.StandardPixmap.SP_DriveHDIcon,
            "volume": QStyle.StandardPixmap.SP_DriveFDIcon,
            "hits": QStyle.StandardPixmap.SP_FileDialogContentsView,
        }.get(node.kind, QStyle.StandardPixmap.SP_DirIcon)
        item = QStandardItem(style.standardIcon(icon), self._label(node))
        item.setEditable(False)
        item.setData(node, NODE_ROLE)
        if node.deleted:
            item.setForeground(QBrush(QColor("#b3261e")))
            item.setToolTip(self.tr("deleted folder"))
        if node.kind != "hits" or node.hash_set is None:  # a set's node has no children
            placeholder = QStandardItem(_PLACEHOLDER)
            placeholder.setEditable(False)
            item.appendRow(placeholder)
        return item

    def _label(self, node: TreeNode) -> str:
        if node.kind != "hits":
            return node.label
        if node.hash_set is None:
            return self.tr("Hash set hits ({0})").format(f"{node.count:,}")
        return f"{node.hash_set} - {category_title(node.label)} ({node.count:,})"

    def node(self, index: Any) -> TreeNode | None:
        value = self.data(index, NODE_ROLE)
        return value if isinstance(value, TreeNode) else None

    def expand_node(self, index: Any) -> None:
        """Replace the placeholder child by the node's real children (one SQL query)."""
        item = self.itemFromIndex(index)
        node = self.node(index)
        if item is None or node is None:
            return
        if item.rowCount() == 1 and item.child(0).data(NODE_ROLE) is None:
            item.removeRow(0)
            for child in children(self._conn, node):
                item.appendRow(self._item(child))
