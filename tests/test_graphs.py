"""Graphs in the JSON and exported files that networkx reads back."""

import json

import networkx as nx
import pytest

import leadsignal
from leadsignal.graphs import export


def test_graph_exports_read_back(good, tmp_path):
    analysis = leadsignal.analyse(leadsignal.read(good / "teams.vtt"))
    paths = export(analysis.networks, tmp_path, "teams")
    assert len(paths) == 15  # five graphs, three formats each
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
    speakers = {s["name"]: s for s in data["speakers"]}
    # Every cue has times, so talk share is by time: 7.195, 0.569, 0.675 and 6.144 s of 16.583 s in all (the
    # speakerless last cue, 2 s, counts in the total).
    shares = {"Gerard Verhoeven": 7.195, "NAIMA BOUZID": 0.569, "SPEAKER_00": 0.675, "Lotte van Dijk": 6.144}
    for name, seconds in shares.items():
        assert speakers[name]["talk_share"] == pytest.approx(seconds / 16.583, abs=1e-6)
    # Dominance: words 13, 1, 1, 6 of 21 (weight 1), one turn each (0.25), only Gerard takes the floor (0.1):
    # Gerard 13/21 + 0.0625 + 0.1; Lotte (6/21 + 0.0625) / Gerard's; NAIMA and SPEAKER_00 (1/21 + 0.0625) / Gerard's,
    # tied, ranked in order of first appearance.
    top = 13 / 21 + 0.0625 + 0.1
    assert speakers["Lotte van Dijk"]["dominance"] == pytest.approx((6 / 21 + 0.0625) / top, abs=1e-6)
    assert speakers["NAIMA BOUZID"]["dominance"] == pytest.approx((1 / 21 + 0.0625) / top, abs=1e-6)
    assert [speakers[n]["dominance_rank"] for n in shares] == [1, 3, 4, 2]
    # No idea, directive or uptake: no leadership tie, so centralization 0 and the index is (0 + (1 - 0)) / 2.
    assert data["metrics"]["shared_leadership_index"] == 0.5
    assert data["metrics"]["participation_gini"] == pytest.approx(0.43453, abs=1e-5)  # Σ|xi − xj| / (2 n² x̄)
    # One utterance each: an equal share of contributions, so GCA participation (share − 1/k) k is 0 for all.
    assert [s["faction"] for s in data["speakers"]] == [0, 0, 0, 0]
    assert [s["gca_participation"] for s in data["speakers"]] == [0.0, 0.0, 0.0, 0.0]


def test_exported_nodes_carry_the_speaker_measures(good, tmp_path):
    from leadsignal.results import node_attributes

    analysis = leadsignal.analyse(leadsignal.read(good / "teams.vtt"))
    export(analysis.networks, tmp_path, "teams", node_attributes(analysis))
    back = nx.read_graphml(tmp_path / "teams.reply.graphml")
    anna = back.nodes["Anna de Vries"]
    assert (anna["words"], anna["turns"], anna["dominance_rank"], anna["faction"]) == (8, 2, 2, 0)
    assert anna["talk_share"] == pytest.approx(5.5 / 12.625, abs=1e-6)
    assert nx.read_gexf(tmp_path / "teams.uptake.gexf").nodes["Anna de Vries"]["dominance_rank"] == 2


def test_compare_meetings(good):
    analyses = [leadsignal.analyse(leadsignal.read(good / n)) for n in ("teams.vtt", "plain.txt")]
    table = leadsignal.compare(analyses)
    assert list(table.index) == ["teams", "plain"]
    assert table.loc["teams", "n_utterances"] == 6 and table.loc["teams", "shared_leadership_index"] == 0.5
    assert table.loc["plain", "leadsignal_version"] == leadsignal.__version__


def test_edges_say_when_they_happened(tmp_path):
    text = "speaker,start,end,text\nAnna,0,4,Zullen we beginnen?\nBram,5,6,Ja.\nAnna,7,9,Goed.\nBram,12,13,Prima.\n"
    analysis = leadsignal.analyse(leadsignal.read_text(text, "m.csv"))
    reply = analysis.networks["reply"]
    assert {k: reply["Bram"]["Anna"][k] for k in ("first_utterance", "last_utterance", "first_s", "last_s")} == {
        "first_utterance": 1,
        "last_utterance": 3,
        "first_s": 5.0,
        "last_s": 12.0,
    }
    assert (reply["Anna"]["Bram"]["first_utterance"], reply["Anna"]["Bram"]["first_s"]) == (2, 7.0)
    (path,) = [p for p in export({"reply": reply}, tmp_path, "m") if p.suffix == ".graphml"]
    back = nx.read_graphml(path)
    assert (back["Bram"]["Anna"]["first_s"], back["Bram"]["Anna"]["last_utterance"]) == (5.0, 3)
    untimed = leadsignal.analyse(leadsignal.read_text("Anna: Zullen we?\nBram: Ja.\n", "m.txt")).networks["reply"]
    assert "first_s" not in untimed["Bram"]["Anna"] and untimed["Bram"]["Anna"]["first_utterance"] == 1


def test_mentions_are_not_replies() -> None:
    from leadsignal.graphs import mention_graph, reply_graph
    from leadsignal.signals.turns import names_said
    from leadsignal.transcript import Meeting, Utterance

    lines = [
        ("Anna", "Ik stel voor dat we het rooster aanpassen."),
        ("Bram", "Zoals Anna al zei: dat moet. Cor heeft daar ook iets over geschreven."),
        ("Cor", "Dank je, Bram. Anna, wil jij het rooster sturen?"),
        ("Anna", "Is Cor het daar wel mee eens? Het amendement van Bram gaat verder."),
    ]
    m = Meeting("m", tuple(Utterance(i, s, t) for i, (s, t) in enumerate(lines)))
    addressed, mentioned = names_said(m)
    assert addressed == [[], [], ["Bram", "Anna"], ["Cor"]]
    assert mentioned == [[], ["Anna", "Cor"], [], ["Bram"]]
    reply = reply_graph(m, addressed, [])
    assert not reply.has_edge("Bram", "Cor")  # named, but only mentioned
    assert reply["Cor"]["Anna"]["addresses"] == 1 and reply["Anna"]["Cor"]["responses"] == 1
    assert sorted(mention_graph(m, mentioned).edges) == [("Anna", "Bram"), ("Bram", "Anna"), ("Bram", "Cor")]


def test_replies_pass_over_the_chair() -> None:
    from leadsignal.graphs import previous_other, reply_graph
    from leadsignal.signals.turns import chair
    from leadsignal.transcript import Meeting, Utterance

    lines = [
        ("Voorzitter", "Het woord is aan mevrouw Joseph."),
        ("Joseph", "Dank u wel, voorzitter. Mijn betoog gaat over pensioenen."),
        ("Voorzitter", "De heer Klaver."),
        ("Klaver", "Voorzitter, is mevrouw Joseph bereid dit te steunen?"),
        ("Voorzitter", "Mevrouw Joseph."),
        ("Joseph", "Voorzitter, dat ben ik zeker."),
    ]
    m = Meeting("m", tuple(Utterance(i, s, t) for i, (s, t) in enumerate(lines)))
    assert chair(m) == "Voorzitter"
    assert previous_other(m) == [None, "Voorzitter", "Joseph", "Voorzitter", "Klaver", "Voorzitter"]
    assert previous_other(m, "Voorzitter") == [None, None, "Joseph", "Joseph", "Klaver", "Klaver"]
    g = reply_graph(m, [[]] * len(lines), [], "Voorzitter")
    assert g["Klaver"]["Joseph"]["responses"] == 1 and g["Joseph"]["Klaver"]["responses"] == 1
    # No one addressed as "voorzitter" three times: no chair, every turn answers the one before.
    assert chair(Meeting("n", m.utterances[:4])) is None
