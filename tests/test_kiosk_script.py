"""What kiosk.js reads from the pages: the last step's field map, the queue indicator, timers."""

from __future__ import annotations

import json
import re

from .helpers import Tablet


def survey_data(html: str) -> dict | None:
    found = re.search(
        r'<script type="application/json" id="survey-data">(.*?)</script>', html, re.S
    )
    return json.loads(found.group(1)) if found else None


def test_only_the_last_step_carries_the_field_map(app):
    from .helpers import post_step

    tablet = Tablet(app)
    first = tablet.client.get("/en/survey").text
    assert survey_data(first) is None  # "Next" stays a plain form post
    last = post_step(tablet.client, "/en/survey", first, {"csrf_token": tablet.token}, "next").text
    data = survey_data(last)
    assert data["api"] == "/api/v1/responses" and data["thanks"] == "/en/thanks"
    assert data["language"] == "en" and data["desks"] == ["ind"]
    fields = data["fields"]
    assert fields["d_ind_q_front_desk_staff"] == {
        "desk": "ind",
        "question": "front_desk_staff",
        "role": "rating",
    }
    assert fields["d_ind_q_permit_processing_comment"]["role"] == "comment"
    assert fields["d_ind_q_service"]["role"] == "choice"
    assert fields["q_better"] == {"desk": None, "question": "better", "role": "text"}
    # Every answer field of the form is in the map, so the JSON payload misses nothing.
    names = set(re.findall(r'name="((?:d_[a-z_]+_)?q_[a-z_]+)"', last))
    assert names <= set(fields)


def test_every_kiosk_page_has_the_queue_indicator_and_the_script(app):
    tablet = Tablet(app)
    for path in ("/", "/en/survey", "/en/thanks"):
        html = tablet.client.get(path).text
        assert 'id="queue-indicator"' in html and 'data-queued="0"' in html
        assert 'data-heartbeat="/api/v1/tablet/heartbeat"' in html
        assert '<script src="/static/kiosk.js" defer></script>' in html


def test_idle_pages_have_a_countdown_and_a_noscript_refresh(app):
    tablet = Tablet(app)
    survey = tablet.client.get("/en/survey").text
    assert 'id="idle-countdown"' in survey and "I need more time" in survey
    assert 'aria-live="assertive"' in survey
    assert re.search(r'<noscript><meta http-equiv="refresh" content="90;url=/"></noscript>', survey)
    thanks = tablet.client.get("/en/thanks").text
    assert 'id="idle-countdown"' not in thanks  # the thank-you screen just returns
    assert 'content="8;url=/"' in thanks
