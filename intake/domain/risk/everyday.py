"""Everyday conversation the statistical model is not asked about: a short message made only of everyday words.

Half of every conversation is answers to the bot's questions ("yeah send it", "1 me", "6 step dad"),
greetings, thanks, contact preferences ("only text me in the mornings", "dont ring between 9 and 3"),
money and call-back requests ("chce dostac pieniadze", "zeby ktos do mnie zadzwonil") and "I want to
complain" ("اريد ان اشتكي"). Those words carry no sign of harm, yet the model, which learned from
whole messages, gave some of them a high score by chance. So a message of at most ``MAX_WORDS`` words
that are all everyday words (below, in normalised form, per language) is not read by the model. The
phrase and concept rules still read every message: this only keeps the model's guesses out of small talk.

The lists hold no word of harm, fear, the body, secrecy, night-time or places a child is hurt ("room",
"bed", "alone", "help", "scared"), nor the everyday words a child says goodbye or asks to be taken away
with ("end", "done", "here", "come": "i wana end it", "im done", "i wont be here by the weekend", "can
someone come please"); and a few everyday phrases that can mean the same keep a message for the model
(``_NOT_EVERYDAY``: "cant do this", "dont make me go back there", "my last message"). Nine disclosures in the
labelled sets are made only of everyday words; with these exclusions none counts as everyday talk (a test checks it).
"""

from __future__ import annotations

import re

from intake.domain.risk.normalise import normalise

__all__ = ["MAX_WORDS", "is_everyday_talk"]

MAX_WORDS = 12


def _words(*lines: str) -> frozenset[str]:
    """The words as ``normalise`` writes them (so "رسائل" is listed as "رسايل", "im" as "i" and "am")."""
    return frozenset(word for line in lines for word in normalise(line).split())


_EVERYDAY = _words(
    # English: greetings, answers, thanks, the bot's menu, contact, time, money, people and services
    "hi hiya hello hey heya morning afternoon evening there yo sup",
    "yes yeah yep yup ya yea ye aye no nah nope ok okay k kk fine sure alright cool right wrong correct",
    "please thanks thank you ta cheers sorry x xx xxx lol",
    "finished all nothing else more just only that is it this these those the a an",
    "and or but so if then also too as well not do does did dont doesnt didnt can could would will shall",
    "should may might i me my mine im am we our us your yours he she they them his her their its",
    "want wants need needs like would love know think mean said say says tell told ask asked get got give",
    "send sent go going went see seen read wrote write written put have has had be been was were are",
    "what who which when where why how there about for from to of in on at by with without up out",
    "complain complaint complaining thank idea ideas share something someone somebody anyone anybody",
    "text texts texting ring rings call calls calling phone phoned email emails message messages contact",
    "reply replies voicemail voicemails letter letters post number mobile landline whatsapp",
    "before after between until till from around about oclock am pm noon lunchtime mornings evenings",
    "afternoons weekend weekends weekday weekdays monday mondays tuesday tuesdays wednesday wednesdays",
    "thursday thursdays friday fridays saturday saturdays sunday sundays today tomorrow week weeks month",
    "months day days time times hour hours minute minutes first second last next",
    "0 1 2 3 4 5 6 7 8 9 10 11 12 one two three four five six seven eight nine ten",
    "money pay paid payment allowance pocket grant back owed bus pass laptop phone credit",
    "mum mom dad mother father parent parents carer carers foster step nan nana gran grandma grandad",
    "aunt auntie uncle brother sister son daughter grandson granddaughter child kid kids family",
    "advocate teacher worker workers social sw pa team manager officer council school college uni work",
    "lessons class job work working busy",
    "again still ever never always sometimes maybe perhaps idk dunno know sure",
    "skip pass nothing none",
    "else other avoid checks check quicker faster sooner date dates finish sort sorted fix fixed works new old",
    "place poster off own every let visit visits review assessment plan pathway meeting meetings appointment",
    "answer answers apology explain reason better less often regular normal normally properly kind nice",
    "quickly soon asap mosque church football club trip trips holiday holidays christmas birthday train",
    "taxi transport fare right wrong same above 1st 2nd 3rd",
    "hope make id already fostering given take except whole support buy anyway pens ready wait invite meet",
    "used find things twice main summer changes asking thought telling keeps keep veggie shampoo poll plates",
    "kettle noodles pot turning raise runs",
    # Polish (no diacritics)
    "czesc hej halo witam dzien dobry dobry wieczor",
    "tak nie ok okej dobrze jasne dzieki dziekuje prosze przepraszam sorki",
    "to wszystko juz nic wiecej gotowe tyle tylko i a ale lub albo czy jest sa byl",
    "ja mnie mi moj moja moje mojego mojej my nas nam ty ciebie on ona oni ich jego jej",
    "chce chcialabym chcialbym chcemy potrzebuje prosze mam masz ma",
    "skarge skarga skarzyc poskarzyc zlozyc podziekowac pomysl problem pytanie",
    "ktos ktokolwiek do ze zeby zebym by aby z w na o od po przed miedzy rano wieczorem",
    "zadzwonil zadzwonila zadzwonic dzwonic dzwoncie oddzwonil oddzwonic pisac piszcie napisac sms smsy",
    "wiadomosc wiadomosci email telefon numer list",
    "poniedzialek wtorek sroda czwartek piatek sobota niedziela weekend weekendy dzisiaj jutro godzinie",
    "godziny tydzien tygodnia miesiac dni dzien pierwszej drugiej trzeciej czwartej piatej szostej siodmej",
    "osmej dziewiatej dziesiatej jedenastej dwunastej wyzej pisalam pisalem napisalam napisalem mowilam mowilem",
    "pieniadze pieniedzy kieszonkowe dostac dostawac zaplacic placic",
    "mama tata mamy taty opiekun opiekunka opiekunowie brat siostra syn corka rodzina rodzic rodzice",
    "pracownik pracownica socjalny socjalna szkola szkole praca pracy zly przycisk pomylka",
    "inny inna inne chodzi wyslac wyslij wysylac skarg skargi szczerze normalnie zapytali zapytac sprawie",
    "sprawa tej ten ta tego tam tu czy jak kiedy gdzie dlaczego wiem wie wiemy pewna pewny moze",
    "sie moge bo bez mowia sobie czasem co nawet rzeczy swieta widze zastepcza zastepczej rodzinie rodzina",
    "przychodzi zapowiedzi zajecia pytania rozumiem umowy paru najmu porozmawiac lepiej duzo kto dostalam moim",
    "nowym nazwiskiem workerem ponad funtow pamieta pyta telefonu doladowanie polski paszportu roku pol minut",
    "numeru drugi rzedu powinni czesciej babcie widziec mowi mowie mowil mowic bierze",
    "bilet pociag widzenie kosztuje fortune zwracacie za kontakt kims po polsku pani opieki zawsze potem pisze",
    "bylo jestem ludzi przegladzie lubie szkoly nowej okolicy znam robic kazdy mecz trening pilki noznej skladki",
    "zaplacil koniec wiec jestesmy przychodza opoznieniem workerzy eseje telefonie miesiecy innej brata ktore",
    "plywania miejsce kolejce tosty fasola puszki",
    # Arabic (normalised: no harakat, alef and hamza unified, ة as ه, ى as ي)
    "مرحبا اهلا السلام عليكم هاي هلا صباح مساء الخير",
    "نعم لا اي ايوه اه تمام طيب اوكي ماشي صح مزبوط شكرا كتير كثير جزيلا يعطيكم العافيه عفوا اسف",
    "خلص خلاص هذا هاد هاذا هيدا كل شي شيء بس هيك ما في غير تاني",
    "انا انت هو هي احنا نحن هم انتو عندي عنا الي لي",
    "بدي اريد ابغى ابي بغيت حابب حابه ان اني",
    "اشتكي اشكي شكوى اشكر شكر فكره سؤال مشكله",
    "حدا احد واحد يتصل اتصال تتصلوا اتصلوا فيني بي علي يرجعلي يكلمني رساله رسائل ايميل رقم تلفون تليفون",
    "الصبح الصباح المسا المساء الظهر العصر بالليل الليل قبل بعد بين الساعه ساعه وقت يوم ايام اسبوع شهر",
    "الجمعه السبت الاحد الاثنين الثلاثاء الاربعاء الخميس الويكند",
    "الشغل بالشغل شغل الدوام دوام المدرسه بالمدرسه الرجاء عدم بكون اكون",
    "مصاري مصرياتي فلوس فلوسي المصروف",
    "امي ابي ابوي بابا ماما اخي اخوي اختي ابني بنتي اخوهم الكبير الصغير",
    "الاخصائيه الاخصائي المرشد المجلس الفريق",
    "كيفكم كيفك كيف رقمي احسن احتاج بحتاج محتاج مكالمه يتواصل معي معنا عائله حاضنه صوتيه تتركوا ترسلوا",
    "تبعتوا تبعتولي ابعتوا للبيت البيت وين شو ليش امتى متى ارسل ارسلها ارسلوها ابعت ابعتها ابعتوها",
    "بعرف بعرفش اعرف عارف عارفه نفس اللي كتبته كتبت كتبتلكم قلت قلتلكم فوق",
    # Arabic of the dialects (Levantine, Gulf, Iraqi, Egyptian, Maghrebi) and the words of ordinary requests
    "من احيانا بتلفوني تلفوني جوال جوالي موبايل يلعب بالانجليزي بالعربي انجليزي عربي لازم افضل فضلك وما او",
    "مرات موضوع بهالموضوع وانا بدون قالت قال مانع وهي وهذا اخر شخص مع عند عن حاجه حاجات دروس مدرسه للمدرسه",
    "رمضان اصوم الايجار متاخر اتدفع الشقه تقييم السوشل يشرح اخبار فتره خطه دعم زي يسالوني يخبروني بيخبرني",
    "تخبرني اتكلم بحكي يحكي عرفت هل مجاني جدا بخصوص رجاء عالرقم اتصل يتصلوا يبعتوا تخابرون اجتماع المراجعه",
    "مراجعته مناصر تاجلت نقلوا ربع كلشي يريد للحاضنه والحاضنه الحاضنه عطله الخدمه مو ولا ثاني اشوف المسجد",
    "ليش ليه لماذا ايش وش اش شنو مش مب ارسلوا ترسلوا تتصلوا تتصلون مسج ارقام رقمي العشا الغدا الفطور",
    "خربان اقدر اتواصل تقدرون تعطوني الوجبات بالمدرسه فيها نباتي فيكن تحكوا معهم بياخدوا التليفون مني صغيره",
    "ارجو يكون الطعام السكن بالسكن حلالا يوجد خيار لنا حاليا يدفع بدل الملابس موعده اضطررت لاستعاره حذاء",
    "صديقي اكدر اطلع ويه اصدقايي للسينما مرسي علي ماماتي بغاتش تخليني نخرج نهار حيت قريتش مزيان ارد",
    # "I'll be asleep" is when not to ring; a disclosure with it ("he comes in when i'm asleep") has words that
    # are not everyday ones, and stays with the model.
    "نايم نايمه",
    "تصحيني للسحور جوج وعدوني صارلي عمره سنتين شهرين كنت معاه بيوم النهار يلغيش انو تسال عنه الوصي ولد بالرعايه",
    "منيح هويه جواز سفر حساب بنك افتح بعتوه بقالهم موافقه خالتي اطفال ثلاثه انجليزيه القديمه الوايفاي بهالوقت",
    # Arabizi
    "masari 3ndi 3andi telephone tel la el lal rasid shukran merci",
)


_NOT_EVERYDAY = re.compile(
    r"\b(?:can not|could not) (?:do|take|go)\b|\b(?:send|make|take) (?:me|us) (?:go )?back\b|\bnie moge juz\b"
    r"|\b(?:last|final) (?:message|text)\b"
)


def is_everyday_talk(tokens: list[str]) -> bool:
    """True for a message (normalised tokens, "." between sentences) of few words, all of them everyday ones."""
    words = [token for token in tokens if token != "."]
    if len(words) > MAX_WORDS or not all(word in _EVERYDAY for word in words):
        return False
    return _NOT_EVERYDAY.search(" ".join(words)) is None
