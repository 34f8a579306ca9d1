"""The risk screen: flags messages for staff review (never an automated decision)."""

from __future__ import annotations

import csv
import time
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest

from intake.domain import risk
from intake.domain.risk import RULE_IDS, RiskHit, RiskResult, check_lines, normalise, screen

HERE = Path(__file__).parent
ROOT = HERE.parent.parent


def rules(text: str) -> set[str]:
    return {hit.rule for hit in screen(text).hits}


# --------------------------------------------------------------------------- every rule

EVERY_RULE = [
    ("physical_abuse", "he hits me when mum is at work"),
    ("physical_abuse", "my step dad punched me in the face"),
    ("physical_abuse", "she pushed me down the stairs"),
    ("physical_abuse", "he gave me a black eye"),
    ("sexual_abuse", "he touches me when no one is around"),
    ("sexual_abuse", "he made me take my clothes off"),
    ("sexual_abuse", "a man keeps asking me for nudes"),
    ("emotional_abuse", "my carer calls me worthless every day"),
    ("emotional_abuse", "she says she wishes i was dead"),
    ("neglect", "theres no food in the house"),
    ("neglect", "ive not been fed for two days"),
    ("neglect", "they locked me in my room"),
    ("neglect", "they locked me out all night"),
    ("self_harm", "i have been cutting myself again"),
    ("self_harm", "i took an overdose last week"),
    ("suicide", "i want to kill myself"),
    ("suicide", "thinking about ending it all"),
    ("threat", "he said he'll kill me if i tell"),
    ("threat", "my mums boyfriend is going to hurt me"),
    ("exploitation", "im made to carry drugs to other towns"),
    ("exploitation", "an older man gives me money and gifts if i go to his flat"),
    ("exploitation", "i think im being groomed"),
    ("exploitation", "they make me run a county line"),
    ("missing", "i ran away from my placement"),
    ("missing", "been missing for 3 days"),
    ("homeless_tonight", "i have nowhere to sleep tonight"),
    ("homeless_tonight", "my mum kicked me out"),
    ("unsafe", "I'm not safe here"),
    ("unsafe", "im scared to go home"),
    ("concern", "i sleep with a chair against the door"),  # no rule: the statistical model (risk/model.py)
]


@pytest.mark.parametrize(("rule", "text"), EVERY_RULE)
def test_each_rule_fires_on_a_plain_example(rule, text):
    assert rule in rules(text)


def test_every_rule_id_has_an_example_in_the_table_above():
    assert {rule for rule, _ in EVERY_RULE} == set(RULE_IDS)


def test_the_module_docstring_says_it_is_for_human_review_and_lists_every_rule_id():
    assert "human review" in risk.__doc__
    for rule in RULE_IDS:
        assert f"``{rule}``" in risk.__doc__


def test_a_child_saying_he_hits_me_is_flagged_as_physical_abuse():
    result = screen("he hits me")
    assert result.is_risk
    assert result.hits[0].rule == "physical_abuse"


# --------------------------------------------------------------------------- how young people write

TEXT_SPEAK = [
    ("he hits me", "physical_abuse"),
    ("hit me", "physical_abuse"),
    ("he beats me", "physical_abuse"),
    ("bf hits me", "physical_abuse"),
    ("HE HIIIITS ME!!!", "physical_abuse"),
    ("i wanna die", "suicide"),
    ("kms", "suicide"),
    ("kys", "suicide"),
    ("wanna kms", "suicide"),
    ("wan2 die", "suicide"),
    ("cut myself", "self_harm"),
    ("cuttin", "self_harm"),
    ("been cuttin again", "self_harm"),
    ("self harm", "self_harm"),
    ("sh", "self_harm"),
    ("did sh last nite", "self_harm"),
    ("od", "self_harm"),
    ("gonna od on my tablets", "self_harm"),
    ("overdose", "self_harm"),
    ("not safe", "unsafe"),
    ("im scared 2 go home", "unsafe"),
    ("no where to sleep", "homeless_tonight"),
    ("kicked out", "homeless_tonight"),
    ("touches me", "sexual_abuse"),
    ("touchd me", "sexual_abuse"),
    ("no food", "neglect"),
    ("locked me in", "neglect"),
    ("runaway", "missing"),
    ("run away", "missing"),
    ("ran away", "missing"),
    ("u dont understand he hurts me", "physical_abuse"),
    ("she said shell beat me up if i complain", "threat"),
]


@pytest.mark.parametrize(("text", "rule"), TEXT_SPEAK)
def test_lower_case_unpunctuated_text_speak_and_misspellings_are_read(text, rule):
    assert rule in rules(text)


# --------------------------------------------------------------------------- idioms and ordinary complaints

ORDINARY = [
    "this is killing me",
    "lol ur killing me",
    "I could kill for wifi",
    "I died laughing",
    "my phone is dead",
    "my phone died",
    "dying to see my mum",
    "the wait is killing me",
    "killing it at football",
    "I'm starving",
    "im starving when is dinner",
    "im not fed up im just tired of waiting",
    "my social worker never calls back",
    "missed visit with my brother again",
    "my contact was cancelled and nobody told me",
    "my pocket money is late",
    "i want a rise in my allowance",
    "why did they change my worker",
    "I hate my new school",
    "the food is rubbish",
    "no food allowed in the bedrooms is a stupid rule",
    "they hit the wall",
    "i got hit by a ball in pe",
    "he hit me up on snap",
    "my brother beat me at fifa",
    "they beat us 5 nil",
    "just trying to kill time",
    "my glasses went missing",
    "i ran out of credit",
    "is it safe to put my address on this form",
    "im scared of spiders",
    "dog grooming course",
    "keep in touch with me",
    "she touched my phone without asking",
    "i ran the 5k at school",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_idioms_and_everyday_complaints_are_not_flagged(text):
    assert screen(text).hits == ()


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("they hit the wall", False),
        ("he kicked the door", False),
        ("i hit the ball over the fence", False),
        ("he hit my sister", True),
        ("she punched him", True),
        ("they slapped me", True),
        ("he hit my head", True),
    ],
)
def test_violence_verbs_need_a_person_as_their_object(text, flagged):
    assert ("physical_abuse" in rules(text)) is flagged


# --------------------------------------------------------------------------- Polish and Arabic

POLISH = [
    ("bije mnie", "physical_abuse"),
    ("tata mnie bije", "physical_abuse"),
    ("uderzył mnie", "physical_abuse"),
    ("uderzyl mnie", "physical_abuse"),
    ("chcę umrzeć", "suicide"),
    ("chce umrzec", "suicide"),
    ("zabiję się", "suicide"),
    ("tnę się", "self_harm"),
    ("tne sie od miesiaca", "self_harm"),
    ("boję się wrócić do domu", "unsafe"),
    ("nie jestem bezpieczny", "unsafe"),
    ("nie jestem bezpieczna", "unsafe"),
    ("dotyka mnie", "sexual_abuse"),
    ("nie mam gdzie spać", "homeless_tonight"),
    ("uciekłem z domu", "missing"),
    ("uciekłam z domu", "missing"),
    ("nie dostaję jedzenia", "neglect"),
    ("zamyka mnie", "neglect"),
]

ARABIC = [
    ("يضربني", "physical_abuse"),
    ("ضربني", "physical_abuse"),
    ("أريد أن أموت", "suicide"),
    ("اريد ان اموت", "suicide"),
    ("أُرِيدُ أَنْ أَمُوتَ", "suicide"),  # with harakat
    ("سأقتل نفسي", "suicide"),
    ("أؤذي نفسي", "self_harm"),
    ("لست بأمان", "unsafe"),
    ("انا مش بأمان", "unsafe"),
    ("يلمسني", "sexual_abuse"),
    ("ليس لدي مكان للنوم", "homeless_tonight"),
    ("هربت من البيت", "missing"),
    ("لا يوجد طعام", "neglect"),
    ("يحبسني", "neglect"),
    ("ويضربني", "physical_abuse"),  # "and he hits me", conjunction written on
]


@pytest.mark.parametrize(("text", "rule"), POLISH)
def test_polish_disclosures_are_flagged_with_or_without_diacritics(text, rule):
    assert rule in rules(text)


@pytest.mark.parametrize(("text", "rule"), ARABIC)
def test_arabic_disclosures_are_flagged_whatever_the_alef_hamza_and_harakat(text, rule):
    assert rule in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "umieram z nudów",
        "ta kolejka mnie zabija",
        "jestem głodny, kiedy obiad?",
        "أموت من الضحك",
        "الانتظار يقتلني",
        "الأكل هنا سيء",
    ],
)
def test_polish_and_arabic_idioms_are_not_flagged(text):
    assert not screen(text).is_risk


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Zażółć GĘŚLĄ jaźń", "zazolc gesla jazn"),
        ("أُرِيدُ أَنْ أَمُوتَ", "اريد ان اموت"),
        ("إلى آخر ـــ مدرسة", "الي اخر مدرسه"),
        ("hiiiits me", "hits me"),
        ("he’ll kill me", "hell kill me"),
        ("im scared 2 go home", "i am scared to go home"),
        ("not fed for 2 days", "not fed for 2 days"),
        ("u dont get it", "you do not get it"),
        ("help 😭😭", "help"),
    ],
)
def test_normalising_lowercases_unifies_scripts_expands_text_speak_and_drops_punctuation(raw, expected):
    assert normalise(raw) == expected


# --------------------------------------------------------------------------- results


def test_the_reason_names_each_rule_that_fired_joined_with_semicolons():
    result = screen("he hits me and i want to die")
    assert [hit.rule for hit in result.hits] == ["physical_abuse", "suicide"]
    assert result.reason == "; ".join(f"{hit.rule}: {hit.description}" for hit in result.hits)
    assert result.reason.startswith("physical_abuse: ")
    assert "; suicide: " in result.reason


def test_each_hit_gives_a_plain_description_and_the_fragment_of_normalised_text_that_matched():
    text = "HE HIIITS ME!!!"
    (hit,) = screen(text).hits
    assert hit == RiskHit("physical_abuse", hit.description, "hits me")
    assert hit.description and hit.description[0].islower()
    assert hit.matched in normalise(text)


def test_a_rule_is_listed_once_however_many_times_it_matches():
    result = screen("he hits me. he punches me. she slaps me.")
    assert [hit.rule for hit in result.hits] == ["physical_abuse"]


@pytest.mark.parametrize("text", ["", "   ", "\n", "!!!", "😭"])
def test_an_empty_or_blank_message_is_not_a_risk(text):
    result = screen(text)
    assert result == RiskResult(())
    assert not result.is_risk
    assert result.reason == ""


def test_results_are_frozen_so_callers_cannot_edit_what_was_screened():
    result = screen("he hits me")
    with pytest.raises(FrozenInstanceError):
        result.hits = ()  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        result.hits[0].rule = "other"  # type: ignore[misc]


def test_check_lines_yields_risk_tab_reason_or_ok_for_each_line_without_a_newline():
    lines = ["he hits me\n", "my phone is dead\n", "\n", "i wanna die"]
    out = list(check_lines(lines))
    assert out == [f"RISK\t{screen('he hits me').reason}", "OK", "OK", f"RISK\t{screen('i wanna die').reason}"]
    assert all("\n" not in line for line in out)
    assert out[0].split("\t", 1)[0] == "RISK"


def test_check_lines_reads_lazily_so_the_cli_can_stream_stdin():
    def endless():
        while True:
            yield "thanks for sorting my passport\n"

    results = check_lines(endless())
    assert [next(results) for _ in range(3)] == ["OK", "OK", "OK"]


# --------------------------------------------------------------------------- labelled corpus


def load(name: str) -> list[dict[str, str]]:
    with (ROOT / "data" / "risk" / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def scores(rows: list[dict[str, str]]) -> tuple[float, float, list[str], list[str]]:
    missed = [r["text"] for r in rows if r["label"] == "RISK" and not screen(r["text"]).is_risk]
    false_alarms = [r["text"] for r in rows if r["label"] == "OK" and screen(r["text"]).is_risk]
    risky = sum(r["label"] == "RISK" for r in rows)
    ordinary = len(rows) - risky
    return 1 - len(missed) / risky, len(false_alarms) / ordinary, missed, false_alarms


@pytest.mark.parametrize(
    ("name", "minimum"),
    [("risk_corpus.tsv", 200), ("risk_holdout.tsv", 60), ("risk_eval.tsv", 240), ("risk_eval2.tsv", 120)],
)
def test_the_labelled_sets_are_big_enough_roughly_half_risk_and_well_formed(name, minimum):
    rows = load(name)
    assert len(rows) >= minimum
    assert {r["label"] for r in rows} == {"RISK", "OK"}
    assert all(r["lang"] in {"en", "pl", "ar"} and r["text"].strip() for r in rows)
    risky = sum(r["label"] == "RISK" for r in rows)
    assert 0.4 <= risky / len(rows) <= 0.6


def test_the_corpus_has_at_least_25_polish_and_25_arabic_messages():
    langs = [r["lang"] for r in load("risk_corpus.tsv")]
    assert langs.count("pl") >= 25
    assert langs.count("ar") >= 25


def test_recall_on_the_labelled_corpus_is_at_least_97_percent_with_at_most_15_percent_false_alarms():
    recall, false_alarm, missed, false_alarms = scores(load("risk_corpus.tsv"))
    assert recall >= 0.97, f"recall {recall:.3f}; missed: {missed}"
    assert false_alarm <= 0.15, f"false alarms {false_alarm:.3f}: {false_alarms}"


def test_the_first_held_out_set_now_folded_into_tuning_is_caught_in_full():
    # Written after the first rules (0.81 recall, 0.02 false alarms then). Its misses were
    # then folded into tuning, so it is tuning data now, not a measure of unseen wording.
    recall, false_alarm, missed, false_alarms = scores(load("risk_holdout.tsv"))
    assert recall >= 0.97, f"recall {recall:.3f}; missed: {missed}"
    assert false_alarm <= 0.15, f"false alarms {false_alarm:.3f}: {false_alarms}"


@pytest.mark.parametrize("name", ["risk_eval.tsv", "risk_eval2.tsv"])
def test_the_evaluation_sets_have_at_least_a_sixth_polish_and_a_sixth_arabic(name):
    langs = [r["lang"] for r in load(name)]
    assert langs.count("pl") >= len(langs) / 6
    assert langs.count("ar") >= len(langs) / 6


def test_the_first_evaluation_set_meets_the_goal_but_was_tuned_against_after_its_first_score():
    # risk_eval.tsv was written before the rules were read and never edited after.
    # First score, before any tuning: recall 0.694 (86/124), false alarms 0.032 (4/124).
    # The generalised rules were then written by the same person who wrote this set,
    # knowing its misses, so this 1.0 is optimistic: risk_eval2.tsv is the honest figure.
    recall, false_alarm, missed, false_alarms = scores(load("risk_eval.tsv"))
    assert recall >= 0.97, f"recall {recall:.3f}; missed: {missed}"
    assert false_alarm <= 0.15, f"false alarms {false_alarm:.3f}: {false_alarms}"


def test_the_second_evaluation_set_now_folded_into_tuning_is_caught_in_full():
    # risk_eval2.tsv was written after the phrase rules were tuned and scored only recall
    # 0.40 (24/60), false alarms 0.017 (1/60). Its misses led to the concept layer
    # (risk/lexicon.py): general concepts rather than its phrases, but it IS now tuning
    # data, so this 1.0 / 0.0 is optimistic. Only a fresh, unseen set measures the goal.
    recall, false_alarm, missed, false_alarms = scores(load("risk_eval2.tsv"))
    assert recall >= 0.97, f"recall {recall:.3f}; missed: {missed}"
    assert false_alarm <= 0.10, f"false alarms {false_alarm:.3f}: {false_alarms}"


def test_the_independent_set_now_used_for_development_meets_the_goal_in_every_language():
    # risk_eval3_independent.tsv (300 lines: 150 RISK, 150 OK; 200 en, 50 pl, 50 ar) was written
    # by someone who never saw the rules or the other sets, deliberately with indirect and
    # buried disclosures. It is the honest measure of unseen wording. Scores when it arrived:
    # phrase rules alone recall 0.407 / false alarms 0.053; with the concept layer 0.567 / 0.060;
    # with the n-gram model as well (risk/model.py, trained without this set) 0.907 / 0.140.
    # Since the blind training sets arrived it is a DEVELOPMENT set: measured (and its misses read, to find
    # missing rule categories), never trained on. With the logistic model trained on the blind sets, per-script
    # thresholds and the new farewell / stockpiling / joke-emoji rules: recall 0.993, false alarms 0.100
    # (en 1.00/0.11, pl 1.00/0.04, ar 0.96/0.12). After the everyday-reading guards and retraining on 1,920 more
    # blind messages: 0.993 / 0.107 (en 1.00/0.10, pl 1.00/0.08, ar 0.96/0.16; with L2 1e-4 false alarms rose to 0.147,
    # so 3e-4 ships). Optimistic now; the blind-set cross-validation
    # (test_risk_model.py) is the more honest figure.
    rows = load("risk_eval3_independent.tsv")
    recall, false_alarm, missed, false_alarms = scores(rows)
    assert recall >= 0.97, f"recall {recall:.3f}; missed: {missed}"
    assert false_alarm <= 0.13, f"false alarms {false_alarm:.3f}: {false_alarms}"
    for lang in ("en", "pl", "ar"):
        recall, false_alarm, missed, false_alarms = scores([r for r in rows if r["lang"] == lang])
        assert recall >= 0.92, f"{lang}: recall {recall:.3f}; missed: {missed}"
        assert false_alarm <= 0.16, f"{lang}: false alarms {false_alarm:.3f}: {false_alarms}"


def test_the_sealed_blind_set_meets_the_issue_s_goal():
    # risk_eval7_sealed.tsv (420 lines: 210 RISK, 210 OK; 210 en, 105 pl, 105 ar) was written by someone who never
    # saw the code, the rules or any other set, and was kept outside the repository until the screen was final:
    # nobody tuned on it or read it before this one measurement. It is the figure of record for issue 6.
    # When it arrived: recall 0.976 (205/210), false alarms 0.090 (19/210); en 0.98 / 0.07, pl 1.00 / 0.13,
    # ar 0.94 / 0.09. The three sealed sets before it, each measured once on the screen of its day and then
    # trained on: 0.938 / 0.171, 0.962 / 0.076, 0.967 / 0.071. From now on it too is seen: write a fresh set
    # before the next claim.
    recall, false_alarm, missed, false_alarms = scores(load("risk_eval7_sealed.tsv"))
    assert recall >= 0.97, f"recall {recall:.3f}; missed: {missed}"
    assert false_alarm <= 0.15, f"false alarms {false_alarm:.3f}: {false_alarms}"


@pytest.mark.parametrize(
    ("name", "min_recall", "max_false_alarms"),
    [("risk_eval8_sealed.tsv", 0.99, 0.06), ("risk_eval8_tricks.tsv", 0.99, 0.04)],
)
def test_issue_13_s_sealed_sets_keep_what_tuning_on_them_reached(name, min_recall, max_false_alarms):
    # Written for issue 13 by people who never saw the code; measured once, blind, on main 5d21d97:
    # risk_eval8_sealed.tsv recall 0.962 (202/210), false alarms 0.110 (23/210) (ar 0.94 / 0.25, en 0.97 / 0.02,
    # pl 0.96 / 0.15); risk_eval8_tricks.tsv recall 0.856 (77/90), false alarms 0.033 (1/30). Then tuned on, so
    # these floors guard against losing ground; they are no longer a blind measure.
    recall, false_alarm, missed, false_alarms = scores(load(name))
    assert recall >= min_recall, f"recall {recall:.3f}; missed: {missed}"
    assert false_alarm <= max_false_alarms, f"false alarms {false_alarm:.3f}: {false_alarms}"


@pytest.mark.parametrize(
    ("name", "min_recall", "max_false_alarms"),
    [("risk_eval9_sealed.tsv", 0.97, 0.14), ("risk_eval9_tricks.tsv", 0.95, 0.05)],
)
def test_issue_13_s_last_sealed_sets_keep_what_they_measured_blind(name, min_recall, max_false_alarms):
    # Written after the screen was final by someone who never saw the code; measured once, blind, on main a54a422:
    # risk_eval9_sealed.tsv recall 0.973 (146/150), false alarms 0.133 (20/150) (ar 0.97 / 0.13, en 0.97 / 0.11,
    # pl 0.97 / 0.19); risk_eval9_tricks.tsv recall 0.956 (43/45), false alarms 0.000 (0/15). Not tuned on
    # message by message (the levels and one Arabic word were fixed from its conversations), so these floors are
    # what it measured; the next claim needs a fresh set all the same.
    recall, false_alarm, missed, false_alarms = scores(load(name))
    assert recall >= min_recall, f"recall {recall:.3f}; missed: {missed}"
    assert false_alarm <= max_false_alarms, f"false alarms {false_alarm:.3f}: {false_alarms}"


# --------------------------------------------------------------------------- concepts near each other
# Wording that appears in none of the labelled sets: the concept layer must generalise.

CONCEPT_FAMILIES = [
    # a person, a harm act and someone harmed; a beating named; an injury someone caused or explained away
    ("physical_abuse", "my stepdad twisted my sisters arm till she cried"),
    ("physical_abuse", "she grabbed me by the throat"),
    ("physical_abuse", "i got a proper hiding off my dad"),
    ("physical_abuse", "my foster carer left bruises on my legs"),
    ("physical_abuse", "he broke my nose and said to tell school i walked into a door"),
    ("physical_abuse", "they make me have cold baths when i wet the bed"),
    ("physical_abuse", "staff pinned me down on the floor and it hurt"),
    ("physical_abuse", "tata mnie pobił pasem"),
    ("physical_abuse", "أبوي بيضربني كل يوم"),
    # sexual contact, being watched undressed, someone in their room at night
    ("sexual_abuse", "my mums boyfriend comes in my room at night"),
    ("sexual_abuse", "he films me in the shower"),
    # grooming and exploitation: messages at night, secrets, older people with gifts, debts, carrying
    ("exploitation", "my uncle keeps snapchatting me at 3am"),
    ("exploitation", "he said its our secret"),
    ("exploitation", "this older guy buys me vapes and wants me to meet him"),
    ("exploitation", "a man in a car keeps giving me lifts and money"),
    ("exploitation", "the older lads make me hold packages for them"),
    ("exploitation", "i owe them money and now they want me to do jobs for them"),
    ("exploitation", "starszy facet daje mi prezenty"),
    # hopelessness and self-harm fire on their own
    ("suicide", "i really dont want to be here anymore"),
    ("suicide", "everyone would be better off without me"),
    ("suicide", "nie chcę już żyć"),
    ("suicide", "بدي موت"),
    ("self_harm", "i took a whole packet of paracetamol"),
    ("self_harm", "ive been cutting my arms with a razor"),
    # neglect, missing, nowhere to sleep, fear of a person or of going home, threats
    ("neglect", "my mum went to spain and left us for a week"),
    ("neglect", "we got no electric and no food in the house"),
    ("neglect", "ما أكلت من يومين"),
    ("missing", "i havent been back to the unit since tuesday"),
    ("homeless_tonight", "i slept in a park last night"),
    ("unsafe", "im terrified of my step dad"),
    ("unsafe", "boję się wrócić do domu"),
    ("unsafe", "خايف من أبوي"),
    ("threat", "he said hes going to batter me after school"),
]


@pytest.mark.parametrize(("rule", "text"), CONCEPT_FAMILIES)
def test_unseen_wording_is_caught_by_concepts_occurring_together(rule, text):
    assert rule in rules(text), screen(text).reason


CONCEPT_NEAR_MISSES = [
    "my brother beat me at mario kart again",
    "my sister beat me in the quiz again",
    "staff hit the roof because i was late",
    "i cut my finger chopping onions",
    "im scared of spiders",
    "the older kids get more pocket money than us",
    "my dad gives me money for the bus",
    "i broke my arm playing football",
    "my phone went missing at school",
    "my mate ran away with the ball",
    "i owe the library a book",
    "im not fed up just bored",
    "nie mam pieniędzy na bilet",
    "بدي أشوف أمي",
]


@pytest.mark.parametrize("text", CONCEPT_NEAR_MISSES)
def test_concepts_that_occur_together_in_everyday_complaints_do_not_fire(text):
    assert screen(text).hits == (), screen(text).reason


# The statistical layer reads words, not meaning, so it cannot see "safe here now" as
# reassurance. These ordinary lines cost a member of staff a minute to read: they may be
# flagged as ``concern`` ("please read it"), but never as abuse, self-harm or any other rule.
# The logistic model (risk/model.py) flags these ordinary messages as ``concern``; no specific rule may fire on them.
# Checked after retraining on the blind sets: "i feel safe here now" and "i cut my hair myself" no longer fire at all.
KNOWN_MODEL_FALSE_ALARMS = [
    "i feel safe here now",
    "i cut my hair myself",
    "the staff checked my room at night and woke me up",
    "i hit my head on the door",
    "my carer took me to the dentist in her car",
    "ok message",  # "message" shares its n-grams with "messages me" (grooming)
    # Since the retraining on 1,920 more blind messages (weaker L2): "nobody rings back" reads like "nobody cares".
    "ive left her 3 voicemails and nobody rings back",
    # Since the threshold took all but a point of the 15% false-alarm budget for recall: "kicked out" reads like
    # being thrown out of home; the idiom list keeps the eviction rule quiet, and a person reads it.
    "i got kicked out of the lesson for talking",
    # Since 1,600 more blind messages (round 3): "no point ... nobody" is also how hopelessness is written.
    "no point complaining nobody listens",
]


@pytest.mark.parametrize(
    "text",
    [
        "i have left loads of messages",
        "ive left two voicemails for my worker this week",
        "zostawiłam kilka wiadomości i nikt nie oddzwonił",
        "تركت رسائل كثيرة ولم يرد علي أحد",
    ],
)
def test_leaving_messages_for_a_worker_is_an_ordinary_complaint_not_a_concern(text):
    assert screen(text).hits == (), screen(text).reason


def test_a_disclosure_next_to_a_left_message_is_still_caught():
    assert screen("i left messages and he still locks me in my room").is_risk


@pytest.mark.parametrize("text", KNOWN_MODEL_FALSE_ALARMS)
def test_known_model_false_alarms_never_fire_a_specific_rule(text):
    assert {hit.rule for hit in screen(text).hits} <= {"concern"}, screen(text).reason


def test_a_concept_hit_names_its_rule_and_quotes_the_words_that_fired_it():
    (hit,) = screen("my uncle keeps snapchatting me at 3am").hits
    assert hit.rule == "exploitation"
    assert hit.description == "mentions someone messaging them late at night"
    assert hit.matched == "snapchatting me at 3am"


# --------------------------------------------------------------------------- long messages

LONG_MESSAGE = (
    "hi so basically i want to complain because my social worker keeps changing and the new one never turns up, "
    "the last meeting was cancelled and nobody told me, my allowance was wrong again and i had no school shoes for "
    "two weeks so i had to wear trainers and got a detention which isnt fair. the wifi at the home never works and "
    "staff say its not their job. i asked about my pathway plan and my leaving care grant and nobody knows anything. "
    "im sick of moving placements, this is my 5th this year and i miss my little brother who is in a different "
    "placement and i only see him once a month. the food is rubbish, always pasta, and the heating is broken so my "
    "room is freezing. i hate my new school and the taxi is late every morning so i miss registration. my ps5 got "
    "broken in the move and nobody paid for it. honestly i dont know who else to tell but the older lads at the "
    "home keep beating me up and staff dont do anything and im scared to go back there tonight. pls help me"
)


def test_a_1000_character_message_with_a_disclosure_near_the_end_is_flagged():
    # Its speed (goal: a median under 1 ms) is measured by bench/risk.py, not here: timing goals live in bench/.
    message = (LONG_MESSAGE * 2)[:1000]
    assert len(message) == 1000
    assert screen(message).is_risk


def test_a_very_long_message_cannot_make_the_screen_backtrack_for_long():
    message = ("i i i am am not not going going to to " * 2000) + "he hits me"
    start = time.process_time()
    result = screen(message)
    assert time.process_time() - start < 0.5
    assert result.is_risk


# --------------------------------------------------------------------------- farewells, stockpiling, joke emoji
# Categories the blind sets showed the rules lacked; worded here afresh, not copied from any labelled set.


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        ("suicide", "this is my last message to anyone, sorry"),
        ("suicide", "my brother can have my ps4 i wont be needing it any more"),
        ("suicide", "to jest moja ostatnia wiadomość"),
        ("suicide", "هاي آخر رسالة رح تشوفوها مني"),
        ("self_harm", "ive been saving up my tablets in a sock"),
        ("self_harm", "i looked up how many pills would do it"),
        ("self_harm", "i keep making myself sick after dinner"),
        ("neglect", "مرت ابوي بتقفل علينا الباب وبتطلع"),
    ],
)
def test_farewells_stockpiling_and_locked_in_are_flagged_by_a_named_rule(rule, text):
    assert rule in rules(text), screen(text).reason


@pytest.mark.parametrize(
    "text",
    [
        "my nan is going to murder me when she sees my hair 😂",
        "gonna kill my sister she wore my hoodie again 🤣",
        "mama mnie zabije za te spodnie 😅",
        "homework club is fine but the teacher just sits on her phone",
        "my social worker says i cant go on the school trip to france",
        "the last message i sent you was about my bus pass",
    ],
)
def test_jokes_marked_by_laughing_emoji_and_everyday_phrases_fire_no_rule(text):
    assert {hit.rule for hit in screen(text).hits} <= {"concern"}, screen(text).reason


# --------------------------------------------------------------------------- everyday readings of alarming words
# Worded afresh for this test (in no labelled set): a hit is dropped when its sentence reads as sport, play,
# animals, a joke, a broken thing or a locked account, unless the sentence also says it is serious.


@pytest.mark.parametrize(
    "text",
    [
        "got whacked in the face by a hockey ball at training, just a bruise",
        "my cousin keeps punching me on the arm when we play fight haha",
        "the hamster ran away behind the sofa for a whole day",
        "my carer will kill me if i lose another bus pass lol",
        "tata mnie zabije jak zobaczy moja fryzure xd",
        "the bannister on the stairs is not safe, it wobbles",
        "i got locked out of my instagram account again",
        "i was hurt that nobody came to my prize evening",
    ],
)
def test_everyday_sport_play_pets_jokes_and_broken_things_fire_no_rule(text):
    assert {hit.rule for hit in screen(text).hits} <= {"concern"}, screen(text).reason


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        ("threat", "he said he will kill me if i tell anyone lol"),
        ("threat", "wujek mowi ze mnie zabije jak komus powiem"),
        ("physical_abuse", "my uncle gave me a black eye and said to tell school i got hit playing football"),
        ("unsafe", "i am not safe at home"),
        ("neglect", "they locked me out all night"),
    ],
)
def test_a_serious_sentence_keeps_its_rule_whatever_everyday_words_it_holds(rule, text):
    assert rule in rules(text), screen(text).reason


@pytest.mark.parametrize(
    "text",
    [
        "after football my foster dad hit me",
        "my carer hit me because i was late from the gym",
        "my stepdad punched me after the match cos we lost",
        "ojczym mnie uderzyl po meczu",
        "ابوي ضربني بعد المباراه",
    ],
)
def test_harm_by_an_adult_who_looks_after_them_is_never_read_as_sport_or_play(text):
    # The everyday-reading guards drop "hit" near sport words; a named carer or parent overrides them.
    assert "physical_abuse" in {hit.rule for hit in screen(text).hits}, screen(text).reason


def test_screening_without_explaining_finds_the_same_rules_and_leaves_the_models_words_out():
    texts = ["i sleep with a chair against the door every night now", "he hits me", "the bus was late again today"]
    for text in texts:
        explained, bare = screen(text), screen(text, explain=False)
        assert [(hit.rule, hit.description) for hit in bare.hits] == [
            (hit.rule, hit.description) for hit in explained.hits
        ]
        for hit, bare_hit in zip(explained.hits, bare.hits, strict=True):
            assert bare_hit.matched == ("" if hit.rule == "concern" else hit.matched)
    assert [hit.rule for hit in screen(texts[0]).hits] == ["concern"] and screen(texts[0]).hits[0].matched
