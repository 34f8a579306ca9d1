"""General rules learnt from issue 13's fresh sets: each disclosure is caught in all three languages where the
rule is not tied to one, and the everyday message that looks like it stays OK."""

from __future__ import annotations

import pytest

from intake.domain.risk import screen

DISCLOSURES = [
    ("suicide", "everyone says its just a phase but i've planned it for next saturday"),
    ("suicide", "عايز اموت"),
    ("suicide", "baddi moot"),
    ("threat", "i keep getting dms from accounts saying they know my school and will come for me"),
    ("neglect", "ive not had my insulin for days cos the carer wont take me to get the prescription"),
    ("neglect", "mama nie daje mi lekow od tygodnia"),
    ("neglect", "مباكلش بقالي اسبوعين غير بسكوتة في اليوم"),
    ("neglect", "i have not eaten for 3 days"),
    ("neglect", "nie jadlem od 3 dni"),
    ("neglect", "الثلاجة مقفلة ولا تحصل على فطور أو عشاء"),
    ("neglect", "they lock the kitchen at night so we cant eat, im starving"),
    ("physical_abuse", "nosze bluzy z dlugim rekawem bo mam sine rece od macochy"),
    ("physical_abuse", "i have bruises from my step dad"),
    ("physical_abuse", "uczennica ma slady po ugryzieniach na ramieniu i mowi ze nie moze powiedziec kto"),
    ("physical_abuse", "she has bite marks on her arm and will not say who did it"),
    ("physical_abuse", "akhi byekhne2ni lama mama barra"),
    ("physical_abuse", "abi yedrabni kol yom"),
    ("exploitation", "صاحب المحل يعطيه سجائر مقابل أن يلتقط له صوراً"),
    ("exploitation", "the man at the shop gives me fags for pics"),
    ("exploitation", "starszy chlopak daje mi papierosy za zdjecia"),
]


@pytest.mark.parametrize(("rule", "text"), DISCLOSURES)
def test_a_disclosure_in_words_the_rules_did_not_know_is_caught_by_its_rule(rule, text):
    assert rule in [hit.rule for hit in screen(text).hits], screen(text).reason


EVERYDAY = [
    "got a knife and fork set for my new flat from the starter pack, thanks it was really useful",
    "i was hurt that nobody from the council came to my graduation, my worker promised",
    "brat bije mnie w fife od tygodnia, musze potrenowac xd",
    "uczymy sie gotowac w placowce, wczoraj troche sie pocialem przy krojeniu cebuli xd ale zupa wyszla super",
    "uderzylem sie drzwiami w palec i mam siniaka xd ale zamek w lazience jest zepsuty od miesiaca",
    "have a christmas dinner for care leavers who have nowhere to go",
    "we planned the party for next saturday, can my worker come",
    "staff lock the kitchen at night so we cant get snacks",
]


@pytest.mark.parametrize("text", EVERYDAY)
def test_an_everyday_message_that_looks_like_a_disclosure_stays_ok(text):
    assert not screen(text).is_risk, screen(text).reason


def test_cutlery_is_never_a_weapon_that_makes_an_alert_immediate():
    assert screen("got a knife and fork set, and my dad hit me last year").level == "concern"


def test_the_model_is_not_asked_again_about_a_sentence_the_rules_read_as_everyday():
    # "bije mnie" alone would read as a disclosure to the model; "w fife" (at FIFA) makes it a game.
    assert screen("brat bije mnie").is_risk
    assert not screen("brat bije mnie w fife, musze potrenowac").is_risk


def test_an_everyday_reading_is_dropped_when_the_child_is_scared_to_go_home():
    assert screen("قال إن والدي سيقتلني إذا علم، وأنا خائفة من العودة إلى البيت").is_risk
    assert screen("ktos pisze ze mnie zabije jak wyjde z domu").is_risk


# Ordinary requests in the dialects (Levantine, Gulf, Iraqi, Egyptian, Maghrebi) that the model once read as risk.
ARABIC_DIALECT_REQUESTS = [
    "ما تتصلوا بعد العشا، بكون نايم",
    "جوالي خربان من أسبوع وما اقدر اتواصل مع الاخصائية، تقدرون تعطوني جوال؟",
    "الوجبات بالمدرسة ما فيها شي نباتي، فيكن تحكوا معهم؟",
    "ليه بياخدوا التليفون مني الساعة ٩ بالليل؟ انا مش صغيرة",
    "اكدر اطلع وية اصدقائي للسينما الجمعة؟",
    "اخوي الصغير يلعب بتلفوني احيانا",
    "لا ترسلوا بالانجليزي",
    "بعد الساعة ٥ أفضل",
    "ma 3ndi masari la rasid el telephone",
]


@pytest.mark.parametrize("text", ARABIC_DIALECT_REQUESTS)
def test_an_ordinary_request_in_an_arabic_dialect_is_not_read_as_a_disclosure(text):
    assert not screen(text).is_risk, screen(text).reason


def test_a_disclosure_with_a_dialect_everyday_word_in_it_is_still_read():
    assert screen("بيدخل غرفتي وانا نايم").is_risk
