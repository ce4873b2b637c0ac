"""The feedback page as HTML text: self-contained, escaped, pseudonymised, in two languages."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from leadsignal import report
from leadsignal.errors import ConfigError
from leadsignal.report.i18n import EN, NL
from leadsignal.report.observations import observations
from leadsignal.report.pseudonym import pseudonymise

SECTIONS = ("summary", "observations", "talk-share", "timeline", "interaction", "ideas", "speakers")


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def parse(html: str) -> list[tuple[str, dict[str, str | None]]]:
    p = Tags()
    p.feed(html)
    return p.tags


def test_self_contained(demo_analysis) -> None:
    html = report.render(demo_analysis)
    tags = parse(html)
    names = [t for t, _ in tags]
    assert "script" not in names and "link" not in names and "iframe" not in names and "img" not in names
    # No attribute anywhere points outside the page.
    for _, attrs in tags:
        for key, value in attrs.items():
            assert key not in ("src", "style") and not key.startswith("on"), key
            if key == "href":
                assert value and value.startswith("#"), value
    csp = next(a["content"] for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "script-src" not in csp
    for section in SECTIONS:
        assert f'id="{section}"' in html
    assert html.count("<svg") >= 2
    assert 'lang="nl"' in html and NL["talk_share"] in html


def test_english(demo_analysis) -> None:
    html = report.render(demo_analysis, lang="en")
    assert 'lang="en"' in html and EN["talk_share"] in html and NL["talk_share"] not in html
    with pytest.raises(ConfigError, match="unknown report language"):
        report.render(demo_analysis, lang="fr")


def test_saved_json_renders_the_same(demo_analysis) -> None:
    import json

    assert report.render(json.loads(demo_analysis.to_json())) == report.render(demo_analysis)


def test_escapes_transcript_text(hostile_analysis) -> None:
    html = report.render(hostile_analysis)
    tags = [t for t, _ in parse(html)]
    assert "script" not in tags and "img" not in tags and tags.count("style") == 1
    hrefs = [dict(a)["href"] for t, a in parse(html) if t == "a"]
    assert hrefs and all(re.fullmatch(r"#u\d+", h) for h in hrefs)  # only links to the page's transcript view
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert 'href="javascript' not in html
    assert "{{ 7*7 }}" in html  # template syntax in transcripts is text, not evaluated


def test_pseudonymised_report_has_no_names(demo_analysis) -> None:
    names = demo_analysis.meeting.speakers
    html = report.render(demo_analysis, pseudonymise_names=True)
    parts = {p for n in names for p in n.split() if len(p) >= 3 and p.lower() not in {"van", "der", "den"}}
    leaked = [p for p in parts if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", html, re.IGNORECASE)]
    assert leaked == []
    assert "Deelnemer A" in html and "voorbeeld-overleg" not in html
    # Stable: the same speaker gets the same label in every place.
    data = pseudonymise(demo_analysis.to_dict())
    first = demo_analysis.meeting.utterances[0].speaker
    label = next(
        s["name"]
        for s, orig in zip(data["speakers"], demo_analysis.speaker_measures, strict=True)
        if orig.name == first
    )
    assert data["utterances"][0]["speaker"] == label == "Deelnemer A"
    assert {n["id"] for n in data["graphs"]["reply"]["nodes"]} <= {s["name"] for s in data["speakers"]}


def test_pseudonymise_in_english(demo_analysis) -> None:
    html = report.render(demo_analysis, lang="en", pseudonymise_names=True)
    assert "Participant A" in html and "Deelnemer" not in html


def test_observations_are_grounded(demo_analysis) -> None:
    data = demo_analysis.to_dict()
    found = observations(data, NL)
    assert 1 <= len(found) <= 8
    texts = [u["text"] for u in data["utterances"]]
    for o in found:
        assert o.quote.text == texts[o.quote.utterance]  # quoted verbatim, from the right utterance
        assert o.kind == "unanswered_idea" or re.search(r"\d", o.text), o.text  # a figure, except "no response"
        assert re.fullmatch(r"(\d+:)?\d+:\d\d|#\d+", o.quote.when)
    assert len({o.quote.utterance for o in found}) == len(found)


def meeting(lines: list[tuple[str, str, list[str]]], ideas=(), factions=None) -> dict:
    """An analysis dict made by hand: the rules are tested on known acts, not on what the classifier says."""
    utts = [
        {
            "index": i,
            "speaker": s,
            "start": 10.0 * i,
            "end": 10.0 * i + 8,
            "text": x,
            "words": len(x.split()),
            "acts": acts,
            "interrupts": None,
        }
        for i, (s, x, acts) in enumerate(lines)
    ]
    names = list(dict.fromkeys(s for s, _, _ in lines))
    total = sum(u["words"] for u in utts)
    speakers = []
    for n in names:
        mine = [u for u in utts if u["speaker"] == n]
        speakers.append(
            {
                "name": n,
                "words": sum(u["words"] for u in mine),
                "talk_share": sum(u["words"] for u in mine) / total,
                "faction": 0,
                "ideas_taken_up": sum(len(i["uptakes"]) for i in ideas if i["speaker"] == n),
                "directives": sum("directive" in u["acts"] for u in mine),
                "decisions": sum("decision" in u["acts"] for u in mine),
            }
        )
    return {
        "utterances": utts,
        "speakers": speakers,
        "ideas": list(ideas),
        "factions": factions or [{"id": 0, "members": names}],
        "metrics": {"participation_gini": 0.3},
    }


def kinds(data: dict) -> dict[str, int]:
    return {o.kind: o.quote.utterance for o in observations(data, NL)}


def test_decision_over_two_objections() -> None:
    lines = [
        ("Anna", "Ik stel voor dat we dinsdag vergaderen.", ["proposal"]),
        ("Bram", "Nee, daar ben ik het niet mee eens.", ["disagreement"]),
        ("Cor", "Ik ook niet.", ["disagreement"]),
        ("Anna", "We besluiten dat het dinsdag wordt.", ["decision"]),
    ]
    found = {o.kind: o for o in observations(meeting(lines), NL)}["decision_over_objection"]
    assert found.quote.utterance == 3 and found.evidence == (3, 1, 2)
    assert "Bram en Cor bezwaar hadden gemaakt (2 bezwaren" in found.text
    one_objection = [*lines[:2], ("Cor", "Prima.", ["agreement"]), lines[3]]
    found = {o.kind: o for o in observations(meeting(one_objection), NL)}["decision_over_objection"]
    assert "Bram bezwaar had gemaakt (1 bezwaar " in found.text


def test_unheard_idea_and_quiet_member_whose_idea_was_adopted() -> None:
    lines = [
        ("Anna", "We moeten het hele rooster voor volgend jaar nog eens helemaal goed doornemen met z'n allen.", []),
        (
            "Anna",
            "Ik stel voor dat we de planning per week bijhouden in een gedeeld document voor het team.",
            ["proposal"],
        ),
        ("Bram", "Laten we de klant bellen.", ["proposal"]),
        (
            "Anna",
            "Goed idee van Bram, dat doen we en ik regel het gesprek met de klant deze week nog zelf.",
            ["agreement"],
        ),
        (
            "Cor",
            "Ja, bellen is goed, dan weten we het snel en kunnen we verder met het plan voor de klant.",
            ["agreement"],
        ),
    ]
    ideas = [
        {"id": "I1", "utterance": 1, "speaker": "Anna", "uptakes": []},
        {
            "id": "I2",
            "utterance": 2,
            "speaker": "Bram",
            "uptakes": [
                {"utterance": 3, "speaker": "Anna", "kind": "support", "score": 0.95},
                {"utterance": 4, "speaker": "Cor", "kind": "support", "score": 0.95},
            ],
        },
    ]
    found = kinds(meeting(lines, ideas))
    assert found["unanswered_idea"] == 1
    assert found["quiet_but_adopted"] == 2  # Bram: 5 of 60-odd words, two supporting uptakes
    ideas[1]["uptakes"][1]["score"] = 0.7  # P(both uptakes real) 0.665: too uncertain to say
    assert "quiet_but_adopted" not in kinds(meeting(lines, ideas))
    ideas[1]["uptakes"][1] |= {"kind": "reject", "score": 0.95}  # a rejection is no influence
    assert "quiet_but_adopted" not in kinds(meeting(lines, ideas))


def test_most_interrupted() -> None:
    data = meeting([("Anna", "Ik wil zeggen dat", []), ("Bram", "Nee.", []), ("Anna", "Maar", []), ("Cor", "Ho.", [])])
    data["utterances"][1]["interrupts"] = "Anna"
    data["utterances"][3]["interrupts"] = "Anna"
    found = [o for o in observations(data, NL) if o.kind == "most_interrupted"]
    assert found and found[0].quote.utterance == 1 and "2 keer" in found[0].text


def test_camps_shown_only_when_the_split_is_significant() -> None:
    lines = [
        ("Anna", "Ik stel voor dat we dinsdag vergaderen.", ["proposal"]),
        ("Cor", "Nee, dat werkt niet.", ["disagreement"]),
        ("Bram", "Ik vind dinsdag juist goed.", ["agreement"]),
        ("Dirk", "Daar ben ik het niet mee eens.", ["disagreement"]),
    ]
    camps = [{"id": 0, "members": ["Anna", "Bram"]}, {"id": 1, "members": ["Cor", "Dirk"]}]
    data = meeting(lines, factions=camps)
    data["metrics"]["faction_p_value"] = 0.01
    assert kinds(data)["factions"] == 1
    data["metrics"]["faction_p_value"] = 0.3
    assert "factions" not in kinds(data)


def test_weak_factions_are_read_as_weak_and_not_coloured(demo_analysis) -> None:
    data = demo_analysis.to_dict()
    names = [s["name"] for s in data["speakers"]]
    data["factions"] = [{"id": 0, "members": names[:1]}, {"id": 1, "members": names[1:]}]
    data["speakers"] = [s | {"faction": int(i > 0)} for i, s in enumerate(data["speakers"])]
    data["metrics"] |= {"n_factions": 2, "faction_p_value": 0.42}
    html = report.render(data, lang="en")
    assert "Weak evidence for 2 factions" in html and "p = 0.42" in html
    assert "Faction 2" not in html and 'class="f1"' not in html
    data["metrics"]["faction_p_value"] = 0.01
    html = report.render(data, lang="en")
    assert "The group split into 2 factions" in html
    assert "Faction 2" in html and 'class="f1"' in html


def test_write_reports_unwritable_path(demo_analysis, tmp_path) -> None:
    with pytest.raises(ConfigError, match="cannot write the report"):
        report.write(demo_analysis, tmp_path / "missing" / "r.html")


@pytest.mark.shared
def test_every_dev_meeting_gets_observations() -> None:
    from leadsignal import analyse, read
    from tests.conftest import shared_path

    folder = shared_path("data", "meetings")
    for path in sorted(folder.iterdir()):
        if path.name.endswith(".gold.json"):
            continue
        found = observations(analyse(read(path)).to_dict(), NL)
        assert 2 <= len(found) <= 8, (path.name, len(found))


def test_no_speaker_labels_is_an_error_not_a_page(tmp_path) -> None:
    from leadsignal import analyse, read_text

    analysis = analyse(read_text("Goedemorgen allemaal.\nZullen we beginnen?\n", "zonder.txt"))
    with pytest.raises(ConfigError, match="zonder.txt: no speaker names in the transcript"):
        report.render(analysis)


def test_timeline_ticks_are_bounded_by_the_data() -> None:
    from leadsignal.report.charts import _tick_step, timeline

    speakers = [{"name": "A", "faction": 0}]
    utterances = [
        {"index": 0, "speaker": "A", "start": 0.0, "end": 1.0, "text": "x"},
        {"index": 1, "speaker": "A", "start": 1e12, "end": 1e12 + 1, "text": "y"},
    ]
    svg = str(timeline(utterances, speakers, "label", "minutes"))
    assert 6 <= svg.count('class="axis"') <= 13
    assert (_tick_step(45), _tick_step(300), _tick_step(1e6)) == (5, 30, 100_000)


def test_long_and_right_to_left_names_are_cut_and_isolated() -> None:
    from leadsignal import analyse, read_text

    long_name = "Anna" + "a" * 3000
    rlo = "Bram\u202eeivaD"
    analysis = analyse(read_text(f"speaker,text\n{long_name},Zullen we beginnen?\n{rlo},Ja goed idee.\n", "m.csv"))
    html = report.render(analysis)
    assert long_name not in html and ("Anna" + "a" * 55 + "…") in html
    assert "\u2068" + rlo + "\u2069" in html
    assert html.count(rlo) == html.count("\u2068" + rlo + "\u2069")  # every time the name is shown, isolated


def test_cards_give_the_range_of_uncertain_act_counts(demo_analysis) -> None:
    from leadsignal.claims import count_range
    from leadsignal.report import _cards
    from leadsignal.report.i18n import LANGUAGES

    data = demo_analysis.to_dict()
    cards = {c["name"]: dict(c["stats"]) for c in _cards(data, LANGUAGES["nl"])}
    ranged = 0
    for s in data["speakers"]:
        sure, counted, possible = count_range(data, s["name"], "proposal")
        assert counted == s["proposals"] and sure <= counted <= possible
        shown = cards[s["name"]]["voorstellen"]
        assert shown == (str(counted) if sure == possible else f"{counted} ({sure}–{possible})")
        ranged += sure != possible
    assert ranged  # the example meeting has uncertain proposals
