"""The common words that tell English, Polish and Arabizi apart, as they are texted. Pure data.

Every word is in its simplified form (``text.simplify``: lower case, no accents, so Polish "już" is "juz" and
"chcę" is "chce"). A word in more than one list says nothing ("to", "a", "na"), so lists may overlap.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Greetings and replies anyone might send whatever their language: they give nothing to go on.
UNIVERSAL_WORDS = _words(
    """
    hi hii hiya hey heya hello helo hallo halo ok okay okey k kk lol xd xx x haha hah hmm hm emm um
    yo sup hej hejka hai no 1 2 3 4 5 6 7 8 9 10 pls plz sms ref status stop start help info
    """
)

ENGLISH_WORDS = _words(
    """
    i im ive id ill me my to on mine myself you u ur your youre yourself he hes him his she shes her they theyre them
    their we us our it its this that these those there here who what whats why how when where which
    the an and or but if so because cos coz cuz bc of for from with without about into onto over under at by
    is am are was were be been being do does did done dont doesnt didnt isnt arent wasnt werent cant cannot
    couldnt wont wouldnt shouldnt havent hasnt hadnt have has had having get gets got getting gonna wanna
    gotta wana want wants wanted need needs needed like likes liked just only really very too also still
    never always ever sometimes again any some someone somebody anyone anybody everyone nobody nothing
    something everything all one not no yes yeah yep nope nah please thanks thank thx ty cheers sorry
    complain complaint complaints complaining moan report issue problem wrong unfair fair happy unhappy sad
    angry upset rubbish bad good great nice kind lovely amazing brilliant best worst
    social worker workers carer carers foster fostering home house school teacher mum mom dad mam nan gran
    brother sister family friend friends staff team manager council care leaving money allowance
    call calls called calling ring rings rang text texts texted message messages reply replies email
    back answer answers answered listen listens listened tell told said says say talk talked speak spoke
    see saw seen meet meeting meetings visit visits visited contact missed miss late cancelled canceled
    week weeks month months day days today yesterday tomorrow time times night morning evening
    new old other another more less much many lot lots bit little big small
    can could would should will shall may might must let make made give gave take took go went gone come came
    know knew think thought feel felt keep kept stop stopped move moved live lives lived stay stayed
    idea ideas suggestion suggest feedback opinion compliment touch help helped helpful support
    wen wat wot dat da dis ppl cuz tho thru gud gd rly srsly hes dunno idk ive gonna kinda sorta innit
    """
)

POLISH_WORDS = _words(
    """
    i to on nie tak jest jestem jestes sa byl byla bylo byli bede bedzie mam masz ma mamy maja mial miala
    mnie mi mna ja ty ciebie cie ci ona oni one nas nam nami wy wam jego jej ich go mu im
    moj moja moje mojego mojej moim moich moimi twoj twoja twoje swoj swoja swoje swojego
    ze sie jak co czy juz bardzo jeszcze tylko tez teraz potem wtedy kiedy gdzie dlaczego czemu ile kto
    ktory ktora ktore ktorzy bo ale albo lub oraz wiec zeby aby jesli jezeli gdy dla przez przy pod nad
    bez u z ze od do po za przed miedzy o w we na
    chce chcesz chcialbym chcialabym chcialem chcialam chcemy musze musisz moge mozesz mozna mozemy
    wiem wiesz prosze dziekuje dzieki dziekujemy przepraszam czesc hej hejka siema elo witam witaj
    dzien dobry dobrze dobra dobre zle zly zla spoko okej nara pozdrawiam
    skarga skarge skargi skarga zlozyc zglosic poskarzyc pochwala pochwalic podziekowac podziekowanie
    pomysl pomoc pomocy pomoz pomozcie ktos ktokolwiek nikt nic nigdy zawsze czasem czasami wszystko
    wszyscy opiekun opiekunka opiekunem opiekunki pracownik pracowniczka socjalny socjalna socjalnego
    rodzina rodziny zastepcza zastepczej zastepczy mama mamy mamie mama tata taty tacie brat siostra
    babcia dziadek dom domu domem szkola szkoly szkole nauczyciel nauczycielka kolega kolezanka
    pieniadze pieniedzy kasa kasy kieszonkowe mowi mowil mowila powiedzial powiedziala mowia
    dzwoni dzwonil dzwonila oddzwania oddzwonil oddzwonila odpisuje pisze pisal pisala napisal
    przychodzi przyszedl przyszla spotkanie spotkania wizyta wizyty kontakt kontaktu zadzwonic
    zadzwoncie porozmawiac rozmawiac sluchac slucha slucha nikogo niczego nigdzie zadnego zadnej
    tydzien tygodnie tygodnia miesiac miesiace dzis dzisiaj jutro wczoraj rano wieczorem noc nocy
    raz razy dwa trzy cztery piec nowy nowa nowego inny inna innego wiecej mniej duzo malo troche
    zrobic robi robia zrobil zrobila idzie poszedl poszla przyjdzie chodzi chodze mieszkam mieszka
    czuje smutny smutna zly wkurzony wkurzona fajny fajna
    """
)

# Arabic written in Latin letters (and digits for the letters Latin lacks), as young people text it.
ARABIZI_WORDS = _words(
    """
    salam slm salamu alaikum assalamu marhaba mar7aba ahlan ahla shukran shokran shukrn mashkoor
    ana enta inta enti inti howa heya e7na ehna ni7na nahna homa hum entum
    3ayez 3ayza 3awez bdi biddi baddi abgha abga ureed urid badi
    mish msh mesh mush la2 laa aywa aiwa na3am
    bas bass wallah walla wallahi yalla yallah inshallah mashallah alhamdulillah habibi habibti
    keef kif kifak kifik izzayak ezayak shu shoo eish esh leh lesh laysh leish
    ma3 ma3a 3ala 3an fi feh fih fe mafi mafeesh mafish ma7ad 7ad 7ada wa7ed
    ashtki ashtaki shakwa shakwa mushkila moshkela moshkila mushkele
    ab3at b3at ab3atli 7aga 7aja shi shy kteer kthir ktir shwaya shwai
    ukhti akhi akhoya ukhtak omi ommi ummi abuya abi baba mama beit bait bayt
    madrasa mudarris mudarrisa mwazzaf muwazzaf akhsa2i
    ya3ni y3ni tayeb tayyeb tamam khalas 5alas ma3lesh ma3lish
    """
)
