"""Word classes the cue patterns of cues.py are built from, in en/nl/de/fr: counts, spans of
time, months, excess, scarcity and what a desk should offer, n-th tries."""

N = r"(?:\d+|two|three|four|five|six|twice|several|twee|drie|vier|vijf|zwei|drei|vier|fünf|deux|trois|quatre|cinq)"
PERIOD = r"(?:weeks?|months?|weken|maanden|wochen|monate?n?|semaines?|mois)"
# A span of time a client spends, from hours up (years are how long someone has lived here).
SPAN = (
    r"(?:hours?|hrs?|h|days?|weeks?|months?|uur|uren|dagen|weken|maanden|stunden?|std|tage?n?"
    r"|wochen|monate?n?|heures?|jours?|semaines?|mois)"
)
AMOUNT = (
    r"(?:\d+(?:[.,]\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|several"
    r"|een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|twaalf|vijftien|twintig"
    r"|eine[mnr]?|zwei|drei|fünf|sechs|sieben|acht|neun|zehn|zwölf|fünfzehn|zwanzig"
    r"|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|quinze|vingt|plusieurs)"
)
EXCESS = (
    r"(?:far |way |much )?too (?:much |many )?(?!(?:and|but|or|i|we|the|a)\b)[a-z]\w*"
    r"|(?:veel |véél )?te (?!(?:de|het|een|in|op|van|voor|gaan|staan|slaan|zijn)\b)(?!\w+en\b)\w+"
    r"|(?:viel )?zu (?!(?:dem|der|den|die|das|mir|dir|ihm|ihr|uns|euch|ihnen|hause|fuß|ende|beginn"
    r"|mal|tun|sein|zweit|dritt|ein\w*)\b)(?!\w+en\b)(?!\d)\w+"
    r"|(?:beaucoup |bien )?trop (?:de |d')?\w+"
)
MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|januari"
    r"|februari|maart|mei|juni|juli|augustus|oktober|januar|februar|märz|juni|juli|oktober|dezember"
    r"|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)"
)
# Too little or none of what a desk should offer.
SCARCE = (
    r"(?:no|not (?:a|one|any|much)|(?:didn'?t|did not|don'?t|never|wasn'?t|weren'?t) (?:\w+ ){0,2}any|nowhere|little|hardly any|geen|nergens|weinig|niet veel|kein\w*|nirgends|wenig"
    r"|kaum|nicht viel|pas d'|pas de|pas un|peu d'|peu de|aucune?|nulle part)"
)
NEEDED = (
    r"(?:information|infos?|explanation|help|answer|reply|response|seats?|chairs?|place to sit|room to sit|slots?"
    r"|appointments?|signs?|uitleg|hulp|informatie|antwoord|reactie|stoel\w*|zitplaats\w*|plek|plaats|afspra\w*"
    r"|bord\w*|informationen|erklärung|hilfe|antwort|sitzpl\w*|stühle|stuhl|platz|termine?|schild\w*"
    r"|informations?|explications?|aide|réponse|chaises?|sièges?|places?|créneaux|créneau|rendez-vous|panneaux)"
)
# Said or done over and over, or only at the n-th try.
ORDINAL = (
    r"(?:second|third|fourth|fifth|2nd|3rd|4th|5th|tweede|derde|vierde|vijfde|zweite[nm]?|dritte[nm]?"
    r"|vierte[nm]?|fünfte[nm]?|deuxième|troisième|quatrième|cinquième)"
)
TRY = (
    r"(?:try|attempt|call|time|visit|poging|keer|telefoontje|bezoek|versuch|anlauf|anruf|mal|besuch"
    r"|tentative|essai|appel|fois|visite)"
)

# Sent from one desk to the next: a complaint about staff and information alike (topics.py).
PASSED_AROUND = (
    r"(?:sent|passed|referred|bounced|shuffled) (?:\w+ ){0,3}from (?:one|desk|counter|person)\w* (?:\w+ ){0,3}(?:to|another)\w*"
    r"|from pillar to post|van het kastje naar de muur|van (?:het ene|de ene) \w+ naar (?:het|de) (?:andere|volgende)"
    r"|von (?:einem|einer) \w+ zu[mr]? (?:nächsten|anderen)|(?:d'un|d'une) \w+ à l'autre"
)
