"""Alert rules: tripped or not, shown on the dashboard, mailed by `survey alerts` to an SMTP sink."""

import socket
import threading
from datetime import timedelta

import pytest

from survey import alerts, clock, db, store

from .helpers import CoordinatorActions, add, page_text, run_cli


class SMTPSink:
    """A minimal SMTP server on a free 127.0.0.1 port that keeps every message it receives."""

    def __init__(self):
        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(4)
        self.port = self.server.getsockname()[1]
        self.messages: list[dict] = []
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self):
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return  # closed by stop()
            with connection, connection.makefile("rb") as lines:
                self.session(connection, lines)

    def session(self, connection, lines):
        def reply(text):
            connection.sendall(text.encode() + b"\r\n")

        reply("220 sink ready")
        envelope = {"from": None, "to": [], "data": ""}
        while True:
            line = lines.readline().decode()
            if not line:
                return
            command = line.strip().upper()
            if command.startswith(("EHLO", "HELO")):
                reply("250 sink")
            elif command.startswith("MAIL FROM"):
                envelope["from"] = line.split(":", 1)[1].strip()
                reply("250 ok")
            elif command.startswith("RCPT TO"):
                envelope["to"].append(line.split(":", 1)[1].strip())
                reply("250 ok")
            elif command == "DATA":
                reply("354 end with <CRLF>.<CRLF>")
                body = []
                while (data := lines.readline().decode()) not in (".\r\n", ""):
                    body.append(data)
                envelope["data"] = "".join(body)
                self.messages.append(dict(envelope))
                reply("250 queued")
            elif command == "QUIT":
                reply("221 bye")
                return
            else:
                reply("250 ok")

    def stop(self):
        # shutdown() wakes the accept() the thread is blocked in; close() alone would not.
        self.server.shutdown(socket.SHUT_RDWR)
        self.server.close()
        self.thread.join()


@pytest.fixture
def sink():
    server = SMTPSink()
    yield server
    server.stop()


def recent(hours=1):
    return clock.stamp(clock.now() - timedelta(hours=hours))


def add_rule(app, desk="ind", share=0.3, days=7, min_n=10):
    with app.app_context():
        return store.add_alert_rule(db.get_db(), desk, share, days, min_n, "test")


def test_rule_trips_only_above_the_share_with_enough_answers(app):
    add(app, "ind", "front_desk_staff", [1] * 4 + [5] * 6, recent())  # 40% low, n 10
    add(app, "expat_centre", "front_desk_staff", [2] * 3 + [5] * 7, recent())  # 30%: not above
    add(app, "gemeenteloket", "front_desk_staff", [1] * 9, recent())  # all low, but n 9
    add(app, "ind", "front_desk_staff", [1] * 50, recent(24 * 10))  # outside the 7 days
    add_rule(app, desk=None)
    with app.app_context():
        trips = alerts.check(db.get_db())
    assert [(t.desk_id, t.n, t.low) for t in trips] == [("ind", 10, 4)]
    assert trips[0].share == pytest.approx(0.4)


def test_rule_for_one_desk_ignores_the_others(app):
    add(app, "expat_centre", "front_desk_staff", [1] * 10, recent())
    add_rule(app, desk="ind")
    with app.app_context():
        assert alerts.check(db.get_db()) == []


def test_coordinator_adds_a_rule_and_sees_it_tripped(app, client, coordinator):
    add(app, "ind", "front_desk_staff", [1] * 4 + [5] * 6, recent())
    coordinator.login()
    response = client.post(
        "/coordinator/alerts",
        data={
            "desk": "ind",
            "percent": "30",
            "days": "7",
            "min_n": "10",
            "next": "/coordinator/?period=all",
        },
    )
    assert (
        response.status_code == 302 and response.headers["Location"] == "/coordinator/?period=all"
    )
    text = page_text(client.get("/coordinator/"))
    assert "IND (immigration service): 40% of 10 ratings were 1 or 2 over the last 7 days" in text
    assert "share of 1-2 ratings above 30% over the last 7 days, with at least 10 ratings" in text
    rule_id = store.alert_rules(db.connect(app.config["DATABASE"]))[0]["id"]
    assert client.post(f"/coordinator/alerts/{rule_id}/off").status_code == 302
    assert "were 1 or 2 over the last" not in page_text(client.get("/coordinator/"))
    assert client.post(f"/coordinator/alerts/{rule_id}/off").status_code == 404


def test_the_alerts_command_reads_as_a_command_in_both_languages(client, coordinator):
    coordinator.login()
    for lang, words in (("en", "E-mail goes out when"), ("nl", "E-mail gaat uit wanneer")):
        client.post("/coordinator/language", data={"lang": lang})
        html = client.get("/coordinator/").get_data(as_text=True)
        assert f"{words} <code>survey alerts</code>" in html
        assert "`" not in page_text(client.get("/coordinator/"))  # no Markdown left raw


def test_a_bad_rule_is_refused(app, client, coordinator):
    coordinator.login()
    client.post(
        "/coordinator/alerts", data={"desk": "ind", "percent": "150", "days": "0", "min_n": "10"}
    )
    text = page_text(client.get("/coordinator/"))
    assert "Number must be between 0 and 99." in text
    assert store.alert_rules(db.connect(app.config["DATABASE"])) == []


def test_untripped_rule_shows_nothing(app, client, coordinator):
    add(app, "ind", "front_desk_staff", [5] * 20, recent())
    add_rule(app)
    coordinator.login()
    assert "were 1 or 2 over the last" not in page_text(client.get("/coordinator/"))


def mail_app(make_app, port):
    return make_app(
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=port,
        MAIL_FROM="survey@example.org",
        ALERT_RECIPIENTS="coordinator@example.org, lead@example.org",
        MAIL_TIMEOUT=5,
    )


def test_cli_mails_tripped_rules_once_a_day(make_app, sink):
    app = mail_app(make_app, sink.port)
    add(app, "ind", "front_desk_staff", [1] * 4 + [5] * 6, recent())
    add_rule(app)
    result = run_cli(app, "alerts")
    assert result.exit_code == 0, result.output
    assert "TRIPPED ind: 40% of 10 ratings" in result.output
    assert "Mailed 1 alert(s) to coordinator@example.org, lead@example.org." in result.output
    assert len(sink.messages) == 1
    message = sink.messages[0]
    assert message["from"] == "<survey@example.org>"
    assert message["to"] == ["<coordinator@example.org>", "<lead@example.org>"]
    assert "Subject: Desk survey alert: 1 rule(s) tripped" in message["data"]
    assert "ind: 40% of 10 ratings were 1 or 2 over the last 7 days" in message["data"]
    again = run_cli(app, "alerts")
    assert again.exit_code == 0 and "Mailed" not in again.output
    assert len(sink.messages) == 1  # still tripped, but mailed less than a day ago


def test_nothing_is_mailed_when_nothing_trips(make_app, sink):
    app = mail_app(make_app, sink.port)
    add(app, "ind", "front_desk_staff", [5] * 10, recent())
    add_rule(app)
    result = run_cli(app, "alerts")
    assert result.exit_code == 0 and "No alert rule is tripped." in result.output
    assert sink.messages == []


def test_a_broken_mail_server_fails_the_command_not_the_dashboard(make_app):
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens on this port now
    app = mail_app(make_app, port)
    add(app, "ind", "front_desk_staff", [1] * 10, recent())
    add_rule(app)
    result = run_cli(app, "alerts")
    assert result.exit_code == 1
    assert "sending the alert e-mail failed" in result.output
    with app.app_context():
        assert store.alert_rules(db.get_db())[0]["last_sent_at"] is None  # tried again next run
    client = app.test_client()
    CoordinatorActions(app, client).login()
    response = client.get("/coordinator/")
    assert response.status_code == 200
    assert "IND (immigration service): 100% of 10 ratings" in page_text(response)


def test_without_mail_configuration_the_command_only_reports(app):
    add(app, "ind", "front_desk_staff", [1] * 10, recent())
    add_rule(app)
    result = run_cli(app, "alerts")
    assert result.exit_code == 0
    assert "TRIPPED ind" in result.output and "Mail is not configured" in result.output
