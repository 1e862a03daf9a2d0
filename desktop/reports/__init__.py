"""Reports: the register (Mẫu 07) and on-time statistics for a period, with a chart; PDF and XLSX export.

Wiring: ``ReportsDialog(desk, background, office, parent=window).open()`` from a menu action.
"""

from desktop.reports.on_time_chart import OnTimeChart, paint_chart
from desktop.reports.reports_dialog import ReportsDialog
from desktop.reports.statistics_pdf import statistics_html, write_statistics_pdf
from workstation.report_data import ReportData, load_report, write_xlsx

__all__ = [
    "OnTimeChart",
    "ReportData",
    "ReportsDialog",
    "load_report",
    "paint_chart",
    "statistics_html",
    "write_statistics_pdf",
    "write_xlsx",
]
