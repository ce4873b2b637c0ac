from leadsignal.names import address_forms as name_aliases
from leadsignal.signals.turns import addressed, interruptions
from leadsignal.transcript import Meeting, Utterance


def meeting(*rows):
    return Meeting("m", tuple(Utterance(i, *row) for i, row in enumerate(rows)))


def test_interruption_from_overlap_needs_a_real_overlap():
    m = meeting(("A", "Eerst dit", 0.0, 5.0), ("B", "Nee", 4.9, 6.0), ("A", "Goed", 6.0, 9.0), ("B", "Maar", 8.0, 9.5))
    assert [(i.utterance, i.by, i.of, i.evidence) for i in interruptions(m)] == [(3, "B", "A", "overlap")]


def test_interruption_from_cut_off_text_without_times():
    m = meeting(("A", "Ik wil zeggen dat..."), ("B", "Nee."), ("B", "Echt niet—"), ("A", "Hoezo"))
    assert [(i.utterance, i.by, i.of) for i in interruptions(m)] == [(1, "B", "A"), (3, "A", "B")]


def test_same_speaker_continuation_is_no_interruption():
    assert interruptions(meeting(("A", "Ik—"), ("A", "ik bedoel"))) == []


def test_first_names_resolve_to_full_names_unless_ambiguous():
    aliases = name_aliases(["Anna de Vries", "Anna Bos", "Bram Jansen"])
    assert "anna" not in aliases and aliases["bram"] == "Bram Jansen"


def test_addressing_by_vocative_and_reference():
    from leadsignal.signals.turns import names_said

    m = meeting(
        ("Anna de Vries", "Bram, wat vind jij?"),
        ("Bram Jansen", "Zoals Anna al zei, prima."),
        ("Anna de Vries", "Ik, Anna, vind het goed."),
    )
    assert addressed(m) == [["Bram Jansen"], [], []]  # "zoals Anna al zei" mentions Anna, it does not address her
    assert names_said(m)[1] == [[], ["Anna de Vries"], []]  # and the speaker's own name is neither


def test_a_chaired_debate_takes_its_interruptions_from_the_structure_not_the_times():
    from leadsignal import analyse
    from leadsignal.transcript import Meeting, Utterance

    # contribution times as a debate record gives them: A's contribution spans the interruptions inside it
    rows = [
        ("Voorzitter", "Het woord is aan de heer Aarts.", 0, 5),
        ("Aarts", "Dank u wel, voorzitter. Ik begin met de woningbouw, want daar gaat het mis.", 5, 300),
        ("Voorzitter", "De heer Bakker.", 60, 62),
        ("Bakker", "Voorzitter, hoeveel woningen wil de heer Aarts dan bouwen?", 62, 80),
        ("Aarts", "Honderdduizend per jaar, zoals ik zei.", 80, 95),
        ("Bakker", "Dat is niet haalbaar.", 95, 100),
        ("Aarts", "Dat is het wel. Ik ga door met de zorg.", 100, 300),
        ("Voorzitter", "Dank u wel. Dan is het woord aan de heer Bakker.", 300, 305),
        ("Bakker", "Dank u, voorzitter. Ik wil het hebben over de zorg en de wachtlijsten.", 305, 500),
    ]
    meeting = Meeting("debat", tuple(Utterance(i, s, t, a, b) for i, (s, t, a, b) in enumerate(rows)))
    signals = analyse(meeting).utterance_signals
    assert [(u.index, u.interrupts) for u in signals if u.interrupts] == [(3, "Aarts"), (5, "Aarts")]
