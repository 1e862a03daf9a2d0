"""Reports (``/web/reports``): on-time statistics by commune and procedure over a period, with a bar chart
drawn on the server (SVG, no script), the same table as an XLSX file, and the national portal export of one
commune as a download. Read from the dossier index, within the officer's communes and department."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Annotated, Any
from xml.sax.saxutils import escape

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from openpyxl import Workbook
from openpyxl.styles import Font

from dossiers.dossier_record import DOSSIER_RECORD, SCOPE_FIELD
from server.auth import services
from server.dossier_index import FINISHED
from server.portal_export import export_portal, portal_json
from server.sync_replica import ServerReplica
from server.web.i18n import translate
from server.web.pages import Officer, PageNotFound, dossier_officer, render, today, with_headers
from server.web.scope import communes_of, procedures_of

Dossiers = Annotated[Officer, Depends(dossier_officer)]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Line:
    commune: str
    procedure: str
    procedure_name: str
    received: int = 0
    finished: int = 0
    on_time: int = 0
    late: int = 0
    open_overdue: int = 0

    @property
    def on_time_share(self) -> float | None:
        return None if not self.finished else self.on_time / self.finished


def _period(request: Request, day: dt.date) -> tuple[dt.date, dt.date]:
    def date(name: str, default: dt.date) -> dt.date:
        try:
            return dt.date.fromisoformat(request.query_params.get(name, "")[:10])
        except ValueError:
            return default

    start = date("from", day.replace(day=1))
    end = date("to", day)
    return (start, end) if start <= end else (end, start)


def statistics(request: Request, who: Officer, start: dt.date, end: dt.date) -> list[Line]:
    svc = services(request)
    storage = svc.storage
    communes = [c.code for c in communes_of(storage, who)]
    procedures = procedures_of(storage, who)
    day = today(svc)
    where, params = storage.among("commune_code", communes)
    sql = (
        "SELECT commune_code, procedure_code, procedure_name, status, appointment, finished_on"
        f" FROM dossier_index WHERE {where}"
    )
    args: list[Any] = [params]
    if procedures is not None:
        more, values = storage.among("procedure_code", list(procedures))
        sql += f" AND {more}"
        args.append(values)
    sql += " AND received_at >= ? AND received_at < ?"
    args += [start.isoformat(), (end + dt.timedelta(days=1)).isoformat()]
    lines: dict[tuple[str, str], Line] = {}
    finished_values = {s.value for s in FINISHED}
    with storage.transaction() as tx:
        for commune, procedure, name, status, appointment, finished_on in tx.query(sql, args):
            line = lines.setdefault((commune, procedure), Line(commune, procedure, name))
            line.received += 1
            if finished_on:
                line.finished += 1
                if not appointment or finished_on <= appointment:
                    line.on_time += 1
                else:
                    line.late += 1
            elif status not in finished_values and appointment and appointment < day.isoformat():
                line.open_overdue += 1
    return sorted(lines.values(), key=lambda line: (line.commune, line.procedure))


def chart_svg(by_commune: list[tuple[str, int, int, int]], lang: str) -> str:
    """Horizontal bars per commune: on time, late, open and overdue (counts), drawn as SVG."""
    width, left, bar, gap = 760, 230, 18, 10
    height = 40 + len(by_commune) * (bar + gap)
    biggest = max((a + b + c for _, a, b, c in by_commune), default=0) or 1
    scale = (width - left - 60) / biggest
    colours = (("#1d6b32", "report.on_time"), ("#c0392b", "report.late"), ("#e0a100", "report.open_overdue"))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"'
        f' viewBox="0 0 {width} {height}" role="img" aria-label="{escape(translate(lang, "report.chart"))}"'
        ' font-family="sans-serif" font-size="13">'
    ]
    x = left
    for colour, key in colours:  # the legend
        parts.append(f'<rect x="{x}" y="6" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{x + 16}" y="17">{escape(translate(lang, key))}</text>')
        x += 150
    for row, (name, *counts) in enumerate(by_commune):
        y = 30 + row * (bar + gap)
        parts.append(f'<text x="{left - 8}" y="{y + 13}" text-anchor="end">{escape(name[:32])}</text>')
        x = left
        for (colour, _), count in zip(colours, counts, strict=True):
            if count:
                w = max(1.0, count * scale)
                parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar}" fill="{colour}"/>')
                x += w
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 13}">{sum(counts)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def reports_router() -> APIRouter:
    router = APIRouter()

    def names(request: Request, who: Officer) -> dict[str, str]:
        return {c.code: c.name for c in communes_of(services(request).storage, who)}

    @router.get("/web/reports", include_in_schema=False)
    def report_page(request: Request, who: Dossiers) -> Response:
        start, end = _period(request, today(services(request)))
        lines = statistics(request, who, start, end)
        communes = names(request, who)
        totals: dict[str, list[int]] = {}
        for line in lines:
            total = totals.setdefault(line.commune, [0, 0, 0])
            total[0] += line.on_time
            total[1] += line.late
            total[2] += line.open_overdue
        bars = [(communes.get(code, code), *counts) for code, counts in sorted(totals.items())]
        return render(
            request,
            "reports.html",
            who,
            lines=lines,
            communes=communes,
            chart=chart_svg(bars, who.language),
            start=start.isoformat(),
            end=end.isoformat(),
            commune_list=communes_of(services(request).storage, who),
        )

    @router.get("/web/reports/statistics.xlsx", include_in_schema=False)
    def report_xlsx(request: Request, who: Dossiers) -> Response:
        start, end = _period(request, today(services(request)))
        lines = statistics(request, who, start, end)
        communes = names(request, who)
        book = Workbook()
        sheet = book.active
        sheet.title = "Thống kê" if who.language == "vi" else "Statistics"
        t = lambda key: translate(who.language, key)  # noqa: E731
        sheet.append([f"{t('report.title')}: {start.isoformat()} – {end.isoformat()}"])
        header = ["queue.commune", "queue.procedure", "report.received", "report.finished", "report.on_time",
                  "report.late", "report.open_overdue", "report.share"]  # fmt: skip
        sheet.append([t(key) for key in header])
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for line in lines:
            share = line.on_time_share
            sheet.append(
                [
                    communes.get(line.commune, line.commune),
                    f"{line.procedure} {line.procedure_name}",
                    line.received,
                    line.finished,
                    line.on_time,
                    line.late,
                    line.open_overdue,
                    None if share is None else round(share, 4),
                ]
            )
        for column, width in zip("ABCDEFGH", (30, 50, 12, 12, 12, 12, 14, 12), strict=True):
            sheet.column_dimensions[column].width = width
        out = io.BytesIO()
        book.save(out)
        name = f"thong-ke-{start.isoformat()}-{end.isoformat()}.xlsx"
        response = Response(
            out.getvalue(), media_type=XLSX, headers={"Content-Disposition": f'attachment; filename="{name}"'}
        )
        return with_headers(response)

    @router.get("/web/reports/portal.json", include_in_schema=False)
    def portal_download(request: Request, who: Dossiers) -> Response:
        svc = services(request)
        code = request.query_params.get("commune", "")
        commune = svc.storage.get_commune(code) if code.isdigit() and len(code) <= 10 else None
        if commune is None or commune.province_code != who.account.province_code:
            raise PageNotFound()
        start, _ = _period(request, today(svc))
        replica = ServerReplica(
            svc.storage, commune.code, (DOSSIER_RECORD,), scope_field=SCOPE_FIELD, now=svc.now
        )
        dossiers = export_portal(svc.storage, replica, start)
        procedures = procedures_of(svc.storage, who)
        if procedures is not None:
            dossiers = [d for d in dossiers if d.get("MaTTHC") in procedures]
        name = f"cong-dvc-{commune.code}-{start.isoformat()}.json"
        response = Response(
            portal_json(dossiers).encode("utf-8"),
            media_type="application/json",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
        return with_headers(response)

    return router
