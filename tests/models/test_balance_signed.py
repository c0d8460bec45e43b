"""Reading signed graphs: networkx graphs, edge lists and edge CSV files, with located errors."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from blocs.errors import DataFormatError, ModelInputError
from blocs.models.signed import (
    from_edges,
    read_edge_csv,
    read_edge_csv_windows,
    signed_edges,
    to_graph,
)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "edges.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_sign_and_weight_columns(tmp_path: Path) -> None:
    g = read_edge_csv(write(tmp_path, "source,target,sign\nA,B,1\nB,C,-1\n"))
    assert g["B"]["C"]["sign"] == -1
    g = read_edge_csv(write(tmp_path, "source,target,weight\nA,B,0.5\nB,C,-2\n"))
    e = signed_edges(g)
    assert e.sign.tolist() == [1, -1] and e.weight.tolist() == [0.5, 2.0]


def test_malformed_rows_are_counted_and_located(tmp_path: Path) -> None:
    path = write(tmp_path, "source,target,sign\nA,B,1\nB,C,2\nC,D\nD,E,-1\n")
    with pytest.raises(DataFormatError) as err:
        read_edge_csv(path)
    message = str(err.value)
    assert f"{path}:3:" in message and "sign '2'" in message and "2 malformed rows" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("source,target\nA,B\n", "lacks sign or weight"),
        ("from,to,sign\nA,B,1\n", "lacks source, target"),
        ("source,target,sign\nA,A,1\n", "self-loop"),
        ("source,target,sign\nA,B,1\nB,A,1\n", "appears twice"),
        ("source,target,weight\nA,B,x\n", "not a number"),
        ("source,target,weight\nA,B,0\n", "non-zero"),
        ("source,target,sign,weight\nA,B,1,-2\n", "contradicts"),
        ("source,target,sign\n", "no edges"),
        ("", "empty file"),
    ],
)
def test_bad_files(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(DataFormatError, match=expected):
        read_edge_csv(write(tmp_path, text))


def test_missing_file_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataFormatError, match="cannot read"):
        read_edge_csv(tmp_path / "absent.csv")


def test_windows(tmp_path: Path) -> None:
    path = write(tmp_path, "window,source,target,sign\nw1,A,B,1\nw2,A,B,-1\nw2,B,C,1\n")
    graphs = read_edge_csv_windows(path)
    assert list(graphs) == ["w1", "w2"] and graphs["w2"].number_of_edges() == 2
    assert read_edge_csv(path, window="w1")["A"]["B"]["sign"] == 1
    with pytest.raises(DataFormatError, match="2 windows"):
        read_edge_csv(path)
    with pytest.raises(DataFormatError, match="window 'w9' not found"):
        read_edge_csv(path, window="w9")


def test_from_edges_and_graph_contracts() -> None:
    with pytest.raises(ModelInputError, match="given twice"):
        from_edges([("a", "b", 1), ("b", "a", -1)])
    with pytest.raises(ModelInputError, match="non-zero"):
        from_edges([("a", "b", 0)])
    with pytest.raises(ModelInputError, match="triple"):
        from_edges([("a", "b")])  # type: ignore[list-item]
    with pytest.raises(ModelInputError, match="undirected"):
        signed_edges(nx.DiGraph([("a", "b")]))
    g = nx.Graph()
    g.add_edge("a", "b")
    with pytest.raises(ModelInputError, match="neither 'sign' nor 'weight'"):
        signed_edges(g)
    g["a"]["b"].update(sign=1, weight=-1.0)
    with pytest.raises(ModelInputError, match="contradicts"):
        signed_edges(g)
    with pytest.raises(ModelInputError, match="networkx Graph"):
        signed_edges([("a", "b", 1)])  # type: ignore[arg-type]


def test_round_trip_through_arrays() -> None:
    g = from_edges([("a", "b", 2.0), ("b", "c", -1.0)])
    back = to_graph(signed_edges(g))
    assert dict(back.edges) == dict(g.edges)
