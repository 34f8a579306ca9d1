"""Everyday readings: a hit of a guarded rule is dropped when its sentence also reads as everyday.

Sport or play, animals, an accident, a joke, an object that is "not safe", an account one is "locked
out" of, or "kill me if i <ordinary thing>", unless the sentence also says it is serious ("he was not
joking", "if i tell", a cover story such as "told school i fell", a weapon). Checked per sentence, for
the phrase rules and the concept rules alike. Physical harm by a carer is never read as play.
"""

from __future__ import annotations

import re

__all__ = ["is_guarded", "is_everyday", "sentence_at"]

_JOKE = (
    r"lol|lmao|lmfao|haha\w*|hehe\w*|xd|jk|jokes?|joking|kidding|laughing|zart\w*|usmiech\w*|بمزح|بتمزح|بيمزح|"
    r"يمزح|مزح|ه|هه"
)
_SPORT = (
    r"ball|football|footy|rugby|cricket|hockey|netball|basketball|dodgeball|pe|p e|match|matches|training|"
    r"boxing|karate|judo|"
    r"gym|pitch|the team|other team|won|win|winning|lost \d|nil|\d+ ?\d+|played|playing|play fight\w*|"
    r"skat\w*|scooter|bike|"
    r"boisk\w*|mecz\w*|pilk\w*|lig[aeiy]|trening\w*|desce|deska|skatepark\w*|silowni\w*|wf|jakby|"
    r"fif\w*|w (?:gre|grze|gry|szachy|warcaby|karty|fortnite\w*)|potrenowac|"
    r"طابه|الطابه|بالطابه|تمرين|بالتمرين|التمرين|التمارين|غول|مباراه|ملعب|مخده|بالمخده|نضحك|ضحك"
)
_ANIMAL = (
    r"dog|dogs|puppy|cat|cats|kitten|hamster|rabbit|bird|seagull|goose|geese|wasp|bee|spider|horse|fish|"
    r"pies|psa|kot|kota|chomik|papug\w*|عنكبوت|العنكبوت|الكلب|كلب|القطه|قطه"
)
_ACCIDENT = (
    r"hob|oven|pan|kettle|iron|toast|compass|by accident|accident|accidentally|tripped|fell|falling|slipped|"
    r"onion\w*|بصل|البصل|الطبخ|المطبخ|"
    r"przypadkiem|niechcacy|(?:uderzyl|przewrocil|potknal|poslizgnal|skrecil)\w* sie|spadl\w*|cebul\w*|krojeni\w*"
)
_THING_UNSAFE = (
    r"lift|stairs?|staircase|steps|bannister|banister|railing|fire escape|fire|wiring|boiler|ceiling|window|"
    r"balcony|lock|locks|"
    r"shed|road|crossing|pavement|path|street ?lights?|cars|traffic|bikes?|laptop|locker|building|broken|jammed|wobbly|"
    r"fix|fixed|repair\w*|درج|الدرج|درجه|باب|الباب|قفل|خزانه|لابتوب|اللابتوب|الدراجات|مكسور\w*|خربان\w*|يصلح\w*|تصلح\w*"
)
_ACCOUNT = (
    r"accounts?|email|app|snapchat|snap|insta\w*|tiktok|portal|laptop|computer|password|pin|login|log in|"
    r"bank|keys?|key ?card|"
    r"locksmith|universal credit|online"
)
_HURT_FEELINGS = r"hurt (?:that|about|by how|by what|by the way)|hurt my feelings"
# "mum will kill me if i am late": a kill threat with a condition (real ones, about telling or leaving,
# are kept by _SERIOUS)
_KILL_IF = r"(?:kill|murder|zabije|zabija|\w*قتل\w*)(?: me| us| mnie| nas)? (?:if|when|jak|jesli|gdy|za|اذا|لو|ازا)"
_DIET = r"wegetarian\w*|wegan\w*|halal\w*|bezgluten\w*|vegetarian|vegan|halal|gluten\w*|حلال|نباتي"
_LOST_THING = (
    r"formularz\w*|dokument\w*|legitymacj\w*|paczk\w*|list|klucz\w*|telefon\w*|portfel\w*|kart[ay]|form|forms|"
    r"letter|parcel|wallet"
)
_PLAY = (
    rf"{_SPORT}|{_ANIMAL}|as a joke|messing (?:about|around)|mucking about|water (?:fight|balloon)s?|pillow|snowball|"
    r"all brothers|all sisters|could (?:strangle|kill|murder|throttle)"
)
# Name-calling by other young people (school, college, online) is bullying, for the complaint; by a carer it is
# emotional abuse, which _HARMED_BY_CARER keeps.
_PEERS = (
    r"(?:people|kids|boys|girls|lads|someone|some \w+|others|students|pupils|friends?|mates) (?:at|in|from) "
    r"(?:school|college|uni|class|my class|my year|the group chat|work)|classmates|other kids|kids in my class|"
    r"(?:w|ze) szkol\w*|w klasie|kolez\w*|koledzy|بالمدرسه|في المدرسه|بالكليه|في الكليه|الطلاب|زملائي"
)
_GUARDS: dict[tuple[str, str], str] = {
    ("emotional_abuse", "mentions being called names or put down"): _PEERS,
    ("emotional_abuse", "mentions being put down (Polish)"): _PEERS,
    ("physical_abuse", "mentions being hit or beaten"): rf"{_SPORT}|{_ANIMAL}|{_ACCIDENT}|{_HURT_FEELINGS}|singer|band",
    ("physical_abuse", "mentions someone hitting or hurting a person"): _PLAY,
    ("physical_abuse", "mentions someone hurting a person"): rf"{_PLAY}|{_ACCIDENT}|{_HURT_FEELINGS}",
    (
        "physical_abuse",
        "mentions things thrown at a person",
    ): r"water (?:fight|balloon)s?|snowballs?|pillows?|as a joke|messing (?:about|around)",
    ("physical_abuse", "mentions an injury someone caused"): rf"{_SPORT}|{_ANIMAL}|{_ACCIDENT}",
    ("physical_abuse", "mentions injuries"): rf"{_SPORT}|{_ANIMAL}|{_ACCIDENT}",
    ("physical_abuse", "mentions being hit (Arabic)"): _SPORT,
    ("physical_abuse", "mentions being hit (Polish)"): _SPORT,
    ("threat", "mentions someone threatening to kill or hurt them"): rf"{_JOKE}|{_KILL_IF}",
    ("threat", "mentions a threat (Polish)"): rf"{_JOKE}|{_KILL_IF}",
    ("threat", "mentions a threat (Arabic)"): rf"{_JOKE}|{_KILL_IF}",
    ("missing", "mentions running away"): rf"{_ANIMAL}|{_JOKE}|circus",
    ("missing", "mentions running away (Polish)"): rf"{_ANIMAL}|{_LOST_THING}",
    ("missing", "mentions running away (Arabic)"): r"حصه|الحصه|درس|الدرس|حصص|ه|هه",
    ("neglect", "mentions being locked in or out"): _ACCOUNT,
    (
        "neglect",
        "mentions an empty fridge",
    ): r"by (?:the )?(?:\w+day|weekend|end of the week|\d+\w*)|snacks?|big kids|more (?:shopping|snacks|food)",
    (
        "neglect",
        "mentions being kept hungry",
    ): r"after (?:football|training|school|pe|the gym|swimming|practice)|growing",
    ("neglect", "mentions neglect (Polish)"): _DIET,
    ("neglect", "mentions no food (Arabic)"): rf"{_DIET}|سخنه|سخن",
    ("neglect", "mentions no food"): _DIET,
    (
        "homeless_tonight",
        "mentions nowhere safe to sleep",
    ): r"team|club|group|chat|الفريق|فريق|النادي|الصف|الحصه|الجروب",
    ("self_harm", "mentions self-harm"): r"onions?|cooking|kitchen|chopping|بصل|البصل|الطبخ|المطبخ|بقص|"
    r"cebul\w*|krojeni\w*|kroj\w*|gotow\w*|w kuchni|obiera\w*",
    ("self_harm", "mentions an overdose"): r"od (?:razu|teraz|jutra|dzis|wczoraj|rana|tygodnia|kiedy)",
    (
        "missing",
        "mentions going missing",
    ): r"missing (?:matches|training|football|practice|lessons|the bus|my bus|games)",
    ("unsafe", "says they are not safe"): _THING_UNSAFE,
    ("unsafe", "says they are not safe (Arabic)"): _THING_UNSAFE,
    (
        "unsafe",
        "mentions being scared of someone or of going home",
    ): rf"{_ANIMAL}|{_JOKE}|halloween|jump\w* out|scared the life",
    (
        "homeless_tonight",
        "mentions sleeping rough",
    ): r"on the way|trip|journey|coach|so tired|fell asleep|just kidding|jk|joking",
    ("homeless_tonight", "mentions being thrown out (Arabic)"): r"الفريق|فريق|النادي|الصف|الحصه",
    ("self_harm", "mentions self-harm (Arabic)"): _ACCIDENT,
}
# The adults a child is most often harmed by. Physical harm in a sentence that names one of them is never read as
# sport, play or an accident from the words around it ("after football my foster dad hit me"): a missed
# disclosure costs far more than a false alarm, and the false-alarm budget has room for "my dad beat me at chess".
_CARER_EN = (
    r"(?:foster |step ?)?(?:dad|mum|mom|father|mother|parents?|carers?|uncle|auntie|aunt|nan|grandad|grandpa|grandma|"
    r"boyfriend|girlfriend|partner|staff|key ?worker|support worker|worker|teacher|coach)"
    r"|mums? (?:boyfriend|partner|fella)|dads? (?:girlfriend|partner)"
)
_CARER_OTHER = (
    r"ojczym\w*|macoch\w*|tata|taty|tatus\w*|opiekun\w*|wujek|wujka"
    r"|ابوي|ابويا|ابوى|امي|مرت ابوي|زوج امي|عمي|خالي|خالتي|عمتي|الكفيل|مربيتي"
)
_HARMED_BY_CARER = re.compile(rf" (?:(?:my|our|the|moj\w*|moja|mojego) (?:{_CARER_EN})|{_CARER_OTHER})\b")
# Words that keep a guarded hit however jokey or sporty the sentence: the child says it is serious or about telling.
_SERIOUS = re.compile(
    r" (?:not|never|no|wasnt|was not|is not|isnt|nie|ما|مش|مو) (?:\w+ )?(?:a )?(?:joke|joking|joked|kidding|"
    r"zart\w*|zartowal\w*|بمزح|بيمزح|يمزح|مزح)\b"
    r"| (?:if|when) (?:i|we) (?:tell|told|say|said|talk|talked|snitch\w*|grass\w*|go home|go back|come back|"
    r"leave|run|ran|do not|"
    r"did not|refuse|say no|report)\b| (?:tell|told|telling) (?:anyone|anybody|no one|nobody|someone|the "
    r"police|social)\b"
    r"| (?:not to|do not|never) tell\b| (?:snitch\w*|grass|grassing|powiem|powiesz|komus|nikomu|wroce|odejde|wyjde|"
    r"قلت|حكيت|احكي|اقول|خبرت|"
    r"ارجع|اترك|اهرب|knife|gun|blade|weapon|really scared|terrified|not safe at home|knocking|alone|"
    r"خايف\w*|خائف\w*|scared (?:to|of) (?:go|going|get|getting) (?:back )?home|noz|nozem|noza|policj\w*|سكين\w*)\b"
    r"| not to (?:tell|say)\b| (?:not|never) (?:say|said) anything\b"
    # a cover story: "told the teacher i fell", "she says she fell off the trampoline"
    r"| (?:say|said|says|saying|think|thinks|thought|told|tell|tells)(?: \w+){0,3} (?:i|she|he|they) (?:fell|"
    r"fall|tripped|walked into|got hit)\b"
)
_GUARD_PATTERNS = {key: re.compile(rf" (?:{body})\b") for key, body in _GUARDS.items()}


def sentence_at(padded: str, start: int, end: int) -> str:
    """The sentence of ``padded`` holding ``padded[start:end]`` (sentences are split by " . ")."""
    left = padded.rfind(" . ", 0, start)
    right = padded.find(" . ", end)
    return padded[left + 2 if left >= 0 else 0 : right + 1 if right >= 0 else len(padded)]


def is_everyday(rule: str, description: str, sentence: str) -> bool:
    """True when a guarded rule's hit reads as everyday in this sentence (and nothing in it says it is serious)."""
    pattern = _GUARD_PATTERNS.get((rule, description))
    if pattern is None or pattern.search(sentence) is None or _SERIOUS.search(sentence) is not None:
        return False
    return not (rule in ("physical_abuse", "emotional_abuse") and _HARMED_BY_CARER.search(sentence))


def is_guarded(rule: str, description: str) -> bool:
    """Whether a hit of this rule and description is checked for an everyday reading."""
    return (rule, description) in _GUARD_PATTERNS
