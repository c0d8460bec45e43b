"""The local what-if page: a FastAPI app serving a small vanilla-JavaScript front end.

Routes
------
``GET /``                 the page (package data; no build step, nothing from a CDN)
``GET /static/{name}``    one of the page's own files, by a fixed name (nothing else is read)
``GET /api/config``       the scenario, the defaults, the overlays, the draws per change
``POST /api/whatif``      one setting of the controls (:class:`~blocs.report.live.WhatIfRequest`)
                          → alignment and wedge price with their charts

Every parameter is validated with pydantic; a bad value is answered with HTTP 422 and a JSON body
``{"message": "<field>: <what is wrong>", "errors": [...]}`` that the page shows as text. The
server executes nothing it receives and reads no path it is given: it serves the one scenario it
was started with and its own package files.

Examples
--------
>>> import blocs
>>> app = create_app(blocs.load("russia-iran-2017"))
>>> sorted(r.path for r in app.routes if r.path.startswith("/api"))
['/api/config', '/api/whatif']
"""

from __future__ import annotations

import time
from importlib import resources
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response

from blocs.report.live import PAGE_DRAWS, LivePage, Overlay, WhatIfRequest
from blocs.scenario.model import Scenario

#: The page's files: served by these names only.
STATIC_FILES: dict[str, str] = {"app.js": "text/javascript", "app.css": "text/css"}

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def _static(name: str) -> str:
    return resources.files("blocs.report").joinpath(f"static/{name}").read_text("utf-8")


def _field(loc: Any) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path")]
    out = ""
    for p in parts:
        out += f"[{p}]" if p.isdigit() else (f".{p}" if out else p)
    return out or "request"


def _message(errors: list[dict[str, Any]]) -> str:
    return "; ".join(f"{_field(e.get('loc', ()))}: {e.get('msg', 'invalid')}" for e in errors)


def create_app(
    scenario: Scenario,
    *,
    draws: int = PAGE_DRAWS,
    seed: int = 0,
    overlays: list[Overlay] | None = None,
) -> FastAPI:
    """The what-if app for one scenario (``draws`` Monte Carlo draws per change, ``seed``)."""
    from blocs.report.live import available_overlays

    page = LivePage(
        scenario,
        draws=draws,
        seed=seed,
        overlays=overlays if overlays is not None else available_overlays(scenario),
    )
    app = FastAPI(title="blocs what-if", docs_url=None, redoc_url=None, openapi_url=None)

    @app.middleware("http")
    async def headers(request: Request, call_next: Any) -> Response:
        response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"field": _field(e.get("loc", ())), "message": e.get("msg", "invalid")}
            for e in exc.errors()
        ]
        return JSONResponse(
            status_code=422, content={"message": _message(list(exc.errors())), "errors": errors}
        )

    @app.get("/", response_class=HTMLResponse)
    def index() -> HTMLResponse:
        return HTMLResponse(_static("index.html"))

    @app.get("/static/{name}")
    def static(name: str) -> Response:
        media = STATIC_FILES.get(name)
        if media is None:
            return JSONResponse(status_code=404, content={"message": f"no file '{name}'"})
        return Response(_static(name), media_type=media)

    @app.get("/api/config")
    def config() -> dict[str, Any]:
        return page.config()

    @app.post("/api/whatif")
    def whatif(request: WhatIfRequest) -> JSONResponse:
        problem = page.check_overlays(request.overlays)
        if problem:
            return JSONResponse(
                status_code=422,
                content={
                    "message": problem,
                    "errors": [{"field": "overlays", "message": problem}],
                },
            )
        start = time.perf_counter()
        view = page.view(request)
        view["request"] = request.model_dump()
        view["draws"] = page.draws
        view["seed"] = page.seed
        view["server_ms"] = round(1000 * (time.perf_counter() - start), 1)
        return JSONResponse(view)

    return app


def serve(
    scenario: Scenario, *, host: str = "127.0.0.1", port: int = 8000, draws: int = PAGE_DRAWS
) -> None:  # pragma: no cover - runs until interrupted
    """Run the what-if page with uvicorn until interrupted."""
    import uvicorn

    uvicorn.run(create_app(scenario, draws=draws), host=host, port=port, log_level="warning")
