"""What a comment is about: zero or more of eight stable topic ids, in en/nl/de/fr, offline.

The ids follow the service dimensions Dutch municipal satisfaction research reports on (waiting
time, reachability, courtesy and expertise, clarity of information, processing time), plus what
a shared desk building adds (appointments, the building itself, the language of service).
Each topic is a set of word stems and short phrases in the four languages, matched at word
starts on lower-cased text. Languages are pooled: a comment in the kiosk's language often names
things in another ("de IND-website", "Termin"), and the stems of one language rarely mean
something else in another. A few phrases belong to one topic although they contain another's
word ("waiting room" is the building, "waiting for a decision" is processing): they are claimed
first and blanked out before the other topics look.
"""

from __future__ import annotations

import re

from .cue_words import PASSED_AROUND
from .cues import fold
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
    r"|niederländisch|französisch|anglais|néerlandais|allemand|français)"
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
# Phrases claimed by one topic before the others look (so their words do not count twice); a
# claim without a topic only blanks what is circumstance, not subject ("while waiting").
CLAIMS: list[tuple[str | None, str]] = [
    (
        None,
        r"while (?:i was |we were )?waiting|tijdens het wachten|terwijl ik wachtte|beim warten"
        r"|während (?:des|ich) wart\w*|en attendant|pendant l'attente|waiting lists?|wachtlijst\w*"
        r"|wartelisten?|listes? d'attente",
    ),
    (
        "appointment",
        r"(?:booking|appointment|reservation) (?:site|website|system|page|tool|app)|afspra\w*systeem"
        r"|boekingssysteem|buchungs\w*|terminbuchung\w*|terminvergabe|(?:site|système) de (?:prise de )?"
        r"(?:rendez-vous|réservation)|prise de rendez-vous",
    ),
    # someone else's phone in use is the staff's manner; one's own is the device used
    (
        "staff",
        rf"(?:on|at|op|naar|auf|an|sur) (?:her|his|their|haar|zijn|hun|ihrem|ihr|seinem|sein|son|leur) {PHONE}",
    ),
    (
        None,
        rf"(?:on|op|auf|sur|with|met|mit|avec) (?:my|mijn|meinem|mein|mon) {PHONE}"
        r"|(?:on|op|auf|sur) (?:an? |een |einem |dem |un |le )?(?:mobile|mobiel|handy|smartphone|portable)"
        r"|sur téléphone",
    ),
    # where someone stands or sits, not the place itself
    (
        None,
        r"(?:at|by|near|bij|aan|am|beim|an der|à|près de) (?:the |de |het |dem |der |l'|la )?"
        r"(?:entrance|door|ingang|deur|eingang|tür|entrée|porte)\b",
    ),
    (
        "facilities",
        r"wait(?:ing)?[ -]?(?:area|room|hall)s?|wachtruimte\w*|wachtkamer\w*|wartebereich\w*"
        r"|warteraum\w*|wartezimmer\w*|wartesaal\w*|salles? d'attente",
    ),
    ("reachability", r"phone ?lines?|telefoonlijn\w*|telefonleitung\w*|ligne téléphonique"),
    (
        "processing",
        rf"{DECISION}\w* (?:\w+ ){{0,5}}(?:late|te laat|zu spät|de retard|en retard|delayed|vertraagd)",
    ),
    (
        "processing",
        rf"(?:wait(?:ing|ed)?|wachten|afwachten|warten|attendre|attente)\s+(?:for|on|op|auf|de|d')?\s*"
        rf"(?:a|an|the|my|een|de|het|mijn|eine?n?|die|den|meine?n?|la|le|ma|mon|une?)?\s*{DECISION}",
    ),
]

STEMS: dict[str, str] = {
    "waiting": (
        r"wait|queue|line\b|in line|ahead of (?:you|me)|on time|right on time|late\b|ran late|run late"
        r"|called in|was called|were called|helped within|within \w+ minutes|no queue|busy|crowded"
        r"|ticket machine|number \d+|wachtnummer|nummertje|wartenummer|numéro d'attente|ticket"
        r"|wacht|gewacht|rij\b|in de rij|op tijd|te laat|druk\b|kwartier|binnen \w+ minuten|meteen geholpen"
        r"|wart|gewartet|schlange|pünktlich|verspät|sofort dran|voll\b"
        r"|attente|attendu|attendre|file\b|file d'attente|à l'heure|en retard|retard"
        r"|my turn|our turn|beurt\b|an der reihe|drankam|mon tour|notre tour"
        r"|\d+(?:[.,]\d+)? ?(?:h|hours?|hrs?|uur|stunden?|std|heures?)\b"
    ),
    "appointment": (
        r"appointment|book(?:ed|ing)?\b|slot|reschedul|cancel|time slot|agenda"
        r"|afspra|verzet|afgezegd|geannuleerd|ingepland|geen plek\b|plek vrij|boeking|boeken|geboekt"
        r"|termin|abgesagt|verschieb|storn|buch"
        r"|rendez|rdv|annul|créneau|réserv"
    ),
    "staff": (
        r"staff|officer|lady|gentleman|the man\b|woman|guy\b|girl\b|employee|person\b|personnel|advisor|adviser"
        r"|guard|colleague|clerk|receptionist|friendly|unfriendly|kind\b|polite|impolite|rude|listened"
        r"|nam (?:\w+ )?de tijd|zeit genommen|pris le temps|luisterde|zugehört|écouté"
        r"|welcome|welkom|willkommen|bienvenue?|bother\w*|lastig|zur last|dérang\w*|knew (?:her|his|their) stuff"
        rf"|{PASSED_AROUND}"
        r"|helpful|unhelpful|patient\b|(?:nice|lovely|rude|friendly|helpful|kind) (?:people|folks)"
        r"|(?:aardige|behulpzame|vriendelijke|leuke) mensen|(?:nette|freundliche) leute|gens aimables"
        r"|patience|knowledgeable|competent|took the time"
        r"|medewerk|personeel|dame|meneer|de man\b|adviseur|beveilig|vriendelijk|aardig|behulpzaam"
        r"|beleefd|kortaf|onbeschoft|geduld|deskundig|afgescheept"
        r"|mitarbeit|personal\b|beamt|dame|herr\b|berater|freundlich|nett\w*|hilfsbereit|höflich"
        r"|mevrouw|madame|frau\b|sachbearbeit|ambtenaar\b|ambtenaren\b|ambtenares|behandelaar|employé|fonctionnaire|guichetière?"
        r"|unhöflich|geduld|kompetent"
        r"|personnel|agent|dame|monsieur|conseill|accueil|aimable|gentil|sympathique|poli\b|polie"
        r"|impoli|serviable|patien"
    ),
    "information": (
        rf"{PASSED_AROUND}|"
        r"informat|info\b|explain|explanation|letter|website|web site|brochure|leaflet|flyer|form\b"
        r"|forms\b|checklist|list of|instructions?|advice|advis|told me|tips?\b|session|overview"
        r"|documents? (?:i |you )?need|required documents|which documents|what to bring|too general|outdated"
        r"|uitleg|brief\b|brieven|folder|formulier|lijst|papieren|tips?\b|advies|algemeen|verouderd"
        r"|duidelijk|onduidelijk|wat ik nu moet|welke papieren|welke documenten"
        r"|erklär|brief\b|webseite|internetseite|formular|liste\b|faltblatt|broschüre|tipps?\b"
        r"|unterlagen|allgemein|veraltet|welche dokumente"
        r"|expliqu|lettre|site\b|sites\b|formulaire|liste\b|conseil|général|obsolète|quels documents"
    ),
    "processing": (
        r"process|procedure|application|decision|efficient|efficiënt|effizient|efficace|permit|residence card|card\b|approved|ready\b"
        r"|bureaucra|stamp|my file|status\b|come back|came back|return(?:ed)? (?:twice|again)|send (?:\w+ )?again"
        r"|sent again|typo|refund|system (?:was|is) down|lost my|registration|registered"
        r"|in and out|in one (?:visit|go)|sorted|same day|(?:so|zo|si) (?:fast|quick|snel|schnell|vite|rapide)|(?:second|third|fourth) (?:visit|time)|biometric|took (?:\w+ )?(?:minutes|weeks|months|days)|smooth|no hassle|painless"
        r"|aanvraag|procedure|beslissing|besluit|klaar\b|afgehandeld|proces\b|behandel|terugkom"
        r"|langskom|verblijfs|vergunning|rijbewijs|paspoort|uittreksel|vlot|handtekening|gedoe"
        r"|weer buiten|in één keer|geregeld|adreswijziging|biometrie|dezelfde dag|(?:tweede|derde) keer"
        r"|antrag|bearbeit|entscheidung|fertig|verfahren|aufenthalts|ausweis|wiederkomm"
        r"|zurückkomm|auf einmal|erledigt|unkompliziert|geburtsdatum|biometrie|(?:zweite|dritte)n? mal"
        r"|traitement|demande|décision|prêt\b|prête\b|procédure|titre de séjour|dossier|revenir"
        r"|date de naissance|en une (?:seule )?fois|réglé"
    ),
    "reachability": (
        r"phone|call(?:ed|ing)?\b|called back|e-?mails?\b|opening hours|open (?:on|in|one|at|longer)"
        r"|evening|saturday|reach|get through|got through|picked up (?:the )?phone|(?:nobody|no one|never) picked up"
        r"|find\b|to find|location"
        r"|parking|station\b|bus\b|address on|replies|reply|answers the"
        r"|telefo|bellen|gebeld|mail|openingstijd|openstelling|open (?:zijn|op)|zaterdag|avond"
        rf"|{WEEKDAY}\w* (?:\w+ ){{0,2}}(?:open|geopend|geöffnet|ouvert)\w*|(?:open|geopend|geöffnet|ouvrir|ouvert)\w* (?:\w+ ){{0,3}}{WEEKDAY}"
        r"|bereikbaar|opgenomen|neemt op|door\b|parkeer|reageert"
        r"|telefon|öffnungszeit|geöffnet|abend|erreichbar|durch\b"
        r"|téléphone|horaires|ouvert|ouvrir|soir|samedi|joindre|répond"
    ),
    "facilities": (
        r"building|chairs?\b|seats?\b|seating|signs?\b|signage|lift\b|elevator|stairs|toilet|to sit\b|place to sit"
        r"|om te zitten|zitplaats|zum sitzen|sitzpl|pour s'asseoir"
        r"|coffee|water\b|wifi|clean|quiet|noisy|cramped|too warm|play corner|entrance"
        r"|gebouw|stoel|bordje|toilet|wc\b|koffie|rustig|lawaai|te warm|speelhoek"
        r"|gebäude|sitzpl|stühle|schild|toilette|kaffee|laut\b"
        r"|bâtiment|chaise|panneau|signalisation|toilettes|café|bruyant|calme"
        r"|screens?\b|scherm|bildschirm|écran|rooms?\b|upstairs|downstairs|plants?\b|ingang|zitplek|ruimte\b|planten|eingang|raum\b|räume"
        r"|pflanzen|entrée|salle\b|plantes"
    ),
    "language": (
        rf"(?:in|speaks?|spoke|spoken|speaking|only in|not in|no|auf|op|en|uniquement en|spreekt|spreken"
        rf"|sprak|spraken|sprechen|spricht|sprach|gesprochen|parle|parlent|parlé|het)"
        rf"\s+(?:(?:pas|niet|nicht|not|kein)\s+)?(?:het\s+)?{LANGUAGE_NAMES}"
        rf"|switched to {LANGUAGE_NAMES}|{LANGUAGE_NAMES}\s+(?:gesprochen|spreken|speaking|spoken|version|translation)"
        rf"|{LANGUAGE_NAMES}[- ]only|(?:alleen|nur|uniquement|seulement) (?:in |auf |en )?(?:het )?{LANGUAGE_NAMES}"
        r"|(?:my|our|mijn|ons|onze|mein|meine|unser|mon|notre) (?:\w+ )?"
        + LANGUAGE_NAMES
        + r"|language|taal|sprache|langue"
    ),
}

# Read on lower-cased text (cues.fold), so without IGNORECASE.
_CLAIMS = [(topic, re.compile(rf"(?<!\w)(?:{pattern})")) for topic, pattern in CLAIMS]
_STEMS = {topic: re.compile(rf"(?<!\w)(?:{STEMS[topic]})") for topic in TOPICS}


def find(text: str, subject: str | None = None) -> tuple[str, ...]:
    """The topic ids a comment is about, in TOPICS order.

    `subject` is the topic of the question answered (e.g. "processing" for "How was your
    application processed?"): a comment that names no topic of its own is about that.
    """
    found = set()
    text = fold(text)
    for topic, pattern in _CLAIMS:
        if pattern.search(text):
            if topic:
                found.add(topic)
            text = pattern.sub(" ", text)
    for topic, pattern in _STEMS.items():
        if topic not in found and pattern.search(text):
            found.add(topic)
    if not found and subject in TOPICS:
        found.add(subject)
    return tuple(topic for topic in TOPICS if topic in found)
