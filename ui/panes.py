"""The browsing layout the Files and Artifacts tabs share: a tree on the left; on the right, the rows
(with whatever bars sit over them) above the selected row's details."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget


def browsing_panes(
    tree: QWidget, rows: list[QWidget], details: QWidget, heights: list[int], widths: list[int]
) -> QSplitter:
    """`rows` stacked without margins over `details` (split by `heights`), right of `tree` (`widths`)."""
    column = QWidget()
    column_layout = QVBoxLayout(column)
    column_layout.setContentsMargins(0, 0, 0, 0)
    for widget in rows:
        column_layout.addWidget(widget)
    right = QSplitter(Qt.Orientation.Vertical)
    right.addWidget(column)
    right.addWidget(details)
    right.setSizes(heights)
    split = QSplitter(Qt.Orientation.Horizontal)
    split.addWidget(tree)
    split.addWidget(right)
    split.setSizes(widths)
    return split
