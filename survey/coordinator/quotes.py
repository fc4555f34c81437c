"""Quote curation: a filtered, paginated queue of comments with suggested quotes first.

Actions (select, reject, un-select, approve, edit) are small POST forms, one per comment, so the
queue works with the keyboard alone (Tab + Enter; quotes.js adds j/k/s/r/u/a/e) and without
JavaScript. An edit may only shorten or redact (quote_edits.py) and is audit-logged.
"""

from __future__ import annotations

import math
from urllib.parse import urlencode

from flask import abort, current_app, flash, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .. import auth, clock, quote_edits, redact, store
from ..db import get_db
from ..security import redirect_back
from ..vocabulary import COMMENT_LABELS, COMMENT_STATUSES, TAGGED_LANGUAGES, TOPICS
from . import bp
from .forms import LABEL_TEXT

PAGE_SIZE = 25
LANGUAGES = (*TAGGED_LANGUAGES, "other")  # what tagging can call a comment's language
STATUS_TEXT = {"pending": _l("pending"), "selected": _l("selected"), "rejected": _l("rejected")}
FILTERS = ("desk", "question", "label", "language", "topic", "status", "from", "to")
ACTIONS = {
    "select": ("selected", "quote.selected"),
    "reject": ("rejected", "quote.rejected"),
    "unselect": ("pending", "quote.unselected"),
}


def four_eyes() -> bool:
    """The instance setting: a quote needs a second coordinator's approval to be published."""
    return bool(current_app.config["FOUR_EYES"])


def read_filters(args) -> tuple[dict[str, str], list[str]]:
    """The queue's filters from the query string (unknown values dropped) and any problems."""
    questionnaire = current_app.extensions["survey"]
    problems: list[str] = []
    chosen = {key: (args.get(key) or "").strip() for key in FILTERS}
    if "status" not in args:
        chosen["status"] = "pending"
    allowed = {
        "desk": {d.id for d in questionnaire.desks},
        "question": {q.id for q in questionnaire.questions if q.kind == "text" or q.comment},
        "label": set(COMMENT_LABELS),
        "language": set(LANGUAGES),
        "topic": set(TOPICS),
        "status": set(COMMENT_STATUSES),
    }
    for key, values in allowed.items():
        if chosen[key] and chosen[key] not in values:
            problems.append(_("Unknown %(field)s: %(value)s", field=key, value=chosen[key]))
            chosen[key] = ""
    for key in ("from", "to"):
        if chosen[key]:
            try:
                clock.parse_day(chosen[key])
            except ValueError:
                problems.append(_("%(field)s must be a date, YYYY-MM-DD", field=key))
                chosen[key] = ""
    return chosen, problems


@bp.get("/quotes")
@auth.login_required
def quotes():
    """The curation queue: filters, pagination, suggested quotes first."""
    filters, problems = read_filters(request.args)
    for problem in problems:
        flash(problem, "error")
    try:
        page = min(max(1, int(request.args.get("page", 1))), 10**6)  # SQLite's OFFSET is 64-bit
    except ValueError:
        page = 1
    first = clock.parse_day(filters["from"]) if filters["from"] else None
    last = clock.parse_day(filters["to"]) if filters["to"] else None
    start, end = clock.day_range(first, last, current_app.config["TIMEZONE"])
    db = get_db()
    rows, total = store.comment_queue(
        db,
        desk=filters["desk"] or None,
        question=filters["question"] or None,
        label=filters["label"] or None,
        language=filters["language"] or None,
        status=filters["status"] or None,
        start=start,
        end=end,
        unhappy_desks=store.unhappy_desks(db),
        improvement_questions=current_app.extensions["survey"].questions_with_role("improvement"),
        topic=filters["topic"] or None,
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
    )
    pages = max(1, math.ceil(total / PAGE_SIZE))
    query = {k: v for k, v in filters.items() if v or k == "status"}
    here = url_for("coordinator.quotes", **query, page=page)
    questionnaire = current_app.extensions["survey"]
    return render_template(
        "coordinator/quotes.html",
        rows=rows,
        total=total,
        page=page,
        pages=pages,
        filters=filters,
        here=here,
        page_url=lambda n: url_for("coordinator.quotes") + "?" + urlencode({**query, "page": n}),
        statuses=STATUS_TEXT,
        labels=LABEL_TEXT,
        languages=LANGUAGES,
        topics=TOPICS,
        text_questions=[q for q in questionnaire.questions if q.kind == "text" or q.comment],
        four_eyes=four_eyes(),
        me=auth.actor(),
    )


@bp.post("/quotes/<int:comment_id>")
@auth.login_required
def curate_quote(comment_id: int):
    """Apply one action to one comment: select, reject, unselect, approve or edit."""
    db = get_db()
    comment = store.get_comment(db, comment_id)
    if comment is None:
        abort(404)
    action = request.form.get("action", "")
    who = auth.actor()
    if action in ACTIONS:
        status, event = ACTIONS[action]
        store.curate_comment(db, comment_id, status, who)
        store.audit(db, who, event, str(comment_id), {"from": comment["status"]})
        flash(
            _("Comment %(id)s: %(status)s.", id=comment_id, status=STATUS_TEXT[status]), "success"
        )
    elif action == "approve":
        if not four_eyes():
            flash(_("Approval is only used under the four-eyes rule."), "error")
        elif store.approve_quote(db, comment_id, who):
            store.audit(db, who, "quote.approved", str(comment_id))
            flash(_("Comment %(id)s approved for publication.", id=comment_id), "success")
        else:
            flash(
                _("A quote must be approved by a coordinator other than the one who selected it."),
                "error",
            )
    elif action == "edit":
        new = " ".join(request.form.get("text", "").split())
        old = comment["text"]
        if not new.strip():
            flash(_("The text may not be empty; reject the comment instead."), "error")
        elif new == old:
            flash(_("The text is unchanged."), "info")
        elif not quote_edits.is_reduction(" ".join(old.split()), new):
            flash(
                _(
                    "An edit may only shorten the text or replace parts with [redacted]; nothing was saved."
                ),
                "error",
            )
        elif quote_edits.drops_a_negation(old, new):
            flash(
                _(
                    "An edit may not leave out a negation (not, never, no...) from a part it keeps; remove the whole sentence instead. Nothing was saved."
                ),
                "error",
            )
        else:
            added = sum(redact.placeholders(new).values()) - sum(redact.placeholders(old).values())
            store.edit_comment_text(db, comment_id, new, max(0, added))
            if comment["approved_by"]:
                store.curate_comment(
                    db, comment_id, comment["status"], comment["selected_by"] or who
                )
            store.audit(db, who, "quote.edited", str(comment_id), {"old": old, "new": new})
            flash(_("Comment %(id)s: text saved.", id=comment_id), "success")
    else:
        abort(400)
    return redirect_back(request.form.get("next"), "coordinator.quotes")
