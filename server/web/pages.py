"""What every page shares: the Jinja2 templates, the signed-in officer, CSRF checks, security headers.

Pages are rendered on the server; no page loads a script, a font or a style from another host (the Content
Security Policy says so to the browser too). Errors come out as pages in the officer's language, never as a
stack trace.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from dossiers.lifecycle import Status
from dossiers.vietnam_time import VIETNAM_TIME
from server.auth import services
from server.services import Services
from server.storage.records import Role
from server.web.i18n import language_of, translate
from server.web.sessions import COOKIE, WebSession, csrf_matches, current_session

HERE = Path(__file__).resolve().parent
TEMPLATES = Environment(
    loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]), auto_reload=False
)


def vn_date(value: object) -> str:
    """``2026-03-20`` (or a time starting so) as Vietnam writes it: ``20/03/2026``; anything else as it is."""
    text = str(value or "")
    if len(text) >= 10 and text[4] == "-" and text[7] == "-":
        return f"{text[8:10]}/{text[5:7]}/{text[0:4]}"
    return text


TEMPLATES.filters["vn_date"] = vn_date
TEMPLATES.filters["action_label"] = lambda action, t: t(f"action.{action}")
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; "
        "object-src 'self'; frame-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'self'; "
        "base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
    "X-Frame-Options": "SAMEORIGIN",
}


class SignInNeeded(Exception):
    """No live session: the browser goes to the sign-in page."""


class PageForbidden(Exception):
    """Signed in, but this page is not for this role or department."""


class PageNotFound(Exception):
    pass


class CsrfRefused(Exception):
    pass


@dataclass(frozen=True, repr=False)
class Officer:
    """The signed-in account on a web request."""

    session: WebSession
    language: str

    @property
    def account(self):  # noqa: ANN201 - server.storage.records.Account
        return self.session.account

    @property
    def is_it(self) -> bool:
        return self.account.role is Role.ADMIN

    @property
    def handles_dossiers(self) -> bool:
        return self.account.role in (Role.OFFICER, Role.SUPERVISOR)


def language(request: Request) -> str:
    return language_of(request.cookies.get("lang"))


def secure_cookies(request: Request) -> bool:
    return request.url.scheme == "https" or services(request).config.web_secure_cookies


def officer(request: Request) -> Officer:
    """The signed-in account, or ``SignInNeeded``."""
    svc: Services = services(request)
    idle = dt.timedelta(minutes=svc.config.web_idle_minutes)
    session = current_session(svc.storage, request.cookies.get(COOKIE), now=svc.now(), idle=idle)
    if session is None:
        raise SignInNeeded()
    request.state.principal_id = f"account:{session.account.id}"
    return Officer(session, language(request))


def dossier_officer(request: Request) -> Officer:
    """An officer who handles dossiers (not province IT)."""
    who = officer(request)
    if not who.handles_dossiers:
        raise PageForbidden()
    return who


def it_officer(request: Request) -> Officer:
    who = officer(request)
    if not who.is_it:
        raise PageForbidden()
    return who


def check_csrf(who: Officer, form: Any) -> None:
    if not csrf_matches(who.session.csrf_token, form.get("csrf")):
        raise CsrfRefused()


def today(svc: Services) -> dt.date:
    return svc.now().astimezone(VIETNAM_TIME).date()


def render(
    request: Request, template: str, who: Officer | None = None, status_code: int = 200, **context: Any
) -> HTMLResponse:
    lang = who.language if who is not None else language(request)

    def t(key: str, **params: object) -> str:
        return translate(lang, key, **params)

    def status_label(value: str | Status) -> str:
        try:
            status = Status(value)
        except ValueError:
            return str(value)
        return status.label_vi if lang == "vi" else status.label_en.capitalize()

    html = TEMPLATES.get_template(template).render(
        t=t,
        lang=lang,
        who=who,
        csrf=who.session.csrf_token if who is not None else context.pop("csrf", ""),
        status_label=status_label,
        path=request.url.path,
        **context,
    )
    return HTMLResponse(html, status_code=status_code, headers=SECURITY_HEADERS)


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303, headers={"Cache-Control": "no-store"})


def with_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response
