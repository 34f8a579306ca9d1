"""Understanding short natural replies: yes/no, menu choices, "done", "skip", keywords.

Pure functions, no Flask. Young people text the way they talk: "yeah", "nah",
"its about me", "complane", "thx", emoji, and in Polish or Arabic. Every menu
accepts the number shown, the option's words, natural phrasing and near-misses.
Anything we cannot read with confidence returns ``None`` so the engine asks again
kindly rather than guessing.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

from intake.domain import references

# --------------------------------------------------------------------------------------
# Normalising what someone typed
# --------------------------------------------------------------------------------------

_ARABIC_MARKS = {cp: None for cp in [*range(0x064B, 0x0660), 0x0670, 0x0640]}  # harakat, superscript alef, tatweel
_CHAR_MAP = str.maketrans(
    {
        "ł": "l",
        "Ł": "l",
        "ß": "ss",
        "’": "",
        "‘": "",
        "'": "",
        "`": "",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ؤ": "و",
        "ئ": "ي",
        **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + i): str(i) for i in range(10)},
        **{chr(0x2460 + i): str(i + 1) for i in range(9)},  # circled digits
    }
)
_KEYCAP = re.compile("([0-9])\ufe0f?\u20e3")  # 1️⃣ → 1
_NON_WORD = re.compile(r"[^\w]+|_")
_STRETCHED = re.compile(r"(\w)\1{2,}")  # "yesss" → "yes", "nooo" → "no"


# Cached: every menu option and keyword phrase, and the same incoming text, are simplified many times a message.
@functools.lru_cache(maxsize=4096)
def simplify(text: str | None) -> str:
    """Lower case, no accents or punctuation, Arabic letter forms unified, single spaces."""
    if not text:
        return ""
    text = _KEYCAP.sub(r"\1", text)
    text = unicodedata.normalize("NFKC", text).translate(_CHAR_MAP).lower()
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = text.translate(_ARABIC_MARKS)
    text = _NON_WORD.sub(" ", text)
    text = _STRETCHED.sub(r"\1", text)
    return " ".join(text.split())


def has_words(text: str | None) -> bool:
    """True if there is at least one letter or digit (emoji-only and blank messages are not words)."""
    return bool(simplify(text))


def _contains(simple: str, phrase: str) -> bool:
    if phrase.endswith("*"):  # a stem: "niepelnosprawn*" matches any ending
        return re.search(r"(?:^|\s)" + re.escape(phrase[:-1]), simple) is not None
    return f" {phrase} " in f" {simple} "


# --------------------------------------------------------------------------------------
# Yes and no
# --------------------------------------------------------------------------------------

YES = (
    "yes",
    "y",
    "yeah",
    "yea",
    "yeh",
    "ye",
    "yep",
    "yup",
    "ya",
    "yah",
    "ok",
    "okay",
    "k",
    "kk",
    "sure",
    "fine",
    "alright",
    "aight",
    "correct",
    "right",
    "thats right",
    "please",
    "yes please",
    "go on",
    "aye",
    "of course",
    "definitely",
    "deffo",
    "send",
    "send it",
    "do it",
    "yas",
    "ys",
    "yess",
    "thats fine",
    "its fine",
    "good",
    "tak",
    "jasne",
    "dobrze",
    "pewnie",
    "oczywiscie",
    "ok wyslij",
    "wyslij",
    "zgoda",
    "tak prosze",
    "نعم",
    "ايوه",
    "ايوا",
    "اه",
    "اجل",
    "تمام",
    "ماشي",
    "اكيد",
    "طيب",
    "موافق",
    "ارسل",
    "يس",
)
NO = (
    "no",
    "n",
    "nah",
    "nope",
    "na",
    "no thanks",
    "no thank you",
    "not really",
    "no ta",
    "nay",
    "noo",
    "nop",
    "dont",
    "do not",
    "no way",
    "rather not",
    "id rather not",
    "not now",
    "its not",
    "no its not",
    "not ok",
    "nie",
    "nie dziekuje",
    "nie trzeba",
    "raczej nie",
    "nie chce",
    "لا",
    "لا شكرا",
    "كلا",
    "لاء",
    "مش",
    "ما بدي",
    "لا اريد",
)

_YES_SET, _NO_SET = frozenset(YES), frozenset(NO)


def yes_no(text: str | None) -> bool | None:
    """True for yes, False for no, None when unclear (or both)."""
    simple = simplify(text)
    if not simple:
        return None
    if simple in _YES_SET:
        return True
    if simple in _NO_SET:
        return False
    words = simple.split()
    # "yeah thats fine", "no not really", "nah its my mums phone": the first word decides,
    # unless the next word says the opposite ("yes no").
    first = words[0]
    two = " ".join(words[:2])
    yes = first in _YES_SET or two in _YES_SET
    no = first in _NO_SET or two in _NO_SET
    if len(words) > 1 and two not in _YES_SET | _NO_SET:
        yes = yes or (no and words[1] in _YES_SET)
        no = no or (yes and words[1] in _NO_SET)
    if yes != no:
        return yes
    if len(words) == 1 and len(first) >= 3 and not (yes or no):
        for word in (*YES, *NO):
            if " " not in word and len(word) >= 3 and _one_edit(first, word):
                return word in _YES_SET
    return None


def _one_edit(a: str, b: str) -> bool:
    """True if ``a`` is ``b`` with one letter changed, added, dropped, or two neighbours swapped ("yse")."""
    if a == b or abs(len(a) - len(b)) > 1:
        return a == b
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


# --------------------------------------------------------------------------------------
# Menus
# --------------------------------------------------------------------------------------

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "jeden": 1,
    "dwa": 2,
    "trzy": 3,
    "cztery": 4,
    "piec": 5,
    "szesc": 6,
    "واحد": 1,
    "اثنين": 2,
    "اثنان": 2,
    "ثلاثه": 3,
    "اربعه": 4,
    "خمسه": 5,
    "سته": 6,
}
_NUMBER_PREFIX = ("number", "option", "no", "nr", "numer", "opcja", "رقم")


def _number(simple: str) -> int | None:
    words = simple.split()
    if words and words[0] in _NUMBER_PREFIX and len(words) > 1:
        words = words[1:]
    if len(words) != 1:
        return None
    word = words[0]
    if word.isdigit():
        return int(word)
    return _NUMBER_WORDS.get(word)


def choose(text: str | None, options: Sequence[tuple[str, Iterable[str]]]) -> str | None:
    """The key of the option meant, or None.

    ``options`` is ``[(key, phrases), ...]`` in the order they were numbered in the
    question. A number picks by position. Otherwise the longest phrase found in the
    message wins; a tie between options is unclear. Near-misses of single words
    ("complane", "fostr") are matched last.
    """
    simple = simplify(text)
    if not simple:
        return None
    number = _number(simple)
    if number is not None:
        return options[number - 1][0] if 1 <= number <= len(options) else None

    best: dict[str, int] = {}
    for key, phrases in options:
        for phrase in phrases:
            if _contains(simple, simplify(phrase) + ("*" if phrase.endswith("*") else "")):
                best[key] = max(best.get(key, 0), len(phrase))
    if best:
        ranked = sorted(best.items(), key=lambda kv: kv[1], reverse=True)
        if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
            return ranked[0][0]
        return None

    vocabulary = {}
    for key, phrases in options:
        for phrase in phrases:
            if " " not in phrase and len(phrase) >= 5 and not phrase.endswith("*"):
                vocabulary.setdefault(simplify(phrase), key)
    found = set()
    for word in simple.split():
        if len(word) >= 5:
            close = difflib.get_close_matches(word, list(vocabulary), 1, 0.8)
            if close:
                found.add(vocabulary[close[0]])
    return found.pop() if len(found) == 1 else None


LANGUAGE_OPTIONS: list[tuple[str, tuple[str, ...]]] = [
    ("en", ("english", "eng", "en", "angielski", "angielsku", "انجليزي", "انكليزي", "الانجليزيه", "inglish")),
    ("pl", ("polski", "polish", "pl", "polska", "po polsku", "polsku", "polnisch", "بولندي", "البولنديه")),
    ("ar", ("arabic", "arabi", "arab", "ar", "عربي", "العربيه", "عربيه", "بالعربي", "arabski", "po arabsku")),
]

KIND_OPTIONS: list[tuple[str, tuple[str, ...]]] = [
    (
        "complaint",
        (
            "complaint",
            "complain",
            "complaining",
            "complane",
            "complaine",
            "complant",
            "compliant",
            "complaints",
            "wrong",
            "somethings wrong",
            "something wrong",
            "something is wrong",
            "not happy",
            "unhappy",
            "problem",
            "issue",
            "moan",
            "angry",
            "upset",
            "unfair",
            "not fair",
            "rubbish",
            "bad",
            "report",
            "skarga",
            "skarge",
            "skargi",
            "poskarzyc",
            "zlozyc skarge",
            "cos nie tak",
            "cos jest nie tak",
            "niezadowolony",
            "niezadowolona",
            "zle",
            "شكوى",
            "شكوي",
            "اشتكي",
            "اشتكاء",
            "مشكله",
            "غلط",
            "شي غلط",
            "مش مبسوط",
            "زعلان",
        ),
    ),
    (
        "compliment",
        (
            "compliment",
            "complement",
            "complment",
            "thank",
            "thanks",
            "thank you",
            "say thank you",
            "thanku",
            "thankyou",
            "ty",
            "thx",
            "cheers",
            "grateful",
            "praise",
            "well done",
            "good job",
            "happy with",
            "say thanks",
            "pochwala",
            "podziekowanie",
            "podziekowac",
            "podziekowania",
            "dziekuje",
            "dzieki",
            "podziekuj",
            "شكر",
            "اشكر",
            "شكرا",
            "اشكركم",
            "مدح",
            "ثناء",
        ),
    ),
    (
        "comment",
        (
            "comment",
            "idea",
            "ideas",
            "share an idea",
            "suggestion",
            "suggest",
            "feedback",
            "opinion",
            "comments",
            "uwaga",
            "komentarz",
            "pomysl",
            "sugestia",
            "podziel sie pomyslem",
            "opinia",
            "تعليق",
            "فكره",
            "اقتراح",
            "راي",
            "ملاحظه",
        ),
    ),
    (
        "contact",
        (
            "get in touch",
            "contact",
            "contact me",
            "call me",
            "ring me",
            "talk",
            "talk to someone",
            "speak",
            "speak to someone",
            "someone to get in touch",
            "phone me",
            "touch",
            "chat to someone",
            "call back",
            "kontakt",
            "skontaktowac",
            "skontaktujcie",
            "zadzwon",
            "zadzwoncie",
            "porozmawiac",
            "rozmowa",
            "تواصل",
            "اتصل",
            "اتصلوا",
            "كلموني",
            "اكلم",
            "احكي مع حدا",
            "تواصلوا",
        ),
    ),
]

ABOUT_OPTIONS: list[tuple[str, tuple[str, ...]]] = [
    (
        "me",
        (
            "me",
            "myself",
            "about me",
            "its about me",
            "it is about me",
            "its me",
            "mine",
            "for me",
            "me myself",
            "just me",
            "meee",
            "ja",
            "mnie",
            "o mnie",
            "siebie",
            "mi",
            "sam",
            "sama",
            "انا",
            "عني",
            "نفسي",
            "لي",
            "انا نفسي",
        ),
    ),
    (
        "other",
        (
            "someone else",
            "somebody else",
            "some1 else",
            "other",
            "another person",
            "someone",
            "other person",
            "friend",
            "my friend",
            "my mum",
            "my mom",
            "my dad",
            "my brother",
            "my sister",
            "my child",
            "my son",
            "my daughter",
            "a child",
            "child",
            "kid",
            "young person",
            "foster child",
            "client",
            "them",
            "him",
            "her",
            "ktos inny",
            "kogos innego",
            "inna osoba",
            "inny",
            "dziecko",
            "moje dziecko",
            "syn",
            "corka",
            "kolega",
            "شخص اخر",
            "غيري",
            "ابني",
            "بنتي",
            "طفل",
            "حدا تاني",
            "شخص ثاني",
            "غير",
        ),
    ),
]

ROLE_OPTIONS: list[tuple[str, tuple[str, ...]]] = [
    (
        "advocate",
        ("advocate", "advocacy", "barnardos", "rzecznik", "adwokat", "rzeczniczka", "مناصر", "محامي", "مدافع"),
    ),
    (
        "parent",
        (
            "parent",
            "mum",
            "mom",
            "mam",
            "dad",
            "mother",
            "father",
            "mummy",
            "daddy",
            "step mum",
            "stepdad",
            "rodzic",
            "mama",
            "tata",
            "matka",
            "ojciec",
            "ام",
            "اب",
            "والد",
            "والده",
            "امه",
            "ابوه",
        ),
    ),
    (
        "carer",
        (
            "carer",
            "care worker",
            "kinship",
            "kinship carer",
            "relative",
            "grandparent",
            "nan",
            "nana",
            "gran",
            "grandma",
            "grandad",
            "aunt",
            "auntie",
            "uncle",
            "special guardian",
            "guardian",
            "opiekun",
            "opiekunka",
            "krewny",
            "krewna",
            "babcia",
            "dziadek",
            "ciocia",
            "wujek",
            "مقدم رعايه",
            "قريب",
            "جد",
            "جده",
            "عمه",
            "خاله",
            "عم",
            "خال",
            "وصي",
        ),
    ),
    (
        "foster_carer",
        (
            "foster carer",
            "foster",
            "foster parent",
            "foster mum",
            "foster dad",
            "foster mom",
            "fostering",
            "fosterer",
            "rodzina zastepcza",
            "rodzic zastepczy",
            "zastepczy",
            "zastepcza",
            "اسره حاضنه",
            "حاضن",
            "حاضنه",
        ),
    ),
    (
        "professional",
        (
            "professional",
            "teacher",
            "social worker",
            "worker",
            "nurse",
            "doctor",
            "gp",
            "police",
            "school",
            "staff",
            "health visitor",
            "professinal",
            "profesjonalista",
            "nauczyciel",
            "nauczycielka",
            "pracownik",
            "pracownik socjalny",
            "lekarz",
            "pielegniarka",
            "policja",
            "مهني",
            "معلم",
            "معلمه",
            "اخصائي",
            "طبيب",
        ),
    ),
    (
        "other",
        (
            "friend",
            "neighbour",
            "neighbor",
            "other",
            "someone else",
            "inny",
            "inna",
            "znajomy",
            "sasiad",
            "صديق",
            "جار",
            "اخر",
        ),
    ),
]

# Whole-message commands. Only the exact (simplified) message counts, so "help me he hits me"
# reaches the flow (and the risk screen) instead of being swallowed as a keyword.
HELP_WORDS = frozenset(
    {
        "help",
        "info",
        "help me",
        "i need help",
        "halp",
        "hlp",
        "helpp",
        "what is this",
        "whats this",
        "pomoc",
        "pomocy",
        "pomoz",
        "pomozcie",
        "co to jest",
        "مساعده",
        "ساعدني",
        "النجده",
        "مساعدة",
    }
)
RESTART_WORDS = frozenset(
    {
        "start again",
        "restart",
        "start over",
        "begin again",
        "reset",
        "from the start",
        "start agin",
        "strt again",
        "start from the beginning",
        "new",
        "again",
        "od nowa",
        "zacznij od nowa",
        "od poczatku",
        "zacznij jeszcze raz",
        "ابدا من جديد",
        "من جديد",
        "من الاول",
        "اعاده",
        "ابدا",
    }
)
DONE_PHRASES = (
    "done",
    "im done",
    "i am done",
    "thats it",
    "that is it",
    "thats all",
    "that is all",
    "finished",
    "finish",
    "nothing else",
    "no more",
    "all done",
    "thats everything",
    "that is everything",
    "nothing more",
    "no thats it",
    "thats all i want to say",
    "done now",
    "dun",
    "don",
    "fin",
    "thats it now",
    "i have finished",
    "ive finished",
    "gotowe",
    "gotowy",
    "gotowa",
    "koniec",
    "to wszystko",
    "skonczylem",
    "skonczylam",
    "nic wiecej",
    "juz",
    "خلصت",
    "انتهيت",
    "هذا كل شي",
    "هذا كل شيء",
    "خلاص",
    "بس",
    "انتهى",
    "تم",
)
SKIP_PHRASES = (
    "skip",
    "no",
    "none",
    "nothing",
    "nah",
    "pass",
    "dont know",
    "do not know",
    "not sure",
    "idk",
    "dunno",
    "na",
    "n a",
    "no idea",
    "nope",
    "unsure",
    "dk",
    "no thanks",
    "not really",
    "i dont know",
    "i dunno",
    "nothing really",
    "pomin",
    "pominac",
    "nie wiem",
    "nic",
    "nie",
    "nie jestem pewien",
    "nie jestem pewna",
    "brak",
    "تخطي",
    "تخطى",
    "لا اعرف",
    "ما بعرف",
    "لا شي",
    "لا شيء",
    "مش عارف",
    "ما اعرف",
    "لا",
    "ولا شي",
)
_DONE_SET, _SKIP_SET = frozenset(DONE_PHRASES), frozenset(SKIP_PHRASES)


def is_help(text: str | None) -> bool:
    return simplify(text) in HELP_WORDS


def is_restart(text: str | None) -> bool:
    return simplify(text) in RESTART_WORDS


def is_skip(text: str | None) -> bool:
    return simplify(text) in _SKIP_SET


def done_signal(text: str | None) -> str:
    """``"only"`` if the message just says they have finished, ``"end"`` if it ends that way, else ``""``."""
    simple = simplify(text)
    if simple in _DONE_SET:
        return "only"
    words = simple.split()
    for n in (5, 4, 3, 2, 1):
        if len(words) > n and " ".join(words[-n:]) in _DONE_SET and " ".join(words[-n:]) not in ("no", "nie", "fin"):
            return "end"
    return ""


# --------------------------------------------------------------------------------------
# SMS keywords (rules-reference.md §6.4): the exact single word only.
# --------------------------------------------------------------------------------------

OPT_OUT_KEYWORDS = frozenset({"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"})
OPT_IN_KEYWORDS = frozenset({"START", "UNSTOP"})


def sms_keyword(text: str | None) -> str | None:
    """``"opt_out"`` or ``"opt_in"`` for the exact single keyword (any case, spaces trimmed), else None.

    "make it stop" is a child talking, not an opt-out.
    """
    word = (text or "").strip().upper()
    if word in OPT_OUT_KEYWORDS:
        return "opt_out"
    if word in OPT_IN_KEYWORDS:
        return "opt_in"
    return None


_STATUS_WORDS = frozenset(
    {"status", "ref", "reference", "check", "update", "track", "sprawdz", "numer", "حاله", "رقم", "مرجع"}
)


# Overlapping search, so "said K7QM-3XPD" still finds the reference after trying "said K7QM".
_REFERENCE_CANDIDATE = re.compile(r"(?<![A-Za-z0-9])(?=([A-Za-z0-9]{4})[\s\-]?([A-Za-z0-9]{4})(?![A-Za-z0-9]))")


def find_reference(text: str | None) -> tuple[str, str] | None:
    """The first valid reference in ``text`` and the rest of the text without it, or None."""
    text = text or ""
    for match in _REFERENCE_CANDIDATE.finditer(text):
        candidate = references.normalise(match.group(1) + match.group(2))
        if candidate and references.is_valid(candidate):
            tail = re.sub(r"^[A-Za-z0-9]{4}[\s\-]?[A-Za-z0-9]{4}", "", text[match.start() :], count=1)
            return candidate, text[: match.start()] + " " + tail
    return None


def status_reference(text: str | None, *, anywhere: bool = False) -> str | None:
    """The reference someone is asking about: "STATUS K7QM-3XPD", or a bare reference.

    With ``anywhere`` a valid reference inside a longer message also counts (used
    when no conversation is under way, so nothing they are telling us is taken).
    """
    found = find_reference(text)
    if found is None:
        return None
    ref, leftover = found
    if anywhere:
        return ref
    filler = _STATUS_WORDS | {"my", "is", "what", "whats", "the", "of", "please", "pls"}
    return ref if all(word in filler for word in simplify(leftover).split()) else None


# --------------------------------------------------------------------------------------
# Which team: free text mapped to a configured team name, never asking for team names.
# --------------------------------------------------------------------------------------

TEAM_KEYWORDS: Mapping[str, tuple[str, ...]] = {
    "Leaving care": (
        "leaving care",
        "care leaver",
        "care leavers",
        "pa",
        "my pa",
        "personal adviser",
        "personal advisor",
        "after care",
        "aftercare",
        "pathway plan",
        "leaving care worker",
        "16 plus",
        "16+",
        "semi independent",
        "usamodzielnienie",
        "opiekun usamodzielnienia",
        "مغادره الرعايه",
    ),
    "Fostering": ("foster*", "rodzina zastepcza", "rodziny zastepczej", "zastepcz*", "حاضن*", "اسره حاضنه"),
    "Adoption": ("adopt*", "adopcj*", "تبني"),
    "All-ages disability": ("disab*", "niepelnospraw*", "اعاق*", "short breaks", "respite"),
    "Looked after children": (
        "looked after",
        "lac",
        "cla",
        "childrens home",
        "kids home",
        "care home",
        "residential",
        "iro",
        "independent reviewing officer",
        "in care",
        "children in care",
        "dom dziecka",
        "placowka",
        "دار رعايه",
    ),
    "Multi-agency safeguarding hub": ("mash", "safeguarding hub"),
    "Referral and assessment": ("assessment", "referral", "front door", "ocena", "تقييم"),
    "Special educational needs": ("sen", "ehcp", "ehc plan", "special needs", "senco", "special educational"),
    "Youth service": ("youth*", "youth club", "youth worker", "mlodziez*", "شباب"),
    "North neighbourhood social work team": ("north", "north team", "polnoc*"),
    "South neighbourhood social work team": ("south", "south team", "poludni*"),
    "East neighbourhood social work team": ("east", "east team", "wschod*"),
}


def match_team(text: str | None, team_names: Sequence[str]) -> str | None:
    """The configured team someone means ("my PA" → Leaving care), or None if it isn't clear."""
    simple = simplify(text)
    if not simple:
        return None
    configured = {name.lower(): name for name in team_names}
    for lower, name in configured.items():  # they named a team outright
        if _contains(simple, simplify(lower)):
            return name
    options = [(configured[team.lower()], words) for team, words in TEAM_KEYWORDS.items() if team.lower() in configured]
    if not options:
        return None
    hit = choose(simple, options) if _number(simple) is None else None
    return hit
