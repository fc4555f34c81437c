"""Readings of a whole answer, in en/nl/de/fr: what "nothing" means under each question role,
"all fine", wishes, thanks, a bare "OK", hedges, declining to answer, a rhetorical "why ...?".

sentiment.py applies them to the answer before and after its clauses are scored (cues.py).
"""

from __future__ import annotations

import re

NOTHING = (
    r"(?:(?:honestly|really|actually|to be honest|eerlijk gezegd|eigenlijk|ehrlich gesagt|eigentlich|honnêtement"
    r"|franchement|en fait)\W*\s*)?"
    r"(?:nothing|none|nope|not really|not much|n/?a"
    r"|no (?:complaints?|issues?|problems?|suggestions?)|(?:i )?can'?t think of anything"
    r"|aucun problème|pas de problème|kein problem|keine probleme|geen probleem|no problem"
    r"|niets|niks|nergens over|geen (?:klachten|verbeterpunten|idee)|weinig|niet veel"
    r"|nichts|keine (?:beschwerden|verbesserungsvorschläge)|nicht viel|wenig"
    r"|rien|aucune? (?:plainte|remarque|idée)|pas grand-chose|pas grand chose"
    # a bare "no" answers the question only when it stands alone ("No queue" is no answer)
    r"|(?:no|nope|nee|geen|nein|keine|non|aucune?)(?:\s+(?:hoor|thanks|thank you|bedankt|danke|merci|really|echt"
    r"|wirklich|vraiment))?(?=\W*$|\s*[,.!;:])"
    r"|not (?:that|so) much|niet (?:zo ?veel|zoveel)|nicht so viel|pas tant que ça|pas tellement"
    r")"
)
LEADING_NOTHING = re.compile(
    rf"^\W*{NOTHING}(?:\s+(?:really|at all|yet|so far|echt|wirklich|vraiment))?(?=\W|$)"
    r"(?!\s+(?:to|zu|à|te|op)\b)",  # "Nothing to complain about" is no bare "nothing"
    re.I,
)
ALL_FINE = re.compile(
    r"^\W*(?:👍|👌|🙂|😊|😀|💯)+\W*$|(?:all|everything) (?:was |is |went )?(?:good|fine|great|perfect|ok|okay|excellent|well)"
    r"|keep (?:it )?up|keep (?:doing|going)|keep it (?:like this|this way|as it is)|(?:laat|houd) het zo|so lassen"
    r"|bleibt so|gardez ça|restez comme ça|blijf zo doorgaan|macht weiter so|continuez comme ça"
    r"|it (?:was|is|went) (?:good|fine|great|perfect|excellent|very good|very well|well)"
    r"|nothing (?:to|more to) (?:complain|improve|criticise|criticize|add)|niets (?:meer )?toe te voegen"
    r"|nichts hinzuzufügen|rien à ajouter|niets op aan te merken|niks op aan te merken"
    r"|nichts zu (?:beanstanden|meckern|bemängeln|verbessern)|rien à (?:redire|signaler|améliorer)"
    r"|well done|good work|alles (?:was |is |ging )?(?:goed|prima|perfect|top|in orde)|ga zo door|heel tevreden"
    r"|alles (?:war |ist )?(?:gut|super|perfekt|bestens|in ordnung)|weiter so|tout (?:était |est |s'est )?(?:bien|parfait|très bien)"
    r"|c'était (?:très )?bien|continuez",
    re.I,
)
# A wish is no praise, under any question: a conditional not negated ("would be useful", "zou
# handig zijn", "wäre gut", "serait pratique"), "maybe", or "more ..." / "please" leading.
WISH = re.compile(
    r"(?<!\w)(?:would|zou|zouden|wäre|wären|würde|würden|serait|seraient)(?!\w)"
    r"(?!\s+(?:not|niet|nicht|pas|definitely|certainly|highly|recommend|aanraden|empfehlen)\b)"
    r"|(?<!\w)(?:maybe|perhaps|misschien|vielleicht|peut-être)(?!\w)"
    r"|^\W*(?:more|meer|mehr|plus de|davantage|please|graag|bitte|svp|s'il vous plaît)(?!\w)",
    re.I,
)
# Thanks under "What can we do better?" is praise, not a wish.
THANKS = re.compile(
    r"(?<!\w)(?:thank|thanks|thx|thanx|ty|bedankt|dank ?(?:je|u|jullie)|danke|merci)(?!\w)", re.I
)
# "OK" alone: neither praise nor complaint.
LUKEWARM = re.compile(
    r"^\W*(?:ok|okay|oké|okee|o\.k\.|so-so|so so|meh|average|gaat wel|geht so|ça va|ça peut aller"
    r"|passable|moyen)\W*$",
    re.I,
)
# "Why does a simple registration take three visits?": a question that opens with why is a
# complaint, whatever its words.
RHETORICAL = re.compile(
    r"^\W*(?:why|how come|waarom|hoezo|warum|wieso|weshalb|pourquoi)\b[^?]*\?", re.I
)
# "No comment": the client declines to answer, which is no praise either.
NO_ANSWER = re.compile(
    r"^\W*(?:no comments?|none given|geen (?:opmerking|opmerkingen|commentaar)|keine (?:anmerkungen|kommentare?)"
    r"|kein kommentar|pas de commentaires?|sans commentaire|aucun commentaire)\W*$",
    re.I,
)
UNSURE = re.compile(
    r"^\W*(?:(?:(?:i )?(?:am )?not sure|no idea|(?:i )?don'?t know|hard to say|can'?t say)(?: yet)?|weet ik (?:nog )?niet"
    r"|(?:ik )?weet (?:het )?(?:nog )?niet|(?:nog )?geen idee|(?:ich )?weiß (?:ich )?(?:es )?(?:noch )?nicht|keine ahnung"
    r"|je ne sais pas(?: encore)?|aucune idée)\W*$",
    re.I,
)
# "Not sure yet, ...": the hedge says nothing; what follows it is the comment.
UNSURE_LEAD = re.compile(
    r"^\W*(?:idk|dunno|not sure(?: yet)?|no idea(?: yet)?|(?:i )?don'?t know(?: yet)?|weet ik (?:nog )?niet|(?:nog )?geen idee"
    r"|weiß (?:ich )?(?:noch )?nicht|keine ahnung|je ne sais pas(?: encore)?|aucune idée)\W+(?=\w)",
    re.I,
)
# "..., I guess": a hedged naming under "most satisfied with" is no clear praise.
HEDGE = re.compile(
    r"(?<!\w)(?:i guess|i suppose|i think|probably|denk ik|geloof ik|waarschijnlijk|vermutlich|wohl|glaube ich"
    r"|je suppose|je pense|probablement)(?!\w)",
    re.I,
)
NOTHING_SPECIAL = re.compile(
    r"^\W*(?:nothing|none|niets|niks|nichts|rien)(?:\s+(?:in particular|special|specific|really"
    r"|bijzonders|speciaals|besonderes|de spécial|de particulier))?\W*$",
    re.I,
)
