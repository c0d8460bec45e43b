"""The what-if server: validation with readable messages, fixed files only, no execution."""

from __future__ import annotations

import httpx
import pytest

import blocs
from blocs.report.live import Overlay
from blocs.report.server import create_app

GOOD = {"inducement_usd": 5e9, "credibility": 0.5, "horizon_years": 10}


@pytest.fixture
def server(serve_app, toy):
    return serve_app(create_app(toy, draws=500, overlays=[Overlay("calm", "Calm seas")]))


def post(server, body) -> httpx.Response:
    return httpx.post(f"{server.url}/api/whatif", json=body, timeout=30)


def test_config_names_scenario_draws_and_overlays(server) -> None:
    config = httpx.get(f"{server.url}/api/config").json()
    assert config["scenario"]["id"] == "toy"
    assert config["draws"] == 500
    assert [o["id"] for o in config["overlays"]] == ["calm"]


def test_whatif_answers_with_alignment_and_wedge_state(server) -> None:
    r = post(server, {**GOOD, "overlays": ["calm"]})
    assert r.status_code == 200
    view = r.json()
    assert view["alignment"]["network_svg"].startswith("<svg")
    assert isinstance(view["wedge"]["available"], bool)
    if not view["wedge"]["available"]:
        assert view["wedge"]["reason"].startswith("not computed: ")
    assert view["request"]["overlays"] == ["calm"] and view["draws"] == 500


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"inducement_usd": -1}, "inducement_usd"),
        ({"inducement_usd": "lots"}, "inducement_usd"),
        ({"credibility": 0}, "credibility"),
        ({"credibility": 1.5}, "credibility"),
        ({"horizon_years": 0}, "horizon_years"),
        ({"horizon_years": None}, "horizon_years"),
        ({"shell": "rm -rf /"}, "shell"),
        ({"overlays": ["../../etc/passwd"]}, "overlays"),
    ],
)
def test_bad_values_get_a_readable_422(server, change, field) -> None:
    r = post(server, {**GOOD, **change})
    assert r.status_code == 422
    body = r.json()
    assert body["message"].startswith(field)
    assert "Traceback" not in r.text
    assert body["errors"][0]["field"].startswith(field)


def test_missing_field_is_named(server) -> None:
    r = post(server, {"credibility": 0.5, "horizon_years": 3})
    assert r.status_code == 422 and r.json()["message"] == "inducement_usd: Field required"


def test_only_the_pages_own_files_are_served(server) -> None:
    assert httpx.get(f"{server.url}/static/app.js").status_code == 200
    for name in ("server.py", "..%2Fserver.py", "..%2F..%2Fscenario%2Fmodel.py", "index.html"):
        assert httpx.get(f"{server.url}/static/{name}").status_code == 404
    assert httpx.get(f"{server.url}/docs").status_code == 404


def test_security_headers(server) -> None:
    headers = httpx.get(f"{server.url}/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_builtin_scenario_app_starts() -> None:
    app = create_app(blocs.load("russia-iran-2017"))
    assert {r.path for r in app.routes} >= {"/", "/api/config", "/api/whatif"}
