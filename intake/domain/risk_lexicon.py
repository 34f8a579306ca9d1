"""Concept lexicons and co-occurrence rules: the risk screen's second, general layer.

``risk.py`` matches precise phrases. This module catches wording the phrases never
saw by tagging words with *concepts* (a person, a harm act, an injury, hopelessness,
fear, an older man, money ...) and firing a rule when the right concepts occur near
each other in one sentence: "he" + "twisted" + "my arm"; "older boys" + "money";
"scared" + "of my step dad"; "take" + "all" + "pills". Hopelessness, self-harm and a
few unmistakable terms fire on their own.

Every lexicon entry is a regular-expression fragment over *normalised* text (see
``risk.normalise``: lower case, text-speak expanded, Polish without diacritics, Arabic
with alef / hamza / ta marbuta unified). Each fragment must start with a literal
character: all fragments are compiled into one pattern dispatched on that character,
tried at every word start (so concepts may overlap), which keeps a 1,000-character
message well under a millisecond.

A rule is ``(rule id, description, anchor concept, conditions, unless)``. Each
condition is ``(concept, where, chars)``: ``where`` is ``"after"`` (the concept starts
within ``chars`` characters after the anchor ends), ``"before"`` (ends within ``chars``
before the anchor starts) or ``"near"`` (either). ``unless`` is an optional pattern
that, found within 40 characters before to 50 after the anchor, stops the rule (an
everyday reading such as "beat me in the quiz"). A few anchors also ignore a word
just before them ("i hit my head", "it hurts my back").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from intake.domain.kept_patterns import compile_all_kept, compile_kept

# ---------------------------------------------------------------------------------- words

_FAMILY = (
    r"(?:(?:little|baby|big|younger|older|step|foster|half|twin) )?(?:sister|brother|siblings?|mum|mom|mam|mother|"
    r"dad|father|nan|gran|baby|kids?|children|cousin)s?"
)
_BODY = (
    r"(?:arms?|wrists?|face|head|back|neck|legs?|hands?|fingers?|nose|eyes?|stomach|belly|ribs?|chest|ears?|mouth|"
    r"lips?|body|throat|skin|jaw|ankles?|shoulders?|collarbone|teeth|tooth|hair)"
)


def _ar(prefixes: str, stems: Iterable[str]) -> list[str]:
    """Arabic fragments: each prefix ("-" for none) in front of each stem regex."""
    return [("" if p == "-" else p) + s for p in prefixes.split() for s in stems]


CONCEPTS: dict[str, list[str]] = {
    # someone who might harm: pronouns, family, carers, adults (not "i" / "we")
    "PERSON": [
        r"he",
        r"she",
        r"they",
        r"his",
        r"him",
        r"her",
        r"them",
        r"their",
        r"someone",
        r"somebody",
        r"some (?:man|guy|girl|boy|lad)s?",
        r"mum",
        r"mom",
        r"mam",
        r"mother",
        r"mummy",
        r"dad",
        r"daddy",
        r"father",
        r"step \w+",
        r"foster \w+",
        r"carers?",
        r"staff",
        r"workers?",
        r"boyfriend",
        r"girlfriend",
        r"partner",
        r"uncle",
        r"aunt\w*",
        r"nan",
        r"grandad",
        r"grandpa",
        r"gran",
        r"cousins?",
        r"brothers?",
        r"sisters?",
        r"man",
        r"men",
        r"guys?",
        r"blokes?",
        r"lads?",
        r"boys",
        r"teachers?",
        r"coach",
        r"manager",
        r"older \w+",
        r"adults?",
        r"strangers?",
        r"neighbours?",
        r"mates?",
        # Polish (nominative, genitive, instrumental) and Arabic
        r"on",
        r"ona",
        r"oni",
        r"ojc\w*",
        r"ojciec",
        r"tat\w*",
        r"mam[aey]",
        r"mama",
        r"matk\w*",
        r"ojczym\w*",
        r"macoch\w*",
        r"chlopak\w*",
        r"brat\w*",
        r"wuj\w*",
        r"opiekun\w*",
        r"facet\w*",
        r"mezczyzn\w*",
        r"starsi",
        r"starsz\w*",
        r"niego",
        r"niej",
        r"nich",
        r"jego",
        r"ktos",
        r"هو",
        r"هي",
        r"هم",
        r"ابي",
        r"ابوي",
        r"بابا",
        r"امي",
        r"ماما",
        r"جوز",
        r"زوج",
        r"مرت",
        r"عمي",
        r"خالي",
        r"اخوي",
        r"رجل",
        r"زلمه",
        r"شب",
        r"شباب",
        r"المشرف\w*",
        r"الموظف\w*",
        r"منه",
        r"منها",
        r"منهم",
    ],
    # a person as the one harmed, right after a harm verb
    "VICTIM": [
        r"me",
        r"us",
        r"him",
        r"her",
        r"them",
        rf"my {_FAMILY}",
        rf"my {_BODY}",
        rf"(?:her|his|our) {_BODY}",
        r"mnie",
        r"nas",
        r"mi",
        r"nam",
    ],
    "HARM": [
        r"hit+(?:s|ing)?",
        r"beat\w*",
        r"punch\w*",
        r"slap\w*",
        r"smack\w*",
        r"kick\w*",
        r"chok\w*",
        r"strangl\w*",
        r"throttl\w*",
        r"grab\w*",
        r"throw\w*",
        r"threw",
        r"push\w*",
        r"shov\w*",
        r"batter\w*",
        r"whip\w*",
        r"belt\w*",
        r"drag\w*",
        r"bit",
        r"bite\w*",
        r"twist\w*",
        r"pinch\w*",
        r"stamp\w*",
        r"headbut\w*",
        r"thump\w*",
        r"whack\w*",
        r"wallop\w*",
        r"restrain\w*",
        r"pin+(?:ed|s)?(?: down)?",
        r"held down",
        r"hold\w* down",
        r"sat on",
        r"sits on",
        r"sit on",
        r"knelt on",
        r"kneel\w* on",
        r"stood on",
        r"lay on",
        r"lies on",
        r"kneed",
        r"elbowed",
        r"suffocat\w*",
        r"smother\w*",
        r"hurt\w*",
        r"harm\w*",
        r"attack\w*",
        r"assault\w*",
        r"burn\w*",
        r"scald\w*",
        r"stab\w*",
        r"slam\w*",
        r"lash\w*",
        r"spat",
        r"spit\w*",
        r"shake\w*",
        r"shook",
        r"squeez\w*",
        r"scratch\w*",
        r"bij\w*",
        r"bil[aiy]?",
        r"pobi\w*",
        r"uderz\w*",
        r"kop(?:ie|al|nal|nela|ia)\w*",
        r"szarp\w*",
        r"dusi\w*",
        r"popych\w*",
        r"popchn\w*",
        r"tlu(?:cz|k)\w*",
        r"spoliczk\w*",
        r"s?krzywdz\w*",
        r"przypal\w*",
        *_ar("- ب بي بت ي ت ن", ["ضرب", "صفع", "ركل", "رفس", "لكم", "خنق", "دفع", "حرق", "عذب", "اذي", "وذي", "كسر"]),
    ],
    # a beating named as a thing that happened
    "BEATING": [
        r"(?:got|get|gets|getting|gave|give|gives|giving) (?:me |us |him |her )?(?:a |another |such a |the )?"
        r"(?:good |proper |right |real |massive |big )?(?:hiding|beating|kicking|battering|leathering|thrashing|pasting|whooping|belting|slap|smack|wallop|clip)\b",
        r"beaten up",
        r"black and blue",
    ],
    "INJURY": [
        r"bruis\w*",
        r"black eye",
        r"(?:broke|broken|fractured|snapped|dislocated|cracked) (?:my|her|his) "
        r"(?:wrist|arm|nose|ribs?|leg|fingers?|jaw|collarbone|ankle|hand|tooth|teeth)",
        r"fracture\w*",
        r"concussion",
        r"split lip",
        r"fat lip",
        r"nose ?bleed",
        r"bloody nose",
        r"marks on",
        r"burn marks",
        r"stitches",
        r"welts?",
        r"siniak\w*",
        r"siniec",
        r"limo",
        r"کدمه",
        r"كدم\w*",
        r"بكدم\w*",
        r"ازرق",
    ],
    # a made-up account of an injury
    "COVER": [
        r"(?:told|tell|tells|telling|say|says|said|saying) (?:the )?(?:hospital|doctors?|nurses?|school|teachers?|them|everyone|people|social worker)"
        r"(?: that)? i (?:fell|fall|walked into|tripped|did it|had an accident)",
        r"(?:make|makes|made) me (?:lie|say i fell|cover)",
        r"lie about (?:my|the) (?:bruises|marks|injur\w*)",
    ],
    "COLD_PUNISH": [
        r"cold (?:shower|bath|showers|baths|water)",
        r"ice bath\w*",
        r"(?:freezing|ice) cold (?:shower|bath|water)",
    ],
    "PUNISH": [
        r"when i am (?:naughty|bad|rude|late|cheeky)",
        r"when (?:i|we) (?:misbehave|play up|answer back)",
        r"(?:as a|for) punishment",
        r"to punish",
        r"punish\w*",
    ],
    "BREATH": [r"(?:could|can) not breathe?", r"couldnt breathe", r"(?:nie )?moglam oddychac", r"nie moglem oddychac"],
    "RESTRAINT": [r"restrain\w*", r"physical intervention", r"face down", r"held down", r"pinned"],
    # ------------------------------------------------------------------ sexual / grooming
    "SEX_STRONG": [
        r"what (?:i am|you are|i was) wearing",
        r"nudes?",
        r"naked",
        r"private parts",
        r"privates",
        r"sexual\w*",
        r"sex(?! ed\b| education)",
        r"rape\w*",
        r"raping",
        r"molest\w*",
        r"(?:in|into|on) (?:my|our) bed",
        r"kiss\w* (?:me|us)",
        r"take (?:my|our|her) clothes off",
        r"took (?:my|our|her) clothes off",
        r"porn\w*",
        r"boobs",
        r"willy",
        r"penis",
        r"in my (?:knickers|underwear|pants|bra)",
        r"sleep with (?:him|her|them|me|his|their)",
        r"dotyk\w*",
        r"obmac\w*",
        r"rozbier\w*",
        r"nag[aiae]",
        r"nagi(?:e|ch|m|ej)",
        r"nago",
        r"nagus\w*",
        r"bielizn\w*",
        r"gwalc\w*",
        r"zgwalc\w*",
        r"molestow\w*",
        r"تحرش\w*",
        r"يتحرش\w*",
        r"بيتحرش\w*",
        r"اغتصب\w*",
        r"عاري\w*",
        r"عريان\w*",
        r"بيلمس\w*",
        r"يلمس\w*",
        r"لمسني",
    ],
    "UNDRESSED": [
        r"getting (?:un)?dressed",
        r"(?:un)?dressing",
        r"changing",
        r"getting changed",
        r"undress\w*",
        r"in the (?:shower|bath)",
        r"showering",
        r"having a (?:shower|bath)",
        r"in my (?:underwear|towel|pyjamas)",
        r"on the toilet",
        r"przebier\w*",
        r"pod prysznicem",
        r"w lazience",
        r"بغير\w*",
        r"بتحمم",
        r"بالحمام",
    ],
    "WATCH": [
        r"films?",
        r"filming",
        r"filmed",
        r"videos?",
        r"record\w*",
        r"photos?",
        r"pictures?",
        r"pics",
        r"watch\w*",
        r"stares?",
        r"staring",
        r"peep\w*",
        r"camera\w*",
        r"looks at me",
        r"looking at me",
        r"comes in",
        r"walks in",
        r"nagryw\w*",
        r"zdjeci\w*",
        r"patrzy\w*",
        r"podglad\w*",
        r"بصور\w*",
        r"يصور\w*",
        r"صورني",
        r"بيتفرج\w*",
    ],
    "COME_IN": [
        r"comes?",
        r"came",
        r"coming",
        r"gets",
        r"got",
        r"walks",
        r"sneaks",
        r"creeps",
        r"crept",
        r"snuck",
        r"przychodz\w*",
        r"przyszedl\w*",
        r"wchodz\w*",
        r"wszedl\w*",
        r"zakrad\w*",
        *_ar("- ب بي ي", ["دخل\\w*", "يجي", "فات\\w*", "بيفوت"]),
    ],
    "MY_ROOM": [r"(?:my|our) (?:bed)?room", r"the (?:bed)?room", r"pokoj\w*", r"غرفتي", r"اوضتي", r"غرفتنا"],
    "NIGHT": [
        r"(?:at|in the|every|all) night",
        r"night ?time",
        r"middle of the night",
        r"w nocy",
        r"noca",
        r"nocami",
        r"بالليل",
        r"الليل",
        r"ليلا",
    ],
    "CHECKS": [r"check\w*", r"wak\w* (?:me|us) up", r"noise", r"sprawdz\w*"],
    "MSG_ME": [
        r"(?:messag|text|snap|dm|inbox|whatsapp|facetim|ring|phon)\w* (?:me|us)",
        r"calls (?:me|us) (?:at|late|in the)",
        r"(?:pisze|dzwoni|wysyla) (?:do mnie|mi)",
        *_ar("- ب بي ي", ["بعتلي", "راسل\\w*", "يراسل\\w*", "بيحكيني"]),
    ],
    "LATE": [
        r"[1-5] ?am",
        r"late at night",
        r"middle of the night",
        r"after midnight",
        r"midnight",
        r"all night",
        r"w nocy",
        r"بالليل",
        r"نص الليل",
    ],
    "GROOM_TALK": [
        r"i am special",
        r"special",
        r"our secret",
        r"a secret",
        r"not to tell",
        r"do not tell",
        r"mature for",
        r"(?:beautiful|pretty|sexy|fit) ",
        r"meet up",
        r"meet him",
        r"meet (?:me|them) (?:alone|somewhere)",
        r"(?:send|sent) (?:him |them )?(?:pics|pictures|photos|selfies)",
        r"love me",
        r"loves me",
        r"tajemnic\w*",
        r"nikomu nie",
        r"سر",
        r"سرنا",
    ],
    "SECRET": [
        r"not to tell (?:anyone|anybody|no one|nobody|my|your|the|social|staff)",
        r"our (?:little )?secret",
        r"keep it (?:a )?secret",
        r"(?:our|nasza) tajemnic\w*",
        r"nie mow\w* nikomu",
        r"nikomu nie mow\w*",
        r"لا تقول\w* لحدا",
        r"ما تقول\w* لحدا",
        r"سر بينا",
    ],
    "ADULT": [
        r"(?:older|grown up|adult) (?:men|man|guys?|boys|lads|girls|people|ones|kids|friends?|boyfriend|gang)",
        r"olders",
        r"(?:a|an|this|some|the|random) (?:man|men|guy|bloke|stranger|adult)",
        r"men",
        r"strangers?",
        r"mans",
        r"guys",
        r"gang\w*",
        r"lads from",
        r"boys from",
        r"starsi",
        r"starszy\w*",
        r"facet\w*",
        r"obcy\w*",
        r"mezczyzn\w*",
        r"رجل\w*",
        r"زلمه",
        r"زلام",
        r"رجال",
        r"شب كبير",
        r"شباب كبار",
        r"كبير",
    ],
    "GIFTS": [
        r"money",
        r"cash",
        r"gifts?",
        r"presents?",
        r"trainers",
        r"new phone",
        r"a phone",
        r"vapes?",
        r"weed",
        r"alcohol",
        r"vodka",
        r"drink",
        r"drinks",
        r"fags",
        r"cigs",
        r"lifts?",
        r"pieniadz\w*",
        r"pieniedzy",
        r"kas[aey]",
        r"prezent\w*",
        r"مصاري",
        r"فلوس",
        r"هدايا",
        r"مال",
    ],
    "GO_WITH": [
        r"go with (?:him|them|her)",
        r"come with (?:him|them)",
        r"(?:to|his|their|a|the) (?:flat|house|car|van)",
        r"اروح مع\w*",
        r"روح مع\w*",
        r"iść z nim",
        r"isc z nim",
        r"pojechac z nim",
    ],
    "DRUNK": [
        r"(?:get|gets|got|getting|make|makes|made|making) (?:me|us) (?:drunk|high|stoned|wasted|smoke|drink)",
        r"(?:give|gives|gave|giving) (?:me|us) (?:alcohol|vodka|drink|drinks|weed|drugs|pills|spliffs?)",
        r"spiked",
    ],
    "CAR": [
        r"(?:in|into) (?:his|their|her|a|the|some) (?:car|van|motor)",
        r"drove (?:me|us)",
        r"drive (?:me|us)",
        r"drives (?:me|us)",
        r"(?:took|takes) (?:me|us) (?:somewhere|to (?:his|their|a) (?:flat|house))",
    ],
    "FORCE": [
        r"(?:made|makes|make|making|forced|forces|force) (?:me|us)",
        r"(?:have|had) to",
        r"said i (?:have|had) to",
        r"(?:kaz|kaza)\w*",
        r"zmusz\w*",
        r"بيجبرني",
        r"جبرني",
        r"غصب",
    ],
    "SOMEWHERE": [r"somewhere", r"did not know", r"do not know where", r"(?:his|their|a) (?:flat|house|place)"],
    "IF_STUFF": [
        r"if (?:i|we) (?:do|did|will do) (?:stuff|things|what (?:he|they|she) (?:says|wants|asks))",
        r"in return",
        r"(?:do|did|does) (?:stuff|things) for (?:him|them|money|a place)",
    ],
    "STAY": [
        r"(?:let|lets|letting) (?:me|us) stay",
        r"(?:staying|stay|stayed|sleeping|sleep) (?:at|in|round) (?:his|their|a|an|some)",
    ],
    "CHORES": [r"chores", r"around the house", r"homework", r"tidy\w*", r"clean\w*", r"washing up", r"hoover\w*"],
    "ADULT_PLACE": [r"(?:a |some |an )?(?:mans|mens|guys|older|strangers|blokes|old mans) (?:flat|house|place)"],
    "DEBT": [r"owe\w*", r"pay (?:them|him|it|her) back", r"debt\w*", r"(?:dlug|dlugi)\w*", r"dain", r"دين"],
    "WORK_FOR": [
        r"(?:working|work|works|jobs|runs|running|doing jobs) for (?:them|him|the lads|the boys|the olders|older)"
    ],
    "MOVE_STUFF": [
        r"(?:move|moving|moved|carry\w*|carried|hold\w*|drop\w*|deliver\w*|take|taking|took|hide|hiding|stash\w*|sell\w*|"
        r"keep\w*|bring\w*|brought) (?:stuff|things|packages?|parcels?|bags?|packs?|boxes|drugs|a phone|phones|bits|"
        r"something|stuff for|things for)",
        r"przenos\w*",
        r"przewoz\w*",
        r"nosic",
        r"sprzedawac",
        r"dostarcz\w*",
        r"chowac",
        *_ar("- ا ب بي", ["وصل\\w* اغراض", "احمل", "انقل", "خبي"]),
    ],
    "PLACES": [
        r"between (?:houses|flats|places|towns)",
        r"to other (?:towns|cities|places|areas)",
        r"out of town",
        r"on the train",
        r"for them",
        r"for him",
        r"older \w+",
    ],
    "BLACKMAIL": [
        r"blackmail\w*",
        r"sextort\w*",
        r"szantaz\w*",
        r"ابتز\w*",
        r"يبتز\w*",
        r"بيبتز\w*",
        r"بيهددني بالصور",
    ],
    # ------------------------------------------------------------------ threats
    "THREATEN": [
        r"threat\w*",
        r"said (?:he|she|they|hell|shell|theyll)",
        r"(?:is|are|was|were) going to",
        r"will",
        r"gonna",
        r"hell",
        r"shell",
        r"theyll",
        r"get (?:her|his|their|my) (?:brothers?|mates|friends|cousins|dad|boyfriend)",
        r"grozi\w*",
        r"zagroz\w*",
        r"هدد\w*",
        r"بيهدد\w*",
        r"يهدد\w*",
        r"رح",
        r"راح",
    ],
    "THREAT_ACT": [
        r"do (?:me|us|you) (?:over|in)",
        r"jump (?:me|us)",
        r"stab (?:me|us)",
        r"shank (?:me|us)",
        r"coming for (?:me|us)",
        r"watch (?:my|your) back",
        r"(?:find|found|know|knows) where (?:i|we) live",
        r"put (?:me|us) in (?:hospital|a wheelchair|the ground)",
        r"merk (?:me|us)",
        r"(?:get|getting) (?:me|us) jumped",
    ],
    # ------------------------------------------------------------------ suicide / self-harm
    "HOPELESS": [
        r"no point (?:in )?(?:anything|living|life|being alive|being here|going on|any ?more|trying|existing|me|of anything|to anything|to life)",
        r"what is the point (?:of|in) (?:anything|living|life|being here|me|trying|it all|going on)",
        r"no reason to (?:live|be here|carry on|go on|stay)",
        r"(?:give|giving|gave|given) up on (?:life|living|everything|myself)",
        r"can not (?:go on(?! (?:holiday|holidays|a |the |trips?|residential|camp|my |our |his |her |school|with))|carry on|do this any ?more|do it any ?more|take (?:it|this|any) ?(?:any ?more)?|cope any ?more|keep going)",
        r"(?:a|such a|am|being a) burden",
        r"burden (?:to|on) (?:everyone|every one|everybody|my|them)",
        r"(?:better|happier|easier) (?:off )?without me",
        r"without me (?:around|here)",
        r"(?:nobody|no one|no body) would (?:miss|notice|care)",
        r"(?:nobody|no one) will miss me",
        r"(?:do not|never) want to (?:be here|exist|live|be alive|wake up|be around|carry on|go on|be on this)",
        r"wish i (?:was|were|had|could) (?:dead|not here|never born|gone|not alive|not exist|disappear|sleep forever|been born)",
        r"wish i (?:was|were) never born",
        r"want to disappear",
        r"(?:tired|sick) of (?:living|life|being alive|existing|it all)",
        r"(?:end|ending|ended) (?:it all|my life|it|things|myself)",
        r"say(?:ing)? goodbye to (?:everyone|every one|everybody|you all)",
        r"giv\w* (?:away )?(?:all )?my (?:stuff|things) away",
        r"(?:will not|wont) be (?:here|around) (?:tomorrow|much longer|any ?more)",
        r"hate (?:my life|being alive|living)",
        r"not worth (?:living|it any ?more)",
        r"(?:want|wanna|wanted) to die",
        r"want to be dead",
        r"hopeless",
        r"feel empty",
        r"numb",
        # farewells: a last message, giving things away for good
        r"(?:my |this is my )?(?:last|final) (?:message|msg|text)(?! (?:was|about|from you|from them|i sent))",
        r"(?:will not|wont|do not|dont) (?:be )?need(?:ing)? (?:them|it|these|those|my \w+|any of (?:it|them|my)) (?:any ?more|after|again|where)",
        r"(?:will not|wont) be needing (?:them|it|these|those|my \w+)",
        r"this is goodbye",
        r"goodbye (?:everyone|forever|all)",
        r"ostatni\w* (?:wiadomosc|wiadomosci|sms\w*)",
        r"zegnaj\w*",
        r"juz (?:mnie )?nie (?:bedzie|zobaczycie)",
        r"اخر رساله",
        r"(?:ما|مش|مو) (?:رح|راح|ح) (?:احتاج\w*|تشوفوني)",
        r"وداعا",
        r"mam dosc (?:zycia|wszystkiego)",
        r"nie chce (?:mi sie )?(?:juz )?(?:zyc|istniec|zyc)",
        r"chce (?:umrzec|zniknac|sie zabic)",
        r"(?:zycie|wszystko) (?:nie ma sensu|bez sensu)",
        r"nie ma sensu (?:zyc|zycie|dalej)",
        r"nie widze sensu",
        r"zabije sie",
        r"skoncze ze soba",
        r"lepiej beze mnie",
        r"jestem ciezarem",
        r"chce umrzec",
        r"(?:ما|مش|مو|ما عاد|مش عاد) ?(?:بدي|بدى|اريد|بريد) (?:عيش|اعيش|كون|اكون|ضل|ابقي|اضل|اظل|عيش)",
        r"(?:بدي|اريد|بريد) (?:موت|اموت|انتحر|اختفي|اختفى)",
        r"(?:تعبت|مليت|زهقت|طفرت) من (?:الحياه|حياتي|العيشه|كل شي|الدنيا)",
        r"ما في (?:فايده|امل|معني)",
        r"لا (?:اريد|أريد) (?:ان )?(?:اعيش|اكون)",
        r"اتمني الموت",
        r"بتمني (?:موت|اموت)",
        r"انا عب\w*",
        r"احسن بدوني",
        r"ارتاحوا مني",
        r"بدي خلص من حالي",
        r"بدي انهي حياتي",
    ],
    "PILLS": [
        r"pills",
        r"tablets",
        r"meds",
        r"medication",
        r"medicine",
        r"anti ?depressants?",
        r"paracetamol",
        r"painkillers",
        r"ibuprofen",
        r"co codamol",
        r"sleeping pills",
        r"tabletk\w*",
        r"lek(?:i|ow)",
        r"pigul\w*",
        r"حبوب",
        r"حبات",
        r"دوا",
        r"ادويه",
    ],
    "QUANT": [
        r"how many",
        r"how much",
        r"sav\w*",
        r"collect\w*",
        r"stockpil\w*",
        r"hoard\w*",
        r"zbiera\w*",
        r"جمع\w*",
        r"بجمع\w*",
        r"all",
        r"whole",
        r"loads?",
        r"(?:a )?lot",
        r"lots",
        r"bunch",
        r"handful",
        r"packets?",
        r"box",
        r"bottle",
        r"the rest",
        r"[1-9]\d+",
        r"swallow\w*",
        r"wszystk\w*",
        r"cale",
        r"garsc",
        r"كل",
        r"كلها",
        r"بلعت",
        r"كتير",
    ],
    "SH_STRONG": [
        r"(?:cut|cutting|cuts|burn|burning|burnt|hurt|hurting|harm|harming|hit|hitting|punish|punishing|starve|starving|"
        r"scratch\w*|stab\w*|bruis\w*|choke|choking) myself",
        r"(?:make|made|making|makes) myself (?:sick|throw up|vomit)",
        r"self ?harm\w*",
        r"self injur\w*",
        r"ligature",
        r"pocie\w*",
        r"pociel\w*",
        r"pocial\w*",
        r"tne sie",
        r"cie sie",
        r"samookalecz\w*",
        r"okalecz\w*",
        r"(?:قطعت|جرحت|شرحت|بقطع|بجرح|بشرح|حرقت) (?:ايدي|يدي|نفسي|حالي|جسمي|رجلي|زندي|اجري)",
        r"ايذاء النفس",
    ],
    "BLADE": [
        r"razors?",
        r"blades?",
        r"sharpener",
        r"shard",
        r"broken glass",
        r"zyletk\w*",
        r"noz\w*",
        r"بالشفره",
        r"شفره",
        r"بالموس",
        r"موس",
        r"سكين",
        r"بالسكين",
    ],
    "CUT": [r"cut\w*", r"slic\w*", r"قطع\w*", r"جرح\w*", r"بقطع\w*", r"tn\w*", r"ciac"],
    # ------------------------------------------------------------------ neglect
    "LEFT": [
        r"(?:leaves|left|leave|leaving) (?:us|me|my (?:little |baby )?(?:sister|brother)|the kids|them|the baby)",
        r"home alone",
        r"zostawi\w* (?:nas|mnie)",
        r"zostawia\w*",
        *_ar("- ب بي ي ت بت", ["تركنا", "تركني", "يتركنا", "تتركنا"]),
    ],
    "DURATION": [
        r"(?:whole|all|the) (?:weekends?|week|night|day|days)",
        r"weekends",
        r"for days",
        r"for (?:a|\d+|two|three|four|five) "
        r"(?:days|nights|weeks?)",
        r"overnight",
        r"all night",
        r"since (?:friday|monday|tuesday|wednesday|thursday|saturday|sunday|yesterday)",
        r"for a week",
        r"(?:kilka|pare|cale|caly|\d+) (?:dni|nocy|tygodni\w*|weekend\w*)",
        r"na (?:noc|weekend|cale)",
        r"(?:ايام|يومين|اسبوع|من اسبوع|الليل كله)",
    ],
    "UTILITIES": [
        r"no (?:gas|electric|electricity|power|lights|heating or|running water|water)\b",
        r"gas (?:or|and) electric",
        r"(?:gas|electric|electricity|power) (?:is |got |has been |was )?(?:cut off|off for|ran out|run out)",
        r"nie ma (?:pradu|gazu|wody)",
        r"bez (?:pradu|gazu|wody)",
        r"ما في (?:كهربا|كهرباء|غاز|مي|مياه)",
    ],
    "NO_FOOD": [
        r"(?:nobody|no one|never) (?:feeds|feed|fed|cooks|makes (?:us|me) (?:food|dinner|tea))",
        r"not (?:been )?fed(?! up)",
        r"bez jedzenia",
        r"nie ma (?:co jesc|jedzenia)",
        r"nic do jedzenia",
        r"nikt nas nie karmi",
        r"ما حدا (?:بيطعم|يطعم|بطعم)\w*",
        r"ما في اكل",
        r"ما (?:بيطعمونا|بيطعمنا|بطعمونا)",
        r"ما اكلت",
        r"ما اكلنا",
    ],
    "HUNGRY": [r"hungry", r"starving", r"glodn\w*", r"جوعان\w*", r"جوعانين"],
    # ------------------------------------------------------------------ missing / homeless
    "NOT_BEEN_BACK": [
        r"(?:have not|has not|had not|not|did not|never) (?:been|gone|went|come|came|go) (?:back )?"
        r"(?:to )?(?:my |the )?(?:home|placement|back|house|foster)",
        r"not (?:been )?home",
        r"stayed out",
        r"nie wrocil\w*",
        r"nie bylam w domu",
        r"nie bylem w domu",
        r"ما رجعت",
    ],
    "NOTICED": [r"(?:no one|nobody|no body) (?:has |have )?(?:noticed|realised|looked|come looking|reported)"],
    "RAN": [
        r"(?:ran|run|running|runnin) (?:away|off)(?! with)",
        r"(?:i|we|he|she|they)(?: \w+){0,3} (?:went|gone|go|going) missing",
        r"abscond\w*",
        r"did a runner",
        r"uciek\w*",
        r"uciekl\w*",
        r"هربت",
        r"بهرب",
        r"اهرب",
        r"هربنا",
        r"رح اهرب",
    ],
    "BUS": [r"autobus\w*", r"pociag\w*", r"tramwaj\w*", r"bus", r"train", r"from the dog"],
    "ROUGH": [
        r"nowhere to (?:sleep|stay|live)",
        r"no where to (?:sleep|stay)",
        r"no place to (?:sleep|stay)",
        r"nie mam gdzie",
        r"(?:slept|sleeping|sleep|kipped|kipping|stayed) (?:on the streets?|outside|rough|in a park|in the park|"
        r"in a doorway|in a stairwell|at the (?:bus|train) station|on a bench|in a tent)",
        r"sofa surf\w*",
        r"(?:نمت|بنام|انام|نام|نايم|نمنا|بتنام) (?:بالشارع|في الشارع|برا|بالحديقه|بالمحطه|بالطريق)",
        r"ما (?:عندي|الي|لي) (?:وين|مكان) (?:نام|انام|روح)",
        r"طردني",
        r"طردتني",
        r"طردوني",
        r"na ulicy",
    ],
    # ------------------------------------------------------------------ fear
    "FEAR": [
        r"scared",
        r"afraid",
        r"terrified",
        r"frightened",
        r"petrified",
        r"scare(?:s|d)? me",
        r"fear\w*",
        r"boje sie",
        r"boi sie",
        r"boimy sie",
        r"przeraz\w*",
        r"strach",
        r"خايف\w*",
        r"بخاف",
        r"اخاف",
        r"خوف",
        r"مرعوب\w*",
        r"خايفين",
    ],
    "FEARED": [
        r"of (?:him|her|my \w+|me \w+|the \w+ (?:man|men|lads|boys)|going (?:home|back)|what (?:he|she)|his|her)",
        r"to (?:go|going|be|get|come) (?:home|back|there|near)",
        r"(?:he|she)",
        r"to tell",
        r"ojc\w*",
        r"tat\w*",
        r"mam[aey]",
        r"matk\w*",
        r"ojczym\w*",
        r"chlopak\w*",
        r"brat\w*",
        r"wuj\w*",
        r"jego",
        r"niego",
        r"jej",
        r"niej",
        r"wrocic",
        r"do domu",
        r"من (?:جوز|زوج|ابوي|ابي|امي|عمي|خالي|اخوي|بابا|ماما|الرجال|هالرجال)\w*",
        r"منه",
        r"منها",
        r"ارجع",
        r"روح عالبيت",
    ],
}

# (rule id, description, anchor concept, [(concept, "after" | "before" | "near", max chars)], unless pattern)
_Cond = tuple[str, str, int]
RULES: list[tuple[str, str, str, list[_Cond], str | None]] = [
    (
        "physical_abuse",
        "mentions someone hurting a person",
        "HARM",
        [("VICTIM", "after", 14)],
        r"(?:sits?|sat|stood|lays?|lies) on (?:her|his|their) (?!face|head|back|neck|chest|stomach|belly|legs?|arms?)\w+|(?:at|in) (?:the |a |our |their )?(?:quiz|game|match|race|test|exam|\w+ (?:game|match|race|quiz))|feelings|pride"
        r"|(?:beat|beats|beaten|thrash\w*) (?:me|us|him|her|them|my \w+) at (?!home|school|night|my|his|her|their|the (?:house|flat|home))",
    ),
    ("physical_abuse", "mentions getting a beating", "BEATING", [], None),
    (
        "physical_abuse",
        "mentions an injury someone caused",
        "INJURY",
        [("PERSON", "before", 40)],
        r"(?:^| )i (?:\w+ )?(?:broke|fell|tripped)|football|playing|rugby|match|pe\b",
    ),
    ("physical_abuse", "mentions an injury being explained away", "COVER", [], None),
    ("physical_abuse", "mentions a harsh punishment", "COLD_PUNISH", [("PERSON", "near", 50)], None),
    ("physical_abuse", "mentions a harsh punishment", "COLD_PUNISH", [("PUNISH", "near", 50)], None),
    ("physical_abuse", "mentions restraint", "RESTRAINT", [], r"self restraint"),
    ("physical_abuse", "mentions not being able to breathe", "BREATH", [("PERSON", "near", 60)], None),
    ("sexual_abuse", "mentions sexual contact or images", "SEX_STRONG", [], None),
    ("sexual_abuse", "mentions being watched or filmed undressed", "UNDRESSED", [("WATCH", "near", 50)], None),
    (
        "sexual_abuse",
        "mentions someone coming into their room at night",
        "MY_ROOM",
        [("COME_IN", "before", 30), ("NIGHT", "near", 50)],
        r"check|wak\w* (?:me|us) up|noise|sprawdz|hoover|clean",
    ),
    ("exploitation", "mentions someone messaging them late at night", "MSG_ME", [("LATE", "near", 50)], None),
    ("exploitation", "mentions grooming talk", "MSG_ME", [("GROOM_TALK", "near", 60)], None),
    ("exploitation", "mentions being told to keep a secret", "SECRET", [], None),
    (
        "exploitation",
        "mentions an older person giving money or gifts",
        "GIFTS",
        [("ADULT", "near", 60)],
        r"pocket money|allowance|my card|bank|benefits|birthday|christmas",
    ),
    ("exploitation", "mentions an older person wanting them to go with them", "GO_WITH", [("ADULT", "near", 60)], None),
    ("exploitation", "mentions being given alcohol or drugs", "DRUNK", [], None),
    ("exploitation", "mentions being taken somewhere in a car", "CAR", [("FORCE", "before", 30)], None),
    ("exploitation", "mentions being taken somewhere in a car", "CAR", [("SOMEWHERE", "near", 40)], None),
    ("exploitation", "mentions being taken somewhere in a car", "CAR", [("ADULT", "near", 50)], r"taxi|driving lesson"),
    (
        "exploitation",
        "mentions doing things in return for a place or money",
        "IF_STUFF",
        [("PERSON", "near", 60)],
        r"chores|around the house|homework|tidy|clean",
    ),
    ("exploitation", "mentions staying with an adult", "ADULT_PLACE", [], None),
    ("exploitation", "mentions doing things in return for a place or money", "STAY", [("IF_STUFF", "near", 40)], None),
    ("exploitation", "mentions working off a debt", "WORK_FOR", [("DEBT", "near", 60)], None),
    ("exploitation", "mentions working for older people", "WORK_FOR", [("ADULT", "near", 60)], None),
    ("exploitation", "mentions working for others under pressure", "WORK_FOR", [("FORCE", "near", 40)], None),
    ("exploitation", "mentions owing people", "DEBT", [("ADULT", "near", 50)], None),
    (
        "exploitation",
        "mentions carrying or moving things for others",
        "MOVE_STUFF",
        [("PLACES", "near", 50)],
        r"moving (?:house|placement)",
    ),
    (
        "exploitation",
        "mentions carrying or moving things for others",
        "MOVE_STUFF",
        [("ADULT", "near", 60)],
        r"moving (?:house|placement)",
    ),
    (
        "exploitation",
        "mentions carrying or moving things for others",
        "MOVE_STUFF",
        [("FORCE", "before", 30)],
        r"moving (?:house|placement)|my (?:stuff|things)|room|bin|shopping|washing",
    ),
    ("exploitation", "mentions blackmail", "BLACKMAIL", [], None),
    (
        "threat",
        "mentions someone threatening to hurt them",
        "THREATEN",
        [("HARM", "after", 30), ("VICTIM", "after", 45)],
        r"(?:^| )(?:i|we) (?:will|am going to|are going to|threatened)|(?:at|in) (?:the |a )?(?:quiz|game|match|race)"
        r"|kill me (?:lol|haha)|hurt (?:my|their|his|her) feelings",
    ),
    ("threat", "mentions someone threatening to hurt them", "THREAT_ACT", [], None),
    (
        "suicide",
        "mentions hopelessness or not wanting to live",
        "HOPELESS",
        [],
        r"(?:no point|what is the point) (?:in |of )?(?:complaining|asking|telling|ringing|trying to (?:complain|talk|tell|ask))",
    ),
    ("self_harm", "mentions taking a lot of pills", "PILLS", [("QUANT", "before", 30)], None),
    ("self_harm", "mentions self-harm", "SH_STRONG", [], None),
    (
        "self_harm",
        "mentions cutting with a blade",
        "BLADE",
        [("CUT", "near", 30)],
        r"hair|food|vegetables|onion|bread|paper",
    ),
    ("neglect", "mentions being left alone for a long time", "LEFT", [("DURATION", "near", 50)], None),
    ("neglect", "mentions no gas, electricity or water at home", "UTILITIES", [], r"in the (?:storm|power cut)"),
    ("neglect", "mentions no food", "NO_FOOD", [], None),
    ("neglect", "mentions being hungry for a long time", "HUNGRY", [("DURATION", "near", 40)], None),
    (
        "missing",
        "mentions not going back for days",
        "NOT_BEEN_BACK",
        [("DURATION", "near", 40)],
        r"school|college|work",
    ),
    ("missing", "mentions no one noticing they are gone", "NOTICED", [("NOT_BEEN_BACK", "near", 80)], None),
    ("missing", "mentions running away", "RAN", [], r"autobus|pociag|tramwaj|bus|train|dog|cat|hamster"),
    ("homeless_tonight", "mentions nowhere safe to sleep", "ROUGH", [], None),
    (
        "unsafe",
        "mentions being scared of someone or of going home",
        "FEAR",
        [("FEARED", "after", 20)],
        r"of (?:the )?(?:dark|spiders?|dogs?|exams?|heights|failing|school|test)",
    ),
]


# A concept found also counts as these (an older man is a person).
_IMPLIES: dict[str, tuple[str, ...]] = {"ADULT": ("PERSON",), "FEARED": (), "BEATING": (), "DRUNK": ()}


def word_start_patterns(name: str, by_first: list[tuple[str, str]]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Compile alternatives, each under the character it starts with, into patterns tried at every word start.

    Every word may carry the Arabic conjunction و or ف ("and", "so") written onto it. The second
    pattern is for text with no Arabic in it, which is most text (``normalise`` turns Polish into
    plain ASCII too): it leaves out every alternative that starts with a non-ASCII letter, which
    could never match there, so that about half as many are tried at each word. Both are kept
    between runs (``kept_patterns``).
    """
    everything = " (?=[وف]?(?:" + "|".join(part for _, part in by_first) + "))"
    ascii_only = " (?=(?:" + "|".join(part for first, part in by_first if first.isascii()) + "))"
    return compile_kept(name, everything), compile_kept(f"{name}-ascii", ascii_only)


_Tree = dict[str, dict[str, list[tuple[bool, int, str]]]]


def _compile() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str], dict[str, tuple[str, ...]]]:
    """One pattern tried at every word start; each alternative ends in an empty named group.

    A fragment listed under several concepts is compiled once and tags all of them.
    Within a first letter, phrases come before single words and longer before shorter,
    so the most specific reading of a word start wins.

    Also a pattern of only the fragments of anchor concepts, with no groups: where it finds
    nothing, no rule can fire (every rule needs its anchor), so ``concept_hits`` can skip the
    sentence. Most sentences of most messages have no anchor in them.
    """
    owners: dict[str, list[str]] = {}
    for concept, fragments in CONCEPTS.items():
        for fragment in fragments:
            names = owners.setdefault(fragment, [])
            for name in (concept, *_IMPLIES.get(concept, ())):
                if name not in names:
                    names.append(name)
    anchors = {anchor for _, _, anchor, _, _ in RULES}
    tags: dict[str, tuple[str, ...]] = {}
    tree: _Tree = {}
    gate: _Tree = {}
    for fragment, names in owners.items():
        for literal in _expand(fragment):
            tag = f"c{len(tags)}"
            tags[tag] = tuple(names)
            key = ["", ""]
            for i in (0, 1):
                if len(literal) > i + 1 and _literal(literal[i]) and literal[i + 1] not in "?*+{":
                    key[i] = literal[i]
                else:
                    break
            rest = literal[len("".join(key)) :]
            sort_key = (" " not in literal, -len(literal))
            tree.setdefault(key[0], {}).setdefault(key[1], []).append((*sort_key, f"{rest}\\b(?P<{tag}>)"))
            if anchors.intersection(names):
                gate.setdefault(key[0], {}).setdefault(key[1], []).append((*sort_key, f"{rest}\\b"))
    return (
        *word_start_patterns("risk-concepts", _by_first(tree)),
        *word_start_patterns("risk-anchors", _by_first(gate)),
        tags,
    )


def _by_first(tree: _Tree) -> list[tuple[str, str]]:
    parts: list[tuple[str, str]] = []
    for first, seconds in sorted(tree.items()):
        inner = []
        for second, alts in sorted(seconds.items()):
            body = "(?:" + "|".join(alt for *_, alt in sorted(alts)) + ")"
            inner.append(re.escape(second) + body if second else body)
        body = "(?:" + "|".join(inner) + ")"
        parts.append((first, re.escape(first) + body if first else body))
    return parts


def _literal(char: str) -> bool:
    return char.isalnum() or char == " "


_LEADING_GROUP = re.compile(r"^\(\?:([^()]*)\)(\??)(.*)$")
_LEADING_CLASS = re.compile(r"^\[((?:\w-\w|\w)+)\](.*)$")  # [1-5], [aeo]
_LEADING_OPTIONAL = re.compile(r"^(\w)\?(.*)$")  # s?krzywdz


def _expand(fragment: str) -> list[str]:
    """Spell out what a fragment starts with (a ``(?:a|b)`` group, a ``[1-5]`` class, an optional
    letter) so that each alternative starts with plain letters and can be dispatched on them.

    A fragment that starts with anything else is tried at every word start, which is what
    made the concept pass slow; each spelt-out alternative is tried only where a word starts
    with its letters.
    """
    match = _LEADING_GROUP.match(fragment)
    if (
        match
        and "[" not in match.group(1)
        and "\\|" not in match.group(1)
        and match.group(3)[:1] not in ("*", "+", "{")
    ):
        options, optional, rest = match.group(1).split("|"), match.group(2), match.group(3)
        if optional:
            options.append("")
        return [out for option in options for out in _expand(option + rest) if out]
    match = _LEADING_CLASS.match(fragment)
    if match and match.group(2)[:1] not in ("?", "*", "+", "{"):
        chars = re.sub(r"(\w)-(\w)", lambda m: "".join(map(chr, range(ord(m[1]), ord(m[2]) + 1))), match.group(1))
        return [out for char in chars for out in _expand(char + match.group(2))]
    match = _LEADING_OPTIONAL.match(fragment)
    if match:
        return [out for option in (match.group(1), "") for out in _expand(option + match.group(2)) if out]
    return [fragment]


_PATTERN, _PATTERN_ASCII, _ANCHORS, _ANCHORS_ASCII, _TAGS = _compile()
_UNLESS_KEPT = iter(compile_all_kept("risk-unless", [unless for *_, unless in RULES if unless]))
_UNLESS = [next(_UNLESS_KEPT) if unless else None for *_, unless in RULES]
# Words that, just before the anchor, make it someone else's act ("i hit my head", "it hurts my back").
_NOT_AFTER: dict[str, frozenset[str]] = {
    "HARM": frozenset(
        ["i", "we", "accidentally", "nearly", "almost", "it", "that", "this", "which", "not", "also", "and", "then"]
    ),
    "THREATEN": frozenset(["i", "we"]),
}
_BY_ANCHOR: dict[str, list[int]] = {}
for _index, (_rule, _desc, _anchor, _conds, _unless) in enumerate(RULES):
    _BY_ANCHOR.setdefault(_anchor, []).append(_index)
_ANCHOR_RANK = {anchor: rank for rank, anchor in enumerate(_BY_ANCHOR)}
_NEEDED = {anchor for anchor in _BY_ANCHOR} | {c for *_, conds, _ in RULES for c, _, _ in conds}
missing_concepts = _NEEDED - set(CONCEPTS)
if missing_concepts:  # pragma: no cover - a typo in RULES
    raise ValueError(f"unknown concepts in RULES: {sorted(missing_concepts)}")


def _ok(found: dict[str, list[tuple[int, int]]], start: int, end: int, conds: list[_Cond]) -> bool:
    for concept, where, chars in conds:
        spans = found.get(concept)
        if not spans:
            return False
        for s, e in spans:
            if (s, e) == (start, end):
                continue
            after = 0 <= s - end <= chars
            before = 0 <= start - e <= chars
            if (
                (where == "after" and after)
                or (where == "before" and before)
                or (where == "near" and (after or before))
            ):
                break
        else:
            return False
    return True


def concept_hits(padded: str, skip: set[str]) -> list[tuple[str, str, str]]:
    """Rules fired in ``padded`` (normalised text with a leading and trailing space).

    Returns ``(rule, description, matched fragment)`` for each rule id not in ``skip``,
    at most once per rule id.
    """
    out: list[tuple[str, str, str]] = []
    fired = set(skip)
    pattern, anchors = (_PATTERN_ASCII, _ANCHORS_ASCII) if padded.isascii() else (_PATTERN, _ANCHORS)
    for sentence in padded.split(" . "):
        sentence = f" {sentence.strip()} "
        if len(sentence) < 4 or anchors.search(sentence) is None:  # no anchor, so no rule: the commonest case
            continue
        found: dict[str, list[tuple[int, int]]] = {}
        for match in pattern.finditer(sentence):
            tag = match.lastgroup
            if tag is None:  # pragma: no cover
                continue
            span = (match.end(), match.end(tag))
            for concept in _TAGS[tag]:
                found.setdefault(concept, []).append(span)
        # Only the anchors this sentence has, in the order of RULES (the first rule to fire is the one reported).
        for anchor in sorted(found.keys() & _BY_ANCHOR.keys(), key=_ANCHOR_RANK.__getitem__):
            spans = found[anchor]
            for index in _BY_ANCHOR[anchor]:
                rule, description, _, conds, _ = RULES[index]
                if rule in fired:
                    continue
                for start, end in spans:
                    if _ok(found, start, end, conds):
                        guard = _NOT_AFTER.get(anchor)
                        if (
                            guard
                            and sentence[:start].rsplit(None, 1)[-1:]
                            and sentence[:start].rsplit(None, 1)[-1] in guard
                        ):
                            continue
                        unless = _UNLESS[index]
                        if unless is not None and unless.search(sentence, max(0, start - 40), end + 50):
                            continue
                        lo = min([start, *(s for c, _, _ in conds for s, _ in found[c])])
                        hi = max([end, *(e for c, _, _ in conds for _, e in found[c])])
                        fragment = (
                            sentence[start:end] if not conds else sentence[max(lo, start - 60) : min(hi, end + 60)]
                        )
                        out.append((rule, description, fragment.strip()))
                        fired.add(rule)
                        break
    return out
