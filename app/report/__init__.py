"""Court-ready PDF evidence reports in Korean and English (ReportLab).

gather -> plain values (model), sections -> flowables, pages -> the page frame, builder -> the use case.
"""

from app.report.builder import ReportCancelled, ReportError, ReportOutcome, ReportRequest, issue_report

__all__ = ["ReportCancelled", "ReportError", "ReportOutcome", "ReportRequest", "issue_report"]
