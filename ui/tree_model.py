"""The evidence tree (evidence -> volume -> folders), filled one level when a node is first expanded."""

import sqlite3
from typing import Any

from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QStyle

from app.browse.tree import TreeNode, children, evidence_nodes

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
        }.get(node.kind, QStyle.StandardPixmap.SP_DirIcon)
        item = QStandardItem(style.standardIcon(icon), node.label)
        item.setEditable(False)
        item.setData(node, NODE_ROLE)
        if node.deleted:
            item.setForeground(QBrush(QColor("#b3261e")))
            item.setToolTip(self.tr("deleted folder"))
        placeholder = QStandardItem(_PLACEHOLDER)
        placeholder.setEditable(False)
        item.appendRow(placeholder)
        return item

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
