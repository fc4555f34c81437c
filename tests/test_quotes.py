"""Quote curation through the test client: login, filters, actions, audit, four eyes, escaping."""

import re
import uuid
from datetime import timedelta

import pytest

from survey import store, submission
from survey.db import get_db

from .helpers import PASSWORD, CoordinatorActions, database


def add_comments(
    app, *items, desk="ind", question="permit_processing", at="2021-03-01T10:00:00Z", lang="en"
):
    """Store one response per text through the real redact + tag path; return comment ids."""
    ids = []
    with app.app_context():
        db = get_db()
        for text in items:
            rid = str(uuid.uuid4())
            row = submission.comment_row(desk, question, text, lang)
            response = {"id": rid, "submitted_at": at, "language": "en", "desks": '["ind"]',
                        "tablet": "t", "source": "test", "fingerprint": rid}  # fmt: skip
            store.save_response(db, response, [], [], [row])
            ids.append(store.get_response(db, rid)["comments"][0]["id"])
    return ids


def status_of(app, comment_id):
    return store.get_comment(database(app), comment_id)["status"]


@pytest.mark.parametrize(
    ("method", "path"),
    [("get", "/coordinator/quotes"), ("post", "/coordinator/quotes/1")],
)
def test_curation_needs_a_login(client, method, path):
    response = getattr(client, method)(path, data={"action": "select"})
    assert response.status_code == 302
    assert "/coordinator/login" in response.headers["Location"]


def test_the_queue_lists_pending_comments_with_suggested_quotes_first(app, client, coordinator):
    long_one = "The staff were fine I guess, " + "and the building was big " * 8
    add_comments(
        app, long_one, "Mail me at jan@example.nl, it was fine", "Very efficient and fast."
    )
    coordinator.login()
    page = client.get("/coordinator/quotes")
    assert page.status_code == 200
    quotes = re.findall(r"<blockquote[^>]*>(.*?)</blockquote>", page.text, re.S)
    assert quotes[0] == "Very efficient and fast."
    assert "Mail me at [email], it was fine" in quotes
    assert 'class="quote suggested' in page.text
    assert page.text.count('class="quote suggested') == 1  # long and redacted ones are not


def test_filters_and_pagination(app, client, coordinator):
    add_comments(app, *[f"Very good service number {i}." for i in range(30)])
    add_comments(
        app, "Lange wachttijd.", desk="expat_centre", question="info_living_working", lang="nl"
    )
    add_comments(app, "Old and slow.", at="2020-01-10T10:00:00Z")
    coordinator.login()
    first = client.get("/coordinator/quotes")
    assert "32 comments; page 1 of 2" in first.text
    assert first.text.count("<blockquote") == 25
    second = client.get("/coordinator/quotes?status=pending&page=2")
    assert second.text.count("<blockquote") == 7
    by_desk = client.get("/coordinator/quotes?desk=expat_centre")
    assert by_desk.text.count("<blockquote") == 1 and "Lange wachttijd." in by_desk.text
    by_language = client.get("/coordinator/quotes?language=nl")
    assert "Lange wachttijd." in by_language.text and by_language.text.count("<blockquote") == 1
    negative = client.get("/coordinator/quotes?label=negative&desk=ind")
    assert "Old and slow." in negative.text and "Very good" not in negative.text
    period = client.get("/coordinator/quotes?from=2020-01-01&to=2020-01-31")
    assert period.text.count("<blockquote") == 1 and "Old and slow." in period.text
    bad = client.get("/coordinator/quotes?label=great&from=yesterday")
    assert "Unknown label: great" in bad.text and "must be a date" in bad.text


def test_select_reject_and_unselect_are_stored_and_audited(app, client, coordinator):
    keep, drop = add_comments(app, "Very efficient and fast.", "Meh.")
    coordinator.login()
    client.post(f"/coordinator/quotes/{keep}", data={"action": "select"})
    client.post(f"/coordinator/quotes/{drop}", data={"action": "reject"})
    assert status_of(app, keep) == "selected" and status_of(app, drop) == "rejected"
    quotes = store.selected_quotes(database(app))
    assert [q["text"] for q in quotes] == ["Very efficient and fast."]
    selected = client.get("/coordinator/quotes?status=selected")
    assert "Very efficient and fast." in selected.text and "Meh." not in selected.text
    client.post(f"/coordinator/quotes/{keep}", data={"action": "unselect"})
    assert status_of(app, keep) == "pending"
    actions = [(r["actor"], r["action"], r["subject"]) for r in store.audit_rows(database(app))]
    assert ("anna", "quote.selected", str(keep)) in actions
    assert ("anna", "quote.rejected", str(drop)) in actions
    assert ("anna", "quote.unselected", str(keep)) in actions


def test_an_edit_may_only_shorten_or_redact_and_is_audited(app, client, coordinator):
    (cid,) = add_comments(app, "Very efficient and fast, thanks to Maria at desk 3!")
    coordinator.login()
    refused = client.post(
        f"/coordinator/quotes/{cid}",
        data={"action": "edit", "text": "Very efficient and fast, the best desk ever!"},
        follow_redirects=True,
    )
    assert "may only shorten" in refused.text
    assert store.get_comment(database(app), cid)["text"].startswith(
        "Very efficient and fast, thanks"
    )
    client.post(
        f"/coordinator/quotes/{cid}",
        data={"action": "edit", "text": "Very efficient and fast, thanks to [redacted]!"},
    )
    stored = store.get_comment(database(app), cid)
    assert stored["text"] == "Very efficient and fast, thanks to [redacted]!"
    assert stored["redactions"] == 1
    client.post(
        f"/coordinator/quotes/{cid}", data={"action": "edit", "text": "Very efficient and fast"}
    )
    assert store.get_comment(database(app), cid)["text"] == "Very efficient and fast"
    edits = store.audit_rows(database(app), "quote.edited")
    assert len(edits) == 2 and edits[0]["actor"] == "anna" and edits[0]["at"]
    import json

    assert json.loads(edits[0]["detail"]) == {
        "old": "Very efficient and fast, thanks to [redacted]!",
        "new": "Very efficient and fast",
    }
    page = client.get("/coordinator/quotes")
    assert '<blockquote lang="en">Very efficient and fast</blockquote>' in page.text


def test_free_text_is_escaped(app, client, coordinator):
    add_comments(app, "<script>alert('x')</script> great service")
    coordinator.login()
    page = client.get("/coordinator/quotes")
    assert "<script>alert" not in page.text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; great service" in page.text


def test_four_eyes_needs_a_second_coordinator(make_app):
    app = make_app(FOUR_EYES=True)
    (cid,) = add_comments(app, "Very efficient and fast.")
    anna_client, bob_client = app.test_client(), app.test_client()
    anna, bob = CoordinatorActions(app, anna_client), CoordinatorActions(app, bob_client)
    anna.login("anna")
    bob.login("bob")
    anna_client.post(f"/coordinator/quotes/{cid}", data={"action": "select"})
    db = database(app)
    assert store.selected_quotes(db, require_approval=True) == []
    own = anna_client.post(
        f"/coordinator/quotes/{cid}", data={"action": "approve"}, follow_redirects=True
    )
    assert "other than the one who selected it" in own.text
    assert store.selected_quotes(db, require_approval=True) == []
    page = bob_client.get("/coordinator/quotes?status=selected")
    assert 'value="approve"' in page.text and "awaiting approval" in page.text
    bob_client.post(f"/coordinator/quotes/{cid}", data={"action": "approve"})
    assert [q["id"] for q in store.selected_quotes(db, require_approval=True)] == [cid]
    assert store.audit_rows(db, "quote.approved")[0]["actor"] == "bob"
    # Editing an approved quote withdraws the approval; the selector stays on record.
    anna_client.post(
        f"/coordinator/quotes/{cid}", data={"action": "edit", "text": "Very efficient."}
    )
    assert store.selected_quotes(db, require_approval=True) == []
    assert store.get_comment(db, cid)["selected_by"] == "anna"
    bob_client.post(f"/coordinator/quotes/{cid}", data={"action": "approve"})
    assert [q["text"] for q in store.selected_quotes(db, require_approval=True)] == [
        "Very efficient."
    ]
    # Un-selecting withdraws the approval.
    anna_client.post(f"/coordinator/quotes/{cid}", data={"action": "unselect"})
    anna_client.post(f"/coordinator/quotes/{cid}", data={"action": "select"})
    assert store.selected_quotes(db, require_approval=True) == []


def test_every_curation_form_needs_its_csrf_token(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    (cid,) = add_comments(app, "Very efficient and fast.")
    client = app.test_client()
    actions = CoordinatorActions(app, client)
    actions.create()
    login_page = client.get("/coordinator/login")
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', login_page.text)
    token = (
        token.group(1)
        if token
        else re.search(r'csrf-token" content="([^"]+)"', login_page.text).group(1)
    )
    assert (
        client.post(
            "/coordinator/login", data={"username": "anna", "password": PASSWORD}
        ).status_code
        == 400
    )
    client.post(
        "/coordinator/login", data={"username": "anna", "password": PASSWORD, "csrf_token": token}
    )
    page = client.get("/coordinator/quotes")
    forms = re.findall(r'<form method="post".*?</form>', page.text, re.S)
    assert forms and all('name="csrf_token"' in form for form in forms)
    refused = client.post(f"/coordinator/quotes/{cid}", data={"action": "select"})
    assert refused.status_code == 400 and status_of(app, cid) == "pending"
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    client.post(f"/coordinator/quotes/{cid}", data={"action": "select", "csrf_token": token})
    assert status_of(app, cid) == "selected"


def test_failed_logins_slow_a_name_down_without_locking_it_out(make_app, monkeypatch):
    from survey import clock

    app = make_app(LOGIN_ATTEMPTS=3, LOGIN_MAX_DELAY_SECONDS=60)
    client = app.test_client()
    actions = CoordinatorActions(app, client)
    actions.create()
    for _ in range(3):
        page = client.post(
            "/coordinator/login", data={"username": "anna", "password": "wrong password"}
        )
        assert "Unknown user name or wrong password." in page.text
    throttled = client.post("/coordinator/login", data={"username": "anna", "password": PASSWORD})
    assert "Unknown user name or wrong password." in throttled.text  # the same answer
    assert client.get("/coordinator/quotes").status_code == 302  # not logged in during the wait
    later = clock.now() + timedelta(seconds=61)
    monkeypatch.setattr(clock, "now", lambda: later)
    assert actions.login().status_code == 302  # a minute later the right password works
    assert client.get("/coordinator/quotes").status_code == 200


def test_suggestions_follow_the_desks_rating(app, client, coordinator):
    praise, complaint = add_comments(app, "Very efficient and fast.", "Very slow and rude staff.")
    coordinator.login()
    page = client.get("/coordinator/quotes")
    assert page.text.index("Very efficient and fast.") < page.text.index("Very slow and rude")
    with app.app_context():
        db = get_db()
        for i in range(5):  # clients at this desk are mostly unhappy
            response = {"id": f"low-{i}", "submitted_at": "2021-03-02T10:00:00Z", "language": "en",
                        "desks": '["ind"]', "tablet": "t", "source": "test", "fingerprint": str(i)}  # fmt: skip
            store.save_response(db, response, [("ind", "front_desk_staff", 2)])
    page = client.get("/coordinator/quotes")
    assert page.text.index("Very slow and rude") < page.text.index("Very efficient and fast.")
    assert f'class="quote suggested status-pending" id="comment-{complaint}"' in page.text
    assert f'class="quote status-pending" id="comment-{praise}"' in page.text


def test_the_queue_has_no_inline_script_and_loads_its_keyboard_script(app, client, coordinator):
    """The keys themselves are pressed in tests/browser/test_coordinator_browser.py."""
    add_comments(app, "Very efficient and fast.")
    coordinator.login()
    page = client.get("/coordinator/quotes")
    assert re.findall(r"<script(?![^>]*\bsrc=)", page.text) == []
    assert '<script src="/static/quotes.js" defer></script>' in page.text
    assert 'data-key="s"' in page.text and 'data-key="r"' in page.text


def test_repeated_texts_do_not_crowd_out_the_others(app, client, coordinator):
    add_comments(app, *["No issues yet."] * 30, question="better", desk=None)
    add_comments(app, "Very efficient and fast.")
    coordinator.login()
    page = client.get("/coordinator/quotes")
    quotes = re.findall(r"<blockquote[^>]*>(.*?)</blockquote>", page.text)
    assert quotes[:2] == ["No issues yet.", "Very efficient and fast."]
