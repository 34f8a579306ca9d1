"""The risk screen's statistical second opinion (intake.domain.risk.model)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from intake.domain.risk import RULE_IDS, normalise, screen
from intake.domain.risk import model as risk_model

ROOT = Path(__file__).resolve().parents[2]

# Written for this test only, in wording that appears in none of the training files.
UNSEEN_DISCLOSURES = [
    "i put the wardrobe in front of my door every night now",
    "i keep a knife under my pillow just in case he comes back",
    "mum says i should be grateful he even lets me eat",
    "i have been wearing a hoodie in summer so no one asks about the marks",
    "he said if anyone finds out about us i will go to prison not him",
    "can you not ring the house phone, they listen to everything",
    "he waits for me outside the changing rooms and wants to drive me home",
    "i think about not being here a lot lately",
    "everybody would be happier if i disappeared",
    "i owe some older boys and they want me to hold a package",
    "she told me to say i fell down the stairs",
    "i dont eat at the home because they say i have to earn it",
    "ive had my stuff in a bin bag at the station since last night",
    "i haven't told anyone but my stepbrother makes me do stuff",
    "nie mówię nikomu bo on powiedział że mnie znajdzie",
    "nie mam gdzie się podziać od wczoraj",
    "ما بقدر قول لحدا شو عم يعمل فيني",
    "بخاف ارجع عالبيت بالليل",
]
ORDINARY = [
    "the new staff member is really kind and listens to me",
    "i want to go to the football on saturday with my mates",
    "my allowance came late again this month",
    "can i change my review meeting to after school",
    "the taxi keeps coming at the wrong time",
    "my phone screen cracked and i need a new one",
    "this maths homework is doing my head in",
    "i could eat a horse after training",
    "my brother is a pain but i still want to see him more",
    "the wifi in my room keeps dropping out",
    "thanks for sorting my passport so quickly",
    "my social worker cancelled again and i waited for ages",
    "im bored of pasta every night can we have something else",
    "this is killing me",
    "I could kill for wifi",
    "I died laughing",
    "chcę więcej kieszonkowego na wycieczkę",
    "pokój jest za mały i okno się nie otwiera",
    "بدي روح عالنادي يوم الجمعة",
    "شكرا على المساعدة بالمدرسة",
]


def test_the_weights_file_loads_with_the_expected_schema_and_stays_small():
    data = json.loads(risk_model.WEIGHTS_PATH.read_text(encoding="utf-8"))
    assert data["schema"] == risk_model.SCHEMA == 3 and data["ngram_range"] == [2, 5]
    assert 1000 <= len(data["weights"]) <= 20_000
    assert all(isinstance(w, float | int) for w in data["weights"].values())
    assert data["thresholds"] == risk_model.THRESHOLDS and set(data["thresholds"]) == {"latin", "arabic"}
    assert data["cross_validation"]["rules_or_model"]["false_alarms"] <= 0.13  # the trainer's MAX_FALSE_ALARMS
    assert "risk_eval3_independent.tsv" not in data["trained_on"]
    assert data["trained_on"]["risk_training_blind_en.tsv"] == 600
    assert data["trained_on"]["risk_training_blind_plar.tsv"] == 640
    assert data["trained_on"]["risk_training_blind2_en.tsv"] == 600
    assert data["trained_on"]["risk_training_blind2_pl.tsv"] == data["trained_on"]["risk_training_blind2_ar.tsv"] == 500
    assert data["trained_on"]["risk_training_blind_eval4.tsv"] == 420
    assert 10_000 <= len(data["word_scores"]) <= 20_000
    assert risk_model.WEIGHTS_PATH.stat().st_size < 900 * 1024


def test_each_stored_word_score_is_the_score_of_that_word_from_the_stored_weights():
    data = json.loads(risk_model.WEIGHTS_PATH.read_text(encoding="utf-8"))
    for word, stored in data["word_scores"].items():
        assert stored == risk_model.word_score_with(word, data["weights"]), word


def test_the_shipped_weights_are_exactly_what_a_fresh_training_run_writes():
    spec = importlib.util.spec_from_file_location("train_risk_model", ROOT / "scripts" / "train_risk_model.py")
    trainer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(trainer)
    assert trainer.build() == risk_model.WEIGHTS_PATH.read_text(encoding="utf-8")


def test_the_fast_cached_score_equals_the_plain_score_from_the_same_weights():
    data = json.loads(risk_model.WEIGHTS_PATH.read_text(encoding="utf-8"))
    for text in UNSEEN_DISCLOSURES + ORDINARY:
        plain = risk_model.score_with(normalise(text), data["weights"], data["bias"], data["window"])
        assert risk_model.score(text) == pytest.approx(plain)


def test_the_model_alone_flags_most_unseen_indirect_disclosures():
    # Measured when written: 14 of 18. Missed: the listening phone, the changing rooms, earning food, "not being here".
    flagged = [
        text for text in UNSEEN_DISCLOSURES if risk_model.score(text) >= risk_model.threshold_for(normalise(text))
    ]
    assert len(flagged) / len(UNSEEN_DISCLOSURES) >= 0.75, sorted(set(UNSEEN_DISCLOSURES) - set(flagged))


def test_rules_and_model_together_flag_at_least_four_in_five_unseen_disclosures():
    # Measured when written: 15 of 18 (three still missed: see the test above). Not the 97% goal.
    missed = [text for text in UNSEEN_DISCLOSURES if not screen(text).is_risk]
    assert len(missed) <= 3, missed


def test_ordinary_feedback_and_idioms_are_rarely_flagged():
    # Measured when written: 1 of 20 ("bored of pasta every night"), within the issue's 15%.
    flagged = [text for text in ORDINARY if screen(text).is_risk]
    assert len(flagged) <= 2, flagged


@pytest.mark.parametrize("text", ["this is killing me", "I could kill for wifi", "I died laughing", "hi", ""])
def test_the_issues_idioms_and_empty_messages_are_not_flagged(text):
    assert not screen(text).is_risk


def test_a_model_hit_is_a_concern_that_says_which_words_made_it_fire():
    result = screen("i sleep with a chair against the door")
    assert [hit.rule for hit in result.hits] == ["concern"]
    assert "concern" in RULE_IDS
    assert "did not recognise" in result.hits[0].description
    fragments = result.hits[0].matched.split(", ")
    assert fragments and all(
        set(fragment.split()) <= set(normalise("i sleep with a chair against the door").split())
        for fragment in fragments
    )
    assert any("against" in fragment.split() for fragment in fragments)


def test_the_model_adds_nothing_when_a_rule_already_fired():
    assert [hit.rule for hit in screen("he hits me and i sleep with a chair against the door").hits] == [
        "physical_abuse"
    ]


def test_explain_returns_up_to_k_readable_words_from_the_message_strongest_first():
    text = "i keep a knife under my pillow just in case he comes back"
    fragments = risk_model.explain(text, k=3)
    assert 1 <= len(fragments) <= 3
    words = set(normalise(text).split())
    assert all(set(fragment.split()) <= words for fragment in fragments)
    assert risk_model.explain("", k=3) == []


def test_concern_gives_the_explaining_words_when_the_model_flags_and_none_when_it_does_not():
    knife, taxi = (
        normalise("i keep a knife under my pillow just in case he comes back"),
        normalise("the taxi was late again"),
    )
    assert risk_model.score_normalised(knife) >= risk_model.threshold_for(knife)
    assert risk_model.concern_normalised(knife, knife.split()) == risk_model.explain_normalised(knife) != []
    assert risk_model.score_normalised(taxi) < risk_model.threshold_for(taxi)
    assert risk_model.concern_normalised(taxi, taxi.split()) is None


def test_a_disclosure_buried_in_a_long_ordinary_complaint_still_scores_high():
    complaint = "my allowance was late and the wifi keeps dropping out and the taxi was late to school again. " * 8
    buried = complaint + "i put the wardrobe in front of my door every night now. " + complaint
    assert risk_model.score(complaint) < risk_model.THRESHOLD
    assert risk_model.score(buried) >= risk_model.THRESHOLD


def test_held_out_folds_of_the_blind_training_sets_are_recorded_and_hold_a_floor():
    # 5-fold cross-validation, rules or model; each fold is scored by a model trained on the other folds AND
    # flagged with thresholds chosen on the other folds. Measured when written (all 6,065 messages), with the
    # threshold taking most of the 15% false-alarm budget (MAX_FALSE_ALARMS = 0.13): pooled 0.939 / 0.116;
    # blind-written sets en 0.936 / 0.126, pl 0.914 / 0.146, ar 0.927 / 0.123. English and Polish share the
    # Latin-script threshold (the screen is not told the language), so Polish carries more of the false alarms.
    # The rules were tuned on these sets, so the figures are optimistic; the honest measure is a sealed blind set.
    cv = risk_model.MODEL_INFO["cross_validation"]
    assert cv["rules_or_model"]["recall"] >= 0.93 and cv["rules_or_model"]["false_alarms"] <= 0.125
    for name in (
        "risk_training_blind_en.tsv",
        "risk_training_blind_plar.tsv",
        "risk_training_blind2_en.tsv",
        "risk_training_blind2_pl.tsv",
        "risk_training_blind2_ar.tsv",
        "risk_training_blind_eval4.tsv",
    ):
        assert cv["sources"][name]["recall"] >= 0.86, (name, cv["sources"][name])
        assert cv["sources"][name]["false_alarms"] <= 0.22, (name, cv["sources"][name])
    # Since issue 13 (tricks undone in normalisation, more idioms): en 0.939 / 0.127, pl 0.917 / 0.144,
    # ar 0.928 / 0.127.
    floors = {"en": (0.93, 0.135), "pl": (0.91, 0.155), "ar": (0.92, 0.13)}
    for lang, (recall, false_alarms) in floors.items():
        figures = cv["blind"][lang]
        assert figures["recall"] >= recall and figures["false_alarms"] <= false_alarms, (lang, figures)


def test_script_of_tells_arabic_script_from_latin_and_each_has_a_threshold():
    assert risk_model.script_of(normalise("ابي بيضربني")) == "arabic"
    assert risk_model.script_of(normalise("baba darabni")) == "latin"
    assert risk_model.script_of(normalise("tata mnie bije")) == "latin"
    assert risk_model.threshold_for("ابي") == risk_model.THRESHOLDS["arabic"]
    assert risk_model.threshold_for("dad") == risk_model.THRESHOLD == risk_model.THRESHOLDS["latin"]
