"""A small scenario with evidenced figures, built here so the engine is tested on its own."""

from __future__ import annotations

import pytest

from blocs.scenario.model import Scenario


def toy_data(arms: float = 4e9, contractors: float = 50e6) -> dict:
    """Three states: a target (RUS) tied to a partner (IRN), a divider (USA) hostile to both."""
    return {
        "id": "toy",
        "title": "Toy triangle",
        "size_attribute": "cinc",
        "sources": [{"id": "doc", "title": "A note", "kind": "analysis", "paragraphs": 9}],
        "actors": [
            {
                "id": "RUS",
                "name": "Russia",
                "attributes": [
                    {
                        "name": "cinc",
                        "value": 0.04,
                        "unit": "index",
                        "evidence": [{"source": "doc", "paragraph": 1, "claim": "size"}],
                    },
                    {
                        "name": "syria_contractor_spending",
                        "value": contractors,
                        "unit": "USD",
                        "per": "month",
                        "evidence": [
                            {
                                "source": "doc",
                                "paragraph": 2,
                                "claim": "up to",
                                "quantity": {
                                    "value": contractors,
                                    "unit": "USD",
                                    "per": "month",
                                    "bound": "at_most",
                                },
                            }
                        ],
                    },
                    {
                        "name": "crimea_cost",
                        "value": 2e9,
                        "unit": "USD",
                        "per": "year",
                        "evidence": [
                            {
                                "source": "doc",
                                "paragraph": 3,
                                "claim": "about",
                                "quantity": {
                                    "value": 2e9,
                                    "unit": "USD",
                                    "per": "year",
                                    "bound": "about",
                                },
                            }
                        ],
                    },
                ],
            },
            {
                "id": "IRN",
                "name": "Iran",
                "attributes": [
                    {
                        "name": "cinc",
                        "value": 0.02,
                        "unit": "index",
                        "evidence": [{"source": "doc", "paragraph": 1, "claim": "size"}],
                    },
                    {
                        "name": "sanctions_relief",
                        "value": 50e9,
                        "unit": "USD",
                        "evidence": [
                            {
                                "source": "doc",
                                "paragraph": 4,
                                "claim": "exact",
                                "quantity": {"value": 50e9, "unit": "USD"},
                            }
                        ],
                    },
                ],
            },
            {
                "id": "USA",
                "name": "United States",
                "attributes": [
                    {
                        "name": "cinc",
                        "value": 0.14,
                        "unit": "index",
                        "evidence": [{"source": "doc", "paragraph": 1, "claim": "size"}],
                    },
                ],
            },
        ],
        "ties": [
            {
                "id": "rus-irn-arms",
                "pair": ["RUS", "IRN"],
                "channel": "military",
                "strength": 0.5,
                "rationale": "arms",
                "evidence": [
                    {
                        "source": "doc",
                        "paragraph": 5,
                        "claim": "deals",
                        "quantity": {"value": arms, "unit": "USD", "bound": "at_least"},
                    }
                ],
            },
            {
                "id": "usa-irn",
                "pair": ["USA", "IRN"],
                "channel": "political",
                "strength": -0.8,
                "rationale": "hostile",
                "evidence": [{"source": "doc", "paragraph": 6, "claim": "x"}],
            },
            {
                "id": "usa-rus",
                "pair": ["USA", "RUS"],
                "channel": "political",
                "strength": -0.2,
                "rationale": "cool",
                "evidence": [{"source": "doc", "paragraph": 7, "claim": "y"}],
            },
        ],
        "focus": {"divider": "USA", "target": "RUS", "partner": "IRN"},
        "stakes": {
            "holdings": [
                {
                    "name": "arms_deals",
                    "kind": "arms",
                    "figure": "ties[rus-irn-arms]",
                    "label": "arms",
                    "shape": "triangular",
                    "loosen": True,
                },
                {
                    "name": "syria_contractors",
                    "kind": "foothold",
                    "figure": "actors[RUS].attributes[syria_contractor_spending]",
                    "label": "foothold",
                },
                {
                    "name": "partner_windfall",
                    "kind": "trade",
                    "figure": "actors[IRN].attributes[sanctions_relief]",
                    "label": "trade",
                },
            ],
            "costs": [
                {
                    "name": "crimea_cost",
                    "figure": "actors[RUS].attributes[crimea_cost]",
                    "label": "relief",
                },
            ],
        },
    }


@pytest.fixture
def toy() -> Scenario:
    return Scenario.model_validate(toy_data())
