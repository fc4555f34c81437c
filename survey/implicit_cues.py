"""What a clause says that no general lexicon word does, in en/nl/de/fr: burdens (excess, time
spent, over and over, coming back, still none, expectations not met), absences of what a desk
should offer, things gone wrong, difficulty, and the desk's own words of praise and complaint.

Each entry is (pattern, value): the value is added to the clause's polarity, flipped by a negator
before it (cues.cue_score). Built from the word classes of cue_words.py.
"""

from __future__ import annotations

from . import cue_words as words

IMPLICIT: list[tuple[str, float]] = [
    # expectations not met: "longer than the website said", "später als versprochen"
    (
        r"(?:longer|later|slower|langer|later|trager|länger|später|langsamer|plus (?:long|tard|lent)) (?:than|dan|als|que)",
        -0.6,
    ),
    # effort in vain
    (
        r"for nothing|in vain|voor niets|voor niks|voor nop|umsonst|vergeblich|vergebens|pour rien|en vain",
        -0.6,
    ),
    # worth it
    (
        r"(?:was|were|is) gold|worth (?:it|every)|goud waard|de moeite waard|gold wert|(?:die )?mühe wert"
        r"|vaut (?:de l'or|le coup|la peine)",
        0.6,
    ),
    # "what do you expect": a complaint given up on
    (
        r"what (?:do|did|would|can) you expect|wat verwacht je|was erwartet man|à quoi (?:on |je )?s'attend\w*",
        -0.6,
    ),
    # a question nobody should have to ask the desk (see RHETORICAL for one that is the whole comment)
    (
        r"(?:not|never|nobody|no one|niet|nooit|niemand|nicht|nie|keiner|niemand|pas|jamais|personne)"
        r" (?:\w+ ){0,2}(?:responsible|verantwoordelijk|zuständig|verantwortlich|responsable)",
        -0.6,
    ),
    # too much money
    (
        r"(?:is|was|zijn|waren|erg|heel|vrij|best|nogal) duur|teuer|(?:très |trop )?chers?|chère?s?|pricey",
        -0.5,
    ),
    # a span of time spent: "for two hours", "seit 4 Monaten", "depuis trois semaines", "1,5 uur"
    (
        r"(?:for|since|after|over|more than|almost|nearly|already|still|like|seit|nach|über|mehr als|fast"
        r"|schon|bereits|depuis|après|plus de|plus d'|pendant|presque|déjà|sinds|na|ruim|meer dan|bijna"
        rf"|al|langer dan|longer than)\s+(?:about |ongeveer |etwa |environ |ca\.? )?{words.AMOUNT}\s*{words.SPAN}",
        -0.6,
    ),
    (rf"\d+(?:[.,]\d+)?\s*{words.SPAN}", -0.4),  # a bare number of hours, days, weeks or months ...
    # ... unless it is how quickly something happened: claimed (and left at 0) before it counts
    (
        r"(?:in|within|under|less than|only|just|binnen|in|minder dan|maar|slechts|innerhalb|in|unter"
        rf"|weniger als|nur|en|dans|moins de|seulement)\s+(?:about |ongeveer |etwa |environ )?{words.AMOUNT}\s*{words.SPAN}",
        0.0,
    ),
    (
        r"forever|for ages|ages|an eternity|eeuwig\w*|eeuwen|ewig\w*|eine ewigkeit|une éternité|des siècles"
        r"|(?:hours|days|weeks|months) on end|(?:uren|dagen|weken|maanden)lang|(?:stunden|tage|wochen|monate)lang\w*"
        r"|pendant des (?:heures|jours|semaines|mois)",
        -0.6,
    ),
    # over and over, or only at the n-th try; "finally" says it took too long
    (
        r"constantly|all the time|the whole time|every time|over and over|de hele tijd|steeds weer|telkens"
        r"|voortdurend|elke keer|iedere keer|ständig|dauernd|immer wieder|jedes mal|die ganze zeit"
        rf"|sans cesse|tout le temps|à chaque fois|chaque fois|{words.ORDINAL} (?:\w+ )?{words.TRY}"
        r"|kept (?:on )?\w+ing|keeps (?:on )?\w+ing|bleef (?:maar )?\w+en|bleven (?:maar )?\w+en"
        r"|hörte nicht auf|hört nicht auf|n'arrêtait pas de|n'arrête pas de",
        -0.5,
    ),
    # no longer there, or coming only perhaps: "keine Nummern mehr", "if they come at all"
    (
        r"no longer|(?:not|n't|never|no) (?:\w+ ){0,4}(?:any ?more|any longer)|niet meer|geen \w+ meer|nicht mehr|keine? \w+ mehr|(?:ne|n')\s?\w+ plus\b"
        r"|if (?:they|it) (?:\w+ )?(?:come|comes|arrive|arrives|answer|answers) at all|if at all|wenn überhaupt"
        r"|als (?:ze|het|die) (?:\w+ )?al (?:komt|komen)|si (?:elles?|ils?) (?:arrivent|arrive) (?:un jour|jamais)",
        -0.5,
    ),
    (r"finally|eindelijk|uiteindelijk|endlich|enfin|finalement", -0.3),
    # understatement: "a bit slow", "beetje summier", "ein bisschen chaotisch", "un peu long"
    (
        r"(?:a bit|a little|slightly|somewhat|rather|kind of|kinda|(?:een )?beetje|nogal|ietwat"
        r"|ein bisschen|ein wenig|ziemlich|eher|un peu|plutôt)\s+"
        r"(?!(?:more|less|than|of|meer|minder|van|mehr|weniger|als|von|plus|moins|que|de|d')\b)\w+",
        -0.4,
    ),
    # nothing one did not know or could not find oneself
    (
        r"(?:knew|know|wist|wisten|weet|wusste|wussten|kannte|savais|savait|connaissais|connaissait)"
        r"\s+(?:\w+\s+){0,3}(?:already|al|schon|bereits|déjà)"
        r"|(?:already|al|schon|bereits|déjà)\s+(?:\w+\s+){0,2}(?:knew|know|wist|wisten|wusste|kannte|savais|connaissais)"
        r"|(?:also|already|just|ook|al|gewoon|auch|schon|einfach|aussi|déjà|simplement)\s+(?:\w+\s+)?"
        r"(?:on|in|op|auf|im|sur|en)\s+(?:the |de |het |der |die |le |la |l')?(?:website|internet|site|web|net|ligne|online)"
        r"|(?:google|googled|googelen|googlen|googeln|opzoeken|zoeken|look (?:it |this |that )?up|find|found|read"
        r"|lesen|finden|nachlesen|chercher|trouver|lire)\s+(?:\w+\s+){0,2}(?:myself|yourself|ourselves|zelf|selbst"
        r"|moi-même|nous-mêmes)|zelf (?:\w+ ){0,3}(?:opzoeken|googelen|vinden|lezen)"
        r"|(?:read|find|found|lezen|vinden|lesen|finden|lire|trouver)\s+(?:\w+\s+){0,2}(?:online|on the internet"
        r"|op internet|im internet|en ligne|sur internet)|(?:online|op internet|im internet)\s+(?:\w+\s+){0,2}"
        r"(?:gelezen|lezen|gevonden|vinden|lesen|finden|nachlesen)",
        -0.6,
    ),
    # coming back, doing it again
    (
        rf"(?:had|have|has|needed) to (?:come back|return|go back|come again|travel|send|call|ask)"
        rf"|come back {words.N} times|{words.N} times? (?:for|because)"
        r"|moest(?:en)? (?:\w+ ){0,4}(?:terugkomen|terug|opnieuw|reizen)|(?:twee|drie|\d) keer (?:terug|langs)"
        r"|nog een keer langs|nog een keer komen"
        r"|musste (?:\w+ ){0,4}(?:wiederkommen|zurückkommen|kommen|reisen)|(?:zweimal|dreimal) (?:wieder|zurück|kommen)"
        r"|(?:zweimal|dreimal)\s+(?:wiederkommen|zurückkommen|kommen)"
        r"|(?:dû|du|dois|devoir) revenir|revenir (?:deux|trois) fois|(?:deux|trois) fois"
        r"|again|opnieuw|nochmal|noch einmal|erneut|encore une fois|redemand|re-?send|sent again"
        r"|yet another|schon wieder|encore une?"
        r"|(?:told|asked) (?:me |us )?to (?:come back|return)|come back (?:tomorrow|later|next week|another day)"
        r"|morgen (?:\w+ )?terug\w*|morgen (?:\w+ )?wieder\w*|revenir demain",
        -0.6,
    ),
    # nobody answers
    (
        r"(?:nobody|no one|no-one|noone) (?:\w+ ){0,2}(?:picked up|picks up|answer\w*|repl\w*|respond\w*|called back"
        r"|told|tell|explain\w*|help\w*|knew|know\w*|reacts?)"
        r"|never (?:got|get|received|heard|picked up|answered|replied|through)|no (?:answer|reply|response|one answers)"
        r"|(?:niemand|nooit) (?:\w+ ){0,2}(?:neemt op|opgenomen|reageert|antwoord\w*|door\b|teruggebeld)"
        r"|niemand neemt (?:\w+ ){0,3}op|niemand (?:\w+ ){0,3}(?:vertellen|vertelde|uitleggen|legde|helpen|hielp|wist)"
        r"|geen (?:antwoord|reactie|gehoor)|kom (?:\w+ )?nooit door"
        r"|niemand (?:\w+ ){0,2}(?:telefon|geantwortet|erreichbar|zurückgerufen|gegangen|sagen|erklären|helfen|wusste)"
        r"|keine antwort|nie durch"
        r"|personne (?:ne |n')(?:\w+ ){0,2}(?:répond|rappelle|décroche|dire|expliquer|aider|savait|sait)"
        r"|personne n'a (?:pu|su)|aucune réponse|impossible de joindre|sans réponse",
        -0.7,
    ),
    # only this, nothing more
    (
        r"(?:,|\s)\s*nothing (?:more|else)|that'?s (?:all|it)|dat was het|das war(?:'s| es| alles)|c'est tout|all i got was|only (?:got|gave|a |one |some )"
        r"|verder niets|verder niks|meer niet|alleen (?:een|maar)|mehr nicht|sonst nichts|nur (?:ein|eine|einen)\b"
        r"|rien de plus|rien d'autre|juste (?:une?|des)|seulement (?:une?|des)",
        -0.6,
    ),
    # still not
    (
        r"still (?:not|no|none|waiting|without|haven't|hasn't|don't|doesn't|nothing)"
        r"|nog (?:steeds|altijd) (?:geen|niet|niks|niets|zonder|wachten)"
        r"|(?:immer )?noch (?:immer )?(?:kein\w*|nicht|nichts|ohne)|toujours (?:pas|aucune?|rien|sans|en attente)"
        rf"|(?:since|sinds|seit|depuis) (?:early |begin |anfang |début )?{words.MONTH}"
        rf"|{words.N} {words.PERIOD} and still|na {words.N} {words.PERIOD}|nach {words.N} {words.PERIOD}|après {words.N} {words.PERIOD}|after {words.N} {words.PERIOD}",
        -0.7,
    ),
    # it should be better than it is
    (
        r"(?:could|should|can|might) (?:be|have been) (?:a (?:bit|little) |much |far )?(?:more|better|less|clearer|faster|quicker|nicer)"
        r"|(?:could|should) (?:improve|explain)|kan (?:wat |veel )?beter|mag (?:wat )?(?:vriendelijker|sneller|duidelijker)"
        r"|könnte (?:etwas |viel )?(?:besser|freundlicher|schneller|klarer)|pourrait être (?:plus|mieux)",
        -0.5,
    ),
    # only in another language
    (
        r"only (?:in|available in) (?:dutch|english)|alleen (?:in het )?(?:nederlands|engels)|nur (?:auf|in) (?:niederländisch|englisch|deutsch)"
        r"|uniquement en (?:néerlandais|anglais)|seulement en (?:néerlandais|anglais)|refused to speak|wilde geen",
        -0.6,
    ),
    # nothing about what the client came for: "Nothing about childcare", "Rien sur le logement"
    (
        r"(?:nothing|niets|niks|nichts|rien) (?:at all |really |echt |wirklich |du tout )?"
        r"(?:about|on|over|omtrent|über|zu[mr]|zu (?!\w+en\b)|sur|concernant)",  # "nichts zu ergänzen" is none
        -0.6,
    ),
    # nothing new, I still don't know
    (
        r"nothing (?:new|i (?:didn'?t|did not) (?:already )?know|i could not have|i couldn'?t have)"
        r"|(?:still )?(?:don'?t|do not) know (?:how|what|where|when)|niets (?:nieuws|wat ik niet)|niks nieuws"
        r"|weet (?:\w+ ){0,2}niet (?:hoe|wat|waar)|weet nog niks|nichts neues|nichts,? was ich nicht|rien de nouveau|rien que je ne",
        -0.6,
    ),
    # excess: "too" + any word, and not enough (the Dutch "te" and German "zu" also mark an
    # infinitive, which ends in -en, or a place: those are left out)
    (
        rf"{words.EXCESS}|not enough|niet genoeg|onvoldoende|nicht genug|ungenügend|pas assez|insuffisante?s?",
        -0.6,
    ),
    # things gone wrong
    (
        r"lost|typo|wrong|mistake|error|bounc\w*|out of order|broken|(?:is|was) down|stuck|cancel+ed|impossible"
        r"|crash\w*|buiten gebruik|liep (?:\w+ )?vast|loopt (?:\w+ )?vast|storing|außer betrieb|stürzt\w* ab|abgestürzt"
        r"|hors service|en panne|a planté"
        r"|(?:too )?late|delayed|te laat|vertraagd|zu spät|verspät\w*|en retard|de retard"
        r"|hard to (?:find|reach|understand)|outdated|expensive|ridiculous|endless|disaster|nightmare|bureaucra\w*"
        r"|kwijt|verkeerd\w*|fout\w*|kapot|defect|ligt stil|afgezegd|geannuleerd|verouderd|belachelijk|eindeloos|rampzalig"
        r"|falsch\w*|fehler\w*|kaputt|abgesagt|storniert|veraltet|lächerlich|endlos|katastroph\w*|bürokrat\w*"
        r"|mauvaise?s?|erreur\w*|perdu\w*|annulée?s?|obsolète|ridicule|interminable|catastroph\w*|bureaucrat\w*"
        r"|thanks for nothing|merci pour rien"
        # struck off, fully booked, out of service, contradicting itself
        r"|geschrapt|gestrichen|supprimée?s?|(?:all|fully) (?:taken|booked)|volgeboekt|vol geboekt|ausgebucht"
        r"|(?:c'est |était |tout est )complet|deed het niet|doet het niet|contradict\w*|tegenstrijdig\w*"
        r"|widersprüchlich\w*|contradictoire\w*|different (?:things|answers|stories)|(?:een )?ander verhaal"
        r"|andere antwort\w*|réponses différentes",
        -0.6,
    ),
    # time spent: the better part of an hour, or longer
    (
        r"(?:for|over|more than|almost|nearly|ruim|meer dan|bijna|über|mehr als|fast|plus d'|plus de|presque|pendant)\s+"
        r"(?:an? |one |two |three |half an |een |twee |drie |eine |einer |zwei |une |deux |\d+ )?(?:hours?|uur|stunden?|heures?|[3-9]0 min\w*|forty|fifty)"
        r"|(?:drie kwartier|dreiviertel stunde|trois quarts d'heure)|(?:forty|fifty|[4-9]\d) (?:minutes|minuten|mins)",
        -0.6,
    ),
    (
        r"(?:always |constantly |altijd |immer |toujours )?(?:bezet|besetzt|occupée?)|always busy|constantly busy",
        -0.5,
    ),
    (
        r"reschedul\w*|verzet|verschoben|reporté\w*|twice|two times|twee keer|tweemaal|zweimal|deux fois"
        r"|incomplete?|onvolledig|unvollständig|incomplète?s?|missing|ontbr\w*|fehlt\w*|fehlend\w*|manqu\w*"
        r"|forg[oe]t\w*|vergeten|vergessen|oublié\w*",
        -0.5,
    ),
    # the absence of what a desk should offer: "no information", "nergens een stoel", "kein Termin",
    # "pas de place pour s'asseoir" (an absent burden, "no queue", was claimed before: see relief)
    (
        rf"{words.SCARCE}(?:\s+|(?<='))(?:\w+\s+){{0,2}}{words.NEEDED}",
        -0.6,
    ),
    (
        r"(?:didn'?t|did not|don'?t|do not) (?:seem to )?know|wist (?:\w+ ){0,3}niet|wusste (?:\w+ ){0,3}nicht"
        r"|ne (?:savait|savaient|sait) pas",
        -0.5,
    ),
    (
        r"took (?:\w+ ){0,2}(?:months|maanden|monate|mois)|duurde (?:\w+ ){0,2}maanden|dauerte (?:\w+ ){0,2}monate"
        r"|a pris (?:\w+ ){0,2}mois",
        -0.5,
    ),
    (rf"{words.N} (?:times|keer|mal|fois)", -0.4),
    # passed from one desk to the next
    (
        rf"{words.PASSED_AROUND}",
        -0.7,
    ),
    # booking far ahead
    (
        r"(?:had|have) to book|(?:\w+ )?(?:weeks|months) in advance|(?:weken|maanden) (?:van )?(?:te)?voren"
        r"|(?:wochen|monate) im voraus|(?:semaines|mois) à l'avance",
        -0.5,
    ),
    # not everyone speaks the language
    (
        r"(?:not everyone|not all|nobody|no one|niet iedereen|niemand|nicht alle|nicht jeder|niemand|personne|tout le monde ne)"
        r" (?:\w+ ){0,4}(?:speaks?|spoke|spreekt|spreken|sprak|sprechen|spricht|sprach|parle|parlent|parlait)",
        -0.6,
    ),
    # made to feel unwelcome
    (
        r"(?:felt|feel|feeling) (?:like )?(?:i was |i'm )?(?:a )?(?:bother\w*|burden|nuisance)|bothering (?:them|her|him)"
        r"|(?:lastig|tot last)|zur last|(?:les |la |le )?déranger?",
        -0.6,
    ),
    # sarcasm without an exclamation: enjoying what wastes time
    (
        r"(?:love|loved|enjoy(?:ed)?|nothing like|always nice|so much fun) (?:\w+ ){0,2}(?:spending|waiting|standing|queu\w*|sitting)"
        r"|(?:heerlijk|lekker|leuk) (?:\w+ ){0,3}(?:wachten|in de rij)|(?:schön|herrlich) (?:\w+ ){0,3}(?:warten|anstehen)"
        r"|(?:j'adore|quel plaisir d'|adoré) (?:\w+ ){0,2}attendre",
        -0.8,
    ),
    # closed when it should be open
    (
        r"closed|gesloten|(?:was|is|waren) (?:al |weer )?dicht|geschlossen|fermée?s?",
        -0.6,
    ),
    # difficulty: "hard to find", "moeilijk te bereiken", "schwer zu verstehen", "difficile à joindre",
    # "slecht bereikbaar", and the words for it
    (
        r"(?:hard|difficult|impossible|tricky) to \w+|(?:moeilijk|lastig|onmogelijk|slecht|niet) te \w+en"
        r"|(?:moeilijk|slecht) \w+baar|(?:schwer|schwierig|unmöglich|nicht) zu \w+en|(?:schwer|schlecht) \w+bar"
        r"|(?:difficile|impossible) (?:à|de) \w+(?:er|re|ir)|(?:difficilement|mal) \w+ables?|(?:poorly|badly) \w+"
        r"|incomprehensib\w*|onbegrijpelijk\w*|unverständlich\w*|incompréhensible\w*",
        -0.6,
    ),
    # negative words of the desk domain that the general lexicons miss or underrate
    (
        r"rude|unfriendly|impolite|unhelpful|confus\w*|complicated|slow|late|kortaf|onvriendelijk|onbeleefd|ongeïnteresseerd"
        r"|afgescheept|ingewikkeld|traag|onduidelijk\w*|unfreundlich|unhöflich|kompliziert|langsam|unklar|impoli\w*|désagréable"
        r"|compliqué\w*|lente?s?|pas clair|superficial|oppervlakkig|oberflächlich|superficiel\w*|vague|vaag"
        r"|summier|sommaire|dürftig|curt\w*|brusque\w*|sèche\w*|schroff|barsch|bot\b|snauw\w*|rushed|hurried|ignored|chao\w*|messy|a mess|disorgani[sz]ed|rommel\w*"
        r"|puinhoop|gehaast|opgejaagd|genegeerd|gehetzt|ignoriert|durcheinander|pressée?|ignorée?|bazar"
        r"|désorganisée?",
        -0.6,
    ),
    # praise words of the desk domain
    (
        r"friendly|helpful|patient|patience|efficient|smooth(?:ly)?|painless|easy|clear|useful|kind\b|polite|welcoming"
        r"|vriendelijk\w*|behulpzaam\w*|aardig\w*|geduldig|efficiënt|vlot|makkelijk|duidelijk\w*|nuttig\w*|handig\w*"
        r"|freundlich\w*|hilfsbereit\w*|(?:weiter)?geholfen|weiterhelf\w*|nett\w*|geduldig\w*|effizient|schnell|unkompliziert|einfach|klar|hilfreich\w*|nützlich\w*"
        r"|aimable\w*|gentil\w*|sympathique\w*|patien\w*|efficace\w*|rapide\w*|facile\w*|claire?s?|utiles?|pratiques?|chaleureu\w*",
        0.4,
    ),
    (
        r"ready|klaar|fertig|prête?s?|approved|goedgekeurd|genehmigt|approuvée?|reachable|bereikbaar|erreichbar|joignable"
        r"|understandable|begrijpelijk|verständlich|compréhensible|welcome|welkom|willkommen|bienvenue?"
        r"|practical|praktisch\w*|knew (?:her|his|their) stuff|knowledgeable|deskundig\w*|sachkundig\w*",
        0.3,
    ),
    (r"(?:très |vraiment )?bien|excellent\w*|parfait\w*", 0.4),
    # things working: praise, and "doesn't work", "werkt niet", "ne marche pas" the complaint
    (r"works?|worked|werkt|werkte|funktioniert\w*|klappt\w*|marche|marchait|fonctionn\w*", 0.3),
]

# Measured against what the client expected, claimed (and blanked) before the other cues, like
# an absent burden (cues.relief): the burden words they hold are read no further.
_EARLY = r"(?:already|al|schon|bereits|déjà)"  # earlier than expected
_ONLY = (
    r"(?:only|just|merely|maar|slechts|nur|bloß|lediglich|seulement|juste)"  # less than expected
)
_AFTER = r"(?:after|in|within|na|binnen|in|nach|in|innerhalb|après|au bout de|en|dans)"
_SPAN = rf"(?:about |ongeveer |etwa |environ )?{words.AMOUNT}\s*(?:{words.SPAN}|woche|minutes?|minuten|mins?|kwartier|viertelstunde|quart d'heure)"
EXPECTED: list[tuple[str, float]] = [
    # earlier or less than expected: "al na vijf dagen", "schon nach zehn Tagen", "déjà prêt au
    # bout de dix jours", "after only a week", "nach nur einer Woche", "en seulement dix minutes"
    # ("already for two hours", "schon seit", "déjà depuis" are a burden: no preposition of a
    # point in time follows)
    (
        rf"{_EARLY} (?:\w+ ){{0,2}}{_AFTER} {_SPAN}|(?:{_AFTER} )?{_ONLY} {_SPAN}"
        r"|(?:n'|ne )(?:\w+ ){1,2}(?:qu'une?|que (?:\d+|deux|trois|quatre|cinq|dix|quelques)) (?:\w+ )?(?:minutes?|heures?|jours?|semaines?)",
        0.6,
    ),
    # later than expected: "only after three months", "not until", "pas na drie maanden", "erst
    # in zwei Monaten", "qu'après cinq mois", "pas avant", "not yet", "pas encore"
    (
        r"(?:only (?:\w+ )?(?:after|then|now|when|once)|not (?:until|before)|not yet"
        r"|pas (?:na|over|toen|nu|later|eind|volgende|de volgende|morgen)|nog (?:steeds )?niet"
        r"|erst (?:nach|in|am|im|ab|wenn|als|beim|jetzt|dann|später|morgen|nächste\w*|übermorgen|\w+ später)|noch nicht"
        r"|qu'(?:après|au bout|à la fin)|que après|(?:n'|ne )(?:\w+ ){1,3}que dans|pas avant|pas encore|seulement après)"
        rf"(?: (?:\w+ )?{_SPAN})?",
        -0.7,
    ),
    # surprise at a good outcome: "didn't expect that", "had ik niet verwacht", "hätte ich nicht
    # gedacht", "je ne m'attendais pas à ça" (expecting to wait, "to"/"te"/"zu"/"à" + a verb, is
    # no surprise)
    (
        r"(?:didn'?t|did not|hadn'?t|had not|never) (?:\w+ )?expect(?:ed)?(?! to| (?:that|so|such) (?:many|much|long|a long))|(?:niet|nooit) (?:zo )?verwacht(?! te)"
        r"|nicht (?:so )?(?:erwartet|gedacht)(?! zu)|(?:ne|n') m'attendais pas(?! à \w+er)|pas attendu(?! à \w+er)",
        0.6,
    ),
    # help nobody asked for: "without me asking", "zonder dat ik het vroeg", "ohne dass ich fragen
    # musste", "sans que je demande", "before I even sat down"
    (
        r"without (?:me |us |my |our |even |having to |me even )*ask\w*|unasked|on (?:his|her|their) own initiative"
        r"|before (?:i|we) (?:\w+ )?(?:asked|ask|could ask|said|sat down|had to ask|knew)"
        r"|zonder dat (?:ik|we|wij) (?:\w+ ){0,3}(?:vroeg\w*|vragen|hoefde\w*)|ongevraagd|uit zichzelf|uit eigen beweging"
        r"|voordat (?:ik|we) (?:\w+ ){0,2}(?:vroeg|vragen|zat|iets zei)"
        r"|ohne (?:dass (?:ich|wir) (?:\w+ ){0,3})?(?:zu )?(?:frag\w*|bitten|gebeten)|unaufgefordert|von sich aus"
        r"|bevor (?:ich|wir) (?:\w+ ){0,2}(?:frag\w*|saß|etwas sagte)"
        r"|sans (?:que (?:je|j'|nous) (?:\w+ ){0,2}|même |avoir à |avoir )?(?:demand\w*|ai à demander)|spontanément"
        r"|de (?:lui|elle|eux)-mêmes?|avant (?:même )?que (?:je|j'|nous) (?:\w+ )?(?:demande|pose|dise)",
        0.6,
    ),
    # at last understood, and now able: "Finally someone explained it", "Eindelijk snap ik hoe het
    # werkt", "jetzt kann ich meine Steuern machen", "maintenant je sais quoi faire"
    (
        r"(?:finally|at last|eindelijk|endlich|enfin) (?:\w+ ){0,3}(?:understand|understood|get it|clear|snap|begrijp"
        r"|duidelijk|verstehe|verstanden|klar|comprends|compris|clair)\w*"
        r"|(?:finally|at last|eindelijk|endlich|enfin) (?:someone|somebody|iemand|jemand|quelqu'un) (?:\w+ ){0,2}"
        r"(?:told|explained|uitlegde|vertelde|legde|erklärt\w*|expliqu\w*|m'a expliqu\w*)"
        r"|now (?:i|we) (?:can|know|understand)|nu (?:kan|weet|snap|begrijp) (?:ik|we)|jetzt (?:kann|weiß|verstehe) ich"
        r"|jetzt können wir|maintenant (?:je|on|nous) (?:peux|peut|pouvons|sais|sait|comprends)",
        0.6,
    ),
    # spared something: "saved me a trip", "so I didn't have to go online", "scheelde me een reis",
    # "hat mir einen Weg erspart", "m'a évité un déplacement"
    (
        r"(?:saved|spared) (?:me|us)(?: \w+){0,4}|(?:i|we) didn'?t (?:even )?(?:have|need) to|no need to"
        r"|(?:bespaarde|scheelde|bespaart|scheelt) (?:me|mij|ons)(?: \w+){0,3}|hoefde (?:ik|we) (?:\w+ ){0,2}niet"
        r"|(?:er)?spar(?:t|te) (?:mir|uns)|(?:hat|haben) (?:mir|uns) (?:\w+ ){0,3}erspart|musste (?:ich|wir) (?:\w+ ){0,2}nicht"
        r"|(?:m'a|nous a) (?:évité|épargné|fait gagner)(?: \w+){0,3}|(?:je )?n'ai (?:même )?pas eu à|pas eu besoin de",
        0.5,
    ),
]
