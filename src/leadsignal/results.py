"""What an analysis finds, as frozen typed records, and the :class:`Analysis` that holds them with the graphs.

Field names are the names of the JSON contract (:mod:`leadsignal.contract`), in its order; each field's
``metadata["doc"]`` is its one-line definition, from which the JSON Schema (``schema/analysis-3.json``) and the
field tables of docs/schema.md are checked. Adding a measure means one function in :mod:`leadsignal.metrics` and
one field here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields
from typing import TYPE_CHECKING, Any

import networkx as nx

from .labels import UPTAKE_KINDS
from .transcript import Meeting

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "Analysis",
    "Claim",
    "Decision",
    "Faction",
    "Provenance",
    "Idea",
    "Interruption",
    "MeetingIndices",
    "SpeakerMeasures",
    "Uptake",
    "UtteranceSignals",
    "Window",
    "SpreadIndices",
    "compare",
    "node_attributes",
]


def _doc(text: str) -> Any:
    return field(metadata={"doc": text})


# ------------------------------------------------------------------------------------------- dialogue signals


@dataclass(frozen=True)
class Uptake:
    """A later utterance of another speaker that takes an idea up."""

    utterance: int = _doc("index of the utterance that takes the idea up")
    speaker: str | None = _doc("its speaker")
    kind: str = _doc("support | build | reject")
    score: float = _doc("the uptake model's probability (0-1), rounded to 4 decimals")


@dataclass(frozen=True)
class Idea:
    """A proposal utterance and the uptakes it received."""

    id: str = _doc("I1, I2, ... in order of the utterances")
    utterance: int = _doc("index of the proposal utterance")
    speaker: str | None = _doc("who proposed it")
    uptakes: tuple[Uptake, ...] = _doc("later utterances of others that take it up, in order")


@dataclass(frozen=True)
class Decision:
    """A decision utterance and the earlier ideas it adopts (:mod:`leadsignal.signals.decisions`)."""

    utterance: int = _doc("index of the utterance tagged decision")
    speaker: str | None = _doc("who decided")
    ideas: tuple[str, ...] = _doc("ids of the ideas it adopts (may be empty)")


@dataclass(frozen=True)
class Claim:
    """One statement the analysis supports, as data (:mod:`leadsignal.claims`): the report's observations are
    rendered from these only."""

    kind: str = _doc("what is claimed (docs/report.md lists the kinds and when each holds)")
    subject: tuple[str, ...] = _doc("the speakers (or idea ids) it is about; more than one name is a tie")
    value: float = _doc("the figure claimed (a count or share)")
    out_of: float | None = _doc("what the figure is out of, null when it stands alone")
    evidence: tuple[int, ...] = _doc("indices of the utterances that are its evidence, the quoted one first")
    confidence: float = _doc("probability (0-1) that it holds given the act and uptake probabilities")
    basis: str = _doc("transcript (timing and turns only) | acts | ideas | factions: what it rests on")


@dataclass(frozen=True)
class Interruption:
    """Utterance ``utterance`` by ``by`` interrupts ``of`` (evidence: timing, text, or a debate's structure)."""

    utterance: int
    by: str | None
    of: str | None
    evidence: str  # "overlap" | "cut_off" | "structure" (labels.INTERRUPTION_EVIDENCE)


@dataclass(frozen=True)
class UtteranceSignals:
    """What one source utterance does; the utterance itself (speaker, times, text) is ``Analysis.meeting``'s."""

    index: int = _doc("0-based position in the file; one record per source unit, in file order")
    words: int = _doc("whitespace tokens holding a letter or digit")
    acts: tuple[str, ...] = _doc("the dialogue acts of the utterance (docs/signals.md)")
    addressed: tuple[str, ...] = _doc("the other speakers the utterance addresses by name")
    interrupts: str | None = _doc("the speaker this utterance interrupts, else null")
    act_probabilities: tuple[float, ...] | None = field(
        default=None,
        metadata={"doc": "the act model's probability of each act in labels.ACTS order (not in schema 1)"},
    )
    mentioned: tuple[str, ...] = field(
        default=(), metadata={"doc": "the other speakers the utterance names without addressing them (schema 3)"}
    )


# ------------------------------------------------------------------------------------------- measures


@dataclass(frozen=True)
class SpeakerMeasures:
    """One named speaker's measures (docs/metrics.md)."""

    name: str = _doc("the speaker as the transcript names them (after aliases)")
    words: int = _doc("words spoken")
    talk_share: float = _doc("share (0-1) of all talk, by time or words (meeting.talk_share_basis)")
    turns: int = _doc("runs of consecutive utterances by the speaker")
    longest_monologue_words: int = _doc("words in the speaker's longest turn")
    interruptions_made: int = _doc("utterances of the speaker that interrupt another speaker")
    interruptions_received: int = _doc("utterances of others that interrupt the speaker")
    questions: int = _doc("utterances of the speaker tagged question")
    proposals: int = _doc("utterances of the speaker tagged proposal")
    ideas_taken_up: int = _doc("the speaker's ideas that at least one other speaker took up")
    uptakes_given: int = _doc("uptakes the speaker gave to other speakers' ideas")
    agreements_given: int = _doc("utterances of the speaker tagged agreement")
    disagreements_given: int = _doc("utterances of the speaker tagged disagreement")
    decisions: int = _doc("utterances of the speaker tagged decision")
    directives: int = _doc("utterances of the speaker tagged directive")
    dominance: float = _doc("composite of words, turns and floor taking in 0-1 (1 = most dominant)")
    dominance_rank: int = _doc("1 = most dominant")
    influence: float = _doc("PageRank in the uptake graph (sums to 1 over speakers; 0 when nothing was taken up)")
    faction: int = _doc("faction id (see factions)")
    gca_participation: float = _doc("GCA participation: contributions against an equal share, (share - 1/k) k")
    gca_social_impact: float = _doc("GCA social impact: mean cross-cohesion of others' responses to the speaker")
    gca_responsivity: float = _doc("GCA responsivity: mean cross-cohesion of the speaker's responses to others")
    gca_internal_cohesion: float = _doc("GCA internal cohesion: cross-cohesion of the speaker with themself")
    gca_newness: float = _doc("GCA newness: share of each contribution outside what was said before, averaged")
    gca_communication_density: float = _doc("GCA communication density: contribution vector norm per word")
    coordination_given: float | None = field(
        default=None,
        metadata={
            "doc": "linguistic coordination towards the others (Danescu-Niculescu-Mizil et al. 2012); null: undefined"
        },
    )
    coordination_received: float | None = field(
        default=None,
        metadata={"doc": "linguistic coordination of the others towards the speaker; null: undefined"},
    )


@dataclass(frozen=True)
class Faction:
    """A group of speakers found by the faction clustering."""

    id: int = _doc("faction id, 0, 1, ...")
    members: tuple[str, ...] = _doc("its speakers, in order of first appearance")


@dataclass(frozen=True)
class SpreadIndices:
    """How evenly talk and leadership are spread (docs/metrics.md), for a meeting or one window of it."""

    participation_gini: float = _doc("Gini coefficient of talk shares (0 = equal)")
    participation_entropy: float = _doc("normalised entropy of talk shares (1 = even)")
    leadership_acts_entropy: float = _doc("normalised entropy of proposals, decisions and directives per speaker")
    leadership_density: float = _doc("density of the leadership graph (Carson et al. 2007)")
    leadership_centralization: float = _doc("Freeman in-degree centralization of the leadership graph")
    reply_reciprocity: float = _doc("share of reply edges whose reverse exists")
    shared_leadership_index: float = _doc("mean of leadership-act entropy and 1 - leadership centralization")


@dataclass(frozen=True)
class Window:
    """The spread indices of one time window (seconds with times, else a run of utterances)."""

    window: int = _doc("window number from 0")
    unit: str = _doc("seconds | utterances")
    start: float = _doc("start of the window in its unit")
    end: float = _doc("end of the window in its unit")
    first_utterance: int = _doc("index of the window's first utterance")
    last_utterance: int = _doc("index of the window's last utterance")
    n_speakers: int = _doc("speakers who speak in the window")
    participation_gini: float = _doc("as in metrics, within the window")
    participation_entropy: float = _doc("as in metrics, within the window")
    leadership_acts_entropy: float = _doc("as in metrics, within the window")
    leadership_density: float = _doc("as in metrics, within the window")
    leadership_centralization: float = _doc("as in metrics, within the window")
    reply_reciprocity: float = _doc("as in metrics, within the window")
    shared_leadership_index: float = _doc("as in metrics, within the window")


@dataclass(frozen=True)
class MeetingIndices:
    """Meeting-level indices (docs/metrics.md gives every formula and source)."""

    participation_gini: float = _doc("Gini coefficient of talk shares (0 = equal, (n-1)/n = one speaker)")
    participation_entropy: float = _doc("normalised entropy of talk shares (1 = even)")
    leadership_density: float = _doc("density of the leadership graph (Carson, Tesluk & Marrone 2007)")
    leadership_centralization: float = _doc("Freeman in-degree centralization of the leadership graph")
    reply_reciprocity: float = _doc("share of reply edges whose reverse edge exists")
    faction_modularity: float = _doc("modularity of the factions in the positive agreement graph")
    n_factions: int = _doc("number of factions")
    faction_p_value: float = _doc("sign-permutation p-value of the faction split (1 for one faction)")
    dominance_concentration: float = _doc("Gini coefficient of the dominance scores")
    n_ideas: int = _doc("number of ideas (proposal utterances)")
    ideas_taken_up_share: float = _doc("share of ideas with at least one uptake")
    n_interruptions: int = _doc("number of interruptions")
    shared_leadership_index: float = _doc("mean of leadership-act entropy and 1 - leadership centralization")


@dataclass(frozen=True)
class Provenance:
    """What produced an analysis, so that a figure can be traced to the code, the models and the settings."""

    leadsignal_version: str = _doc("the leadsignal version")
    acts_model_sha256: str | None = _doc("SHA-256 of the act model's files (null: a model object given in Python)")
    uptake_model_sha256: str | None = _doc("SHA-256 of the uptake weights file (null: a model object given in Python)")
    settings_sha256: str = _doc("SHA-256 of the analysis settings (leadsignal.Config) as sorted JSON")


# ------------------------------------------------------------------------------------------- the bundle


@dataclass(frozen=True, repr=False)
class Analysis:
    """Everything leadsignal measured about one meeting. :meth:`to_dict` gives the JSON contract
    (:mod:`leadsignal.contract`); ``networks`` holds the interaction graphs."""

    meeting: Meeting
    talk_share_basis: str
    utterance_signals: tuple[UtteranceSignals, ...]
    speaker_measures: tuple[SpeakerMeasures, ...]
    ideas: tuple[Idea, ...]
    factions: tuple[Faction, ...]
    indices: MeetingIndices
    windows: tuple[Window, ...]
    networks: Mapping[str, nx.DiGraph] = field(default_factory=dict)
    provenance: Provenance | None = None
    decisions: tuple[Decision, ...] = ()

    @property
    def claims(self) -> tuple[Claim, ...]:
        """The statements this analysis supports (:func:`leadsignal.claims.claims`), as in the JSON."""
        from .claims import from_rows

        return from_rows(self.to_dict()["claims"])

    def __repr__(self) -> str:
        return (
            f"Analysis(meeting={self.meeting.id!r}, utterances={len(self.utterance_signals)}, "
            f"speakers={len(self.speaker_measures)}, ideas={len(self.ideas)}, factions={len(self.factions)}, "
            f"shared_leadership_index={self.indices.shared_leadership_index})"
        )

    @property
    def metrics(self) -> dict[str, float | int]:
        """The meeting indices by name (``analysis.metrics["shared_leadership_index"]``)."""
        return asdict(self.indices)

    @property
    def words(self) -> list[int]:
        """Words of each utterance, in file order."""
        return [u.words for u in self.utterance_signals]

    @property
    def acts(self) -> list[list[str]]:
        """Acts of each utterance, in file order."""
        return [list(u.acts) for u in self.utterance_signals]

    @property
    def speakers(self) -> pd.DataFrame:
        """One row per named speaker, in order of first appearance, indexed by ``name`` (``reset_index()`` makes it
        a column; ``pd.concat`` of many meetings' tables then ``groupby("name")`` works)."""
        import pandas as pd

        rows = [asdict(s) for s in self.speaker_measures]
        columns = [f.name for f in fields(SpeakerMeasures)]
        return pd.DataFrame(rows, columns=columns).set_index("name")

    @property
    def utterances(self) -> pd.DataFrame:
        """One row per source utterance, in file order, indexed by ``index`` (its position in the file)."""
        import pandas as pd

        from .contract import UTTERANCE_FIELDS, utterance_rows

        columns = [name for name, _, _ in UTTERANCE_FIELDS]
        return pd.DataFrame(utterance_rows(self), columns=columns).set_index("index")

    @property
    def idea_table(self) -> pd.DataFrame:
        """One row per idea: ``id`` (index), ``utterance``, ``speaker``, ``n_uptakes`` and the counts per kind."""
        import pandas as pd

        rows = [
            {"id": i.id, "utterance": i.utterance, "speaker": i.speaker, "n_uptakes": len(i.uptakes)}
            | {kind: sum(u.kind == kind for u in i.uptakes) for kind in UPTAKE_KINDS}
            for i in self.ideas
        ]
        columns = ["id", "utterance", "speaker", "n_uptakes", *UPTAKE_KINDS]
        return pd.DataFrame(rows, columns=columns).set_index("id")

    @property
    def uptake_table(self) -> pd.DataFrame:
        """One row per uptake: ``idea``, ``idea_utterance``, ``idea_speaker``, then the uptake's fields."""
        import pandas as pd

        rows = [
            {"idea": i.id, "idea_utterance": i.utterance, "idea_speaker": i.speaker} | asdict(u)
            for i in self.ideas
            for u in i.uptakes
        ]
        columns = ["idea", "idea_utterance", "idea_speaker", *(f.name for f in fields(Uptake))]
        return pd.DataFrame(rows, columns=columns)

    @property
    def window_table(self) -> pd.DataFrame:
        """One row per window (:class:`Window`), indexed by ``window``."""
        import pandas as pd

        columns = [f.name for f in fields(Window)]
        return pd.DataFrame([asdict(w) for w in self.windows], columns=columns).set_index("window")

    def to_dict(self) -> dict[str, Any]:
        """The analysis as plain JSON-ready data (docs/schema.md)."""
        from .contract import to_dict

        return to_dict(self)

    def to_json(self, indent: int | None = 2) -> str:
        """:meth:`to_dict` as a JSON string (UTF-8 text, non-ASCII kept)."""
        from .contract import to_json

        return to_json(self, indent)


def node_attributes(analysis: Analysis) -> dict[str, dict[str, Any]]:
    """Each speaker's measures (words, talk share, turns, dominance and rank, influence, faction, ...) by name, for
    the nodes of exported graphs (:func:`leadsignal.graphs.export`)."""
    return {s.name: {k: v for k, v in asdict(s).items() if k != "name"} for s in analysis.speaker_measures}


def compare(analyses: Sequence[Analysis]) -> pd.DataFrame:
    """One row per meeting: its size and every meeting index, indexed by meeting id, to compare meetings (a team's
    series, a corpus); ``provenance`` columns say what produced each row.

    >>> from leadsignal import analyse, read_text
    >>> a = analyse(read_text("Anna: Zullen we beginnen?\\nBram: Ja.", "ma.txt"))
    >>> b = analyse(read_text("Anna: Goed.\\nBram: Prima.\\nAnna: Dan doen we dat.", "di.txt"))
    >>> compare([a, b])[["n_utterances", "n_speakers"]].to_dict("index")
    {'ma': {'n_utterances': 2, 'n_speakers': 2}, 'di': {'n_utterances': 3, 'n_speakers': 2}}
    """
    import pandas as pd

    rows = []
    for a in analyses:
        m = a.meeting
        row: dict[str, Any] = {
            "meeting": m.id,
            "source": m.source,
            "n_utterances": len(m.utterances),
            "n_words": sum(a.words),
            "n_speakers": len(m.speakers),
            "duration_s": m.duration_s,
        }
        row |= asdict(a.indices)
        row |= asdict(a.provenance) if a.provenance is not None else {}
        rows.append(row)
    return pd.DataFrame(rows).set_index("meeting")
