"""Fixtures of the report tests: small scenarios, a served what-if page, a headless Chromium."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from blocs.scenario.model import Scenario

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("BLOCS_UPDATE_SNAPSHOTS") == "1"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _evidence(paragraph: int, claim: str, **extra: Any) -> dict[str, Any]:
    return {"source": "doc", "paragraph": paragraph, "claim": claim, **extra}


def toy_data() -> dict[str, Any]:
    """A small scenario with every optional part: sizes, a bloc, figures, notes."""
    return {
        "id": "toy",
        "title": "Toy alliance system",
        "description": "Three states, one bloc.",
        "size_attribute": "cinc",
        "sources": [
            {"id": "doc", "title": "A note on the toy system", "kind": "analysis", "paragraphs": 9}
        ],
        "actors": [
            {
                "id": "AAA",
                "name": "Avalon",
                "attributes": [
                    {
                        "name": "cinc",
                        "value": 0.04,
                        "unit": "index",
                        "evidence": [_evidence(1, "Avalon's capability score.")],
                    },
                    {
                        "name": "war_cost",
                        "value": 7.5e9,
                        "unit": "USD",
                        "per": "year",
                        "evidence": [
                            _evidence(
                                2,
                                "War costs Avalon up to 7.5 bn a year.",
                                quantity={
                                    "value": 7.5e9,
                                    "unit": "USD",
                                    "per": "year",
                                    "bound": "at_most",
                                },
                            )
                        ],
                    },
                ],
            },
            {
                "id": "BBB",
                "name": "Brigadoon",
                "attributes": [
                    {
                        "name": "cinc",
                        "value": 0.01,
                        "unit": "index",
                        "evidence": [_evidence(1, "Brigadoon's capability score.")],
                    }
                ],
            },
            {"id": "CCC", "name": "Camelot"},
            {"id": "PACT", "name": "The Pact", "kind": "bloc"},
        ],
        "memberships": [
            {
                "actor": "AAA",
                "bloc": "PACT",
                "status": "member",
                "evidence": [_evidence(3, "Avalon leads the Pact.")],
            }
        ],
        "ties": [
            {
                "id": "ab-mil",
                "pair": ["AAA", "BBB"],
                "channel": "military",
                "strength": 0.6,
                "rationale": "They fight side by side.",
                "evidence": [
                    _evidence(
                        4,
                        "Joint campaign.",
                        quantity={"value": 1e10, "unit": "USD", "bound": "at_least"},
                    )
                ],
            },
            {
                "id": "ac-pol",
                "pair": ["AAA", "CCC"],
                "channel": "political",
                "strength": -0.5,
                "rationale": "Old rivals.",
                "period": {"start": "2015"},
                "evidence": [_evidence(5, "They distrust each other.", confidence="high")],
            },
            {
                "id": "bc-eco",
                "pair": ["BBB", "CCC"],
                "channel": "economic",
                "strength": -0.2,
                "rationale": "Sanctions.",
                "evidence": [
                    _evidence(
                        6,
                        "Camelot sanctions Brigadoon.",
                        note="The source dates the sanctions a year late.",
                    )
                ],
            },
        ],
        "notes": [
            {
                "topic": "A wrong date",
                "text": "The source puts the sanctions in the wrong year.",
                "evidence": [_evidence(6, "The sanctions are dated to last year.")],
            }
        ],
    }


HOSTILE = "<script>alert(1)</script>\"'&<img src=x onerror=alert(2)>"


def hostile_data() -> dict[str, Any]:
    """The toy scenario with a hostile string in every free-text field."""
    data = toy_data()
    data["title"] = "T " + HOSTILE
    data["description"] = "D " + HOSTILE
    data["sources"][0].update(
        title=HOSTILE,
        publisher="P " + HOSTILE,
        author="A " + HOSTILE,
        url="javascript:alert(3)",
        cite="C " + HOSTILE,
    )
    for actor in data["actors"]:
        actor["name"] = actor["name"] + HOSTILE
        for attr in actor.get("attributes", []):
            attr["unit"] = "U" + HOSTILE
            for ev in attr["evidence"]:
                ev["claim"] = "E " + HOSTILE
                ev["note"] = "N " + HOSTILE
    for tie in data["ties"]:
        tie["rationale"] = "R " + HOSTILE
        for ev in tie["evidence"]:
            ev["claim"] = "E " + HOSTILE
            ev["note"] = "N " + HOSTILE
            if "quantity" in ev:
                ev["quantity"]["unit"] = "Q" + HOSTILE
    for m in data["memberships"]:
        for ev in m["evidence"]:
            ev["claim"] = "M " + HOSTILE
    for note in data["notes"]:
        note["topic"] = "T " + HOSTILE
        note["text"] = "X " + HOSTILE
        note["evidence"][0]["claim"] = "E " + HOSTILE
    return data


def bare_data() -> dict[str, Any]:
    """The toy scenario without its optional parts: no sizes, no notes, no memberships."""
    data = toy_data()
    data.pop("size_attribute")
    data.pop("notes")
    data.pop("memberships")
    data["actors"] = [
        {"id": a["id"], "name": a["name"], **({"kind": a["kind"]} if "kind" in a else {})}
        for a in data["actors"]
    ]
    return data


@pytest.fixture
def toy() -> Scenario:
    return Scenario.model_validate(toy_data())


@pytest.fixture
def hostile() -> Scenario:
    return Scenario.model_validate(hostile_data())


@pytest.fixture
def hostile_text() -> str:
    return HOSTILE


@pytest.fixture
def bare() -> Scenario:
    return Scenario.model_validate(bare_data())


@pytest.fixture
def snapshot() -> Callable[[str, str], None]:
    """Compare text with ``snapshots/<name>``; ``BLOCS_UPDATE_SNAPSHOTS=1`` rewrites them."""

    def check(name: str, text: str) -> None:
        path = SNAPSHOTS / name
        if UPDATE or not path.exists():
            if not UPDATE:
                pytest.fail(
                    f"snapshot {name} is missing: run BLOCS_UPDATE_SNAPSHOTS=1 pytest tests/report"
                )
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            return
        expected = path.read_text(encoding="utf-8")
        assert text == expected, (
            f"{name} differs from its snapshot; if the change is intended, run "
            "BLOCS_UPDATE_SNAPSHOTS=1 pytest tests/report and review the diff"
        )

    return check


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """A uvicorn server in a thread, serving an app on a free local port."""

    def __init__(self, app: Any):
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the what-if server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def serve_app() -> Iterator[Callable[[Any], LiveServer]]:
    """Start an app on a free port for the test; stopped afterwards."""
    started: list[LiveServer] = []

    def start(app: Any) -> LiveServer:
        server = LiveServer(app).__enter__()
        started.append(server)
        return server

    yield start
    for server in started:
        server.__exit__()


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's headless Chromium driven by Playwright. When it is absent the browser tests skip
    with the command to run (``make test`` installs it as root); with ``BLOCS_REQUIRE_BROWSER=1``
    (as in CI) they fail instead."""
    if not CHROMIUM.exists():
        reason = (
            "browser tests need Debian's chromium at /usr/bin/chromium: "
            "run 'sudo apt-get install -y chromium chromium-driver' (make test does it as root)"
        )
        if os.environ.get("BLOCS_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
