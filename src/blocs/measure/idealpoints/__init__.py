"""Ideal points from UN General Assembly roll calls.

:mod:`~blocs.measure.idealpoints.model` is the estimator on plain arrays (dynamic ordered probit,
MAP with Laplace standard errors); :mod:`~blocs.measure.idealpoints.unga` reads the Voeten roll
calls and estimates every state's position in every session.
"""

from __future__ import annotations

from blocs.measure.idealpoints.model import (
    DynamicOrdinalFit,
    Priors,
    RollCallData,
    fit_dynamic_ordinal,
    make_roll_call_data,
    simulate_roll_calls,
)
from blocs.measure.idealpoints.unga import (
    IdealPoint,
    IdealPointEstimates,
    RowCounts,
    estimate_ideal_points,
    parse_sessions,
    read_un_votes,
    session_year,
)

__all__ = [
    "DynamicOrdinalFit",
    "IdealPoint",
    "IdealPointEstimates",
    "Priors",
    "RollCallData",
    "RowCounts",
    "estimate_ideal_points",
    "fit_dynamic_ordinal",
    "make_roll_call_data",
    "parse_sessions",
    "read_un_votes",
    "session_year",
    "simulate_roll_calls",
]
