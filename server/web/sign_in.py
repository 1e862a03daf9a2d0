"""Signing in and out, changing one's password, switching the language (``/web/sign-in`` …)."""

from __future__ import annotations

import logging
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from server.auth import normalise_username, services
from server.errors import BadInput, WeakPassword
from server.passwords import MAX_PASSWORD_CHARS, dummy_hash, hash_password, needs_rehash, verify_password
from server.web import sessions
from server.web.pages import (
    Officer,
    check_csrf,
    officer,
    redirect,
    render,
    secure_cookies,
)
from server.web.sessions import COOKIE, PRE_COOKIE

log = logging.getLogger("motcua.server.web")


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _set_cookie(request: Request, response: Response, name: str, value: str) -> None:
    response.set_cookie(
        name, value, httponly=True, samesite="strict", secure=secure_cookies(request), path="/web"
    )


def _home(who: Officer) -> str:
    return "/web/it" if who.is_it else "/web/queue"


def sign_in_router() -> APIRouter:
    router = APIRouter()

    @router.get("/web", include_in_schema=False)
    @router.get("/web/", include_in_schema=False)
    def home(request: Request) -> Response:
        return redirect(_home(officer(request)))

    @router.get("/web/sign-in", include_in_schema=False)
    def sign_in_page(request: Request, notice: str = "") -> Response:
        token = sessions.new_pre_token()
        shown = notice if notice in ("expired", "signed_out", "password") else ""
        response = render(request, "sign_in.html", csrf=token, notice=shown, error="")
        _set_cookie(request, response, PRE_COOKIE, token)
        return response

    @router.post("/web/sign-in", include_in_schema=False)
    async def sign_in(request: Request) -> Response:
        form = await request.form()
        return await anyio.to_thread.run_sync(
            _sign_in, request, form
        )  # Argon2 and the database: off the loop

    def _sign_in(request: Request, form: Any) -> Response:
        svc = services(request)
        expected = request.cookies.get(PRE_COOKIE) or ""
        if not sessions.csrf_matches(expected, form.get("csrf")):
            return render(request, "sign_in.html", csrf=expected, notice="", error="csrf", status_code=403)
        raw_name, password = form.get("username"), form.get("password")
        try:
            name = normalise_username(raw_name if isinstance(raw_name, str) else "")
        except BadInput:
            name = ""
        keys = [f"address:{_client(request)}"] + ([f"account:{name}"] if name else [])
        now = svc.now()
        wait = sessions.seconds_to_wait(svc.storage, keys, now)
        if wait:
            return render(
                request, "sign_in.html", csrf=expected, notice="", error="wait", seconds=wait, status_code=429
            )
        account = svc.storage.get_account_by_username(name) if name else None
        good = isinstance(password, str) and len(password) <= MAX_PASSWORD_CHARS
        stored = account.password_hash if account is not None else dummy_hash(svc.password_params)
        matches = verify_password(password, stored) if good else False  # type: ignore[arg-type]
        if account is None or not matches or account.disabled_at is not None:
            sessions.record_failure(svc.storage, keys, now)
            log.info("web sign-in refused")
            return render(request, "sign_in.html", csrf=expected, notice="", error="wrong", status_code=401)
        if needs_rehash(account.password_hash, svc.password_params):
            try:
                svc.storage.set_account_password(account.id, hash_password(password, svc.password_params))  # type: ignore[arg-type]
            except WeakPassword:
                pass
        sessions.clear_failures(svc.storage, f"account:{name}")
        old = request.cookies.get(COOKIE)
        if old and old.count(".") == 1:  # whatever session the browser brought ends here
            sessions.end_session(svc.storage, old.split(".")[0], now)
        opened = sessions.open_session(svc.storage, account, now=now, new_id=svc.new_id)
        log.info("web sign-in", extra={"account_id": account.id})
        response = redirect("/web/it" if account.role.value == "admin" else "/web/queue")
        _set_cookie(request, response, COOKIE, opened.cookie)
        response.delete_cookie(PRE_COOKIE, path="/web")
        return response

    @router.post("/web/sign-out", include_in_schema=False)
    async def sign_out(request: Request, who: Annotated[Officer, Depends(officer)]) -> Response:
        form = await request.form()
        check_csrf(who, form)
        svc = services(request)
        await anyio.to_thread.run_sync(sessions.end_session, svc.storage, who.session.id, svc.now())
        response = redirect("/web/sign-in?notice=signed_out")
        response.delete_cookie(COOKIE, path="/web")
        return response

    @router.get("/web/password", include_in_schema=False)
    def password_page(request: Request, who: Annotated[Officer, Depends(officer)]) -> Response:
        return render(request, "password.html", who, error="", done=False)

    @router.post("/web/password", include_in_schema=False)
    async def change_password(request: Request, who: Annotated[Officer, Depends(officer)]) -> Response:
        form = await request.form()
        return await anyio.to_thread.run_sync(_change_password, request, who, form)  # Argon2: off the loop

    def _change_password(request: Request, who: Officer, form: Any) -> Response:
        svc = services(request)
        check_csrf(who, form)
        current, new, again = (form.get(k) for k in ("current", "new", "again"))
        if not all(isinstance(v, str) for v in (current, new, again)):
            return render(request, "password.html", who, error="password.weak", done=False, status_code=400)
        account = svc.storage.get_account(who.account.id)
        assert account is not None
        now = svc.now()
        key = f"account:{account.username}"
        wait = sessions.seconds_to_wait(svc.storage, [key], now)
        if wait:
            return render(
                request, "password.html", who, error="wait", seconds=wait, done=False, status_code=429
            )
        if not verify_password(current, account.password_hash):  # type: ignore[arg-type]
            sessions.record_failure(svc.storage, [key], now)
            return render(request, "password.html", who, error="password.wrong", done=False, status_code=400)
        if new != again:
            return render(request, "password.html", who, error="password.differ", done=False, status_code=400)
        try:
            hashed = hash_password(new, svc.password_params)  # type: ignore[arg-type]
        except WeakPassword:
            return render(request, "password.html", who, error="password.weak", done=False, status_code=400)
        svc.storage.set_account_password(account.id, hashed)
        sessions.end_other_sessions(svc.storage, account.id, None, now)  # this one too: rotated below
        opened = sessions.open_session(svc.storage, account, now=now, new_id=svc.new_id)
        log.info("web password changed", extra={"account_id": account.id})
        fresh = Officer(opened.session, who.language)
        response = render(request, "password.html", fresh, error="", done=True)
        _set_cookie(request, response, COOKIE, opened.cookie)
        return response

    @router.get("/web/language/{lang}", include_in_schema=False)
    def switch_language(request: Request, lang: str) -> Response:
        referer = request.headers.get("referer", "")
        origin = f"{request.url.scheme}://{request.url.netloc}/web"
        back = referer[len(origin) - 4 :] if referer.startswith(origin) else "/web/"
        response = redirect(back if back.startswith("/web") else "/web/")
        response.set_cookie(
            "lang", lang if lang in ("vi", "en") else "vi", samesite="lax", secure=secure_cookies(request),
            path="/web", max_age=365 * 24 * 3600, httponly=True,
        )  # fmt: skip
        return response

    return router
