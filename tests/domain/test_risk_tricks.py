"""The risk screen sees through tricks that hide a disclosure, in English, Polish and Arabic, and the same
tricks on harmless messages stay harmless."""

from __future__ import annotations

import pytest

from intake.domain.risk import normalise, screen

ZWSP, ZWJ, RLO, PDF, SHY = "\u200b", "\u200d", "\u202e", "\u202c", "\u00ad"

# (trick, English, Polish, Arabic): each the disclosure with one trick applied.
TRICKS = [
    ("markup", "I want to <kill myself>", "chce <zabic sie>", "<بدي انتحر>"),
    ("markup tags", "i want to <b>kill</b> myself", "<i>chce sie zabic</i>", "<b>ابوي</b> بيضربني"),
    ("made-up tag", "i want to <die>", "chce <umrzec>", "بدي <موت>"),
    ("zero-width spaces", f"I want to k{ZWSP}ill mys{ZWSP}elf", f"chce sie za{ZWSP}bic", f"ابوي بيضر{ZWSP}بني"),
    ("soft hyphens and joiners", f"i want to ki{SHY}ll my{ZWJ}self", f"chce sie za{SHY}bic", f"ابوي بيضر{ZWJ}بني"),
    ("bidi override", f"i want to {RLO}kill myself{PDF}", f"{RLO}chce sie zabic{PDF}", f"{RLO}ابوي بيضربني{PDF}"),
    ("spaced letters", "k i l l m y s e l f", "chce sie z a b i c", "ابوي بي ض ر ب ن ي"),
    ("dotted letters", "i want to k.i.l.l myself", "chce sie z.a.b.i.c", "ابوي ب.ي.ض.ر.ب.ن.ي"),
    ("stretched letters", "i want to kiiill myseeelf", "chce sie zabiiiic", "ابوي بيضرررربني"),
    ("look-alike letters", "i want to кіll myself", "chce sіę zаbić", "ابوي بيضربني"),
    ("leetspeak", "i want to k1ll myse1f", "chce sie zab1c", "ابوي بيضربني"),
    ("symbols for letters", "i want to k!ll mys3lf", "chce sie z@bic", "ابوي بيضربني"),
    ("emoji between words", "i want to 😔 kill 🔪 myself", "chce 😭 sie 😭 zabic", "ابوي 😢 بيضربني 😢"),
    ("emoji inside a word", "i want to ki🔪ll myself", "chce sie za😭bic", "ابوي بيضر😢بني"),
    ("words run together", "iwanttokillmyself", "niechcejuzzyc", "بديموتمابقىفيني"),
    (
        "a sentence run together",
        "theymakemetakedrugstoothertownsandsaytheyllhurtmymum",
        "partnermamymniemolestuje",
        "زوجاميبيلمسني",
    ),
    ("a knife emoji for the word", "🔪 myself tonight", "chce 🔪 sie", "بدي 🔪 حالي"),
    ("whole words in leetspeak", "my 5tepd4d h1t5 m3 every n1ght", "t4t4 b1je mn1e", "ابوي بيضربني"),
    ("repeated letters in every word", "i wannnnt to diiiiie", "chceeee umrzeeeec", "عايززززز اموووووت"),
]

# Arabic written in Latin letters (Arabizi), with the tricks above.
ARABIZI = [
    "b a d d i  m o o t",
    "\u202eabi yedrabni\u202c kol yom",
    "akhi byekhne2ni lama mama barra",
    "baddi moot",
]


@pytest.mark.parametrize("text", ARABIZI)
def test_arabizi_with_a_trick_is_still_flagged(text):
    assert screen(text).is_risk, normalise(text)


@pytest.mark.parametrize(("trick", "english", "polish", "arabic"), TRICKS, ids=[t[0] for t in TRICKS])
def test_a_disclosure_hidden_by_a_trick_is_still_flagged_in_every_language(trick, english, polish, arabic):
    for text in (english, polish, arabic):
        assert screen(text).is_risk, (trick, text, normalise(text))


HARMLESS = [
    ("markup", "my sw said <b>no</b> to my bus pass <3", "<i>dziekuje</i> za pomoc", "<b>شكرا</b> على المساعدة"),
    ("zero-width spaces", f"my bus pa{ZWSP}ss ran out", f"dzie{ZWSP}kuje bardzo", f"شكر{ZWSP}ا كتير"),
    ("bidi override", f"my ref is {RLO}K7QM-3XPD{PDF}", f"{RLO}dziekuje{PDF}", f"{RLO}شكرا{PDF}"),
    ("spaced letters", "i got an a b c in my exams", "mam plan a i b", "ا ب ت"),
    ("dotted letters", "i start at 9 a.m. e.g. mondays", "od 9 r.", "الساعة ٩ ص.م"),
    ("stretched letters", "thankyouuuu sooo much", "dziekujeeee", "شكراااا"),
    ("look-alike letters", "thank уou so much", "dziękuję bardzо", "شكرا"),
    (
        "numbers and text-speak",
        "c u 2nite b4 10am, my ps5 is broken, its my 5th placement",
        "mam 2 braci",
        "عندي 2 اخوة",
    ),
    ("emoji", "thank u 😊🙏 my sw is the best 💯", "dzieki 😊", "شكرا 😊"),
    (
        "words run together",
        "#throwbackthursday to my first placement, unbelievably good",
        "dziekujebardzo za wszystko, najserdeczniej",
        "شكراكتيرعلىالمساعدة",
    ),
    ("a knife emoji on its own", "made a salad for tea 🔪🥗", "robie obiad 🔪", "طبخت اليوم 🔪"),
    ("a knife emoji for cooking", "🔪 onions for the curry", "🔪 cebule na zupe", "🔪 البصل للطبخة"),
    (
        "family emoji",
        "we all went to the park 👨\u200d👩\u200d👧 it was fun",
        "bylismy w parku 👨\u200d👩\u200d👧",
        "رحنا عالحديقة 👨\u200d👩\u200d👧",
    ),
    (
        "contact details",
        "its kill.bill99@gmail.com or 07700 900123",
        "moj email to ania.k@wp.pl",
        "ايميلي sara.k@gmail.com",
    ),
]


@pytest.mark.parametrize(("trick", "english", "polish", "arabic"), HARMLESS, ids=[t[0] for t in HARMLESS])
def test_the_same_tricks_on_harmless_messages_stay_ok(trick, english, polish, arabic):
    for text in (english, polish, arabic):
        assert not screen(text).is_risk, (trick, text, screen(text).reason)


def test_invisible_characters_are_dropped_and_spaced_letters_put_back_into_words():
    assert normalise(f"I want to k{ZWSP}ill mys{ZWSP}elf") == "i want to kill myself"
    assert normalise("k i l l m y s e l f") == "kill myself killmyself"
    assert normalise("k.i.l.l") == "kill"
    assert normalise("i want to k1ll myse1f") == "i want to kill myself"


def test_single_letters_that_spell_no_known_words_are_left_as_they_were():
    assert normalise("a x q z") == "a x q z"


def test_text_speak_with_digits_is_not_read_as_leetspeak():
    assert normalise("2nite b4 sum1 4ever ps5 5th 10am") == "tonight before someone 4ever ps5 5th 10am"


def test_arabizi_keeps_the_digits_that_are_its_letters():
    assert normalise("ana 5ayfe ya3ni w ma 3ndi 7ada") == "ana 5ayfe ya3ni w ma 3ndi 7ada"


def test_words_run_together_are_read_split_into_known_words_as_well():
    assert normalise("iwanttokillmyself") == "iwanttokillmyself i want to kill myself"
    assert normalise("niechcejuzzyc") == "niechcejuzzyc nie chce juz zyc"


def test_a_long_word_that_hides_no_word_of_harm_is_left_as_it_is():
    assert normalise("unbelievably throwbackthursday przedstawicielem") == (
        "unbelievably throwbackthursday przedstawicielem"
    )


def test_a_knife_emoji_reads_as_kill_in_the_language_around_it():
    assert normalise("🔪 myself tonight") == "kill myself tonight"
    assert normalise("chce 🔪 sie") == "chce zabic sie"
    assert normalise("بدي 🔪 حالي") == "بدي اقتل حالي"


def test_whole_words_of_leetspeak_become_the_words_around_a_disclosure():
    assert normalise("my 5tepd4d h1t5 m3 every n1ght") == "my step dad hits me every night"
