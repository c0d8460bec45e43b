"""The frustration index of the Correlates of War signed networks (Doreian & Mrvar's 51
four-year windows, 1946–99): every window solved exactly, proven optimal, equal to the reference
values computed with an open solver; the heuristic never reports less."""

from __future__ import annotations

import csv

import pytest

from blocs.models.balance import frustration_index, triad_census
from blocs.models.signed import read_edge_csv_windows

COW = "cow-signed-doreian-mrvar"


@pytest.fixture(scope="module")
def windows(shared_data):
    return read_edge_csv_windows(shared_data / COW / "cow_signed_edges.csv")


@pytest.fixture(scope="module")
def reference(shared_data) -> dict[str, dict[str, str]]:
    with open(shared_data / COW / "cow_frustration_computed.csv", newline="") as fh:
        return {row["window"]: row for row in csv.DictReader(fh)}


def test_fifty_one_windows_with_the_published_sizes(windows, reference) -> None:
    assert list(windows) == list(reference)
    assert len(windows) == 51
    for name, g in windows.items():
        assert g.number_of_edges() == int(reference[name]["n_edges"])
        negative = sum(d["sign"] < 0 for *_, d in g.edges(data=True))
        assert negative == int(reference[name]["n_neg"])


def test_exact_index_of_every_window_is_proven_and_matches(windows, reference) -> None:
    for name, g in windows.items():
        r = frustration_index(g)
        assert r.optimal, (name, r.proof)
        assert r.value == int(reference[name]["frustration_index_L"]), name
        assert r.lower_bound == r.value
        assert len(r.frustrated_edges) == r.value
    assert frustration_index(windows["46-49"]).value == 17


@pytest.mark.parametrize("name", ["46-49", "62-65", "80-83", "96-99"])
def test_triangle_counts_match(windows, reference, name: str) -> None:
    census = triad_census(windows[name])
    assert census.total == int(reference[name]["n_triangles"])
    assert census.unbalanced == int(reference[name]["n_unbalanced_triangles"])


@pytest.mark.parametrize("name", ["53-56", "76-79"])
def test_the_binary_program_alone_agrees(windows, reference, name: str) -> None:
    r = frustration_index(windows[name], method="ip")
    assert r.optimal and r.value == int(reference[name]["frustration_index_L"])


@pytest.mark.slow
def test_heuristic_never_reports_below_the_exact_value(windows, reference) -> None:
    for name, g in windows.items():
        h = frustration_index(g, method="heuristic", seed=0)
        exact = int(reference[name]["frustration_index_L"])
        assert h.value >= exact, name
        assert h.lower_bound <= exact, name
        assert h.optimal == (h.value == h.lower_bound)
