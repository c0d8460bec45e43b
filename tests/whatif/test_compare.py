"""Before and after an overlay: net ties per pair and channel, and the landscape."""

from __future__ import annotations

import blocs
from blocs.results import to_jsonable
from blocs.whatif.compare import what_if
from blocs.whatif.overlay import load_overlay


def test_changed_rows_are_exactly_the_touched_pairs():
    r = what_if(blocs.load("russia-iran-2017"), load_overlay("sco-membership"))
    changed = {(x.a, x.b, x.channel) for x in r.changed_rows}
    assert changed == {("CHN", "IRN", "political"), ("CHN", "IRN", "overall")}
    assert r.lenses["landscape"]["before"]["available"]
    data = to_jsonable(r)
    assert {"scenario", "overlay", "net_ties", "lenses"} <= set(data)
