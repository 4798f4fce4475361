"""Court-ready PDF evidence reports in Korean and English (ReportLab).

gather -> plain values (model), sections -> flowables, pages -> the page frame, builder -> the use case;
texts*.py: the words in both languages (texts_custody.py: the custody fields' labels).
"""

from app.report.builder import ReportCancelled, ReportError, ReportOutcome, ReportRequest, issue_report

__all__ = ["ReportCancelled", "ReportError", "ReportOutcome", "ReportRequest", "issue_report"]
