"""How to cite what a report used: the published models and data sets behind each section.

Keys are the result slots of :data:`blocs.report.inputs.PARTS`; a report lists a reference only
when the result it backs was computed.

Examples
--------
>>> MODEL_REFERENCES["landscape"]["cite"].startswith("Axelrod, R. & Bennett, D. S. (1993)")
True
"""

from __future__ import annotations

from typing import Any

from blocs._version import __version__

MODEL_REFERENCES: dict[str, dict[str, str]] = {
    "balance": {
        "what": "Structural balance, frustration index",
        "cite": (
            "Cartwright, D. & Harary, F. (1956). Structural balance: a generalization of "
            "Heider's theory. Psychological Review, 63(5), 277–293. Aref, S., Mason, A. J. & "
            "Wilson, M. C. (2020). A modeling and computational study of the frustration index "
            "in signed networks. Networks, 75(1), 95–110."
        ),
    },
    "landscape": {
        "what": "Landscape theory of aggregation",
        "cite": (
            "Axelrod, R. & Bennett, D. S. (1993). A landscape theory of aggregation. British "
            "Journal of Political Science, 23(2), 211–233."
        ),
    },
    "dynamics": {
        "what": "Balance dynamics (factions)",
        "cite": (
            "Marvel, S. A., Kleinberg, J., Kleinberg, R. D. & Strogatz, S. H. (2011). "
            "Continuous-time model of structural balance. Proceedings of the National Academy "
            "of Sciences, 108(5), 1771–1776."
        ),
    },
    "wedge": {
        "what": "Wedge strategies",
        "cite": (
            "Crawford, T. W. (2011). Preventing enemy coalitions: how wedge strategies shape "
            "power politics. International Security, 35(4), 155–189."
        ),
    },
    "votes": {
        "what": "UN General Assembly voting data",
        "cite": (
            "Voeten, E., Strezhnev, A. & Bailey, M. (2009). United Nations General Assembly "
            "Voting Data. Harvard Dataverse, hdl:1902.1/12379."
        ),
    },
    "events": {
        "what": "Event data (CAMEO QuadClass)",
        "cite": (
            "Schrodt, P. A. (2012). CAMEO: Conflict and Mediation Event Observations event and "
            "actor codebook, version 1.1b3. Leetaru, K. & Schrodt, P. A. (2013). GDELT: global "
            "data on events, location and tone, 1979–2012. ISA Annual Convention."
        ),
    },
}


def blocs_citation() -> dict[str, Any]:
    """How to cite blocs itself (see also the project's ``CITATION.cff``)."""
    return {
        "what": "blocs",
        "cite": f"blocs developers. blocs: alliance systems between states, version {__version__}.",
    }
