"""What a comment is about: zero or more of eight stable topic ids, in en/nl/de/fr, offline.

The ids follow the service dimensions Dutch municipal satisfaction research reports on (waiting
time, reachability, courtesy and expertise, clarity of information, processing time), plus what
a shared desk building adds (appointments, the building itself, the language of service).
Each topic is a set of concept classes (its objects, people, actions and measures) in the four
languages, matched at word starts on lower-cased text, and the heads of Dutch and German
compounds inside a word. Languages are pooled: a comment in the kiosk's language often names
things in another ("de IND-website", "Termin"). Where a comment names several, what it is about
decides: some phrases are claimed by one topic first and blanked ("waiting room" is the
building, "waiting for a decision" processing, one's number called the queue, what someone
explains information); circumstance is blanked ("while waiting", "with an appointment"); a
channel, a website or a span of time named in passing counts only when nothing else is named.
"""

from __future__ import annotations

import re

from .cue_words import PASSED_AROUND
from .cues import factored, fold
from .vocabulary import TOPICS  # noqa: F401  (topics.TOPICS for callers)

DESCRIPTIONS = {
    "waiting": "waiting time at the desk, queues, punctuality",
    "appointment": "booking, availability of slots, rescheduling, cancellations",
    "staff": "friendliness, politeness, helpfulness, expertise",
    "information": "clarity and completeness of written or oral information, letters, website, forms",
    "processing": "processing time and efficiency of an application, decisions, the document being ready",
    "reachability": "phone, e-mail, opening hours, location, finding the desk",
    "facilities": "building, waiting area, seating, signage, accessibility of the space",
    "language": "service or information available (or not) in English or another language",
}

LANGUAGE_NAMES = (
    r"(?:english|dutch|german|french|engels|nederlands|duits|frans|englisch|deutsch"
    r"|niederländisch|französisch|anglais|néerlandais|allemand|français|arabic|arabisch|arabe|polish|pools"
    r"|polnisch|polonais|spanish|spaans|spanisch|espagnol|turkish|turks|türkisch|turc|russian|russisch|russe"
    r"|ukrainian|oekraïens|ukrainisch|ukrainien|chinese|chinees|chinesisch|chinois|italian|italiaans"
    r"|italienisch|italien|portuguese|portugees|portugiesisch|portugais)"
)
WEEKDAY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|maandag|dinsdag|woensdag|donderdag"
    r"|vrijdag|zaterdag|zondag|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi"
    r"|mercredi|jeudi|vendredi|samedi|dimanche)"
)
DECISION = (
    r"(?:decision|outcome|answer|result|card|permit|document|letter|beslissing|besluit|beschikking|uitslag"
    r"|antwoord|pas|entscheidung|bescheid|antwort|karte|décision|réponse|carte|titre)"
)

PHONE = r"(?:phone|mobile|telefoon|mobiel|telefon|handy|téléphone|portable)"
CHANNEL = r"(?:phone|telephone|telefoon|telefon|téléphone|video|chat|mail|e-?mail|sms|text)"
# What someone tells or explains: the content told is what information is about ("nobody tells
# you the biometrics appointment is a separate step" is information, not appointment).
TELLING = (
    r"(?:(?:nobody|no one|someone|they|she|he|you) (?:tells?|told)|explain\w*|uitleg\w*|vertel\w*"
    r"|niemand (?:zegt|zei|vertelt|vertelde)|(?:erklär|erzähl)\w*|niemand sagt\w*|sagt (?:einem|ihnen)"
    r"|expliqu\w*|personne ne (?:\w+ )?(?:dit|a dit|explique))"
    r"(?: (?:you|me|us|them|je|me|mij|u|ons|einem|mir|uns|ihnen|nous|vous))?[, ]+"
    r"(?:that|what|how|which|where|when|why|whether|the|dat|wat|hoe|welke|waar|wanneer|waarom|de|het"
    r"|dass|was|wie|welche[rsn]?|wo|wann|warum|ob|die|der|das|que|qu'|ce que|comment|quel\w*|où|quand"
    r"|pourquoi|si|le|la|les)\b[^.!?;,]*"
)
# Claims, decided before the topics look: (topic or None, pattern, weak). A strong claim names
# its topic and blanks its words (so they do not count twice); a claim without a topic only
# blanks circumstance ("while waiting"). A weak claim names a topic only when nothing else in
# the comment does: a time span alone is waiting ("we were there for 3 hours"), but beside a
# document or a decision it measures the processing ("fingerprints and photo took five minutes").
CLAIMS: list[tuple[str | None, str, bool]] = [
    # an appointment kept or not kept on time is punctuality, a thing ready on time its processing
    (
        "waiting",
        r"(?:appointments?|afspra\w*|termine?|rendez-vous) (?:\w+ ){0,3}(?:late|on time|exactly at the time"
        r"|te laat|op tijd|zu spät|pünktlich|en retard|à l'heure)",
        False,
    ),
    (
        "processing",
        rf"{DECISION}\w* (?:\w+ ){{0,4}}(?:on time|op tijd|pünktlich|à l'heure|à temps)",
        False,
    ),
    # what something was measured against is no subject of its own ("longer than the website said")
    (
        None,
        r"than (?:the |what the )?(?:website|letter|site) (?:said|says|stated)|dan (?:de )?(?:website|brief) (?:zei|zegt)"
        r"|als (?:die |der )?(?:webseite|website|brief) (?:sagte|angab)|que (?:ce que disait )?le site",
        False,
    ),
    (
        None,
        r"while (?:i was |we were )?waiting|tijdens het wachten|terwijl ik wachtte|beim warten"
        r"|während (?:des|ich) wart\w*|en attendant|pendant l'attente|waiting lists?|wachtlijst\w*"
        r"|wartelisten?|listes? d'attente|(?:for |voor |für |pour )?(?:people|mensen|leute|les gens) (?:who are |die )?(?:waiting|wachten|warten)"
        r"|where (?:i|we|you|one) (?:could|can) wait|waar (?:ik|je|we) (?:kon|kan|konden) wachten"
        r"|wo (?:ich|man|wir) (?:warten )?(?:konnte|kann|konnten)(?: warten)?|où (?:j'ai pu|on peut|nous avons pu) attendre"
        # having an appointment is the circumstance of a wait, not its subject
        r"|(?:with|despite|even with|trotz|malgré|ondanks|met)\s+(?:an? |my |een |mijn |einen? |meinem |le |mon |un )?"
        r"(?:appointment|afspraak|termin|rendez-vous)\w*|(?:een |mijn )?afspraak had|einen termin hatte"
        r"|(?:had|have) an appointment|avais (?:un )?rendez-vous",
        False,
    ),
    ("information", TELLING, False),
    # what a letter, a list or a tip is about is the information's content
    (
        "information",
        r"(?:letter|brief|lettre|checklist|list|tips?|info|information|brochure|explanation|uitleg|lijst|formulier"
        r"|form|explication|erklärung|informationen|informatie|conseils?|advice|advies)\w* (?:about|on|for|of|over|voor"
        r"|van|über|zu[rm]?|für|sur|pour|de|du|des) [^.!?;,]*",
        False,
    ),
    (
        "appointment",
        r"(?:booking|appointment|reservation) (?:site|website|system|page|tool|app)|afspra\w*systeem"
        r"|boekingssysteem|buchungs\w*|terminbuchung\w*|terminvergabe|(?:site|système) de (?:prise de )?"
        r"(?:rendez-vous|réservation)|prise de rendez-vous",
        False,
    ),
    # someone else's phone in use is the staff's manner; one's own is the device used
    (
        "staff",
        rf"(?:on|at|op|naar|auf|an|sur) (?:her|his|their|haar|zijn|hun|ihrem|ihr|seinem|sein|son|leur) {PHONE}",
        False,
    ),
    (
        None,
        rf"(?:on|op|auf|sur|with|met|mit|avec) (?:my|mijn|meinem|mein|mon) {PHONE}"
        r"|(?:on|op|auf|sur) (?:an? |een |einem |dem |un |le )?(?:mobile|mobiel|handy|smartphone|portable)"
        r"|sur téléphone",
        False,
    ),
    # where someone stands or sits, not the place itself
    (
        None,
        r"(?:at|by|near|bij|aan|am|beim|an der|à|près de) (?:the |de |het |dem |der |l'|la )?"
        r"(?:entrance|door|ingang|deur|eingang|tür|entrée|porte)\b",
        False,
    ),
    (
        "facilities",
        r"wait(?:ing)?[ -]?(?:area|room|hall)s?|wachtruimte\w*|wachtkamer\w*|wartebereich\w*"
        r"|warteraum\w*|wartezimmer\w*|wartesaal\w*|salles? d'attente",
        False,
    ),
    (
        "reachability",
        r"(?:phone ?lines?|telefoonlijn\w*|telefonleitung\w*|ligne téléphonique)(?: (?:\w+ ){0,2}(?:busy|bezet|besetzt|occupée?))?",
        False,
    ),
    # one's number called is the queue, not a phone call
    (
        "waiting",
        r"(?:numbers?|names?|nummers?|naam|nummern?|namen|numéros?|noms?) (?:\w+ ){0,3}(?:called|came up|skipped)"
        r"|called (?:up|in|out|(?:my |our |the )?(?:number|name)s?)\b|(?:number|name) (?:was |got )?called"
        r"|(?:af|op|om)geroepen|riep\w* (?:\w+ ){0,5}(?:af|op|om)\b|aufgerufen|aufruf\w*"
        r"|appel\w* (?:mon |le |notre )?(?:numéro|nom)|(?:numéro|nom) (?:a été )?appel\w*|(?:on )?m'a appelé",
        False,
    ),
    # paying is part of the application, whatever the screen or machine it is paid on
    (
        "processing",
        r"(?:payment|pay|pin|card|betaal|zahlungs|karten|paiement|carte)[ -]?(?:screen|terminal|machine|automaat"
        r"|apparaat|scherm|automat|gerät|bildschirm|écran|appareil)\w*",
        False,
    ),
    (
        "processing",
        rf"{DECISION}\w* (?:\w+ ){{0,5}}(?:late|te laat|zu spät|de retard|en retard|delayed|vertraagd)"
        rf"|(?:still|nog (?:steeds )?|immer noch|noch|toujours)\s+(?:no|not|geen|kein\w*|pas (?:de |d')?|aucune?)\s*(?:\w+\s+)?{DECISION}",
        False,
    ),
    (
        "processing",
        rf"(?:wait(?:ing|ed)?|wachten|afwachten|warten|attendre|attente)\s+(?:for|on|op|auf|de|d')?\s*"
        rf"(?:a|an|the|my|een|de|het|mijn|eine?n?|die|den|meine?n?|la|le|ma|mon|une?)?\s*{DECISION}",
        False,
    ),
    # a channel one is served through is circumstance beside a subject of its own ("a
    # translator on the phone", "a chat on the website", "pick a time online instead of by phone")
    (
        "reachability",
        rf"(?:on|by|via|over|per|op|am|au|par) (?:the |de |het |dem |le )?{CHANNEL}\b",
        True,
    ),
    (
        "information",
        r"(?:on|op|auf|sur) (?:the|de|het|der|la|le|your|jullie|uw|ihrer|votre|our|onze) ?"
        r"(?:website|site|webseite|internetseite|homepage)",
        True,
    ),
]

# Spans of time, looked at only when the comment names no topic and its question has none: how
# long something took is its processing ("done in ten minutes"), a span alone is waiting ("we
# were there for 3 hours").
FALLBACKS: list[tuple[str, str]] = [
    (
        "processing",
        r"(?:took|done|finished|ready|klaar|gedaan|afgehandeld|erledigt|fertig|fini|terminé|réglé)\W+(?:in |within |binnen "
        r"|en |after |na |nach |innerhalb (?:von )?)?(?:about |ongeveer |etwa |environ )?(?:\d+|an?|one|two|three|five|ten"
        r"|twenty|een|twee|drie|tien|eine[rm]?|zwei|zehn|une?|deux|dix|cinq|half an?) ?(?:min|minutes?|minuten|hours?|uur"
        r"|stunden?|heures?)\b|took longer|duurde langer|dauerte länger|a pris plus de temps",
    ),
    (
        "waiting",
        r"(?:\d+(?:[.,]\d+)?|an?|one|two|three|five|ten|twenty|een|twee|drie|tien|eine[rn]?|zwei|zehn|une?|deux|dix|cinq)"
        r" ?(?:h|hours?|hrs?|min|minutes?|uur|stunden?|std|minuten|heures?)\b|kwartier|half uur|halbe stunde",
    ),
]

# Concept classes per topic (objects, people, actions, measures), each in en/nl/de/fr; matched at
# word starts, or anywhere in a word where a class ends in a compound's head ("ticketautomat",
# "terugbelverzoek", "tijdslot"), marked by a leading \w*.
STEMS: dict[str, str] = {
    "waiting": "|".join(
        [
            # the queue and its measures
            r"wait|queue|line\b|in line|ahead of (?:you|me)|on time|right on time|late\b|ran late|run late"
            r"|wacht|gewacht|rij\b|in de rij|op tijd|te laat|wart|gewartet|schlange|pünktlich|verspät"
            r"|attente|attendu|attendre|file\b|file d'attente|à l'heure|en retard|retard",
            # crowds
            r"(?:it was|was|is|very|so|really|too|extremely|always) busy|busy (?:day|morning|afternoon)|crowded|no queue|druk\b|voll\b",
            # one's turn and the numbers that give it
            r"ticket|wartemarke|numéro(?! (?:de )?(?:téléphone|tél|direct|général|central))|(?:my|our|your|the|a|next) numbers?\b|number \d+"
            r"|my turn|our turn|beurt\b|an der reihe|drankam|mon tour|notre tour|sofort dran"
            r"|meteen geholpen|helped within|straight away|right away",
            # the order of turns: others served before one, or after
            r"(?:before|ahead of|after) (?:me|us)\b|na (?:mij|ons)\b|eerder (?:geholpen|aan de beurt)"
            r"|(?:vor|nach) (?:mir|uns)\b|(?:avant|après) (?:moi|nous)\b|(?:cut|jump\w*|skipp\w*) (?:in )?(?:the )?(?:line|queue)"
            r"|voorgedrongen|voordring\w*|vorgedrängel\w*|vordräng\w*|passée?s? devant|resquill\w*",
        ]
    ),
    "appointment": "|".join(
        [
            r"appointment|book(?:ed|ing)?\b|reschedul|cancel|agenda|dates\b|reminder|rappel\b"
            r"|(?:pick|choose|chose|get|got|free|next|first|earliest|available) (?:a |an |the )?(?:time|date|day)\b"
            r"|(?:fully |all )?(?:booked|taken)(?: up)?\b",
            r"afspra|verzet|afgezegd|geannuleerd|ingepland|geschrapt|geen plek\b|plek vrij|boeking|boeken|geboekt"
            r"|volgeboekt|tijdstip|(?:kies|kiezen|koos|gekozen) (?:een |de )?(?:tijd|dag|datum)",
            r"termin\w*|abgesagt|verschieb|storn|buch|ausgebucht|uhrzeit|zeitfenster",
            r"rendez|rdv|annul|créneau|réserv|(?:c'est|était|tout est|déjà) complet\b|(?:choisir|choisi|réserver) (?:l'heure|une heure|un jour|une date|la date)",
        ]
    ),
    "staff": "|".join(
        [
            # people, by their post or as persons
            r"staff|officer|lady|gentleman|mrs?\b|ms\b|sir\b|the man\b|woman|guy\b|girl\b|employee|person\b|personnel|advisor"
            r"|adviser|guard|security|colleague|clerk|receptionist|people at (?:the )?(?:desk|counter)"
            r"|medewerk|personeel|dame|meneer|mevrouw|de man\b|(?:de |een )vrouw|adviseur|beveilig|ambtenaar\b"
            r"|ambtenaren\b|ambtenares|behandelaar|baliemedewerk"
            r"|mitarbeit|personal\b|beamt|herr\b|frau\b|mann\b|berater|sachbearbeit|wachmann|wachleute|sicherheitsdienst"
            r"|personnel|agent|monsieur|madame|conseill|employé|fonctionnaire|guichetière?|vigile|homme|femme",
            # their manner and skill
            r"friendly|unfriendly|kind\b|polite|impolite|rude|listened|helpful|unhelpful|patient\b|patience"
            r"|knowledgeable|competent|took the time|knew (?:her|his|their) stuff|sigh\w*|shout\w*|annoyed|smil\w*"
            r"|(?:nice|lovely|rude|friendly|helpful|kind) (?:people|folks)"
            r"|(?:feel|felt|made \w+ feel) (?:\w+ )?welcome|unwelcome|welkom gevoeld|voel\w* (?:me |mij )?(?:\w+ )?welkom"
            r"|niet welkom|willkommen gefühlt|fühl\w* (?:mich )?(?:\w+ )?willkommen|nicht willkommen"
            r"|senti\w* (?:le |la )?bienvenu\w*|pas (?:le |la )?bienvenu\w*|warm welcome|accueil chaleureux"
            r"|nam (?:\w+ )?de tijd|zeit genommen|pris le temps|luisterde|zugehört|écouté|bother\w*|lastig"
            r"|zur last|dérang\w*|vriendelijk|aardig|behulpzaam|beleefd|kortaf|onbeschoft|geduld|deskundig"
            r"|afgescheept|zucht\w*|schreeuw\w*|(?:aardige|behulpzame|vriendelijke|leuke) mensen"
            r"|freundlich|nett\w*|hilfsbereit|höflich|unhöflich|kompetent|seufz\w*|(?:nette|freundliche) leute"
            r"|accueil|aimable|gentil|sympathique|poli\b|polie|impoli|serviable|patien|soupir\w*|sourire"
            r"|gens aimables",
            PASSED_AROUND,
        ]
    ),
    "information": "|".join(
        [
            PASSED_AROUND,
            # what is written or told, and its qualities
            r"informat|info\b|explain|explanation|letters?\b"
            r"|website|web site|brochure|leaflet|flyer|forms?\b|checklist|list of|instructions?|advice|advis"
            r"|told me|tips?\b|session|overview|documents? (?:i |you )?need|required documents|which documents"
            r"|what to bring|too general|outdated|slides|presentation",
            r"uitleg|brief\b|brieven|folder|formulier|lijst|papieren|advies|algemeen|verouderd|duidelijk"
            r"|onduidelijk|wat ik nu moet|welke papieren|welke documenten",
            r"erklär|webseite|internetseite|formular|liste\b|faltblatt|broschüre|tipps?\b|unterlagen|allgemein"
            r"|veraltet|welche dokumente|nichts neues",
            r"expliqu|lettre|courrier|site\b|sites\b|formulaire|conseil|général|obsolète|quels documents",
        ]
    ),
    "processing": "|".join(
        [
            # the application, its steps and its documents
            r"process|procedure|application|decision|permit|residence (?:card|document)|card\b|approved"
            r"|ready\b|bureaucra|stamp|my file|status\b|registration|registered|biometric|fingerprints?"
            r"|(?:passport )?photos?\b|signature|pick ?up|collect\w*|typo|refund",
            r"aanvraag|procedure|beslissing|besluit|klaar\b|afgehandeld|proces\b|behandel|verblijfs|vergunning"
            r"|rijbewijs|paspoort|uittreksel|handtekening|adreswijziging|biometrie|vingerafdruk\w*|foto\b"
            r"|inschrijving|ophalen|opgehaald",
            r"antrag|bearbeit|entscheidung|fertig|verfahren|aufenthalts|ausweis|fingerabdr\w*|unterschrift"
            r"|anmeldung|abholung|abgeholt|geburtsdatum",
            r"traitement|demande|décision|prêt\b|prête\b|procédure|titre de séjour|carte de séjour|dossier"
            r"|empreintes?|date de naissance|retrait",
            # paying for it
            r"fees?\b|pay(?:ment|ing)?\b|paid\b|pin\b|leges|betal\w*|pinautoma\w*|gebühr\w*|bezahl\w*|frais"
            r"|paiement|payé|payer",
            # how it went
            r"efficient|efficiënt|effizient|efficace|come back|came back|return(?:ed)? (?:twice|again)"
            r"|send (?:\w+ )?again|sent again|system (?:was|is) down|lost my|in and out|in one (?:visit|go)"
            r"|sorted|same day|(?:so|zo|si) (?:fast|quick|snel|schnell|vite|rapide)|(?:second|third|fourth) (?:visit|time)"
            r"|took (?:\w+ )?(?:weeks|months|days)|smooth|no hassle|painless|terugkom|langskom|vlot|gedoe"
            r"|weer buiten|in één keer|geregeld|dezelfde dag|(?:tweede|derde) keer|wiederkomm|zurückkomm"
            r"|auf einmal|erledigt|unkompliziert|(?:zweite|dritte)n? mal|revenir|en une (?:seule )?fois|réglé",
        ]
    ),
    "reachability": "|".join(
        [
            # channels and their answering
            r"phone|call(?:ed|ing)?\b|called back|call ?back|e-?mails?\b|(?:the|a|live|online|web|via|per|par le|le) chat\b|chatfunct\w*|chatbot|reach|get through|got through"
            r"|picked up (?:the )?phone|(?:nobody|no one|never) picked up|replies|reply|answers the"
            r"|telefo|bellen|gebeld|mail|bereikbaar|opgenomen|neemt op|reageert|terugbel\w*|teruggebeld"
            r"|(?:kom|kwam|komt)\w* (?:er )?niet door"
            r"|telefon|erreichbar|zurückgerufen|durchgekommen|durchkommen"
            r"|téléphone|joindre|répond|rappel(?:er|é|ée)\b|m'a rappel"
            r"|voicemail|answering machine|antwoordapparaat|voicemail|anrufbeantworter|mailbox|répondeur|messagerie"
            r"|connection|verbinding|verbindung|(?:la )?ligne (?:coupe|a coupé|est coupée)"
            r"|(?:general|main|central|direct|algemene|centrale|directe|zentrale|direkte|allgemeine) (?:phone |telefoon)?(?:number|nummer|rufnummer)",
            # opening hours
            r"opening hours|open (?:on|in|one|at|longer)|evening|saturday|openingstijd|openstelling|open (?:zijn|op)"
            r"|zaterdag|avond|öffnungszeit|geöffnet|abend|horaires|ouvert|ouvrir|soir|samedi"
            rf"|{WEEKDAY}\w* (?:\w+ ){{0,2}}(?:open|geopend|geöffnet|ouvert)\w*|(?:open|geopend|geöffnet|ouvrir|ouvert)\w* (?:\w+ ){{0,3}}{WEEKDAY}",
            # getting there
            r"find\b|to find|location|parking|station\b|bus\b|address on|parkeer|parkplatz|parken\b|stationnement|garer",
        ]
    ),
    "facilities": "|".join(
        [
            # the building and its rooms
            r"building|lift\b|elevator|stairs|toilets?|wc'?s?\b|entrance|rooms?\b|upstairs|downstairs|hall\b"
            r"|gebouw|ingang|ruimte\b|trap\b|eingang|raum\b|räume|aufzug|treppe|bâtiment|entrée|salle\b"
            r"|ascenseur|escalier",
            # its objects
            r"chairs?\b|seats?\b|seating|signs?\b|signage|to sit\b|place to sit|screens?\b|printers?|coat ?(?:rack|hooks?)"
            r"|cloakroom|changing table|kids? corner|play corner|plants?\b|water\b|wifi|coffee|clock"
            r"|om te zitten|zitplaats|zitplek|stoel|bordje|kapstok|garderobe|verschoontafel"
            r"|speelhoek|planten|koffie|klok"
            r"|zum sitzen|sitzpl|stühle|schild|toilette|bildschirm|wickeltisch|spielecke"
            r"|pflanzen|kaffee|uhr\b"
            r"|pour s'asseoir|chaise|panneau|signalisation|toilettes|écran|imprimante|vestiaire|table à langer"
            r"|coin enfants|plantes|café",
            # its comfort
            r"clean|quiet|noisy|cramped|too warm|tiny|rustig|lawaai|te warm|laut\b|bruyant|calme",
            # its climate
            r"cold\b|chilly|draught|drafty|heating|air ?con\w*|(?:too|very|so) hot\b|stuffy|koud|tocht\w*|verwarming"
            r"|benauwd|(?:te )?heet\b|kalt\b|kälte|zugig|heizung|klimaanlage|stickig|heiß|froid|chauffage|climatisation"
            r"|(?:trop )?chaud\b|étouffant",
            # what visitors bring or need in it: sockets, prams, coats, toys, a wheelchair, the floor
            r"sockets?\b|outlets?\b|charg(?:e|er|ing) (?:my |a |the )?(?:phone|laptop)|stopcontact|oplad\w*|steckdose|prises?\b"
            r"|recharger|pram|stroller|buggy|kinderwagen|poussette|coats?\b|jassen\b|jas\b|mäntel|mantel\b|manteaux?\b"
            r"|toys?\b|speelgoed|spielzeug|jouets?|wheelchair|rolstoel|rollstuhl|fauteuil roulant|ramp\b|rampe|accessib"
            r"|toegankelijk|barrierefrei|floors?\b|étages?\b|verdieping|etage|stockwerk",
        ]
    ),
    "language": (
        rf"(?:in|speaks?|spoke|spoken|speaking|only in|not in|no|auf|op|en|uniquement en|spreekt|spreken"
        rf"|sprak|spraken|sprechen|spricht|sprach|gesprochen|parle|parlent|parlé|het|voor|for|für|pour)"
        rf"\s+(?:(?:pas|niet|nicht|not|kein)\s+)?(?:het\s+)?(?:l')?{LANGUAGE_NAMES}"
        rf"|switched to {LANGUAGE_NAMES}|{LANGUAGE_NAMES}\s+(?:gesprochen|spreken|speaking|spoken|version|translation)"
        rf"|{LANGUAGE_NAMES}[- ]only|(?:alleen|nur|uniquement|seulement) (?:in |auf |en )?(?:het )?{LANGUAGE_NAMES}"
        r"|(?:my|our|mijn|ons|onze|mein|meine|unser|mon|notre) (?:\w+ )?"
        + LANGUAGE_NAMES
        + r"|language|taal|sprache|langue|translat\w*|interpret\w*|vertal\w*|tolk\w*|übersetz\w*"
        r"|dolmetsch\w*|tradu\w*|interprète"
    ),
}

# Heads of Dutch and German compounds, matched anywhere in a word ("ticketautomat",
# "terugbelverzoek", "tijdslot", "infomappe"); a telephone or citizen service number is no queue.
HEADS: dict[str, str] = {
    "waiting": r"nummer(?<!telefoonnummer)(?<!telefonnummer)(?<!servicenummer)(?<!dossiernummer)"
    r"(?<!zaaknummer)(?<!kundennummer)(?<!klantnummer)(?<!huisnummer)(?<!hausnummer)(?:s|n)?\b"
    r"(?<!algemene nummer)(?<!centrale nummer)(?<!directe nummer)(?<!zentrale nummer)|dran\b",
    "appointment": r"slots?\b|herinnering|erinnerung|termin(?:e|en|s)?\b",
    "information": r"info(?:mappe|map|pakket|avond|sessie|ochtend)",
    "reachability": r"rückruf",
    "facilities": r"gebäude|scherm(?:en|s)?\b|printer|hoekje|automat\b|automaat\b|drucker",
}
# A word every phrase of a topic contains: the topic's phrases are looked for only where one
# stands (so that the many prepositions before a language name cost nothing elsewhere).
GATES: dict[str, str] = {
    "language": LANGUAGE_NAMES
    + r"|language|taal|sprache|langue|translat|interpret|vertal|tolk|übersetz|dolmetsch|tradu",
}

# Read on lower-cased text (cues.fold), so without IGNORECASE.
_CLAIMS = [(topic, re.compile(rf"(?<!\w)(?:{pattern})"), weak) for topic, pattern, weak in CLAIMS]
# Most comments hold no claimed phrase: one search over all of them spares the rest.
_ANY_CLAIM = re.compile(r"(?<!\w)(?:" + factored("|".join(p for _, p, _ in CLAIMS)) + ")")
_GATES = {topic: re.compile(factored(pattern)) for topic, pattern in GATES.items()}
_FALLBACKS = [(topic, re.compile(rf"(?<!\w)(?:{pattern})")) for topic, pattern in FALLBACKS]
_PERSON_FIRST = re.compile(
    r"^\W*(?:the|a|de|het|een|der|die|ein|eine|le|la|l'|un|une)\s+(?:\w+\s+)?"
    r"(?:guard|officer|lady|man|woman|guy|girl|employee|person|clerk|receptionist|staff member"
    r"|beveiliger|medewerker|medewerkster|dame|meneer|mevrouw|man|vrouw|ambtenaar|wachmann|mitarbeiter\w*|dame|herr|frau"
    r"|mann|beamt\w*|vigile|agent|monsieur|madame|dame|homme|femme|employée?|conseill\w*)\b[^,.;!?]*"
)
_STEMS = {
    topic: re.compile(
        rf"(?<!\w)(?:{factored(STEMS[topic])})" + (f"|{HEADS[topic]}" if topic in HEADS else "")
    )
    for topic in TOPICS
}


def find(text: str, subject: str | None = None) -> tuple[str, ...]:
    """The topic ids a comment is about, in TOPICS order.

    `subject` is the topic of the question answered (e.g. "processing" for "How was your
    application processed?"): a comment that names no topic of its own is about that.
    """
    found, weak = set(), set()
    text = fold(text)
    # "The guard helped me fold the stroller into the lift": a comment that opens with a person
    # is about that person; the building named in that clause is where it happened.
    person = _PERSON_FIRST.match(text)
    for topic, pattern, is_weak in _CLAIMS if _ANY_CLAIM.search(text) else ():
        match = pattern.search(text)
        if match:
            if topic and not (topic == "facilities" and person and match.end() <= person.end()):
                (weak if is_weak else found).add(topic)
            text = text[: match.start()] + " " + pattern.sub(" ", text[match.end() :])
    for topic, pattern in _STEMS.items():
        looked_at = text[person.end() :] if person and topic == "facilities" else text
        gate = _GATES.get(topic)
        if topic in found or (gate and not gate.search(looked_at)):
            continue
        if pattern.search(looked_at):
            found.add(topic)
    if not found:
        # the question's own topic, else a channel or a website named in passing, else a span
        found = {subject} if subject in TOPICS else weak
    if not found:
        for topic, pattern in _FALLBACKS:
            if pattern.search(text):
                found.add(topic)
                text = pattern.sub(" ", text)
    return tuple(topic for topic in TOPICS if topic in found)
