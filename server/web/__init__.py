"""The province's web workspace: officers process dossiers and province IT runs the province, in a browser.

Server-rendered pages (Jinja2 templates in ``templates/``), no JavaScript, every asset in ``static/``.
One module
per page group: ``sign_in`` (sign-in, sign-out, password, language), ``queue``, ``dossier_pages``,
``it_pages`` (province IT), ``reports``. ``install_web(app)`` mounts them on the server's FastAPI app.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles

from server.web.dossier_pages import dossier_router
from server.web.it_pages import it_router
from server.web.pages import (
    HERE,
    CsrfRefused,
    PageForbidden,
    PageNotFound,
    SignInNeeded,
    language,
    redirect,
    render,
)
from server.web.queue import queue_router
from server.web.reports import reports_router
from server.web.sessions import COOKIE
from server.web.sign_in import sign_in_router


def install_web(app: FastAPI) -> None:
    """Mount the web workspace (``/web/…``, assets under ``/web/static``)."""
    app.include_router(sign_in_router())
    app.include_router(queue_router())
    app.include_router(dossier_router())
    app.include_router(it_router())
    app.include_router(reports_router())
    app.mount("/web/static", StaticFiles(directory=HERE / "static"), name="web-static")

    @app.exception_handler(SignInNeeded)
    async def sign_in_needed(request: Request, exc: SignInNeeded) -> Response:
        response = redirect("/web/sign-in" + ("?notice=expired" if request.cookies.get(COOKIE) else ""))
        response.delete_cookie(COOKIE, path="/web")
        return response

    @app.exception_handler(PageForbidden)
    async def forbidden(request: Request, exc: PageForbidden) -> Response:
        return render(
            request, "message.html", None, status_code=403, key="forbidden", lang_only=language(request)
        )

    @app.exception_handler(PageNotFound)
    async def not_found(request: Request, exc: PageNotFound) -> Response:
        return render(
            request, "message.html", None, status_code=404, key="not_found", lang_only=language(request)
        )

    @app.exception_handler(CsrfRefused)
    async def csrf_refused(request: Request, exc: CsrfRefused) -> Response:
        return render(
            request, "message.html", None, status_code=403, key="csrf.refused", lang_only=language(request)
        )
