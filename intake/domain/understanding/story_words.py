"""The phrases ``story`` reads a message with, in English, Polish and Arabic. Pure data.

Phrases are in simplified form (``text.simplify``) unless they say otherwise.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# What someone says when they only say what they want to do: not yet a story.
WANTING_TO_TELL = (
    "i want to make a complaint",
    "i would like to make a complaint",
    "i want to complain",
    "i wanna complain",
    "i wana complain",
    "i want to say thank you",
    "i want to say thanks",
    "i want to share an idea",
    "i have an idea",
    "i got an idea",
    "make a complaint",
    "to complain",
    "complain about",
    "chce zlozyc skarge",
    "chcialbym zlozyc skarge",
    "chcialabym zlozyc skarge",
    "zlozyc skarge",
    "chce sie poskarzyc",
    "chce podziekowac",
    "mam pomysl",
    "اريد ان اشتكي",
    "بدي اشتكي",
    "عندي شكوى",
    "ابي اشتكي",
)
# Words that add nothing to a story on their own.
FILLER_WORDS = _words(
    """
    hi hiya hey hello helo hallo halo yo ok okay please pls plz um so and but i im me my a an the to
    want wanna wana would like need complain complaint complaining thanks thank thx ty you idea comment
    about on of for is it its just really
    czesc hej witam dzien dobry chce chcialbym chcialabym skarga skarge skargi zlozyc poskarzyc prosze
    dziekuje dzieki pomysl na o i w
    مرحبا السلام عليكم اهلا اريد بدي ابي ابغى شكوى اشتكي شكرا عن على من في و
    salam slm marhaba mar7aba ana bdi baddi 3ayez 3ayza ashtki ashtaki shakwa shukran 3ala
    """
)

# Someone writing for another person says so; only phrases that cannot be a child's own story.
ABOUT_OTHER = (
    "my son",
    "my sons",
    "my daughter",
    "my daughters",
    "my child",
    "my childs",
    "my children",
    "my kid",
    "my kids",
    "my client",
    "my foster child",
    "my foster son",
    "my foster daughter",
    "the young person i",
    "a young person i",
    "the child i",
    "on behalf of",
    "for a friend",
    "my friend wants",
    "im a parent",
    "i am a parent",
    "im his",
    "im her",
    "i am his",
    "i am her",
    "moj syn",
    "mojego syna",
    "moja corka",
    "mojej corki",
    "moje dziecko",
    "mojego dziecka",
    "w imieniu",
    "jestem mama",
    "jestem tata",
    "ابني",
    "بنتي",
    "ابنتي",
    "طفلي",
    "اولادي",
    "انا ام",
    "انا اب",
    "نيابه عن",
)
# A child writing about their own life: "I", "me", "my" (and the same in Polish and Arabic).
ABOUT_ME = _words(
    """
    i im ive id me my mine myself
    ja mnie mi mna moj moja moje mojego mojej moim jestem mam chce
    انا عني لي بدي اريد ابي ابغى
    """
)
# Arabic joins "me" and "my" to the word: "بيسمعوني" (they listen to me), "اخوي" (my brother). A word ending in
# "ني" (me) of at least this many letters, or one of these "my ..." words, is a child writing about themselves.
ARABIC_ME_ENDING, ARABIC_ME_MIN = "ني", 4
ARABIC_MY_WORDS = _words("امي ابوي ابي اخوي اختي اخواتي بيتي غرفتي تلفوني مدرستي اغراضي فلوسي حياتي")
# "I'm her foster carer", "jestem mamą": who is writing, as ``ROLE_OPTIONS`` keys.
ROLE_STATEMENTS = (
    ("foster carer", "foster_carer"),
    ("im a parent", "parent"),
    ("i am a parent", "parent"),
    ("im his mum", "parent"),
    ("im her mum", "parent"),
    ("im his dad", "parent"),
    ("im her dad", "parent"),
    ("my son", "parent"),
    ("my daughter", "parent"),
    ("my child", "parent"),
    ("my kid", "parent"),
    ("my client", "professional"),
    ("the young person i support", "advocate"),
    ("im an advocate", "advocate"),
    ("jestem mama", "parent"),
    ("jestem tata", "parent"),
    ("moj syn", "parent"),
    ("mojego syna", "parent"),
    ("moja corka", "parent"),
    ("mojej corki", "parent"),
    ("moje dziecko", "parent"),
    ("انا ام", "parent"),
    ("انا اب", "parent"),
    ("ابني", "parent"),
    ("بنتي", "parent"),
    ("ابنتي", "parent"),
)
# The workers and services a child names, with the words the summary confirms them in (in the same language).
WORKERS = (
    ("social worker", "social worker"),
    ("sw", "social worker"),
    ("socail worker", "social worker"),
    ("pa", "PA"),
    ("personal adviser", "personal adviser"),
    ("personal advisor", "personal adviser"),
    ("leaving care worker", "leaving care worker"),
    ("leaving care", "leaving care team"),
    ("key worker", "key worker"),
    ("keyworker", "key worker"),
    ("foster carer", "foster carer"),
    ("foster carers", "foster carers"),
    ("foster mum", "foster carer"),
    ("foster dad", "foster carer"),
    ("iro", "IRO"),
    ("reviewing officer", "IRO"),
    ("advocate", "advocate"),
    ("care home", "care home"),
    ("childrens home", "children's home"),
    ("youth worker", "youth worker"),
    ("youth club", "youth club"),
    ("pracownik socjalny", "pracownik socjalny"),
    ("pracownika socjalnego", "pracownik socjalny"),
    ("pracowniczka socjalna", "pracowniczka socjalna"),
    ("opiekun", "opiekun"),
    ("opiekuna", "opiekun"),
    ("opiekunka", "opiekunka"),
    ("opiekunki", "opiekunka"),
    ("rodzina zastepcza", "rodzina zastępcza"),
    ("rodzinie zastepczej", "rodzina zastępcza"),
    ("rodziny zastepczej", "rodzina zastępcza"),
    ("dom dziecka", "dom dziecka"),
    ("domu dziecka", "dom dziecka"),
    ("placowka", "placówka"),
    ("placowce", "placówka"),
    ("الاخصائي الاجتماعي", "الأخصائي الاجتماعي"),
    ("الاخصائيه الاجتماعيه", "الأخصائية الاجتماعية"),
    ("الاخصائيه", "الأخصائية الاجتماعية"),
    ("الاخصائي", "الأخصائي الاجتماعي"),
    ("الموظف", "الموظف"),
    ("الموظفه", "الموظفة"),
    ("الموظفين", "الموظفين"),
    ("المشرف", "المشرف"),
    ("المشرفه", "المشرفة"),
    ("العائله الحاضنه", "العائلة الحاضنة"),
    ("الاسره الحاضنه", "الأسرة الحاضنة"),
    ("الدار", "الدار"),
)
# The start of asking for something, as typed (lower case, straight apostrophes), not simplified: what follows
# is kept in their own words.
REMEDY_OPENERS = (
    "all i want is",
    "i just want",
    "i only want",
    "i really want",
    "i want",
    "i wanna",
    "i would like",
    "i'd like",
    "id like",
    "i need",
    "i wish",
    "i'd rather",
    "please can",
    "please could",
    "chcę tylko",
    "chce tylko",
    "chciałbym",
    "chcialbym",
    "chciałabym",
    "chcialabym",
    "chcę",
    "chce",
    "potrzebuję",
    "potrzebuje",
    "أريد",
    "اريد",
    "بدي",
    "ابي",
    "أبي",
    "ابغى",
    "أتمنى",
    "اتمنى",
)
# A word before "I want" that turns it round ("ما ابي", "nie chce", "dont"): not asking for it.
NEGATIONS = _words("not dont never no nie ani ما مش مو لا")
# What follows "I want" when it is the wish to tell us, not what would put it right (simplified).
INTENT_STARTS = (
    "to complain",
    "to make a complaint",
    "to make complaint",
    "complain",
    "a complaint",
    "to say",
    "to thank",
    "to tell",
    "to report",
    "to share",
    "to talk",
    "to speak",
    "someone to",
    "zlozyc",
    "sie poskarzyc",
    "poskarzyc",
    "podziekowac",
    "powiedziec",
    "porozmawiac",
    "ان اشتكي",
    "اشتكي",
    "اشكر",
    "احكي",
    "اتكلم",
    "اقدم شكوى",
)
