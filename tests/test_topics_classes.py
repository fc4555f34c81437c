"""Topic concept classes added in round 3, each in the four languages (sentences in no data set)."""

import pytest

from survey import topics


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the order of turns is the queue
        ("A couple who came after me went in first.", ("waiting",)),
        ("Een man die na mij binnenkwam, mocht eerder.", ("waiting",)),
        ("Jemand hat sich vorgedrängelt.", ("waiting",)),
        ("Trois personnes sont passées avant moi.", ("waiting",)),
        # the building's climate and what visitors bring into it
        ("It was freezing cold in the hall by the windows.", ("facilities",)),
        ("Het tocht enorm bij de balie.", ("facilities",)),
        ("Keine Steckdose, um das Handy zu laden.", ("facilities",)),
        ("Pas de place pour la poussette.", ("facilities",)),
        # an answering machine and a central number are how the desk is reached
        ("The answering machine cuts you off.", ("reachability",)),
        ("Het centrale nummer geeft steeds een bandje.", ("reachability",)),
        ("Nur der Anrufbeantworter, nie ein Mensch.", ("reachability",)),
        ("Toujours le répondeur.", ("reachability",)),
        # a person named by an honorific is staff
        ("Mr. at counter 3 took his time with us.", ("staff",)),
    ],
)
def test_round_three_concept_classes_in_every_language(text, expected):
    assert topics.find(text) == expected
