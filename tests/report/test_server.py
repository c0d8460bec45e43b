"""The what-if server: validation with readable messages, fixed files only, no execution."""

from __future__ import annotations

import httpx
import pytest

import blocs
from blocs.report.live import available_overlays
from blocs.report.server import create_app

GOOD = {"inducement_usd": 5e9, "credibility": 0.5, "horizon_years": 10}


@pytest.fixture(scope="module")
def builtin():
    return blocs.load("russia-iran-2017")


@pytest.fixture
def server(serve_app, builtin):
    return serve_app(create_app(builtin, draws=500))


def post(server, body) -> httpx.Response:
    return httpx.post(f"{server.url}/api/whatif", json=body, timeout=30)


def test_config_names_scenario_draws_and_overlays(server) -> None:
    config = httpx.get(f"{server.url}/api/config").json()
    assert config["scenario"]["id"] == "russia-iran-2017"
    assert config["draws"] == 500
    shipped = [o.id for o in available_overlays(blocs.load("russia-iran-2017"))]
    assert [o["id"] for o in config["overlays"]] == shipped and shipped


def test_whatif_answers_with_alignment_and_wedge(server) -> None:
    r = post(server, {**GOOD, "overlays": ["syria-war-ends"]})
    assert r.status_code == 200
    view = r.json()
    assert view["alignment"]["network_svg"].startswith("<svg")
    wedge = view["wedge"]
    assert wedge["available"], wedge
    assert wedge["p10"] <= wedge["median"] <= wedge["p90"]
    assert wedge["histogram_svg"].startswith("<svg") and wedge["tornado_svg"].startswith("<svg")
    assert view["request"]["overlays"] == ["syria-war-ends"] and view["draws"] == 500


def test_offer_moves_the_share_of_draws_it_suffices(server) -> None:
    low = post(server, {**GOOD, "inducement_usd": 1e9}).json()["wedge"]
    high = post(server, {**GOOD, "inducement_usd": 4e10}).json()["wedge"]
    assert low["share_offer_enough"] < high["share_offer_enough"]


def test_credibility_moves_the_price(server) -> None:
    doubt = post(server, {**GOOD, "credibility": 0.2}).json()["wedge"]
    trust = post(server, {**GOOD, "credibility": 0.9}).json()["wedge"]
    assert doubt["median"] > trust["median"]


def test_scenario_without_question_shows_alignment_only(serve_app, toy) -> None:
    server = serve_app(create_app(toy, draws=500))
    view = post(server, GOOD).json()
    assert view["wedge"] == {
        "available": False,
        "reason": "not computed: scenario 'toy' names no focus (divider, target, partner)",
    }
    assert view["alignment"]["network_svg"].startswith("<svg")


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


def test_a_scenario_built_from_data_is_served(serve_app, shared_data) -> None:
    from blocs.measure.builder import build_scenario

    built = build_scenario(shared_data, ["EGY", "RUS", "USA"], 1971, 1971).scenario
    server = serve_app(create_app(built, draws=200))
    assert httpx.get(f"{server.url}/").status_code == 200
    config = httpx.get(f"{server.url}/api/config", timeout=30)
    assert config.status_code == 200 and "built-egy-rus-usa-1971" in config.text
