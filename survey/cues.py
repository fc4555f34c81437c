"""Linguistic cues of desk comments in en/nl/de/fr, read clause by clause.

The general-purpose lexicons (VADER, the pattern lexicons) score words; what they miss in service
feedback are constructions, each written once for the four languages:
- contrast: "friendly, but the wait was long" is read by the clause after "but"; "the staff,
  although I had to wait" by the main clause;
- negation scope: a negator flips a cue within a few words before it (and, in Dutch and German,
  straight after a verb): "not rude at all" is praise, "werkt niet" a complaint;
- burdens and absences (excess, time spent, over and over, still none, nobody answering, what a
  desk should offer missing, difficulty, "a bit ..."), and relief: "no queue", "on time";
- sarcasm: a lone exclamation of praise followed by a burden ("Great, another month to wait").
Readings of a whole answer (question roles, wishes) are in answer_readings.py. Cues are pooled over the
languages: a misdetected language still finds them.
"""

from __future__ import annotations

import re

from . import cue_words as words

# Negators per language: pooled, the Dutch "pas" (a card; "only") would read as French "pas".
NEGATORS = {
    "en": r"not|no|never|nobody|no one|none|neither|nor|without|hardly|barely|isn't|wasn't"
    r"|aren't|weren't|don't|didn't|doesn't|couldn't|can't|cannot|won't|hasn't|haven't",
    "nl": r"niet|geen|nooit|niemand|zonder|nergens|amper|nauwelijks",
    "de": r"nicht|kein|keine|keiner|keinen|keinem|nie|niemals|niemand|ohne|kaum",
    "fr": r"ne|n'|pas|jamais|personne|sans|aucune?|ni|guère",
}
# Dutch and German put the negator after the verb ("werkt niet", "funktioniert nicht"): praise
# straight before one is negated too (one word may stand between, not a conjunction).
NEGATION_AFTER = re.compile(
    r"^\s+(?:(?!(?:en|of|maar|und|oder|aber)\b)\w+\s+)?(?:niet|nooit|nauwelijks|nicht|nie|kaum)(?!\w)"
)
NEGATION_BEFORE = {
    language: re.compile(rf"(?<!\w)(?:{words})(?!\w)(?:\W+\w+){{0,3}}\W*$")
    for language, words in {**NEGATORS, "other": "|".join(NEGATORS.values())}.items()
}

# --- contrast -----------------------------------------------------------------------------------
# "A, but B": B carries the comment. "A, although B": A does.
ADVERSATIVE = re.compile(
    # "yet" and "alleen" turn a sentence only after a comma ("No issues yet" is no contrast),
    # and every marker needs a clause after it.
    r"(?:(?:,|;)\s*(?:yet|though|alleen)|(?:,|;|\s)\s*(?:but|however|maar|echter|aber|jedoch|doch"
    r"|sondern|allerdings|mais|cependant|pourtant|par contre|toutefois))(?!\w)(?=\W*\w)",
    re.I,
)
CONCESSIVE = re.compile(
    r"(?:^|,|;|\s)\s*(?:although|though|even though|even if|despite|hoewel|alhoewel|ook al|al was"
    r"|al moest|al duurde|ondanks|obwohl|auch wenn|obgleich|trotz|bien que|même si|malgré|quoique)"
    r"(?!\w)",
    re.I,
)
SENTENCE = re.compile(r"(?<=[.!?;])\s+|\s*\n\s*")

# --- sarcasm: an exclamation of praise standing alone before a burden ---------------------------
EXCLAMATION = re.compile(
    r"^\W*(?:oh|yeah|well|wow|so)?\W*(?:great|wonderful|fantastic|brilliant|perfect|lovely|super"
    r"|excellent|amazing|nice one|geweldig|fantastisch|prachtig|top|heerlijk|toll|prima|klasse"
    r"|wunderbar|großartig|herrlich|génial|parfait|formidable|bravo|magnifique)\W*[,!:]\s*(?=\w)",
    re.I,
)

# --- cues: (pattern, value), value added to the clause's polarity --------------------------------
# The absence of a burden is praise: "no queue", "didn't have to wait", "nothing to complain
# about", "couldn't be more helpful". These phrases are blanked once scored (see `relief`).
ABSENCE: list[tuple[str, float]] = [
    (
        r"no (?:queue|wait(?:ing)?|line|delays?)|geen (?:wachtrij|wachttijd|rij|vertraging)|keine (?:schlange|wartezeit|verzögerung)"
        r"|aucun retard"
        r"|kaum wartezeit|pas (?:de file|d'attente)|presque pas d'attente|sans attente",
        0.6,
    ),
    (
        r"(?:didn'?t|did not|don'?t|never|no need to) (?:have to |need to |had to )?wait|hardly (?:any )?wait\w*"
        r"|(?:hoefde|hoef|hoefden) (?:\w+ ){0,2}niet te wachten|(?:nauwelijks|amper) (?:ge)?wacht\w*"
        r"|(?:musste|muss|mussten) (?:\w+ ){0,2}nicht (?:zu )?warten|kaum gewartet"
        r"|(?:n'ai|n'avons|n'a) (?:\w+ ){0,2}pas (?:eu à |dû )?attendu|pas eu à attendre|sans attendre",
        0.6,
    ),
    (
        r"no (?:problems?|issues?|hassle|complaints?)(?: at all| whatsoever)?|geen (?:enkel )?(?:probleem|problemen|gedoe|klachten)"
        r"|keine (?:probleme|beschwerden)|ohne probleme|aucun problème|sans problème",
        0.6,
    ),
    (
        r"nothing to (?:complain about|improve|criticise|criticize|add)|niets op aan te merken|niks op aan te merken"
        r"|niets te klagen|niks te klagen|nichts zu (?:beanstanden|meckern|bemängeln|verbessern)"
        r"|rien à (?:redire|signaler|ajouter|améliorer)",
        0.6,
    ),
    (
        r"(?:couldn'?t|could not|can'?t|cannot) (?:be|have been) (?:any )?(?:more|better|nicer|friendlier|easier|faster)"
        r"|had niet beter (?:gekund|kunnen)|kon niet beter|hätte nicht besser|nicht besser sein können"
        r"|(?:n'aurait|ne pourrait) pas (?:pu )?être (?:mieux|plus)",
        0.7,
    ),
]
# Promptness is praise too; these phrases stay for the analysers to read.
PROMPT: list[tuple[str, float]] = [
    (r"(?:right |just )?on time|op tijd|pünktlich|à l'heure", 0.4),
    (
        r"took (?:only |just )?(?:one|two|three|five|a few|[1-5]|ten|10) min\w*|duurde (?:maar |slechts )?(?:een|twee|drie|vijf|[1-5]|tien) min\w*"
        r"|dauerte (?:nur )?(?:eine|zwei|drei|fünf|[1-5]|zehn) min\w*|(?:a pris|a duré) (?:que )?(?:une|deux|trois|cinq|[1-5]|dix) min\w*",
        0.4,
    ),
    (
        r"(?:within|in) (?:\d+|a few|five|ten|fifteen|two|vijf|tien|twee|fünf|zehn|cinq|dix) (?:minutes?|minuten|mins?)"
        r"|binnen (?:\w+ )?(?:minuten|kwartier)|the same day|dezelfde dag|am selben tag|le jour même",
        0.5,
    ),
    (
        r"(?:quicker|faster|sooner|sneller|schneller|plus rapide) (?:than|dan|als|que)|(?:much |way )?faster than",
        0.5,
    ),
    (
        r"as (?:promised|agreed)|zoals (?:beloofd|afgesproken)|wie (?:versprochen|vereinbart)|comme (?:promis|convenu)",
        0.5,
    ),
    (
        r"answered (?:every|all)|all (?:my )?questions (?:were )?answered|(?:beantwoordde|beantwoord) (?:\w+ )?al\w*"
        r"|alle (?:meine )?fragen (?:wurden )?beantwortet|répondu à toutes",
        0.5,
    ),
]
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
        r"forever|for ages|ages|an eternity|eeuwig\w*|eeuwen|ewig\w*|eine ewigkeit|une éternité|des siècles",
        -0.6,
    ),
    # over and over, or only at the n-th try; "finally" says it took too long
    (
        r"constantly|all the time|the whole time|every time|over and over|de hele tijd|steeds weer|telkens"
        r"|voortdurend|elke keer|iedere keer|ständig|dauernd|immer wieder|jedes mal|die ganze zeit"
        rf"|sans cesse|tout le temps|à chaque fois|chaque fois|{words.ORDINAL} (?:\w+ )?{words.TRY}",
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
        r"|thanks for nothing|merci pour rien",
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
        rf"{words.SCARCE}\s+(?:\w+\s+){{0,2}}{words.NEEDED}",
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
        r"|freundlich\w*|hilfsbereit\w*|nett\w*|geduldig\w*|effizient|schnell|unkompliziert|einfach|klar|hilfreich\w*|nützlich\w*"
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


def folded(pattern: str) -> re.Pattern:
    """A whole-word pattern for lower-cased text (see `fold`)."""
    return re.compile(rf"(?<!\w)(?:{pattern})(?!\w)")


def fold(text: str) -> str:
    """The text the cue patterns read: lower-cased once, so that they need no IGNORECASE, which
    makes Python's regular expressions compare case-folded characters at every position (twice
    as slow on these patterns)."""
    return text.lower()


ABSENCE_PATTERNS = [(folded(p), v) for p, v in ABSENCE]
PROMPT_PATTERNS = [(folded(p), v) for p, v in PROMPT]
IMPLICIT_PATTERNS = [(folded(p), v) for p, v in IMPLICIT]
# One search that fails exactly when every complaint or praise cue would: most clauses hold none.
ANY_CUE = folded("|".join(p for p, _ in IMPLICIT))

# "Waiting for the decision" describes a state, and "the waiting room" a room, not a complaint
# about waiting.
PENDING = re.compile(
    r"(?<!\w)(?:wait(?:ing)?[ -]?(?:area|room)|wachtruimte|wachtkamer|wartebereich|warteraum|wartezimmer)"
    r"|(?<!\w)(?:wait(?:ing)?|wachten|afwachten|warten|attendre)\s+(?:for|on|op|auf)?\s*(?:a|an|the|my|een|het|de|mijn"
    r"|die|den|meine?n?|la|le|ma|mon)?\s*(?:decision|outcome|answer|result|beslissing|besluit|uitslag|antwoord"
    r"|entscheidung|bescheid|antwort|décision|réponse|résultat|letter|card|permit|brief|pas|vergunning"
    r"|karte|ausweis|lettre|carte|titre)",
    re.I,
)


def relief(clause: str) -> tuple[float, str]:
    """(score, clause) of the absent burdens ("no queue") and promptness ("on time") named.

    An absent burden is claimed first and blanked from the clause returned, so that neither its
    negator ("no", "didn't") nor its burden ("queue", "wait") is read again by the analysers or
    the complaint cues.
    """
    score = 0.0
    lowered = fold(clause)
    if len(lowered) != len(clause):  # a rare letter whose lower case is longer
        clause = lowered
    for pattern, value in ABSENCE_PATTERNS:
        spans = [match.span() for match in pattern.finditer(lowered)]
        if spans:
            score += value
            for start, end in reversed(spans):
                clause = clause[:start] + " , " + clause[end:]
                lowered = lowered[:start] + " , " + lowered[end:]
    for pattern, value in PROMPT_PATTERNS:
        if pattern.search(lowered):
            score += value
    return score, clause


def cue_score(clause: str, language: str = "other") -> float:
    """Sum of the complaint and praise cues in one clause, each flipped by a negator before it.

    A negated complaint becomes mild praise ("not rude at all"); negated praise a complaint.
    Run `relief` first: this counts only what it left.
    """
    score = 0.0
    clause = fold(clause)
    if not ANY_CUE.search(clause):
        return score
    negation = NEGATION_BEFORE.get(language, NEGATION_BEFORE["other"])
    found = [
        (match.start(), match.end(), value)
        for pattern, value in IMPLICIT_PATTERNS
        for match in pattern.finditer(clause)
    ]
    # The longest cue wins where cues overlap: "slecht bereikbaar" is one complaint, not a
    # complaint plus the praise word "bereikbaar".
    taken: list[tuple[int, int]] = []
    for start, end, value in sorted(found, key=lambda f: f[0] - f[1]):
        if any(start < other_end and other_start < end for other_start, other_end in taken):
            continue
        taken.append((start, end))
        if negation.search(clause[:start]) or (
            value > 0 and language in ("nl", "de", "other") and NEGATION_AFTER.match(clause[end:])
        ):
            score += -0.5 * value if value < 0 else -value
        else:
            score += value
    return score


def split_contrast(sentence: str) -> tuple[str, str, float] | None:
    """(minor part, main part, weight of the minor part) of a contrasted sentence, or None."""
    concessive = CONCESSIVE.search(sentence)
    if concessive and concessive.start() == 0:
        # "Although it was busy, the staff were kind": the main clause follows the comma.
        rest = sentence[concessive.end() :]
        comma = rest.find(",")
        if comma > 0:
            return rest[:comma], rest[comma + 1 :], 0.1
    adversative = ADVERSATIVE.search(sentence)
    if adversative and adversative.start() > 0:
        return sentence[: adversative.start()], sentence[adversative.end() :], 0.3
    if concessive and concessive.start() > 0:
        return sentence[concessive.end() :], sentence[: concessive.start()], 0.1
    return None  # "Despite the appointment an hour's wait": one clause
