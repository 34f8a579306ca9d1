"""How soon a person must act on a hit: ``"immediate"`` or ``"concern"`` (``intake.models.AlertLevel`` values).

Immediate danger is harm now or tonight: someone hurting or threatening the child now, or coming back
tonight ("he's coming back tonight", "he's outside banging on the door"), a weapon out, a child who is not
safe to go home or has nowhere to sleep tonight, a child missing now, an overdose taken, and suicide
with intent or a plan ("I want to kill myself", "I'm going to do it tonight", "I've saved up tablets", "I've
written letters to everyone", "skocze z mostu"). Someone with the child now ("he's right behind me", "we're
locked in the bathroom", "they won't let me leave") is danger now too.
Anything else the screen finds is a concern: a person reads it the next working day. Thoughts of dying
without intent or a plan ("sometimes I think everyone would be better off without me") are a concern,
as is anything only the statistical model noticed.

Each pattern reads the normalised text (``normalise.py``: lower case, text-speak expanded, Polish without
diacritics, Arabic with its letter variants unified), and is looked for in the sentence of a hit and the
sentence after it, so "my dad hit me last year. now im in care" is a concern, not an emergency.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

__all__ = ["is_immediate"]

# Hits that are about tonight by their nature: nowhere to sleep, thrown or locked out. (Sleeping somewhere
# rough, "he makes me sleep in the garage", needs a sign of tonight like the other rules.)
_ALWAYS = {"homeless_tonight"}
_NOT_ALWAYS = {"mentions sleeping rough", "mentions sleeping rough (Arabic)"}

_NOW = (
    r"now|right now|rn|tonight|today|this (?:evening|afternoon|morning)|at the moment|as we speak|"
    r"teraz|zaraz|dzis|dzisiaj|dzisiejszej nocy|tej nocy|wieczorem|wlasnie|"
    r"الليله|اليوم|النهارده|هلق|هلا|هلء|الان|دلوقتي|هسه|هسا|حاليا|الحين|هالحين|دحين|"
    # Arabizi: "el leile", "el layla", "ellela" (tonight), "hala2", "halla2" (now)
    r"el ?lei?le?h?|el ?layla|el ?lela|hal+a2"
)
_HERE = (
    r"(?:he|she|they) (?:is|are) (?:here|outside|downstairs|upstairs|next door|in the (?:next )?room|at the door|"
    r"home now|back|coming)|outside (?:the|my|our) (?:door|flat|house|room|window)|banging on (?:the|my) door|"
    r"(?:coming|come|comes) (?:back|home|round|over|to get me)|on (?:his|her|their) way|"
    r"when (?:he|she|they) (?:gets?|comes?) (?:home|back|in)|when i get (?:home|in|back)|"
    r"(?:got|has|have|holding|with) a (?:knife|gun|blade|machete)(?! (?:and|n) forks?| set| block| sharpener)|"
    r"(?:knife|gun|blade|machete) out|"
    r"send someone|call the police|"
    # with them, or they are hiding from them, now: "hes right behind me", "we are locked in the bathroom"
    r"(?:right )?(?:behind|next to|beside) (?:me|us)|kicking off|"
    r"(?:are|am|is) (?:locked|hiding|hid|barricaded) in (?:the|my|our) (?:bathroom|toilet|bedroom|room)|"
    r"hiding (?:in|from) |by the throat|"
    r"(?:will not|do not|does not|never) let (?:me|us) (?:leave|go|out)|(?:do not|dont) know where i am|"
    r"jest (?:teraz )?(?:w domu|obok|tutaj|tu)|wraca|wroci|przyjdzie|pod drzwiami|za drzwiami|ma noz|"
    r"nie (?:wypuszcza|pozwalaja|pozwala) (?:mi |nam )?(?:wyjsc|isc)|"
    r"جنبي|راجع|رح يرجع|جاي|ع الباب|عالباب|برا الباب|معه سكين|ماسك سكين|"
    # Levantine "عم" + a verb is happening now: "عم يضربها", "عم يخبط على باب غرفتي"
    r"عم (?:ي|ت)?(?:ضرب|خبط|دق|كسر|صرخ|خنق)\w*|(?:بيخبط|يخبط|بيدق|يدق) (?:ع|على|عال)\S* ?باب"
)
_NOT_SAFE_HOME = (
    r"(?:can not|cant|not|never|will not|do not want to|dont want to) (?:go|going|get) (?:back )?home|"
    r"(?:not|do not feel|dont feel|never) safe (?:at home|to go home|going home|there)|"
    r"(?:scared|afraid|frightened|terrified|petrified) (?:to go|of going|to get|to be) (?:back )?(?:home|in)|"
    r"(?:not|never) going back (?:home|there)|"
    r"nie (?:moge|chce|wroce)(?: \w+)? (?:wrocic |wracac )?do domu|boje sie (?:wrocic|wracac|isc) do domu|"
    r"nie jestem (?:tu |w domu )?bezpieczn\w*|"
    r"(?:مش|مو|ما|مب) (?:قادر|قادره|بقدر|فيني|اقدر) (?:ارجع|روح|اروح|رجع)|"
    r"(?:خايف|خايفه|خائف|خائفه) (?:ارجع|اروح|روح|رجع)|(?:مش|مو) (?:امن|امنه) (?:بالبيت|في البيت)"
)
_SUICIDE_INTENT = (
    r"(?:want to|going to|will|gonna|im going to|about to|ready to) (?:kill myself|end it|end my life|die|"
    r"take (?:all )?(?:the |my )?(?:pills|tablets)|do it|jump)|"
    r"(?:tonight|today) is the night|(?:saved|saving|stashed|got|have) (?:up )?(?:some |all |loads of |my |enough )?"
    r"(?:pills|tablets|paracetamol)|(?:got|have) (?:the |my )?(?:pills|tablets) ready|"
    r"(?:will not|wont|will no longer|not (?:gonna|going to)|never (?:gonna|going to)) be (?:here|around|alive)|"
    r"(?:do not|dont) think i(?: will|ll) (?:still )?be (?:here|around|alive)|"
    r"(?:last|final) (?:message|goodbye)|goodbye (?:forever|everyone)|"
    r"(?:jump|jumping|throw myself) (?:off|from) (?:the |a )?(?:bridge|roof|building|cliff|balcony|car park)|"
    r"skocz\w* z (?:mostu|dachu|okna|balkonu|wiezowca)|(?:ارمي|سارمي|رح ارمي|راح ارمي|بدي ارمي) (?:نفسي|حالي)|"
    r"(?:رح|راح|ح|سوف) (?:اخذ|اخد|اشرب|ابلع)\w*(?: \S+)? الليله|"
    r"chce (?:sie zabic|zabic sie|umrzec)|zabije sie|(?:dzis|dzisiaj|teraz|jutro) to zrobie|"
    r"zrobie to (?:dzis|dzisiaj|teraz|jutro)|"
    r"mam (?:juz )?(?:tabletki|leki|proszki)|(?:dzis|dzisiaj|jutro)(?: w nocy)? (?:to )?(?:skoncze|zakoncze)|"
    r"(?:mnie )?(?:juz )?jutro (?:mnie )?(?:juz )?nie bedzie|nie chce juz zyc|"
    r"بدي انتحر|رح انتحر|سانتحر|ساقتل نفسي|بدي اقتل حالي|رح اقتل حالي|جمعت (?:ال)?حبوب\w*|سات\w*ها الليله|"
    r"ما رح كون موجود|مش رح كون موجود|بكرا ما رح كون|لم اعد اريد ان اعيش"
)
# A plan, beside words of suicide (not on the model's word alone: "i wrote letters to my mp" is a complaint):
# a date, a place, goodbye letters written, the phone not needed after tonight.
_SUICIDE_PLAN = (
    r"(?:going|go) to the (?:bridge|train tracks|railway)|i have (?:planned|picked|chosen|set) (?:it|the day|the date)|"
    r"(?:written|wrote|writing) (?:\w+ )?(?:goodbye |suicide )?(?:letters|notes?) to (?:everyone|my|them)|"
    r"(?:will not|wont) need (?:it|this|my \w+)|napisal\w* (?:juz )?(?:list|listy|liscik)\w*|رسايل وداع|رساله وداع"
)
_OVERDOSE = (
    r"(?:took|taken|swallowed|had) (?:an? )?(?:overdose|od|load of|lots of|all (?:my|the)|\d+)|overdosed|"
    r"przedawkowal\w*|(?:wzial\w*|lyknal\w*|zazyl\w*) (?:\w+ )?(?:tabletki|tabletek|leki|lekow)|"
    r"(?:اخدت|بلعت|شربت) (?:\S+ )?(?:حبوب|دوا|ادويه)"
)
_MISSING_NOW = (
    r"(?:missing|run away|ran away|running away) (?:since|for|tonight|now)|(?:been|is|am|are) missing(?! out)|"
    r"uciekl\w* (?:z|od)|nie wracam|هربت|هربان"
)
# Polish "noz" (knife) in its cases, not "nozna"/"noznej" (foot-, as in pilka nozna: football); cutlery
# ("a knife and fork set") is no weapon.
_WEAPON = (
    r"stab\w*|knife(?! (?:and|n) forks?| set| block| sharpener)|knives(?! and forks)|gun|shoot|machete|blade|"
    r"noz(?:a|em|u|e|y|ami|ach|yk\w*)?|dzgn\w*|سكين|سكينه|يطعن\w*|"
    r"يطعني|مسدس"
)

_PATTERNS = {
    name: re.compile(rf"(?<!\w)(?:و)?(?:{body})(?!\w)")  # Arabic "and" is written onto the word: "وهلا"
    for name, body in (
        ("now", _NOW),
        ("here", _HERE),
        ("not_safe_home", _NOT_SAFE_HOME),
        ("suicide_intent", _SUICIDE_INTENT),
        ("suicide_plan", _SUICIDE_PLAN),
        ("overdose", _OVERDOSE),
        ("missing_now", _MISSING_NOW),
        ("weapon", _WEAPON),
    )
}
# Which signs make a hit of each rule immediate: a sign anywhere near a hit of any rule, or only with that rule.
_ANY_RULE = ("here", "not_safe_home", "missing_now")
_BY_RULE = {
    "suicide": ("suicide_intent", "suicide_plan", "now"),
    "self_harm": ("overdose", "suicide_intent", "suicide_plan", "now"),
    "physical_abuse": ("now",),
    "threat": ("now", "weapon"),
    "sexual_abuse": ("now",),
    "unsafe": ("now",),
    "missing": ("missing_now", "now"),
    "exploitation": ("now", "weapon"),
    "neglect": (),
    "emotional_abuse": (),
    "homeless_tonight": ("now",),
    "concern": ("suicide_intent", "overdose", "weapon"),  # only the model noticed it
}


class _Hit(Protocol):
    @property
    def rule(self) -> str: ...

    @property
    def description(self) -> str: ...

    @property
    def matched(self) -> str: ...


def is_immediate(padded: str, hits: Sequence[_Hit]) -> bool:
    """Whether these hits (found in ``padded``, normalised text between " . " marks) mean danger now."""
    if any(hit.rule in _ALWAYS and hit.description not in _NOT_ALWAYS for hit in hits):
        return True
    for hit in hits:
        near = _near(padded, hit.matched)
        signs = (*_ANY_RULE, *_BY_RULE.get(hit.rule, ("suicide_intent",)))
        if any(_PATTERNS[sign].search(near) for sign in signs):
            return True
    return False


def _near(padded: str, matched: str) -> str:
    """The sentence that holds ``matched`` and the sentence after it (the whole text if it is not found)."""
    where = padded.find(matched) if matched else -1
    if where < 0:
        return padded
    start = padded.rfind(" . ", 0, where)
    end = padded.find(" . ", where + len(matched))
    if end >= 0:
        after = padded.find(" . ", end + 3)
        end = after if after >= 0 else len(padded)
    return padded[start + 1 if start >= 0 else 0 : end if end >= 0 else len(padded)]
