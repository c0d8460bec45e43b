"""End to end in a real headless Chromium: the offline report and the served what-if page."""

from __future__ import annotations

from pathlib import Path

import pytest

import blocs
from blocs.report.gather import gather
from blocs.report.html import write_report
from blocs.report.server import create_app

pytestmark = pytest.mark.browser


@pytest.fixture
def page(chromium, tmp_path):
    """A fresh page that records console errors, page errors and dialogs."""
    context = chromium.new_context(viewport={"width": 1200, "height": 1000})
    pg = context.new_page()
    problems: list[str] = []
    pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: problems.append(str(e)))
    pg.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    pg.problems = problems  # type: ignore[attr-defined]
    yield pg
    context.close()


def shot(pg, tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.png"
    pg.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 0
    return path


def test_offline_report_opens_without_network(page, tmp_path) -> None:
    report = write_report(gather(blocs.load("russia-iran-2017")), tmp_path / "report.html")
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(report.path.as_uri())
    assert page.locator("h1").inner_text().startswith("The Russia–Iran axis")
    assert page.locator("section#network svg").count() == 2
    assert page.locator("table.ties tbody tr").count() > 10
    page.locator("table.ties sup.fn a").first.click()
    assert page.evaluate("location.hash").startswith("#ties-fn-")
    assert [u for u in requests if not u.startswith("file:")] == []
    shot(page, tmp_path, "report")
    assert page.problems == []


def test_hostile_scenario_report_runs_nothing(page, hostile, hostile_text, tmp_path) -> None:
    report = write_report(gather(hostile), tmp_path / "hostile.html")
    page.goto(report.path.as_uri())
    assert hostile_text in page.locator("h1").inner_text()
    assert page.locator("img").count() == 0
    shot(page, tmp_path, "hostile")
    assert page.problems == []


def _wait_updates(page, n: int) -> None:
    # a selector, not a predicate: the page's Content-Security-Policy forbids eval
    page.wait_for_selector(f'body[data-updates="{n}"][data-state="ready"]', timeout=30_000)


def test_served_page_recomputes_on_inducement_change(page, serve_app, tmp_path) -> None:
    server = serve_app(create_app(blocs.load("russia-iran-2017")))
    page.goto(server.url + "/")
    _wait_updates(page, 1)
    assert page.locator("#network-chart svg").count() == 1
    before = page.evaluate("window.blocs.last")
    page.fill("#inducement", "40000000000")
    _wait_updates(page, 2)
    after = page.evaluate("window.blocs.last")
    assert after["request"]["inducement_usd"] == 40e9
    assert before["request"]["inducement_usd"] != 40e9
    assert after["wedge"]["available"], after["wedge"]
    # the price text and the chart on the page follow the new offer
    assert page.locator("#wedge-summary").inner_text() == after["wedge"]["summary"]
    assert after["wedge"]["summary"] != before["wedge"]["summary"]
    assert "40 bn USD a year" in page.locator("#wedge-offer").inner_text()
    marker = page.locator("#wedge-chart svg line.marker")
    assert marker.count() == 1
    assert after["wedge"]["histogram_svg"] != before["wedge"]["histogram_svg"]
    assert page.locator("#tornado-chart svg").count() == 1
    assert float(page.evaluate("document.body.dataset.roundTripMs")) > 0
    assert "Updated in" in page.locator("#status").inner_text()
    shot(page, tmp_path, "whatif")
    assert page.problems == []


def test_served_page_shows_bad_value_as_message(page, serve_app, tmp_path) -> None:
    server = serve_app(create_app(blocs.load("russia-iran-2017")))
    page.goto(server.url + "/")
    _wait_updates(page, 1)
    page.fill("#credibility", "7")
    page.wait_for_selector("#error:not([hidden])", timeout=30_000)
    message = page.locator("#error").inner_text()
    assert message.startswith("Not computed: credibility:")
    assert "less than or equal to 1" in message
    shot(page, tmp_path, "bad-value")
    page.fill("#credibility", "0.6")
    _wait_updates(page, 2)
    assert page.locator("#error").is_hidden()
    # the 422 answer shows as a console error for the failed request; nothing else
    assert all("422" in p for p in page.problems), page.problems
