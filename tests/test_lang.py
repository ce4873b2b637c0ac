"""The Dutch language data: one copy of each list, read from lang/nl/, used by every module that needs it."""

from __future__ import annotations

from leadsignal.io import table
from leadsignal.lang import nl
from leadsignal.nlp import PunctSentencizer
from leadsignal.signals import inference, turns


def test_constants_come_from_the_data_files():
    assert nl.SENTENCE_ENDS == (".", "!", "?", "…", "...", "?!", "!?")
    assert nl.SENTENCE_END_CHARS == ".!?…"
    assert nl.CUT_OFF == ("—", "–", "-", "...", "…")
    assert nl.CSV_COLUMNS["text"][:2] == ("text", "tekst")
    assert {"van", "de", "el", "'t"} <= nl.NAME_PARTICLES
    assert {"eh", "uhm", "nou"} <= nl.FILLERS


def test_one_copy_is_used_everywhere():
    assert PunctSentencizer.ENDS is nl.SENTENCE_ENDS
    assert turns.CUT_OFF is nl.CUT_OFF
    assert table.COLUMNS is nl.CSV_COLUMNS
    assert inference.is_punctuated(["dat is het wel…"]) and not inference.is_punctuated(["dat is het wel"])


def test_cue_word_groups_are_parsed_in_order():
    groups = nl.groups("cue_words")
    assert groups["second_person"][:3] == ("jij", "je", "jullie")
    assert groups["comma"] == (",",)
    assert set(nl.available()) >= {"proposal", "cue_words", "marks", "csv_columns", "name_particles"}
