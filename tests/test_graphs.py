"""Graphs in the JSON and exported files that networkx reads back."""

import json

import networkx as nx

import leadsignal
from leadsignal.graphs import export


def test_graph_exports_read_back(good, tmp_path):
    analysis = leadsignal.analyse(leadsignal.read(good / "teams.vtt"))
    paths = export(analysis.networks, tmp_path, "teams")
    assert len(paths) == 12
    for name, g in analysis.networks.items():
        back = nx.read_graphml(tmp_path / f"teams.{name}.graphml")
        assert set(back.nodes) == set(g.nodes)
        assert back.number_of_edges() == g.number_of_edges()
        gexf = nx.read_gexf(tmp_path / f"teams.{name}.gexf")
        assert set(gexf.nodes) == set(g.nodes)
        link = nx.node_link_graph(json.loads((tmp_path / f"teams.{name}.json").read_text()), edges="links")
        assert sorted(link.edges) == sorted(g.edges)


def test_reply_graph_in_contract(good):
    data = leadsignal.analyse(leadsignal.read(good / "meeting.srt")).to_dict()
    reply = data["graphs"]["reply"]
    assert {n["id"] for n in reply["nodes"]} == {
        "Gerard Verhoeven",
        "NAIMA BOUZID",
        "SPEAKER_00",
        "Lotte van Dijk",
    }
    assert {"source": "NAIMA BOUZID", "target": "Gerard Verhoeven"}.items() <= next(
        link for link in reply["links"] if link["source"] == "NAIMA BOUZID"
    ).items()
    ranks = sorted(s["dominance_rank"] for s in data["speakers"])
    assert ranks == list(range(1, len(ranks) + 1))
    assert 0.0 <= data["metrics"]["shared_leadership_index"] <= 1.0
    assert all(isinstance(s["faction"], int) for s in data["speakers"])
    assert all(-1.0 <= s["gca_participation"] <= 4.0 and 0.0 <= s["gca_newness"] <= 1.0 for s in data["speakers"])
