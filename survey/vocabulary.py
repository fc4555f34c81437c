"""Words the whole application shares: comment labels, states and topics, figure metrics, the
coordinator languages.

One definition each; pages, forms, the CLI and the API read them from here.
"""

from __future__ import annotations

# What sentiment tagging calls a comment (sentiment.label_for), in display order.
COMMENT_LABELS = ("positive", "neutral", "negative")
# A comment's curation state; every stored comment starts as "pending".
COMMENT_STATUSES = ("pending", "selected", "rejected")
# Operational figures per desk and period (entered on /coordinator/figures or imported).
FIGURE_METRICS = (
    "clients",
    "documents_issued",
    "oss_appointments",
    "oss_non_eu",
    "service_biometrics",
    "service_residence_permit",
    "service_return_visa",
)
MAX_FIGURE_VALUE = 10_000_000  # a count per desk and period; anything larger is a typing error
# What a comment is about (survey.topics finds them; ids are stable: stored per comment).
TOPICS = (
    "waiting",
    "appointment",
    "staff",
    "information",
    "processing",
    "reachability",
    "facilities",
    "language",
)
# The languages the comment tagger reads (survey.sentiment); others are tagged "unknown".
TAGGED_LANGUAGES = ("en", "nl", "de", "fr")
# Coordinator pages are offered in these languages (the kiosk speaks every questionnaire language).
COORDINATOR_LANGUAGES = {"en": "English", "nl": "Nederlands"}
